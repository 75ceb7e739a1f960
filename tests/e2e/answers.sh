#!/usr/bin/env bash
# Answers files: the bad corpus and the two samples (tests/answers/run.sh),
# init-answers output that checks clean once filled in, and the schema.
set -euo pipefail
cd "$(dirname "$0")/../.."
GP=${GP:-build/guidepress}
tmp=${GP_TMP:-$(mktemp -d)}/answers-e2e
mkdir -p "$tmp"
tests/answers/run.sh

# init-answers: every control and item is there, and once the provider
# is filled in the file checks without error.
for p in 1 2 3 4 5 6; do
	"$GP" init-answers --pattern $p >"$tmp/init$p.yaml"
	sed -e 's/^  name: .*/  name: 株式会社テスト/' \
		-e 's/^  service: .*/  service: テストサービス/' \
		-e 's/^  disclosure_date: .*/  disclosure_date: 2026-11-23/' \
		"$tmp/init$p.yaml" >"$tmp/filled$p.yaml"
	"$GP" check "$tmp/filled$p.yaml" 2>"$tmp/err"
	grep -q "0 errors, 0 warnings" "$tmp/err"
	grep -q "^pattern: $p$" "$tmp/init$p.yaml"
done
n=$(grep -c '^  [IV]*\.[0-9.]*:$' "$tmp/init1.yaml")
[ "$n" = 68 ] || { echo "init-answers lists $n controls, want 68"; exit 1; }
grep -q "パターン1: 20分以内\* (required)" "$tmp/init1.yaml"
grep -q "パターン2: 未収録" "$tmp/init2.yaml"
grep -q "パターン3: - (you set your own value)" "$tmp/init3.yaml"
"$GP" init-answers 2>/dev/null && { echo "init-answers without --pattern"; exit 1; }
"$GP" init-answers --pattern 7 2>/dev/null && { echo "init-answers --pattern 7"; exit 1; }

# the schema is JSON Schema 2020-12 and accepts the samples
"$GP" schema >"$tmp/schema.json"
python3 - "$tmp/schema.json" content/examples/*.yaml <<'PY'
import json, sys, yaml, re
s = json.load(open(sys.argv[1]))
assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
ctl = s["properties"]["answers"]["properties"]
assert len(ctl) == 68, len(ctl)
# a small validator for the subset the schema uses
def check(v, sc, path):
    if "enum" in sc:
        assert v in sc["enum"], (path, v)
    t = sc.get("type")
    types = t if isinstance(t, list) else [t] if t else []
    pyt = {"string": str, "integer": int, "number": (int, float),
           "boolean": bool, "object": dict, "array": list}
    if types:
        assert any(isinstance(v, pyt[x]) for x in types), (path, v, types)
    if "pattern" in sc and isinstance(v, str):
        assert re.search(sc["pattern"], v), (path, v, sc["pattern"])
    if "anyOf" in sc:
        ok = False
        for alt in sc["anyOf"]:
            try:
                check(v, alt, path); ok = True
            except AssertionError:
                pass
        assert ok, (path, v)
    if isinstance(v, dict):
        for k in sc.get("required", []):
            assert k in v, (path, k)
        props = sc.get("properties", {})
        for k, x in v.items():
            if k in props:
                check(x, props[k], path + "/" + str(k))
            else:
                assert sc.get("additionalProperties", True), (path, k)
    if isinstance(v, list) and "items" in sc:
        for i, x in enumerate(v):
            check(x, sc["items"], path + "/%d" % i)
def core(v):
    # YAML 1.2 core schema, as editors' YAML tooling reads it
    if isinstance(v, dict):
        return {k: core(x) for k, x in v.items()}
    if isinstance(v, list):
        return [core(x) for x in v]
    if re.fullmatch(r"[-+]?[0-9]+", v):
        return int(v)
    if re.fullmatch(r"[-+]?([0-9]*\.[0-9]+|[0-9]+\.?[0-9]*)([eE][-+]?[0-9]+)?", v):
        return float(v)
    if v in ("true", "false"):
        return v == "true"
    return v
for f in sys.argv[2:]:
    d = core(yaml.load(open(f), Loader=yaml.BaseLoader))
    check(d, s, f)
print("schema: %d controls, samples valid" % len(ctl))
PY
