#!/usr/bin/env bash
# Site benchmark: guidepress against Hugo on the bundled guideline and on
# synthetic corpora (bench/site_corpus.mjs).  For each corpus, RUNS runs
# of each generator, each into a fresh output directory; prints the
# median wall time, CPU time (user + system) and peak RSS of each, and
# the ratio of wall times Hugo / guidepress.
#
#   bench/site.sh [SIZE...]      default: bundled 300 3000 30000
#   RUNS=5 bench/site.sh 3000
#
# guidepress is measured with bench/site_only (load, check, write the
# site: what `guidepress build` does apart from the PDF book); Hugo with
# `hugo --quiet` on an equivalent minimal layout (one page per control,
# list pages per part and section, the evaluation items as a table).
# "floor s" is bench/xml_floor on guidepress's own pages: the least any
# generator that makes these pages as libxml2 trees must spend (make each
# tree, serialise it, write it, free it; no loading, no navigation, no
# search index), and "hugo/fl" Hugo's time over it: the most such a
# generator could be faster than Hugo.
# Outputs are deleted only at the end: deleting thousands of files slows
# the file system for a while and would skew the later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
W=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/gp-site-bench.XXXXXX")
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(bundled 300 3000 30000)
command -v hugo >/dev/null || { echo "bench: hugo is not installed (Debian package hugo)" >&2; exit 1; }

make -s B=build build/libgp.a
pkgs=$(sed -n 's/^PKGS *= *//p' Makefile)
cc -O2 -std=c17 -D_POSIX_C_SOURCE=200809L -Igenerator $(pkg-config --cflags $pkgs) \
	-o "$W/site_only" bench/site_only.c build/libgp.a \
	$(pkg-config --libs $pkgs) -lcmark-gfm-extensions -lm
cc -O2 -std=c17 -D_POSIX_C_SOURCE=200809L $(pkg-config --cflags glib-2.0 libxml-2.0) \
	-o "$W/xml_floor" bench/xml_floor.c $(pkg-config --libs glib-2.0 libxml-2.0)

# run NAME CMD...: one timed run; appends "wall kilobytes cpu" to $W/NAME
# (cpu: user + system seconds, steadier than wall time on a busy machine)
run() {
	local name=$1
	shift
	/usr/bin/time -f "%e %M %U %S" -o "$W/time.tmp" "$@" >/dev/null 2>"$W/err.tmp" ||
		{ cat "$W/err.tmp" >&2; echo "bench: $name failed" >&2; exit 1; }
	awk '{print $1, $2, $3 + $4}' "$W/time.tmp" >>"$W/$name"
}

# median of column COL of FILE
median() {
	sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'
}

printf '%-8s %8s %6s | %7s %7s %7s | %7s %7s %7s | %7s | %7s %7s\n' corpus controls \
	pages "gp s" "gp cpu" "gp MB" "hugo s" "cpu" "MB" "hugo/gp" \
	"floor s" "hugo/fl"
for size in "${sizes[@]}"; do
	c=$W/c-$size
	node bench/site_corpus.mjs "$size" "$c" >/dev/null
	controls=$(find "$c/content" -name '*.md' ! -name '_index.md' -path '*I*/*.*.*.*' | wc -l)
	for i in $(seq "$RUNS"); do
		run "gp-$size" "$W/site_only" "$c/content" "$c/out-gp-$i" themes/default
		(cd "$c/hugo" && run "hugo-$size" hugo --quiet -d "$c/out-hugo-$i")
	done
	pages=$(find "$c/out-gp-1" -name '*.html' | wc -l)
	for i in $(seq "$RUNS"); do
		"$W/xml_floor" "$c/out-gp-1" "$c/floor-$i" | awk '{print $2}' >>"$W/floor-$size"
	done
	fs=$(median "$W/floor-$size" 1)
	gs=$(median "$W/gp-$size" 1)
	gm=$(median "$W/gp-$size" 2)
	gc=$(median "$W/gp-$size" 3)
	hs=$(median "$W/hugo-$size" 1)
	hm=$(median "$W/hugo-$size" 2)
	hc=$(median "$W/hugo-$size" 3)
	printf '%-8s %8d %6d | %7.2f %7.2f %7.1f | %7.2f %7.2f %7.1f | %6.1fx | %7.3f %6.1fx\n' \
		"$size" "$controls" "$pages" "$gs" "$gc" \
		"$(echo "$gm / 1024" | bc -l)" "$hs" "$hc" \
		"$(echo "$hm / 1024" | bc -l)" "$(echo "$hs / ($gs + 0.005)" | bc -l)" \
		"$fs" "$(echo "$hs / ($fs + 0.0005)" | bc -l)"
done
rm -rf "$W"
