#!/usr/bin/env bash
# Every message in generator/diag.c is documented in guidepress.1, and
# every command of --help has a section there; as mandoc documents its
# own messages.
set -euo pipefail
cd "$(dirname "$0")/../.."
GP=${GP:-build/guidepress}
"$GP" --help | sed -n 's/^  guidepress \([a-z-]*\).*/\1/p' >"${GP_TMP:-/tmp}/commands"
python3 - "${GP_TMP:-/tmp}/commands" <<'PY'
import re, sys
src = open("generator/diag.c").read()
table = src[src.index("msgs[DIAG__MAX]"):src.index("level_names")]
entries = re.findall(r'\[(\w+)\]\s*=\s*\{\s*DIAG_\w+,\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\}', table)
man = open("guidepress.1").read()
items = [l[4:] for l in man.splitlines() if l.startswith(".It ")]
bad = []
for code, lits in entries:
    fmt = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lits)).replace('\\"', '"')
    parts = re.split(r"%l?[sd]", fmt)
    rx = re.compile("^" + ".*?".join(re.escape(p) for p in parts) + "$")
    if not any(rx.match(i) for i in items):
        bad.append("%s: %r is not documented in guidepress.1" % (code, fmt))
for cmd in open(sys.argv[1]).read().split():
    if not re.search(r"^\.It Cm %s\b" % re.escape(cmd), man, re.M):
        bad.append("command %s has no entry in guidepress.1" % cmd)
print("%d messages checked" % len(entries))
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
