#!/usr/bin/env bash
# Golden diagnostics: each case under cases/ is the base content tree
# with the case's files/ laid over it and the paths in its 'remove' file
# taken away.  `guidepress check` must print exactly the case's
# 'expected' (stderr, then "exit N").
#
#   tests/regress/run.sh           compare
#   tests/regress/run.sh --update  rewrite every expected (review the diff!)
set -u
here=$(cd "$(dirname "$0")" && pwd)
GP=$(cd "$here/../.." && pwd)/${GP:-build/guidepress}
[ -x "$GP" ] || GP=${GP#*//}
tmp=${GP_TMP:-$(mktemp -d)}/regress
update=${1:-}
pass=0
fail=0
for c in "$here"/cases/*/; do
	name=$(basename "$c")
	work="$tmp/$name"
	rm -rf "$work"
	mkdir -p "$work"
	cp -r "$here/base" "$work/content"
	[ -d "$c/files" ] && cp -r "$c/files/." "$work/content/"
	if [ -f "$c/remove" ]; then
		while read -r p; do
			[ -n "$p" ] && rm -rf "${work:?}/content/$p"
		done <"$c/remove"
	fi
	actual=$(cd "$work" && "$GP" check --content content 2>&1 >/dev/null; echo "exit $?")
	if [ "$update" = --update ]; then
		printf '%s\n' "$actual" >"$c/expected"
		continue
	fi
	if [ "$actual" = "$(cat "$c/expected")" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		diff <(cat "$c/expected") <(printf '%s\n' "$actual") | sed 's/^/  /'
	fi
done
[ "$update" = --update ] && { echo "updated"; exit 0; }
echo "regress: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
