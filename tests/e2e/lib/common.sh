# Sourced by an e2e suite once it is at the repository root: the program
# under test, $GP, and a fresh scratch directory named after the suite,
# $T (below $GP_TMP when tests/run.sh sets it).
GP=${GP:-build/guidepress}
T=${GP_TMP:-$(mktemp -d)}/$(basename "$0" .sh)
rm -rf "$T"
mkdir -p "$T"
