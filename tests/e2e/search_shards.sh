#!/usr/bin/env bash
# The search index in shards (search_shards.mjs, in headless Chromium),
# on a synthetic guideline of 500 controls, and a copy of the site with
# its last shard removed; and a rebuild after one control is edited
# rewrites that control's shard only.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
[ -d tests/node_modules/playwright-core ] ||
	{ echo "FAIL tests/node_modules missing: run npm ci --prefix tests"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] ||
	{ echo "FAIL no chromium (Debian package chromium)"; exit 1; }
node bench/site_corpus.mjs 500 "$T/c" >/dev/null
"$GP" build --no-pdf --content "$T/c/content" --out "$T/site" >"$T/log" 2>&1 ||
	{ cat "$T/log"; echo "FAIL build"; exit 1; }
"$GP" export --format json --content "$T/c/content" >"$T/export.json"
cp -r "$T/site" "$T/broken"
rm "$T/broken/search/$(ls "$T/broken/search" | sort -V | tail -1)"
(cd tests && node e2e/search_shards.mjs "$T/site" "$T/export.json" "$T/broken")

# edit the last control: its shard, and nothing else of the index, is
# written again
last=$(find "$T/c/content/III" -name '*.md' ! -name '_index.md' | sort -V | tail -1)
ls "$T/site"/search/*.js | sort >"$T/shards"
index() {
	(cd "$T/site" && find search-index.js search -type f -printf '%p %T@ %i\n' | sort)
}
index >"$T/before"
# a sentence at the start of the control's text, after its front matter
awk '{print} /^---$/ && ++n == 2 {print "索引の確認のための一文。"}' "$last" >"$T/edited"
cp "$T/edited" "$last"
"$GP" build --no-pdf --content "$T/c/content" --out "$T/site" 2>/dev/null
index >"$T/after"
changed=$(comm -13 "$T/before" "$T/after" | cut -d' ' -f1 | tr '\n' ' ')
want="search/$(($(wc -l <"$T/shards") - 1)).js"
if [ "$changed" = "$want " ]; then
	echo "ok   one edit rewrote only its shard ($changed)"
else
	echo "FAIL one edit rewrote '$changed', not '$want'"
	exit 1
fi
grep -q '"索引":' "$T/site/$want" ||
	{ echo "FAIL the rewritten shard lacks the edit"; exit 1; }
echo "search_shards: all checks passed"
