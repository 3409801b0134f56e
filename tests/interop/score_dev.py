#!/usr/bin/env python3
"""Score claimgraph's extractor on the dev corpus with the shared scorer.

usage: score_dev.py CLAIMGRAPH_BINARY SHARED_DIR [--floor-summary F] [--floor-genia F]
                    [--halves] [--verbose] [-- EXTRACT_OPTIONS...]
       score_dev.py --score-dir CLAIMS_DIR GOLD_DIR SHARED_DIR [--name NAME] [--verbose]

Runs `claimgraph extract` on every document that has a gold file (the research
summaries in corpus/, the GENIA abstracts in corpus/genia-dev/), scores each with
tools/score_claims.py (lenient), and prints micro-averaged precision, recall and F1 per
set. Exits 1 when a set falls below its floor. With --halves the GENIA set is also
scored as its two halves by file name (odd and even PubMed ids), the split used to
check that a rule helps text it was not written for. Options after `--` go to
`claimgraph extract` (e.g. `-- --lexicon graph/lexicon/derived`).
"""
import argparse, json, os, subprocess, sys


def score_dir(argv):
    """Score every CLAIMS_DIR/**/STEM.jsonl against GOLD_DIR/STEM.gold.tsv (micro)."""
    verbose = "--verbose" in argv
    name = argv[argv.index("--name") + 1] if "--name" in argv else "claims"
    claims_dir, gold_dir, shared = [a for a in argv if not a.startswith("--") and a != name][:3]
    sys.path.insert(0, os.path.join(shared, "tools"))
    import score_claims as sc
    found = required = good = extracted = docs = 0
    for root, _, files in sorted(os.walk(claims_dir)):
        for f in sorted(files):
            if not f.endswith(".jsonl"):
                continue
            gold_path = os.path.join(gold_dir, f[:-6] + ".gold.tsv")
            if not os.path.exists(gold_path):
                continue
            claims = [json.loads(l) for l in open(os.path.join(root, f), encoding="utf-8") if l.strip()]
            gold = sc.load_gold(gold_path)
            req = [g for g in gold if g["pol"] != "optional"]
            fd = [g for g in req if sc.found_in(g, claims, False)]
            ok = [c for c in claims if sc.supports(c, gold, False)]
            found += len(fd); required += len(req); good += len(ok); extracted += len(claims); docs += 1
            if verbose:
                print(f"== {f[:-6]}: claims={len(claims)} good={len(ok)} gold={len(req)} found={len(fd)}")
                for g in req:
                    if g not in fd:
                        print("   MISSED", g["text"])
                for c in claims:
                    if c not in ok:
                        print("   EXTRA ", c["subject"].get("mention") or c["subject"]["label"], c["relation"],
                              c["object"].get("mention") or c["object"]["label"], "negated" if c.get("negated") else "")
    p = good / max(1, extracted)
    r = found / max(1, required)
    f1 = 2 * p * r / max(1e-9, p + r)
    print(f"{name}: documents={docs} claims={extracted} good={good} gold={required} found={found} "
          f"precision={p:.3f} recall={r:.3f} f1={f1:.3f}")


def main():
    if "--score-dir" in sys.argv:
        return score_dir([a for a in sys.argv[1:] if a != "--score-dir"])
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("shared")
    ap.add_argument("--floor-summary", type=float, default=0.0)
    ap.add_argument("--floor-genia", type=float, default=0.0)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--halves", action="store_true")
    argv = sys.argv[1:]
    extract_opts = argv[argv.index("--") + 1:] if "--" in argv else []
    args = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    sys.path.insert(0, os.path.join(args.shared, "tools"))
    import score_claims as sc

    corpus = os.path.join(args.shared, "corpus")
    sets = {
        "summaries": sorted(os.path.join(corpus, f[:-9]) for f in os.listdir(corpus) if f.endswith(".gold.tsv")),
        "genia": sorted(os.path.join(corpus, "genia-dev", f[:-9])
                        for f in os.listdir(os.path.join(corpus, "genia-dev")) if f.endswith(".gold.tsv")),
    }
    s2 = os.path.join(corpus, "summaries-2")
    if os.path.isdir(s2):
        sets["summaries-2"] = sorted(os.path.join(s2, f[:-9]) for f in os.listdir(s2) if f.endswith(".gold.tsv"))
    floors = {"summaries": args.floor_summary, "genia": args.floor_genia, "summaries-2": 0.0}
    if args.halves:
        pmid = lambda stem: int(os.path.basename(stem))
        sets["genia-odd"] = [s for s in sets["genia"] if pmid(s) % 2 == 1]
        sets["genia-even"] = [s for s in sets["genia"] if pmid(s) % 2 == 0]
        floors["genia-odd"] = floors["genia-even"] = 0.0
    failed = False
    for name, stems in sets.items():
        found = required = good = extracted = 0
        for stem in stems:
            out = subprocess.run([args.binary, "extract", stem + ".txt", *extract_opts],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print(f"{stem}: extract failed: {out.stderr}", file=sys.stderr)
                sys.exit(2)
            claims = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
            gold = sc.load_gold(stem + ".gold.tsv")
            req = [g for g in gold if g["pol"] != "optional"]
            f = [g for g in req if sc.found_in(g, claims, False)]
            ok = [c for c in claims if sc.supports(c, gold, False)]
            found += len(f); required += len(req); good += len(ok); extracted += len(claims)
            if args.verbose:
                print(f"== {os.path.basename(stem)}: claims={len(claims)} good={len(ok)} gold={len(req)} found={len(f)}")
                for g in req:
                    if g not in f:
                        print("   MISSED", g["text"])
                for c in claims:
                    if c not in ok:
                        print("   EXTRA ", c["subject"]["label"], c["relation"], c["object"]["label"],
                              "negated" if c.get("negated") else "")
        p = good / max(1, extracted)
        r = found / max(1, required)
        f1 = 2 * p * r / max(1e-9, p + r)
        status = "ok" if f1 >= floors[name] else "BELOW FLOOR"
        print(f"{name}: documents={len(stems)} claims={extracted} gold={required} "
              f"precision={p:.3f} recall={r:.3f} f1={f1:.3f} (floor {floors[name]:.2f}) {status}")
        failed |= f1 < floors[name]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
