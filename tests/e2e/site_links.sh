#!/usr/bin/env bash
# Every internal href, src and #fragment of the published site resolves
# (site_links.mjs walks every page).
set -euo pipefail
cd "$(dirname "$0")/../.."
GP=${GP:-build/guidepress}
T=${GP_TMP:-$(mktemp -d)}/site_links
rm -rf "$T"
mkdir -p "$T"
"$GP" build --content content --out "$T/public" >"$T/log" 2>&1 ||
	{ cat "$T/log"; echo "FAIL build"; exit 1; }
node tests/e2e/site_links.mjs "$T/public"
