#!/usr/bin/env bash
# Regenerates the golden SVG pictures from the bundled examples with the built tmsc, for review
# with `git diff` before committing. Usage: tests/golden-plots/refresh.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmsc="${1:-$root/build}/tmsc"
out="$root/tests/golden-plots"
"$tmsc" plot "$root/examples/fda-10hz.tms" --view session -o "$out/fda-10hz-session.svg" || true
"$tmsc" plot "$root/examples/itbs-600.tms" --view train -o "$out/itbs-600-train.svg" || true
"$tmsc" plot "$root/examples/saint-accelerated-itbs.tms" --view course -o "$out/saint-accelerated-itbs-course.svg" || true
echo "refreshed: $(ls "$out"/*.svg | wc -l) pictures in $out"
