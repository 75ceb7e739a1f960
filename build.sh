#!/usr/bin/env bash
# guidepress build script.
#
#   ./build.sh          install what is missing, build, publish content/
#   ./build.sh test     build and run every test
#   ./build.sh asan     build with address and undefined sanitizers (build-asan/)
#   ./build.sh install  install the binary and the man page under PREFIX
#                       (default /usr/local)
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the build and the tests need.
PKGS=(build-essential pkg-config
      libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libxml2-dev
      libcairo2-dev libpango1.0-dev libglib2.0-dev libjansson-dev
      libcmocka-dev fonts-ipaexfont libfontconfig-dev
      poppler-utils qpdf python3-yaml strace
      chromium openjdk-17-jre-headless nodejs)

need_pkgs() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "install ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "build.sh: installing ${missing[*]}" >&2
		local sudo=""
		[ "$(id -u)" -eq 0 ] || sudo=sudo
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
			--no-install-recommends "${missing[@]}" >&2
	fi
}

jobs() { nproc 2>/dev/null || echo 2; }

build() {
	need_pkgs "${PKGS[@]}"
	make -s -j"$(jobs)" B=build all
}

# The main job: the bundled guideline as a site and a book in public/,
# and the first sample provider's report in public/reports/.
publish() {
	local bin=build/guidepress sample=content/examples/erp-pattern1.yaml
	local out=public/reports/erp-pattern1
	"$bin" build --content content --out public
	mkdir -p public/reports
	"$bin" report --content content "$sample" -o "$out.pdf" \
		--html "$out" --json "$out.json"
	echo "build.sh: published public/index.html, public/guideline.pdf and $out.pdf"
}

case "${1:-}" in
"")
	build
	publish
	;;
test)
	build
	make -s -j"$(jobs)" B=build tests
	# the site's checks: vnu-jar, playwright-core, axe-core
	command -v npm >/dev/null || need_pkgs npm
	[ -d tests/node_modules ] || npm ci --prefix tests --no-audit --no-fund
	exec tests/run.sh
	;;
asan)
	need_pkgs "${PKGS[@]}"
	make -s -j"$(jobs)" B=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" all tests
	# the units, the regression corpus and the answers corpus under the
	# sanitizers: any report fails them
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
	for t in build-asan/test_*; do "$t" >/dev/null || exit 1; done
	GP=build-asan/guidepress tests/regress/run.sh
	GP=build-asan/guidepress tests/answers/run.sh
	echo "build.sh: build-asan/guidepress built; units and corpora clean"
	;;
install)
	need_pkgs "${PKGS[@]}"
	prefix=${PREFIX:-/usr/local}
	# the installed binary finds its theme and fonts, and its PDF
	# writer module, under the prefix
	make -s -j"$(jobs)" B=build-install \
		CFLAGS="-O2 -g -DDATADIR='\"$prefix/share/guidepress\"' -DLIBDIR='\"$prefix/lib/guidepress\"'" all
	install -D -m 755 build-install/guidepress "$prefix/bin/guidepress"
	install -D -m 644 build-install/guidepress-pdf.so \
		"$prefix/lib/guidepress/guidepress-pdf.so"
	install -D -m 644 guidepress.1 "$prefix/share/man/man1/guidepress.1"
	mkdir -p "$prefix/share/guidepress"
	cp -r themes fonts "$prefix/share/guidepress/"
	echo "build.sh: installed guidepress under $prefix"
	;;
*)
	echo "usage: ./build.sh [test|asan|install]" >&2
	exit 64
	;;
esac
