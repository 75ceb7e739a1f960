#!/usr/bin/env bash
# Run every test: the cmocka units (build/test_*), the golden regression
# corpus (tests/regress/run.sh) and the end-to-end scripts
# (tests/e2e/*.sh, in name order).  Each suite is one line of the
# report; the last line is "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
export GP=${GP:-build/guidepress}
export GP_TMP=${GP_TMP:-$(mktemp -d "${TMPDIR:-/tmp}/guidepress-test.XXXXXX")}
pass=0
fail=0
failed=()

run() {
	local name=$1
	shift
	local log="$GP_TMP/${name//\//_}.log"
	if "$@" >"$log" 2>&1; then
		pass=$((pass + 1))
		echo "ok    $name"
	else
		fail=$((fail + 1))
		failed+=("$name")
		echo "FAIL  $name"
		sed 's/^/      /' "$log" | tail -40
	fi
}

for t in build/test_*; do
	[ -x "$t" ] && run "unit/${t#build/}" "$t"
done
run regress tests/regress/run.sh
for t in tests/e2e/*.sh; do
	run "e2e/$(basename "$t" .sh)" bash "$t"
done

echo
[ ${#failed[@]} -eq 0 ] || echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
