#!/bin/sh
# Regenerates every <case>.expected in this folder from the current tmsc, for review with
# `git diff -- tests/golden`. Usage: tests/golden/refresh.sh [path/to/tmsc]  (default build/tmsc)
# A case is <case>.tms, or <case>.gen (a script that prints the protocol). Its .expected is the
# exact standard output of `tmsc check <case>.tms` (or `tmsc $(cat <case>.args) <case>.tms`),
# run from this folder with a relative path; then, if standard error was not empty, a line
# `--- stderr` and standard error; then a last line `exit: N`. See README.md.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
tmsc=${1:-"$here/../../build/tmsc"}
case $tmsc in /*) ;; *) tmsc="$(pwd)/$tmsc" ;; esac
if [ ! -x "$tmsc" ]; then
    echo "refresh.sh: no tmsc binary at $tmsc (build first, or pass its path)" >&2
    exit 2
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# run_case DIR NAME: writes NAME.expected here from tmsc run on NAME.tms in DIR.
run_case() {
    args=check
    [ -e "$here/$2.args" ] && args=$(cat "$here/$2.args")
    status=0
    # $args is split into words on purpose: it holds the subcommand and its options.
    # shellcheck disable=SC2086
    (cd "$1" && "$tmsc" $args "$2.tms") > "$scratch/out" 2> "$scratch/err" </dev/null || status=$?
    cat "$scratch/out" > "$here/$2.expected"
    if [ -s "$scratch/err" ]; then
        echo "--- stderr" >> "$here/$2.expected"
        cat "$scratch/err" >> "$here/$2.expected"
    fi
    echo "exit: $status" >> "$here/$2.expected"
}

for source in "$here"/*.tms; do
    run_case "$here" "$(basename "$source" .tms)"
done
for generator in "$here"/*.gen; do
    [ -e "$generator" ] || continue
    name=$(basename "$generator" .gen)
    mkdir -p "$scratch/gen"
    sh "$generator" > "$scratch/gen/$name.tms"
    run_case "$scratch/gen" "$name"
done
echo "refreshed $(ls "$here"/*.expected | wc -l) cases; review them with: git diff -- tests/golden"
