#!/usr/bin/env bash
# Rewrites the back ends' golden files (this folder) from a build, for review: read the diff it
# prints before committing; never refresh to make a failing test pass unread.
# Usage: tests/golden-targets/refresh.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
TMSC_UPDATE_GOLDEN=1 "$build/tests/tmsc_tests" --gtest_filter='TargetGolden*' >/dev/null
git -C "$root" diff --stat -- tests/golden-targets
