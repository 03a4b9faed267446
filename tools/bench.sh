#!/usr/bin/env bash
# make bench: abc against DuckDB and polars (../shared/bench/anchor_*.py, pinned in .venv) on
# the 1m and 10m benchmark data, in the same run. For each size: abc's phases (abc bench), then
# the whole job (load, segment, set tiers revenue 80/15/5, segment) of all three, interleaved,
# median of $RUNS, wall time and peak RSS (GNU time), and abc's ratios against the faster and
# the smaller peer; re-segmenting 1M customers against polars' --reseg 5; the memory per row of
# the 10m data with a unique order id per row (made here from the 10m file); and the check of
# the 1m and 10m figures against summary_*.txt. Expects the Makefile to have made the venv,
# the data and the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DATA=${DATA:-data}
BENCH=../shared/bench
ABC=.build/release/abc
RUNS=${RUNS:-3}
SIZES=${SIZES:-1m 10m}

"$PYTHON" -c 'import duckdb, polars' || { echo "bench: duckdb and polars must be installed in $PYTHON" >&2; exit 1; }

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mib() { echo "$1 / 1024" | bc -l; }
ratio() { echo "$1 / $2" | bc -l; }
min() { if (( $(echo "$1 <= $2" | bc -l) )); then echo "$1"; else echo "$2"; fi; }

# One whole-job run: prints "seconds kilobytes".
measure() {
  local out
  out=$( { /usr/bin/time -f 'TIME %e %M' "$@" >/dev/null; } 2>&1 | grep '^TIME' | tail -1)
  echo "${out#TIME }"
}

JOB="segment; set tiers revenue 80/15/5; segment"
printf '\nmachine: %s cores, %s; duckdb %s, polars %s\n' "$(nproc)" "$(lscpu | sed -n 's/^Model name: *//p')" \
  "$("$PYTHON" -c 'import duckdb; print(duckdb.__version__)')" "$("$PYTHON" -c 'import polars; print(polars.__version__)')"
for size in $SIZES; do
  file="$DATA/transactions_$size.csv"
  echo
  echo "== $size: $file ($(du -h "$file" | cut -f1)) =="
  echo "-- abc phases (abc bench, one run)"
  "$ABC" bench "$file" --reseg 5 | sed 's/^/   /'
  declare -A t m
  for engine in abc duckdb polars; do t[$engine]=""; m[$engine]=""; done
  for run in $(seq "$RUNS"); do
    read -r a b < <(measure "$ABC" -c "load $file; $JOB"); t[abc]+="$a "; m[abc]+="$b "
    read -r a b < <(measure "$PYTHON" "$BENCH/anchor_duckdb.py" "$file"); t[duckdb]+="$a "; m[duckdb]+="$b "
    read -r a b < <(measure "$PYTHON" "$BENCH/anchor_polars.py" "$file"); t[polars]+="$a "; m[polars]+="$b "
  done
  declare -A mt mm
  for engine in abc duckdb polars; do
    mt[$engine]=$(printf '%s\n' ${t[$engine]} | median)
    mm[$engine]=$(printf '%s\n' ${m[$engine]} | median)
  done
  echo "-- whole job (load, segment, both tierings, print), median of $RUNS, interleaved"
  printf '   %-8s %9s %12s\n' engine "wall s" "peak RSS MiB"
  for engine in abc duckdb polars; do
    printf '   %-8s %9.2f %12.0f\n' "$engine" "${mt[$engine]}" "$(mib "${mm[$engine]}")"
  done
  fast=$(min "${mt[duckdb]}" "${mt[polars]}"); small=$(min "${mm[duckdb]}" "${mm[polars]}")
  printf '   ratio    abc / faster peer time %.2f (goal ≤ 0.33), abc / smaller peer memory %.2f (goal ≤ 0.50)\n' \
    "$(ratio "${mt[abc]}" "$fast")" "$(ratio "${mm[abc]}" "$small")"
  if [ "$size" = 10m ]; then
    echo "-- re-segmenting the 1M customers with new weights (median of 5, same run)"
    abc_reseg=$("$ABC" bench "$file" --reseg 5 | sed -n 's/^resegment (median) *\([0-9.]*\) ms.*/\1/p')
    polars_reseg=$("$PYTHON" "$BENCH/anchor_polars.py" "$file" --reseg 5 2>&1 >/dev/null | sed -n 's/.*resegment n=5 median=\([0-9.]*\)s.*/\1/p')
    polars_ms=$(echo "$polars_reseg * 1000" | bc -l)
    printf '   abc %.0f ms, polars %.0f ms: ratio %.2f (goal ≤ 0.15)\n' "$abc_reseg" "$polars_ms" "$(ratio "$abc_reseg" "$polars_ms")"
    orders="$DATA/transactions_10m_orders.csv"
    [ -f "$orders" ] || awk -F, 'NR == 1 { print $0 ",order_id"; next } { print $0 ",O" NR - 1 }' "$file" > "$orders"
    read -r a b < <(measure "$ABC" -c "load $orders; $JOB")
    printf -- '-- memory per row, 10m rows with a unique order id each (%s): %.2f s, peak %.0f MiB, %.1f bytes a row (goal ≤ 550 MiB)\n' \
      "$orders" "$a" "$(mib "$b")" "$(echo "$b * 1024 / 10000000" | bc -l)"
  fi
done

echo
echo "-- reference check (summary_1m.txt and summary_10m.txt, both tierings, customer-summary files)"
ABC_ACCEPTANCE_SIZES=1m,10m ABC_ACCEPTANCE_DATA="$(pwd)/$DATA" ABC_RELEASE_BINARY="$(pwd)/$ABC" \
  swift test --filter ReferenceAnswerTests 2>&1 | grep -E '✔|✘|passed|failed' | tail -4
