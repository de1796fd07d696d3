#!/usr/bin/env bash
# Truth-discovery benchmark of `crosscheck fuse` on the three public data sets in
# shared/benchmarks/truth/ (Flight, Population, Book).
#
# Each data set is converted by scripts/truth/*_to_tsv.py into claims/gold TSV in a
# temporary folder (removed on exit), then
#   ${CROSSCHECK:-build/crosscheck} fuse --input CLAIMS --gold GOLD --tolerance SPEC --method all
# runs once per data set, timed (wall clock, whole command). fuse prints one line per
# method on stdout, `method<TAB>NAME<TAB>correct<TAB>total<TAB>precision<TAB>seconds`;
# those lines are collected into one table: data set, method, correct/total,
# precision, seconds (the method's own, as fuse reports it) and the wall clock of
# the whole run.
#
# Runs and their scoring rules:
#   flight YYYYMMDD        every one of the 31 days, tolerance time=10m (Li et al.:
#                          times within 10 minutes are equal), gold = the airline pages
#   flight 20111208 -airl  the snapshot of the paper's Table 7 without the sources aa,
#                          ua and CO whose pages are the gold (the gold-free variant)
#   flight -airl YYYYMMDD  with --no-airlines: every day without aa, ua and CO
#   flight average         per method: mean of the daily precisions (Li et al. Table 9
#                          report the mean), pooled correct/total, summed seconds;
#                          "flight minimum" the lowest day (and the same two rows
#                          for the days without the airlines with --no-airlines)
#   population             tolerance number=1% (the DAFNA run and Li et al. use 1%;
#                          set POP_TOLERANCE=exact for the LCA paper's exact match)
#   population -restated   the same without the claims that restate the item's previous
#                          value in edit order (population_to_tsv.py --drop-restatements:
#                          mostly bots re-saving the infobox value they found)
#   book                   exact: canonical surname lists compared whole (strict,
#                          Dong et al. 2009); see scripts/truth/book_to_tsv.py
#
# usage: scripts/bench_truth.sh [--vote-only] [--summary] [--no-airlines]
#                               [--days "20111208 20111209"]
#   --vote-only  score with scripts/truth/vote.py (majority vote, same output line)
#                instead of crosscheck fuse: tests the whole pipeline without fuse
#   --summary    Flight: print only the 20111208 rows and the averages, not every day
#   --no-airlines  Flight: also run every day without aa, ua and CO (about doubles the time)
#   --days LIST  Flight days to run (default: every claims file)
# env: SHARED (default ../shared beside the repo), CROSSCHECK (default build/crosscheck),
#      POP_TOLERANCE (default number=1%), PYTHON (default python3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=${CROSSCHECK:-$root/build/crosscheck}
py=${PYTHON:-python3}
pop_tol=${POP_TOLERANCE:-number=1%}
truth=$root/scripts/truth
vote_only=0
summary=0
no_airlines=0
days=""
while [ $# -gt 0 ]; do
  case "$1" in
    --vote-only) vote_only=1 ;;
    --summary) summary=1 ;;
    --no-airlines) no_airlines=1 ;;
    --days) days=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench_truth: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

data=$shared/benchmarks/truth
[ -d "$data/flight/claims" ] || { echo "bench_truth: no data in $data (set SHARED)" >&2; exit 1; }
if [ "$vote_only" = 0 ] && ! "$bin" fuse --help >/dev/null 2>&1; then
  echo "bench_truth: $bin has no 'fuse' command; build it, set CROSSCHECK, or use --vote-only" >&2
  exit 1
fi
if [ -z "$days" ]; then
  for f in "$data"/flight/claims/*.txt; do
    f=${f##*/}
    days="$days ${f%.txt}"
  done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results=$tmp/results.tsv   # set, method, correct, total, precision, seconds, run_seconds
: >"$results"

now() { date +%s.%N; }

# run_set NAME CLAIMS GOLD TOLERANCE: score one data set, append its method lines.
run_set() {
  local name=$1 claims=$2 gold=$3 tol=$4 out t0 t1 run
  t0=$(now)
  if [ "$vote_only" = 1 ]; then
    out=$("$py" "$truth/vote.py" "$claims" "$gold" --tolerance "$tol" --method-line 2>>"$tmp/log") || {
      echo "bench_truth: vote.py failed on $name" >&2; cat "$tmp/log" >&2; exit 1; }
  else
    # fuse's default is exact comparison; it takes no 'exact' spec.
    local tolarg=(--tolerance "$tol")
    [ "$tol" = exact ] && tolarg=()
    out=$("$bin" fuse --input "$claims" --gold "$gold" "${tolarg[@]}" --method all 2>>"$tmp/log") || {
      echo "bench_truth: crosscheck fuse failed on $name" >&2; tail -20 "$tmp/log" >&2; exit 1; }
  fi
  t1=$(now)
  run=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  if ! printf '%s\n' "$out" | grep -q '^method	'; then
    echo "bench_truth: no 'method<TAB>...' line from the run on $name" >&2; exit 1
  fi
  printf '%s\n' "$out" | awk -F'\t' -v set="$name" -v run="$run" -v OFS='\t' '
    $1 == "method" && NF >= 6 { print set, $2, $3, $4, $5, $6, run }' >>"$results"
}

# Conversions (adapter summaries go to $tmp/log; the first line of each is shown).
echo "bench_truth: converting (data in $data)" >&2
for d in $days; do
  "$py" "$truth/flight_to_tsv.py" "$d" --shared "$shared" \
    --out-claims "$tmp/flight_$d.claims" --out-gold "$tmp/flight_$d.gold" 2>"$tmp/conv_flight_$d.log"
  grep -q 'unparsed time values: 0;' "$tmp/conv_flight_$d.log" ||
    { echo "bench_truth: flight $d has unparsed times:" >&2; grep unparsed "$tmp/conv_flight_$d.log" >&2; }
  if [ "$no_airlines" = 1 ]; then
    "$py" "$truth/flight_to_tsv.py" "$d" --shared "$shared" --drop-airlines \
      --out-claims "$tmp/flight_na_$d.claims" --out-gold "$tmp/flight_na_$d.gold" 2>"$tmp/conv_na_$d.log"
  fi
done
ndays=$(echo "$days" | wc -w)
echo "  flight: $ndays days converted" >&2
snap=20111208
if [ -f "$data/flight/claims/$snap.txt" ]; then
  "$py" "$truth/flight_to_tsv.py" $snap --shared "$shared" --drop-airlines \
    --out-claims "$tmp/flight_noairl.claims" --out-gold "$tmp/flight_noairl.gold" 2>"$tmp/conv_noairl.log"
fi
"$py" "$truth/population_to_tsv.py" --shared "$shared" \
  --out-claims "$tmp/population.claims" --out-gold "$tmp/population.gold" 2>"$tmp/conv_pop.log"
head -1 "$tmp/conv_pop.log" | sed 's/^/  /' >&2
"$py" "$truth/population_to_tsv.py" --shared "$shared" --drop-restatements \
  --out-claims "$tmp/population_nr.claims" --out-gold "$tmp/population_nr.gold" 2>"$tmp/conv_pop_nr.log"
sed -n '2p' "$tmp/conv_pop_nr.log" | sed 's/^/  /' >&2
"$py" "$truth/book_to_tsv.py" --shared "$shared" \
  --out-claims "$tmp/book.claims" --out-gold "$tmp/book.gold" 2>"$tmp/conv_book.log"
sed -n '1,2p' "$tmp/conv_book.log" | sed 's/^/  /' >&2

echo "bench_truth: scoring with $([ "$vote_only" = 1 ] && echo "scripts/truth/vote.py (--vote-only)" || echo "$bin fuse")" >&2
for d in $days; do
  run_set "flight $d" "$tmp/flight_$d.claims" "$tmp/flight_$d.gold" "time=10m"
done
if [ "$no_airlines" = 1 ]; then
  for d in $days; do
    run_set "flight -airl $d" "$tmp/flight_na_$d.claims" "$tmp/flight_na_$d.gold" "time=10m"
  done
fi
[ -f "$tmp/flight_noairl.claims" ] &&
  run_set "flight $snap -aa-ua-CO" "$tmp/flight_noairl.claims" "$tmp/flight_noairl.gold" "time=10m"
run_set "population ($pop_tol)" "$tmp/population.claims" "$tmp/population.gold" "$pop_tol"
run_set "population -restated ($pop_tol)" "$tmp/population_nr.claims" "$tmp/population_nr.gold" \
  "$pop_tol"
run_set "book (exact)" "$tmp/book.claims" "$tmp/book.gold" "exact"

# The table. Flight averages: mean daily precision, pooled counts, summed seconds;
# the days with and without the airline sources are averaged apart.
awk -F'\t' -v summary="$summary" -v snap="flight $snap" '
  function row(set, m, c, t, p, s, r) {
    printf "%-34s %-22s %13s %9.4f %9.3f %9.3f\n", set, m, c "/" t, p, s, r
  }
  BEGIN {
    printf "%-34s %-22s %13s %9s %9s %9s\n", "data set", "method", "correct/total", "precision", "seconds", "run s"
  }
  {
    set = $1; m = $2; g = ""
    if (set ~ /^flight [0-9]+$/) g = "flight"
    else if (set ~ /^flight -airl [0-9]+$/) g = "flight -airl"
    if (g != "") {
      k = g SUBSEP m
      if (!(g in gseen)) { gseen[g] = 1; groups[++ng] = g }
      if (!(k in fn)) { order[g, ++nm[g]] = m }
      fn[k]++; fp[k] += $5; fc[k] += $3; ft[k] += $4; fs[k] += $6; fr[k] += $7
      if (!(k in fmin) || $5 < fmin[k]) fmin[k] = $5
      if (summary == 1 && set != snap) next
    }
    row(set, m, $3, $4, $5, $6, $7)
  }
  END {
    for (j = 1; j <= ng; j++) {
      g = groups[j]
      for (i = 1; i <= nm[g]; i++) {
        m = order[g, i]; k = g SUBSEP m
        row(sprintf("%s average (%d days)", g, fn[k]), m, fc[k], ft[k], fp[k] / fn[k], fs[k], fr[k])
      }
      for (i = 1; i <= nm[g]; i++) {
        m = order[g, i]; k = g SUBSEP m
        printf "%-34s %-22s %13s %9.4f\n", sprintf("%s minimum (%d days)", g, fn[k]), m, "", fmin[k]
      }
    }
  }' "$results"
