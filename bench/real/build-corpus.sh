#!/bin/sh
# Builds the corpus issue 16 measured (saleor-dashboard + matrix-react-sdk `src`, 6,322 files) from the
# two checkouts, with its config (bench/real/corpus.config.json), so the cache targets can be re-measured:
#   bench/real/build-corpus.sh SALEOR_DASHBOARD_CHECKOUT MATRIX_REACT_SDK_CHECKOUT OUT_DIR
#   npm run bench -- --tree OUT_DIR --config bench/real/corpus.config.json --label "saleor-dashboard@f5a84f3 + matrix-react-sdk@b67a230 src"
# Issue 16 used saleor/saleor-dashboard@f5a84f3 and matrix-org/matrix-react-sdk@b67a230 (/work/realrepos/MANIFEST.md).
set -eu
if [ $# -ne 3 ]; then
  echo "usage: $0 SALEOR_DASHBOARD_CHECKOUT MATRIX_REACT_SDK_CHECKOUT OUT_DIR" >&2
  exit 2
fi
saleor=$1 matrix=$2 out=$3
for dir in "$saleor/src" "$saleor/.featureFlags" "$matrix/src"; do
  [ -d "$dir" ] || { echo "$dir is not a directory" >&2; exit 2; }
done
[ ! -e "$out" ] || { echo "$out exists; remove it or name another directory" >&2; exit 2; }
mkdir -p "$out/saleor" "$out/matrix"
cp -R "$saleor/src" "$saleor/.featureFlags" "$out/saleor/"
cp -R "$matrix/src" "$out/matrix/"
cp "$(dirname "$0")/corpus.config.json" "$out/flag-scan.config.json"
echo "$out: $(find "$out" -type f | wc -l) files"
