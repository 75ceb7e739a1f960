#!/usr/bin/env bash
# A rebuild of the site reads only the content files that changed and
# those the pages they touch are made from (generator/rebuild.h), on a
# synthetic guideline of 1,000 controls; and whenever it cannot be sure,
# it reads everything.  Every rebuild here must give what a fresh build
# of the same content gives, byte for byte, and say what a fresh build
# says.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
command -v strace >/dev/null || { echo "FAIL no strace (Debian package strace)"; exit 1; }
node bench/site_corpus.mjs 1000 "$T/c" >/dev/null
C=$T/c/content
# files written within two seconds before a build are read again by the
# next rebuild, stamp or not (their stamps may not show a change made in
# the same tick of the clock): make the corpus older than that
find "$C" -type f -exec touch -d '-1 hour' {} +
total=$(find "$C" -name '*.md' | wc -l)
"$GP" build --no-pdf --content "$C" --out "$T/site" >"$T/log" 2>&1 ||
	{ cat "$T/log"; echo "FAIL build"; exit 1; }
n=0

# rebuild WHAT: rebuild the site, count the content files it opened
# (into $read), and compare with a fresh build; its messages in $T/msg
rebuild() {
	n=$((n + 1))
	strace -f -qq -e trace=openat -o "$T/trace" \
		"$GP" build --no-pdf --content "$C" --out "$T/site" >"$T/msg" 2>&1 || true
	read=$(grep -c "\"$C/.*\\.md\"" "$T/trace" || true)
	"$GP" build --no-pdf --content "$C" --out "$T/fresh-$n" >"$T/fresh.msg" 2>&1 || true
	# (a fresh build that fails writes nothing to compare with)
	[ ! -d "$T/fresh-$n" ] ||
	diff -r -x .guidepress-state "$T/site" "$T/fresh-$n" >/dev/null || {
		diff -rq -x .guidepress-state "$T/site" "$T/fresh-$n" | head
		echo "FAIL after $1, the rebuild differs from a fresh build"
		exit 1
	}
	sed "s|fresh-$n|site|" "$T/fresh.msg" | cmp -s - "$T/msg" || {
		diff "$T/msg" "$T/fresh.msg" | head
		echo "FAIL after $1, the rebuild says other things than a fresh build"
		exit 1
	}
}
few() { # WHAT: the rebuild read few files, but not none (the count works)
	[ "$read" -ge 1 ] && [ "$read" -lt $((total / 2)) ] ||
		{ echo "FAIL after $1, the rebuild read $read of $total files"; exit 1; }
	echo "ok   after $1: $read of $total content files read"
}
all() { # WHAT: the rebuild read every file
	[ "$read" -ge "$total" ] ||
		{ echo "FAIL after $1, the rebuild read only $read of $total files"; exit 1; }
	echo "ok   after $1: every file read ($read)"
}

ctl=$(find "$C/III" -name 'III.*.*.*.md' | sort -V | sed -n 5p)
printf '\n本文への追記。\n' >>"$ctl"
rebuild "a control's text was edited"
few "a control's text was edited"
grep -q '本文への追記' "$T/site/controls/$(basename "$ctl" .md | tr . -).html" ||
	{ echo "FAIL the edited control's page lacks its edit"; exit 1; }
# the edited file is read twice (its bytes compared, then parsed) and
# its section's once; its section page and search shard take the other
# controls as they were from the pages themselves
[ "$read" -le 3 ] ||
	{ echo "FAIL after one edit, $read files were read, not at most 3"; exit 1; }
echo "ok   the edited control's section page and shard read no other control"

# nothing changed: only the file edited within the last two seconds is
# read again (to be sure of it), and no page is written
find "$T/site" -type f ! -name .guidepress-state -printf '%P %T@ %i\n' | sort >"$T/before"
rebuild "nothing changed"
[ "$read" -le 1 ] || { echo "FAIL nothing changed, yet $read files were read"; exit 1; }
find "$T/site" -type f ! -name .guidepress-state -printf '%P %T@ %i\n' | sort >"$T/after"
cmp -s "$T/before" "$T/after" || { echo "FAIL nothing changed, yet pages were written"; exit 1; }
echo "ok   after nothing changed: $read content file read, no page written"

# a file the site does not have goes, as with a whole build; a rebuild
# that made few pages keeps the others without looking them up
: >"$T/site/stray.html"
mkdir -p "$T/site/strays" && : >"$T/site/strays/also.txt"
printf '\n迷子の後の追記。\n' >>"$ctl"
rebuild "a stray file was put in the output"
few "a stray file was put in the output"
[ ! -e "$T/site/stray.html" ] && [ ! -e "$T/site/strays" ] ||
	{ echo "FAIL a stray file was left in the output"; exit 1; }
echo "ok   files the site does not have are deleted by a rebuild"

# a page deleted from the output is made again, from the whole guideline
rm "$T/site/controls/III-2-1-3.html" "$T/site/index.html"
rebuild "two pages were deleted from the output"
[ -f "$T/site/controls/III-2-1-3.html" ] && [ -f "$T/site/index.html" ] ||
	{ echo "FAIL a deleted page was not made again"; exit 1; }
echo "ok   pages deleted from the output are made again"

# searched WORDS: a sentence of WORDS the search indexes, in the edited
# control's text (bench/edit_searched.py)
searched() { python3 bench/edit_searched.py "$ctl" "$1の検索語"; }

# an edit the search does not see: its shard is kept as it is, not
# made again (the state keeps what the search holds of each file)
shard=$(grep -l "\"controls/$(basename "$ctl" .md | tr . -).html\"" "$T"/site/search/*.js)
before=$(stat -c '%Y %i' "$shard")
sleep 1
printf '\n索引に入らない追記。\n' >>"$ctl"
rebuild "an edit after the best practices"
[ "$(stat -c '%Y %i' "$shard")" = "$before" ] ||
	{ echo "FAIL an edit the search does not see changed its shard"; exit 1; }
grep -qF "\"$shard\"" "$T/trace" &&
	{ echo "FAIL an edit the search does not see read its shard"; exit 1; }
echo "ok   an edit the search does not see leaves its shard unread"

# text the search finds changed: the shard is made again from the
# previous one, other documents kept; its new words found, and once they
# are taken out again, gone (rebuild compares each with a fresh build)
cp "$ctl" "$T/ctl.before"
cp "$shard" "$T/shard.before"
searched 鸚鵡と麒麟
rebuild "a control's searched text was changed"
few "a control's searched text was changed"
! cmp -s "$shard" "$T/shard.before" || { echo "FAIL the shard did not change"; exit 1; }
grep -q '"鸚鵡"' "$shard" || { echo "FAIL the shard lacks the new words"; exit 1; }
cp "$T/ctl.before" "$ctl"
rebuild "a control's searched words were taken out"
few "a control's searched words were taken out"
! grep -q '"鸚鵡"' "$shard" || { echo "FAIL the shard still has the words taken out"; exit 1; }

# the pages that take unchanged controls from themselves: gone, or not
# as this program wrote them, they are made from the whole guideline
slug=$(basename "$ctl" .md | tr . -)
secpage=$T/site/sections/$(basename "$(dirname "$ctl")" | tr . -).html
shard=$(grep -l "\"controls/$slug.html\"" "$T"/site/search/*.js)
[ -f "$secpage" ] && [ -n "$shard" ] || { echo "FAIL no section page or shard for $slug"; exit 1; }
rm "$secpage"
printf '\n節の頁がない間の追記。\n' >>"$ctl"
rebuild "a control was edited while its section page was gone"
all "a control was edited while its section page was gone"
# another control's article cut out of the section page by hand
python3 - "$secpage" "$slug" <<'PY'
import re, sys
path, slug = sys.argv[1], sys.argv[2]
t = open(path, encoding="utf-8").read()
ids = re.findall(r'<article class="control" id="([^"]+)">', t)
other = next(i for i in ids if i != slug)
a = t.index('<article class="control" id="%s">' % other)
open(path, "w", encoding="utf-8").write(t[:a] + t[t.index("</article>", a) + 10:])
PY
printf '\n記事が欠けた間の追記。\n' >>"$ctl"
rebuild "a control was edited while its section page lacked another"
all "a control was edited while its section page lacked another"
printf 'gpSearchShard(0,{"docs":[' >"$shard"
searched 索引が壊れた間
rebuild "a control was edited while its search shard was damaged"
all "a control was edited while its search shard was damaged"

# the same size and modification time: the change time still tells
cp -p "$ctl" "$T/keep"
sed -i 's/本文への追記/本文への変更/' "$ctl"
touch -r "$T/keep" "$ctl"
rebuild "an edit that kept the size and time"
grep -q '本文への変更' "$T/site/controls/$(basename "$ctl" .md | tr . -).html" ||
	{ echo "FAIL an edit that kept size and time was missed"; exit 1; }
few "an edit that kept the size and time"

# saved as many editors do, a new file renamed over the old: its
# directory changed too, and is listed again, but holds the same files
cp "$ctl" "$(dirname "$ctl")/.new"
printf '\n改名で保存。\n' >>"$(dirname "$ctl")/.new"
mv "$(dirname "$ctl")/.new" "$ctl"
rebuild "a control saved by renaming a new file over it"
few "a control saved by renaming a new file over it"

# a title shows on every page's contents: everything is read
sec=$(dirname "$ctl")/_index.md
sed -i '0,/^title: .*/s//title: 改めた節の題/' "$sec"
rebuild "a section's title was changed"
all "a section's title was changed"
grep -q '改めた節の題' "$T/site/controls/III-1-1-1.html" ||
	{ echo "FAIL a changed section title is not on the other pages"; exit 1; }

# a control added (a copy of the edited one, numbered 99 in its
# subsection): the files are not the state's, everything is read
id=$(basename "$ctl" .md)
new=${id%.*}.99
sed "s/^id: $id\$/id: $new/" "$ctl" >"$(dirname "$ctl")/$new.md"
rebuild "a control was added"
all "a control was added"
[ -f "$T/site/controls/$(echo "$new" | tr . -).html" ] ||
	{ echo "FAIL the added control has no page"; exit 1; }

# a warning of an unchanged file is said again by every rebuild
cat >>"$ctl" <<'EOF'

## ベストプラクティス

一覧ではない文。
EOF
rebuild "a control got a warning"
grep -q 'warning' "$T/msg" || { cat "$T/msg"; echo "FAIL no warning"; exit 1; }
other=$(find "$C/III" -name 'III.*.*.*.md' | sort -V | sed -n 300p)
printf '\n別の追記。\n' >>"$other"
rebuild "another control was edited while one warns"
grep -q 'warning' "$T/msg" || { echo "FAIL the warning was not said again"; exit 1; }
echo "ok   a warning is said again by the next rebuild"

# an error: nothing is written, as with a fresh build
sed -i '/## ベストプラクティス/,$d' "$ctl"
rebuild "the warning was fixed"
find "$T/site" -type f -printf '%P %T@ %i\n' | sort >"$T/before"
cp "$other" "$T/other.orig"
printf -- '---\nid: [\n---\n' >"$other"
rebuild "a control was broken"
grep -q 'error' "$T/msg" || { echo "FAIL no error for a broken control"; exit 1; }
find "$T/site" -type f -printf '%P %T@ %i\n' | sort >"$T/after"
cmp -s "$T/before" "$T/after" || { echo "FAIL a failed rebuild changed the site"; exit 1; }
echo "ok   a broken control is reported and nothing is written"
cp "$T/other.orig" "$other"
rebuild "the broken control was mended"
few "the broken control was mended"

# a stub record that is not one (its kind letter changed): a whole build
PYTHONPATH=tests/e2e/lib python3 - "$T/site/.guidepress-state" <<'PY'
import sys
from gpstate import State
s = State(sys.argv[1])
f = next(f for f in s.files if f["record"][:1] == b"C")
buf = bytearray(s.buf)
buf[f["record_at"]] = ord("Z")
open(sys.argv[1], "wb").write(buf)
PY
printf '\n四つ目の追記。\n' >>"$ctl"
rebuild "a stub record was damaged"
all "a stub record was damaged"

# a state file that is not one: a whole build, as if there were none
head -c 3000 /dev/urandom >"$T/site/.guidepress-state"
printf '\n三つ目の追記。\n' >>"$ctl"
rebuild "the state file was damaged"
all "the state file was damaged"

# the theme's assets are kept while the theme is as it was (not even
# written to be compared: no file of that name is made), and copied
# again when it changed
cp -r themes/default "$T/theme"
"$GP" build --no-pdf --content "$C" --out "$T/themed" --theme "$T/theme" >/dev/null 2>&1
touch -d '-1 hour' "$T/themed/style.css"
printf '\n追記 %d。\n' 1 >>"$ctl"
strace -f -qq -e trace=openat -o "$T/trace" \
	"$GP" build --no-pdf --content "$C" --out "$T/themed" --theme "$T/theme" >/dev/null 2>&1
grep -q 'style\.css[^"]*", O_[A-Z|]*O_CREAT' "$T/trace" &&
	{ echo "FAIL an unchanged asset was written again"; exit 1; }
[ "$(find "$T/themed/style.css" -mmin +30)" ] ||
	{ echo "FAIL an unchanged asset was written again"; exit 1; }
printf '\n/* changed */\n' >>"$T/theme/style.css"
"$GP" build --no-pdf --content "$C" --out "$T/themed" --theme "$T/theme" >/dev/null 2>&1
cmp -s "$T/theme/style.css" "$T/themed/style.css" ||
	{ echo "FAIL a changed asset was not copied again"; exit 1; }
echo "ok   the theme's assets are kept, and copied again once changed"
echo "rebuild: all checks passed"
