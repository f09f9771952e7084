#!/usr/bin/env bash
# Benchmark: `faultline failure-modes` against `faultline check` on the same tree
# (the generated corpus by default), the result cache off for both: the matrix is
# built from the scan's own facts, so it should cost little more than the scan.
#
#   bench/failure_modes.sh [TREE] [RUNS]
#
# Target: the matrix at most 1.5x the check.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:-}
runs=${2:-5}
# shellcheck source=bench/lib.sh
. bench/lib.sh
cargo build --release --quiet
[ -n "$tree" ] || tree=$(corpus)
bin=target/release/faultline
# Interleaved; the minimum of $runs each (noise only ever adds time).
check=999999; matrix=999999
for _ in $(seq "$runs"); do
  check=$(min "$check" "$(secs "$bin" check "$tree" --format json --fail-on never --no-cache -q)")
  matrix=$(min "$matrix" "$(secs "$bin" failure-modes "$tree" --format json --no-cache -q)")
done
printf 'check           %6.2f s\n' "$check"
printf 'failure-modes   %6.2f s\n' "$matrix"
awk -v c="$check" -v m="$matrix" 'BEGIN { if (c == 0) c = 0.005; printf "failure-modes/check: %.2fx (target <= 1.5x)\n", m/c }'
