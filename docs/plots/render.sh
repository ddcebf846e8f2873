#!/usr/bin/env bash
# Renders every bundled example's three views to SVG and PNG for docs/plots.md.
# Needs rsvg-convert (Debian package librsvg2-bin). Usage: docs/plots/render.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmsc="${1:-$root/build}/tmsc"
out="$root/docs/plots"
for file in "$root"/examples/*.tms; do
  name="$(basename "$file" .tms)"
  for view in session train course; do
    "$tmsc" plot "$file" --view "$view" -o "$out/$name-$view.svg" 2>/dev/null || true
    rsvg-convert "$out/$name-$view.svg" -o "$out/$name-$view.png"
    rm "$out/$name-$view.svg"
  done
done
echo "rendered $(ls "$out"/*.png | wc -l) pictures"
