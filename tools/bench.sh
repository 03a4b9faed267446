#!/usr/bin/env bash
# make bench: abc against DuckDB (../shared/bench/anchor_duckdb.py) on the 1m and 10m benchmark
# data, side by side in the same run. Prints abc's phases (abc bench), then whole-job wall time
# and peak RSS (GNU time) of both, interleaved, median of 3, and the ratios; then checks the
# 10m figures against summary_10m.txt. Expects the Makefile to have made the venv and the data.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DATA=${DATA:-data}
BENCH=../shared/bench
ABC=.build/release/abc
RUNS=${RUNS:-3}
SIZES=${SIZES:-1m 10m}

"$PYTHON" -c 'import duckdb' || { echo "bench: duckdb is not installed in $PYTHON" >&2; exit 1; }

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One whole-job run: prints "seconds kilobytes".
measure() {
  local out
  out=$( { /usr/bin/time -f 'TIME %e %M' "$@" >/dev/null; } 2>&1 | grep '^TIME' | tail -1)
  echo "${out#TIME }"
}

printf '\nmachine: %s cores, %s\n' "$(nproc)" "$(lscpu | sed -n 's/^Model name: *//p')"
for size in $SIZES; do
  file="$DATA/transactions_$size.csv"
  echo
  echo "== $size: $file ($(du -h "$file" | cut -f1)) =="
  echo "-- abc phases (abc bench, one run)"
  "$ABC" bench "$file" --reseg 5 | sed 's/^/   /'
  abc_t=(); abc_m=(); duck_t=(); duck_m=(); open_t=()
  for run in $(seq "$RUNS"); do
    read -r t m < <(measure "$ABC" -c "load $file; segment; set tiers revenue 80/15/5; segment")
    abc_t+=("$t"); abc_m+=("$m")
    read -r t m < <(measure "$PYTHON" "$BENCH/anchor_duckdb.py" "$file")
    duck_t+=("$t"); duck_m+=("$m")
    read -r t m < <(measure sh -c "echo quit | $ABC $file")
    open_t+=("$t")
  done
  at=$(printf '%s\n' "${abc_t[@]}" | median); am=$(printf '%s\n' "${abc_m[@]}" | median)
  dt=$(printf '%s\n' "${duck_t[@]}" | median); dm=$(printf '%s\n' "${duck_m[@]}" | median)
  ot=$(printf '%s\n' "${open_t[@]}" | median)
  echo "-- whole job (load, segment, both tierings, print), median of $RUNS, interleaved"
  printf '   %-8s %9s %12s\n' engine "wall s" "peak RSS MiB"
  printf '   %-8s %9.2f %12.0f\n' abc "$at" "$(echo "$am / 1024" | bc -l)"
  printf '   %-8s %9.2f %12.0f\n' duckdb "$dt" "$(echo "$dm / 1024" | bc -l)"
  printf '   ratio    abc/duckdb time %.2f (target ≤ 0.33), memory %.2f (target ≤ 0.50)\n' \
    "$(echo "$at / $dt" | bc -l)" "$(echo "$am / $dm" | bc -l)"
  printf '   shell open with the file loaded (echo quit | abc FILE): %.2f s\n' "$ot"
done

echo
echo "-- 10m reference check (summary_10m.txt, both tierings, customer-summary file)"
ABC_ACCEPTANCE_SIZES=10m ABC_ACCEPTANCE_DATA="$(pwd)/$DATA" ABC_RELEASE_BINARY="$(pwd)/$ABC" \
  swift test --filter ReferenceAnswerTests 2>&1 | grep -E '✔|✘|passed|failed' | tail -4
