# Shared by the benchmark scripts (sourced).

# Wall seconds of one run of a command (its output discarded).
secs() {
  local tmp
  tmp=$(mktemp)
  /usr/bin/time -o "$tmp" -f '%e' "$@" >/dev/null 2>&1 || true
  tail -1 "$tmp"
  rm -f "$tmp"
}

# The smaller of two numbers.
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b < a) ? b : a }'; }

# The generated corpus bench/run.sh also uses (240 files per language), made on
# first use; prints its directory.
corpus() {
  [ -d target/bench-corpus-240 ] || python3 bench/gen_corpus.py target/bench-corpus-240 240 >&2
  echo target/bench-corpus-240
}
