#!/usr/bin/env bash
# Extraction speed on one core: every GENIA training abstract (one document a file)
# through `claimgraph extract`, rules and learned reader together. Reports sentences per
# second of CPU time (user + system), so other load on the machine does not count.
# usage: bench/extract_speed.sh [CLAIMGRAPH_BINARY] [TEXT_DIR]
set -euo pipefail
bin=${1:-target/release/claimgraph}
dir=${2:-../shared/corpus/genia-train/eval}
python3 - "$bin" "$dir" <<'PY'
import glob, os, re, resource, subprocess, sys
bin, d = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(d, "*.txt")))
sentences = sum(len([s for s in re.split(r"(?<=[.!?])\s+|\n", open(f).read()) if s.strip()])
                for f in files)
env = dict(os.environ, RAYON_NUM_THREADS="1")
best = None
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([bin, "extract", *files], stdout=subprocess.DEVNULL, check=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    best = cpu if best is None else min(best, cpu)
print(f"{len(files)} documents, {sentences} sentences, best of 3: {best:.2f} s CPU, "
      f"{sentences / best:.0f} sentences/s on one core")
PY
