#!/usr/bin/env bash
# Benchmark: the result cache. A first `faultline check` of a Python tree with an
# empty cache, then runs on the unchanged tree, which read every outcome back;
# and ruff's cold run (`--no-cache`) on the same tree, for scale.
#
#   bench/cache.sh [PYTHON_TREE] [RUNS]
#
# Without a tree, the Python service of the generated corpus is used. Targets:
# the warm run at least 5x faster than the cold one, and faster than ruff's cold run.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:-}
runs=${2:-5}
# shellcheck source=bench/lib.sh
. bench/lib.sh
cargo build --release --quiet
[ -n "$tree" ] || tree=$(corpus)/svc_py
bin=$PWD/target/release/faultline
ruff=$(command -v ruff || true)
if [ -z "$ruff" ]; then
  [ -x target/bench-tools/bin/ruff ] || python3 -m pip install --quiet --target target/bench-tools ruff
  ruff=$PWD/target/bench-tools/bin/ruff
fi
files=$(find "$tree" -name '*.py' | wc -l)
echo "tree: $tree ($files Python files); $("$ruff" --version)"

cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT

# Each cold run starts from an empty cache; the minimum of $runs is reported
# (noise on a shared machine only ever adds time).
cold=999999; warm=999999; ruff_cold=999999
for _ in $(seq "$runs"); do
  rm -rf "$cache/c"
  cold=$(min "$cold" "$(secs "$bin" check "$tree" --format json --fail-on never --cache-dir "$cache/c")")
  warm=$(min "$warm" "$(secs "$bin" check "$tree" --format json --fail-on never --cache-dir "$cache/c")")
  ruff_cold=$(min "$ruff_cold" "$(secs "$ruff" check --no-cache --exit-zero --quiet "$tree")")
done
# The warm report is the cold one, byte for byte (the duration aside).
"$bin" check "$tree" --format json --fail-on never --no-cache | grep -v duration_ms >"$cache/a"
"$bin" check "$tree" --format json --fail-on never --cache-dir "$cache/c" | grep -v duration_ms >"$cache/b"
cmp -s "$cache/a" "$cache/b" || { echo "the cached report differs from the uncached one" >&2; exit 1; }

printf 'faultline cold  %6.2f s\n' "$cold"
printf 'faultline warm  %6.2f s\n' "$warm"
printf 'ruff cold       %6.2f s\n' "$ruff_cold"
awk -v c="$cold" -v w="$warm" 'BEGIN { if (w == 0) w = 0.005; printf "cold/warm: %.1fx (target >= 5x)\n", c/w }'
awk -v r="$ruff_cold" -v w="$warm" 'BEGIN { if (w == 0) w = 0.005; printf "ruff cold/faultline warm: %.1fx (target > 1x)\n", r/w }'
