#!/usr/bin/env bash
# The W3C Nu HTML Checker (npm vnu-jar) finds no error on any page of the
# published site, nor in its style sheets; nor on the site of the
# smallest valid guideline (tests/regress/base: no author, no
# attribution, two controls), where optional parts are left out.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
jar=tests/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$jar" ] || { echo "FAIL $jar missing: run npm ci --prefix tests"; exit 1; }
for c in content tests/regress/base; do
	out=$T/$(basename "$c")
	"$GP" build --content "$c" --out "$out" >"$T/log" 2>&1 ||
		{ cat "$T/log"; echo "FAIL build of $c"; exit 1; }
	pages=$(find "$out" -name '*.html' | wc -l)
	if ! java -jar "$jar" --errors-only --also-check-css --skip-non-html \
		"$out" $(find "$out" -name '*.css' | sort) 2>"$T/vnu"; then
		echo "FAIL the Nu HTML Checker reports errors on $c:"
		sed "s:$out/::" "$T/vnu" | head -40
		exit 1
	fi
	[ ! -s "$T/vnu" ] || { cat "$T/vnu"; exit 1; }
	echo "vnu: $c: $pages pages, 0 errors"
done
