#!/usr/bin/env bash
# Every internal href, src and #fragment of the published site resolves
# (site_links.mjs walks every page), for the bundled guideline and the
# smallest valid one.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
for c in content tests/regress/base; do
	out=$T/$(basename "$c")
	"$GP" build --content "$c" --out "$out" >"$T/log" 2>&1 ||
		{ cat "$T/log"; echo "FAIL build of $c"; exit 1; }
	node tests/e2e/site_links.mjs "$out"
done
