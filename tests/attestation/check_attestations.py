#!/usr/bin/env python3
"""tmsc's attestations checked by an implementation that is not tmsc's.

Following the DSSE protocol and envelope specs (v1.0) and in-toto Statement v1, with
python3-cryptography for Ed25519 and hashlib for SHA-256: for several examples and targets,
signed and unsigned, the envelope parses, its payload is base64 of an in-toto Statement with the
tmsc predicate (validated against docs/schemas/attestation-compile-v1.schema.json), the
signature verifies over PAE(payloadType, payload) with the signer's key and not with another,
the keyid is the SHA-256 of the raw public key, every subject's digest is the file's, nothing
else was written beside them, and the predicate's source and rule-set hashes are those of the
files in the tree. Then `tmsc verify-table` must agree with this verifier on the untouched
set, on a changed file, on an envelope signed by another key, and on an envelope this script
signs itself (URL-safe base64 without padding, which DSSE verifiers must accept).

Usage: check_attestations.py TMSC_BINARY SOURCE_DIR
"""

import base64
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import jsonschema
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tmsc_tool import Problems, Tmsc

PAYLOAD_TYPE = "application/vnd.in-toto+json"

# (example, target, device or None, signed)
CASES = [
    ("fda-10hz-short.tms", "csv", None, True),
    ("itbs-600.tms", "json", None, False),
    ("deep-tms-h1-18hz.tms", "csv", None, True),
    ("fda-10hz.tms", "magventure", "magventure-x100", True),
    ("itbs-600.tms", "ttl-c-header", "magstim-super-rapid2-plus-240v", True),
    ("fda-10hz-short.tms", "magstim-rapid2", "magstim-rapid2-240v", True),
    ("ctbs-300.tms", "magstim-rapid2-console", "magstim-super-rapid2-plus-240v", False),
    ("1hz-right-dlpfc.tms", "ttl", "magstim-rapid2-240v", False),
]


def no_duplicates(pairs):
    """json.loads hook: a member named twice is an error, not last-one-wins."""
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate member in {keys}")
    return dict(pairs)


def b64decode_any(text):
    """Standard or URL-safe base64, padding optional (DSSE envelope spec)."""
    text = text.replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def pae(payload_type, body):
    """PAE(type, body) of the DSSE protocol: lengths are byte counts in decimal."""
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)


def raw_public(key):
    return key.public_key().public_bytes(serialization.Encoding.Raw,
                                         serialization.PublicFormat.Raw)


def write_keys(folder, name):
    """A fresh Ed25519 key as NAME.pem (PKCS#8) and NAME.pub (SubjectPublicKeyInfo)."""
    key = Ed25519PrivateKey.generate()
    (folder / f"{name}.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (folder / f"{name}.pub").write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return key


def verify_envelope(text, key):
    """This script's DSSE verification: the payload bytes when a signature by `key` verifies
    over the PAE (any key when None: unsigned check) and the type is in-toto's; else None."""
    envelope = json.loads(text, object_pairs_hook=no_duplicates)
    body = b64decode_any(envelope["payload"])
    if key is not None:
        message = pae(envelope["payloadType"], body)
        for signature in envelope["signatures"]:
            try:
                key.public_key().verify(b64decode_any(signature["sig"]), message)
                break
            except InvalidSignature:
                continue
        else:
            return None
    return body if envelope["payloadType"] == PAYLOAD_TYPE else None


class Case:
    """One compile and its attestation, checked independently, then against tmsc."""

    def __init__(self, tmsc, source, schema, keys, problems):
        self.tmsc, self.source, self.schema = tmsc, source, schema
        self.ci, self.other = keys
        self.problems = problems

    def run(self, example, target, device, signed):
        stem = f"{Path(example).stem}-{target}"
        extra = (["--device", device] if device else []) + (["--sign", "ci.pem"] if signed else [])
        output = f"{stem}.{target}" if target in ("csv", "json") else stem
        folder = self.tmsc.work / stem
        folder.mkdir()
        self.tmsc.compile(self.source / "examples" / example, target, f"{stem}/{output}", *extra)
        attestation = folder / f"{stem}.{target}.intoto.json"
        text = attestation.read_text()
        where = f"{stem}: "
        check = self.problems.check
        envelope = json.loads(text, object_pairs_hook=no_duplicates)
        check(envelope["payloadType"] == PAYLOAD_TYPE, where + "payloadType")
        check(len(envelope["signatures"]) == (1 if signed else 0), where + "signature count")
        body = verify_envelope(text, self.ci if signed else None)
        if not check(body is not None, where + "the envelope does not verify"):
            return
        if signed:
            check(envelope["signatures"][0]["keyid"] == hashlib.sha256(raw_public(self.ci))
                  .hexdigest(), where + "keyid is not the SHA-256 of the raw public key")
            check(verify_envelope(text, self.other) is None, where + "verifies with another key")
        statement = json.loads(body, object_pairs_hook=no_duplicates)
        for error in self.schema.iter_errors(statement):
            check(False, where + f"schema: {'/'.join(map(str, error.path))}: {error.message}")
        self.check_statement(where, statement, folder, example, target, device)
        self.check_tmsc_agrees(where, folder, attestation, statement, body, signed)

    def check_statement(self, where, statement, folder, example, target, device):
        check = self.problems.check
        predicate = statement["predicate"]
        check(statement["_type"] == "https://in-toto.io/Statement/v1", where + "_type")
        check(statement["predicateType"] == "https://tmsc.dev/attestation/compile/v1",
              where + "predicateType")
        check(predicate["target"] == target and predicate["device"] == device, where + "target")
        names = [s["name"] for s in statement["subject"]]
        written = sorted(p.name for p in folder.iterdir() if not p.name.endswith(".intoto.json"))
        check(sorted(names) == written, where + f"subjects {names}, files written {written}")
        for s in statement["subject"]:
            digest = hashlib.sha256((folder / s["name"]).read_bytes()).hexdigest()
            check(s["digest"] == {"sha256": digest}, where + f"digest of {s['name']}")
        protocol = (self.source / "examples" / example).read_bytes()
        check(predicate["source"]["sha256"] == hashlib.sha256(protocol).hexdigest(),
              where + "source SHA-256")
        for f in predicate["rule_set"]["files"]:
            path = self.source / f["path"].removeprefix("(built in) ")
            check(f["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest(),
                  where + f"rule-set file {f['path']} SHA-256")

    def check_tmsc_agrees(self, where, folder, attestation, statement, body, signed):
        check = self.problems.check
        run = self.tmsc.run
        key = ["--pubkey", "ci.pub"]
        r = run("verify-table", attestation, *key)
        check(r.returncode == (0 if signed else 1), where + f"verify-table --pubkey: {r.stderr}")
        check(run("verify-table", attestation).returncode == 0, where + "verify-table")
        # A changed file: this script's digest check and tmsc both reject it.
        first = folder / statement["subject"][0]["name"]
        original = first.read_bytes()
        first.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
        changed = hashlib.sha256(first.read_bytes()).hexdigest()
        check(changed != statement["subject"][0]["digest"]["sha256"], where + "digest unchanged")
        r = run("verify-table", attestation)
        check(r.returncode == 1 and "error[V0604]" in r.stderr, where + f"changed: {r.stderr}")
        first.write_bytes(original)
        # Signed by this script with the CI key (URL-safe, no padding): tmsc accepts it; the
        # same statement signed with another key: tmsc rejects it.
        for key_used, expected in ((self.ci, 0), (self.other, 1)):
            sig = key_used.sign(pae(PAYLOAD_TYPE, body))
            forged = {"payload": base64.urlsafe_b64encode(body).decode().rstrip("="),
                      "payloadType": PAYLOAD_TYPE,
                      "signatures": [{"sig": base64.urlsafe_b64encode(sig).decode().rstrip("=")}]}
            path = folder / "python-signed.intoto.json"
            path.write_text(json.dumps(forged))
            r = run("verify-table", path, *key)
            check(r.returncode == expected, where + f"python-signed envelope: {r.stderr}")
            path.unlink()


def main():
    binary, source = Path(sys.argv[1]), Path(sys.argv[2])
    schema = json.loads((source / "docs/schemas/attestation-compile-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    problems = Problems()
    with tempfile.TemporaryDirectory() as work:
        keys = (write_keys(Path(work), "ci"), write_keys(Path(work), "other"))
        case = Case(Tmsc(binary, work), source, jsonschema.Draft202012Validator(schema), keys,
                    problems)
        for example, target, device, signed in CASES:
            case.run(example, target, device, signed)
    return problems.report(f"{len(CASES)} attestations checked with python3-cryptography")


if __name__ == "__main__":
    sys.exit(main())
