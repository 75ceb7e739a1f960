#!/usr/bin/env bash
# guidepress build: the website's pages, permanent control URLs,
# values, markers, cross-references, escaping, determinism, and atomic
# publishing (a failed build leaves the old site as it was).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
export SOURCE_DATE_EPOCH=1201651200
fail=0
bad() { echo "FAIL $*"; fail=1; }
has() { grep -qF -- "$2" "$1" || bad "$1 lacks: $2"; }
hasnt() { ! grep -qF -- "$2" "$1" || bad "$1 has: $2"; }

out=$T/public
"$GP" build --content content --out "$out" --base-url https://example.org/guide >"$T/log" 2>&1 ||
	{ cat "$T/log"; bad "build failed"; exit 1; }

# pages
for f in index.html contents.html search.html 404.html sitemap.xml \
	search-index.js search/0.js search.js style.css parts/I.html \
	parts/II.html \
	parts/III.html sections/I-5.html sections/II-2.html \
	sections/III-2.html patterns/index.html patterns/matrix.html \
	patterns/p1.html patterns/p6.html; do
	[ -s "$out/$f" ] || bad "missing $f"
done

# one page per control at controls/<ID with dashes>.html, and an anchor
# on its section page
ids=$("$GP" export --format json --content content |
	node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const c of JSON.parse(s).controls)console.log(c.id)})')
n=0
for id in $ids; do
	slug=${id//./-}
	sec=$(echo "$id" | cut -d. -f1,2)
	[ -f "$out/controls/$slug.html" ] || bad "no page for $id"
	grep -q "id=\"$slug\"" "$out/sections/${sec//./-}.html" ||
		bad "no anchor $slug on section ${sec}"
	n=$((n + 1))
done
[ "$n" -ge 68 ] || bad "only $n controls exported"
[ "$(ls "$out/controls" | wc -l)" -eq "$n" ] || bad "control pages != controls"

# every page: HTML5, Japanese, one h1, a distinct title, canonical link
for f in $(cd "$out" && find . -name '*.html' | sort); do
	p=$out/$f
	head -1 "$p" | grep -qx '<!DOCTYPE html>' || bad "$f: no doctype"
	grep -q '<html [^>]*lang="ja"' "$p" || bad "$f: no lang=ja"
	grep -qi 'charset="\?utf-8' "$p" || bad "$f: no charset"
	[ "$(grep -o '<h1[ >]' "$p" | wc -l)" -eq 1 ] || bad "$f: not one h1"
	[ "$f" = ./404.html ] ||
		grep -q '<link rel="canonical" href="https://example.org/guide/' "$p" ||
		bad "$f: no canonical link"
	sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$p"
done >"$T/titles"
[ -z "$(sort "$T/titles" | uniq -d)" ] ||
	bad "titles repeat: $(sort "$T/titles" | uniq -d | head -3)"
grep -q '<loc>https://example.org/guide/controls/III-4-2-1.html</loc>' \
	"$out/sitemap.xml" || bad "sitemap lacks a control"
grep -q '404' "$out/sitemap.xml" && bad "sitemap lists 404.html"

# a control: ID, badge, text, best practices with i. a) markers, items
c=$out/controls/II-2-2-1.html
has "$c" '<span class="cid">Ⅱ.2.2.1</span>'
has "$c" '<span class="badge basic">基本</span>'
has "$c" '<ol class="bp bp1" type="i">'
has "$c" '<ol class="bp bp2" type="a">'
c=$out/controls/III-1-1-1.html
has "$c" '<th scope="col">パターン6</th>'
has "$c" '<span class="req">必須</span>'
has "$c" '<dt class="req">必須</dt>'
c=$out/controls/III-2-3-1.html
has "$c" '<td class="v-unknown">未収録</td>'
has "$c" '<dt>未収録</dt>'
grep -l 'class="v-provider">事業者が設定' "$out"/controls/*.html >/dev/null ||
	bad "no value shown as set by the provider"
grep -q 'class="badge rec">推奨' "$out"/controls/*.html ||
	bad "no 推奨 badge anywhere"
# footnotes and tables in Part I and Part II
has "$out/sections/II-2.html" 'id="fn-II-2-1-1-1"'
has "$out/sections/I-5.html" '<th scope="col">パターン</th>'
# the pattern pages
has "$out/patterns/matrix.html" '<th colspan="8" scope="rowgroup">'
has "$out/patterns/p1.html" '<th scope="col">対策参照値</th>'
has "$out/patterns/index.html" '受発注'

# cross-references, escaping, unsafe links and raw HTML, on a copy
cp -r content "$T/content"
f=$T/content/II/II.1/II.1.1.1.md
printf '\n参照：[外部組織](II.2.2.1)、[小節](III.2.3)、[危険](javascript:alert(1))、<b>raw</b> & <script>x</script> 1 < 2\n' >>"$f"
# a footnote referenced from the text and again from the best practices
f=$T/content/II/II.2/II.2.1.1.md
sed -i 's/^経営陣は、情報セキュリティに関する取組/経営陣[^10]は、情報セキュリティに関する取組/' "$f"
grep -q '経営陣\[^10\]' "$f" || bad "could not add a footnote reference"
"$GP" build --content "$T/content" --out "$T/xref" >"$T/log2" 2>&1 ||
	{ cat "$T/log2"; bad "build of the copy failed"; }
c=$T/xref/controls/II-1-1-1.html
has "$c" '<a href="../controls/II-2-2-1.html">外部組織</a>'
has "$c" '<a href="../sections/III-2.html#III-2-3">小節</a>'
has "$c" '<span>危険</span>'
has "$c" '、raw &amp; x 1 &lt; 2</p>'
hasnt "$c" 'javascript:'
hasnt "$c" '<b>'
hasnt "$c" '<script>x'
c=$T/xref/controls/II-2-1-1.html
[ "$(grep -o 'id="fnref-II-2-1-1-1"' "$c" | wc -l)" -eq 1 ] ||
	bad "$c: the footnote's first reference is not the one anchor"
[ "$(grep -o 'href="#fn-II-2-1-1-1"' "$c" | wc -l)" -eq 2 ] ||
	bad "$c: both references do not link to the note"
node tests/e2e/site_links.mjs "$T/xref" >"$T/links" || { cat "$T/links"; bad "links of the copy"; }

# deterministic: the same content and theme give the same bytes
cp -r themes/default "$T/snap"
for d in one two; do
	"$GP" build --content content --out "$T/$d" --theme "$T/snap" >/dev/null 2>&1
done
diff -r -x guideline.pdf -x .guidepress-state "$T/one" "$T/two" >/dev/null || bad "two builds differ"

# atomic: a broken theme fails the build and leaves the site as it was
cp -r themes/default "$T/theme"
echo '<html><body><p>unclosed' >"$T/theme/page.xhtml"
(cd "$out" && find . -type f | sort | xargs md5sum) >"$T/before"
if "$GP" build --content content --out "$out" --theme "$T/theme" >"$T/log3" 2>&1; then
	bad "a broken template did not fail the build"
fi
grep -q 'page.xhtml.*theme template is not well-formed XHTML' "$T/log3" ||
	bad "no diagnostic for the broken template: $(cat "$T/log3")"
(cd "$out" && find . -type f | sort | xargs md5sum) >"$T/after"
cmp -s "$T/before" "$T/after" || bad "a failed build changed the site"
[ -z "$(ls -d "$out".tmp-* 2>/dev/null)" ] || bad "temporary directory left behind"

# an output directory inside content/ is refused
if "$GP" build --content content --out content/public >/dev/null 2>&1; then
	bad "output inside content/ was accepted"
fi
[ ! -e content/public ] || { bad "content/public was written"; rm -rf content/public; }

[ $fail -eq 0 ] && echo "site_build: all checks passed"
exit $fail
