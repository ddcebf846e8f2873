#!/usr/bin/env bash
# Makes the seed attestations of fuzz_attestation again: a CSV, a JSON table and a TTL program
# of a small protocol, each unsigned and signed with the RFC 8032 section 7.1 TEST 1 key (the
# key the fuzz target checks signatures with, so that mutations reach the statement reader).
# Usage: tests/fuzz/make-attestation-seeds.sh [TMSC_BINARY]   (default build/tmsc)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)/corpus-attestation
tmsc=$(realpath "${1:-build/tmsc}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# PKCS#8 of an Ed25519 seed: a fixed 16-byte prefix, then the 32-byte seed (RFC 8410).
python3 -c 'import base64, sys
der = bytes.fromhex("302e020100300506032b657004220420"
                    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
sys.stdout.write("-----BEGIN PRIVATE KEY-----\n" + base64.b64encode(der).decode() +
                 "\n-----END PRIVATE KEY-----\n")' > test1.pem
cat > p.tms <<'TMS'
protocol "fuzz seed" {
  coil figure8
  intensity 100 %rMT
  session {
    repeat 2 {
      train 3 pulses at 10 Hz
      wait 5 s
    }
  }
}
TMS
for sign in "" "--sign test1.pem"; do
    kind=${sign:+signed}
    kind=${kind:-unsigned}
    # shellcheck disable=SC2086
    "$tmsc" compile p.tms --rmt 50 --target csv -o "t-$kind.csv" $sign
    # shellcheck disable=SC2086
    "$tmsc" compile p.tms --rmt 50 --target json -o "t-$kind.json" $sign
    # shellcheck disable=SC2086
    "$tmsc" compile p.tms --rmt 50 --target ttl --device magstim-rapid2-240v -o "t-$kind" $sign
done
cp ./*.intoto.json "$here/"
ls "$here"
