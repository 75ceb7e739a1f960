#!/usr/bin/env bash
# The site in headless Chromium (playwright-core): search, links,
# navigation without JavaScript, phone width, axe-core accessibility.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
[ -d tests/node_modules/playwright-core ] && [ -d tests/node_modules/axe-core ] ||
	{ echo "FAIL tests/node_modules missing: run npm ci --prefix tests"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] ||
	{ echo "FAIL no chromium (Debian package chromium)"; exit 1; }
"$GP" build --content content --out "$T/public" >"$T/log" 2>&1 ||
	{ cat "$T/log"; echo "FAIL build"; exit 1; }
cd tests && node e2e/site_browser.mjs "$T/public"
