#!/usr/bin/env bash
# The Python package's CI: builds the wheel once (release, as `pip install .` does), then
# for each of CPython 3.11 and 3.13 installs it into a fresh venv with the test
# requirements and runs the pytest suite against it. The tests compare the package's
# answers with the CLI binary built from the same tree (CLAIMGRAPH_BIN).
# Under CI=true a missing interpreter, tool or binary fails; nothing is skipped.
#   PYTHON_VERSIONS="3.11 3.13"  which interpreters (pyenv's 3.11.x and 3.13.x)
#   MATURIN=path                 the maturin to use (default: .venv-py/bin/maturin)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

maturin=${MATURIN:-$root/.venv-py/bin/maturin}
if [ ! -x "$maturin" ]; then
  echo "python/ci.sh: no maturin at $maturin (run .ci/setup)" >&2
  exit 1
fi

# The interpreter for version $1 (such as 3.13): python3.13 on PATH, else pyenv's.
interpreter() {
  local v=$1 root p
  root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
  for p in "$root"/versions/"$v".*/bin/python"$v"; do
    if [ -x "$p" ]; then
      echo "$p"
      return
    fi
  done
  if command -v "python$v" >/dev/null 2>&1; then
    command -v "python$v"
    return
  fi
  return 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The bindings crate is not a default member of the workspace: lint it here.
cargo clippy -p claimgraph-py --all-targets --quiet -- -D warnings

echo "python/ci.sh: building the wheel (release)"
"$maturin" build --release --quiet --out "$work/wheels"
wheel=$(ls "$work"/wheels/claimgraph-*.whl)
echo "python/ci.sh: $(basename "$wheel"), $(du -k "$wheel" | cut -f1) KiB"

cargo build --quiet --bin claimgraph
export CLAIMGRAPH_BIN="$root/target/debug/claimgraph"

status=0
for v in ${PYTHON_VERSIONS:-3.11 3.13}; do
  py=$(interpreter "$v") || { echo "python/ci.sh: no Python $v (pyenv install $v)" >&2; exit 1; }
  venv="$work/venv-$v"
  "$py" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r python/requirements-test.txt "$wheel"
  echo "python/ci.sh: pytest on $("$venv/bin/python" --version)"
  # From the tests' own directory, so that `import claimgraph` finds the installed
  # wheel and never the sources in python/claimgraph.
  (cd python/tests && "$venv/bin/python" -m pytest -q -p no:cacheprovider .) || status=1
done
exit $status
