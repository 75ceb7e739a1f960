#!/usr/bin/env bash
# Rebuild benchmark: the time of a full build of the site and of a
# rebuild after one control is edited, side by side, on synthetic
# corpora (bench/site_corpus.mjs); and the time of the PDF book, which is
# always rebuilt whole.
#
#   bench/rebuild.sh [SIZE...]     default: 300 3000
#   RUNS=5 bench/rebuild.sh 3000
#
# Full site: `guidepress build --no-pdf` into a fresh directory.  Full
# build: `guidepress build` (site and book) into a fresh directory.
# Rebuild: `guidepress build --no-pdf` into the directory the full site
# build made, after one control's text was edited (a new edit each run:
# a paragraph appended after its best practices, which the search does
# not index); the files whose bytes did not change are kept as they
# were.  Searched: the same, after a sentence the search indexes was put
# in the control's text.  The book alone: `guidepress pdf`.  Outputs are
# deleted only at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
W=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/gp-rebuild-bench.XXXXXX")
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(300 3000)
make -s B=build build/guidepress
GP=$PWD/build/guidepress

# secs CMD...: wall seconds of one run.  The disk is synced first, so
# that one run does not pay for the writing of the one before; the clock
# is bash's own, as a date process would add its start to the time.
secs() {
	local s e
	sync
	s=$EPOCHREALTIME
	"$@" >/dev/null 2>"$W/err" || { cat "$W/err" >&2; exit 1; }
	e=$EPOCHREALTIME
	echo "$e - $s" | bc -l
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }


printf '%-8s %8s | %9s %9s %9s | %9s %9s | %9s %9s | %9s | %s\n' corpus \
	controls "site s" "all s" "rebuild s" "/site" "/all" "searched s" \
	"/site" "book s" "files rewritten / kept"
for size in "${sizes[@]}"; do
	c=$W/c-$size
	node bench/site_corpus.mjs "$size" "$c" >/dev/null
	controls=$(find "$c/content" -name '*.md' ! -name '_index.md' | wc -l)
	victim=$(find "$c/content/III" -name 'III.*.*.*.md' | sort | sed -n 1p)
	full=() all=() rebuild=() seen=() pdf=()
	for i in $(seq "$RUNS"); do
		all+=("$(secs "$GP" build --content "$c/content" --out "$c/all-$i")")
		full+=("$(secs "$GP" build --no-pdf --content "$c/content" --out "$c/out-$i")")
		find "$c/out-$i" -type f -printf '%P %T@\n' | sort >"$W/before"
		printf '\n追記 %d。\n' "$i" >>"$victim"
		rebuild+=("$(secs "$GP" build --no-pdf --content "$c/content" --out "$c/out-$i")")
		find "$c/out-$i" -type f -printf '%P %T@\n' | sort >"$W/after"
		python3 bench/edit_searched.py "$victim" "検索される追記$i"
		seen+=("$(secs "$GP" build --no-pdf --content "$c/content" --out "$c/out-$i")")
		pdf+=("$(secs "$GP" pdf --content "$c/content" -o "$c/book-$i.pdf")")
	done
	changed=$(comm -13 "$W/before" "$W/after" | wc -l)
	total=$(wc -l <"$W/after")
	f=$(printf '%s\n' "${full[@]}" | median)
	a=$(printf '%s\n' "${all[@]}" | median)
	r=$(printf '%s\n' "${rebuild[@]}" | median)
	sr=$(printf '%s\n' "${seen[@]}" | median)
	p=$(printf '%s\n' "${pdf[@]}" | median)
	printf '%-8s %8d | %9.3f %9.3f %9.3f | %8.1f%% %8.1f%% | %9.3f %8.1f%% | %9.3f | %d / %d\n' \
		"$size" "$controls" "$f" "$a" "$r" "$(echo "100 * $r / $f" | bc -l)" \
		"$(echo "100 * $r / $a" | bc -l)" "$sr" "$(echo "100 * $sr / $f" | bc -l)" \
		"$p" "$changed" "$((total - changed))"
done
rm -rf "$W"
