#!/usr/bin/env bash
# The command line: help and version tell the truth, usage errors exit
# 64 with a message, export writes nothing when the content is wrong,
# and build refuses an output directory inside the content.
set -uo pipefail
cd "$(dirname "$0")/../.."
GP=${GP:-build/guidepress}
tmp=${GP_TMP:-$(mktemp -d)}/cli
rm -rf "$tmp"
mkdir -p "$tmp"
fails=0
expect() { # expect STATUS DESCRIPTION -- command...
	local want=$1 what=$2
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL $what: exit $got, want $want"
		sed 's/^/  /' "$tmp/err"
		fails=$((fails + 1))
	fi
}
has() { # has FILE TEXT DESCRIPTION
	if ! grep -qF -- "$2" "$tmp/$1"; then
		echo "FAIL $3: no '$2' in $1"
		fails=$((fails + 1))
	fi
}

expect 0 "--help" -- "$GP" --help
for c in build check diff export init-answers pdf report schema; do
	has out "guidepress $c" "--help lists $c"
done
expect 0 "--version" -- "$GP" --version
has out "guidepress 0." "--version"
for c in build check diff export init-answers pdf report schema; do
	expect 0 "$c --help" -- "$GP" $c --help
	has out "usage: guidepress $c" "$c --help"
done
expect 64 "no command" -- "$GP"
expect 64 "unknown command" -- "$GP" frobnicate
has err "unknown command 'frobnicate'" "unknown command"
expect 64 "unknown option" -- "$GP" check --bogus
has err "unknown option '--bogus'" "unknown option"
expect 64 "option of another command" -- "$GP" check --out x
has err "does not apply" "option of another command"
expect 64 "missing argument" -- "$GP" check --content
expect 64 "export without format" -- "$GP" export
has err "--format json" "export without format"

# broken content: export prints nothing on stdout, exits 2
cp -r tests/regress/base "$tmp/content"
printf -- '---\nid: II.1.1.1\nlevel: 必須\n---\n本文。\n' \
	>"$tmp/content/II/II.1/II.1.1.1.md"
expect 2 "export of broken content" -- "$GP" export --format json --content "$tmp/content"
[ -s "$tmp/out" ] && { echo "FAIL export wrote output for broken content"; fails=$((fails + 1)); }
has err "nothing written" "export of broken content"
expect 2 "check of broken content" -- "$GP" check --content "$tmp/content"
has err "bad level '必須'" "check of broken content"
expect 2 "missing content directory" -- "$GP" check --content "$tmp/nowhere"

# build refuses to write into the content directory
expect 64 "build into content" -- "$GP" build --content "$tmp/content" --out "$tmp/content/public"
has err "refusing output directory" "build into content"
[ -e "$tmp/content/public" ] && { echo "FAIL build wrote into content"; fails=$((fails + 1)); }

# the program without its PDF module (generator/typeset.h): the site is
# made, a PDF is refused with a message that says where the module goes
mkdir -p "$tmp/alone"
cp "$GP" "$tmp/alone/guidepress"
export GUIDEPRESS_DATADIR=$PWD
expect 0 "site without the PDF module" -- "$tmp/alone/guidepress" build \
	--no-pdf --content tests/regress/base --out "$tmp/alone-site"
[ -f "$tmp/alone-site/index.html" ] ||
	{ echo "FAIL no site without the PDF module"; fails=$((fails + 1)); }
# (unless one is installed where build/guidepress looks next)
if [ ! -e /usr/local/lib/guidepress/guidepress-pdf.so ]; then
	expect 3 "PDF without the PDF module" -- "$tmp/alone/guidepress" pdf \
		--content tests/regress/base -o "$tmp/alone.pdf"
	has err "cannot load the PDF writer" "PDF without the PDF module"
	has err "./build.sh install puts it here" "PDF without the PDF module"
	[ -e "$tmp/alone.pdf" ] &&
		{ echo "FAIL a PDF was written without the module"; fails=$((fails + 1)); }
fi
unset GUIDEPRESS_DATADIR

echo "cli: $fails failed"
[ "$fails" -eq 0 ]
