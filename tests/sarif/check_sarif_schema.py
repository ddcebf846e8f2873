#!/usr/bin/python3
"""`tmsc check --format sarif` against the OASIS SARIF 2.1.0 schema (vendored beside this file).

Runs the command of issue 14 -- every example, every unsafe example and a file that does not
exist -- and validates the log with python3-jsonschema, with python3-rfc3987 checking the
`uri` (absolute) and `uri-reference` formats. Then asserts what the schema cannot: exit code 2,
the missing file named in `invocations[0]`, every readable input in `artifacts`.

usage: check_sarif_schema.py TMSC SOURCE_DIR
"""

import glob
import json
import os
import subprocess
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))


def load_validator():
    with open(os.path.join(HERE, "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft4Validator.check_schema(schema)
    checker = jsonschema.FormatChecker()
    # Fail closed: without python3-rfc3987 jsonschema silently skips the URI formats.
    for fmt in ("uri", "uri-reference"):
        if fmt not in checker.checkers:
            sys.exit(f"jsonschema cannot check format '{fmt}': install python3-rfc3987")
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def expect_rejected(validator, log, change):
    """The validator must refuse a log broken on purpose (so a pass means something)."""
    broken = json.loads(json.dumps(log))
    change(broken)
    if validator.is_valid(broken):
        sys.exit("self-test: the schema accepted a log it must reject")


def self_test(validator, log):
    driver = log["runs"][0]["tool"]["driver"]
    if driver["rules"]:
        expect_rejected(validator, log, lambda l: l["runs"][0]["tool"]["driver"]["rules"][0]
                        .update(helpUri="docs/diagnostics.md#s0101"))
    expect_rejected(validator, log, lambda l: l["runs"][0]["tool"]["driver"]
                    .update(informationUri="docs/"))
    expect_rejected(validator, log, lambda l: l["runs"][0]["invocations"][0]
                    .pop("executionSuccessful"))


def run_check(tmsc, source_dir):
    files = sorted(glob.glob("examples/*.tms", root_dir=source_dir))
    files += sorted(glob.glob("examples/unsafe/*.tms", root_dir=source_dir))
    assert len(files) > 10, files
    run = subprocess.run([tmsc, "check", "--format", "sarif", *files, "missing.tms"],
                         cwd=source_dir, capture_output=True, text=True, timeout=600)
    if run.returncode != 2:
        sys.exit(f"exit code {run.returncode}, expected 2 (an unreadable input)\n{run.stderr}")
    if "missing.tms" not in run.stderr:
        sys.exit(f"standard error does not name the missing file: {run.stderr!r}")
    return files, json.loads(run.stdout)


def check_invocation(log, files):
    run = log["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False, invocation
    assert invocation["exitCode"] == 2, invocation
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error", note
    where = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert where == "missing.tms", where
    assert "missing.tms" in note["message"]["text"], note
    listed = [a["location"]["uri"] for a in run["artifacts"]]
    assert listed == files, (listed, files)
    assert run["results"], "the unsafe examples gave no results"
    assert all("helpUri" not in r for r in run["tool"]["driver"]["rules"])


def main():
    tmsc, source_dir = sys.argv[1], sys.argv[2]
    validator = load_validator()
    files, log = run_check(tmsc, source_dir)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    for e in errors[:20]:
        print(f"{'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
    if errors:
        sys.exit(f"{len(errors)} schema errors")
    self_test(validator, log)
    check_invocation(log, files)
    print(f"SARIF log of {len(files)} files + missing.tms: valid against OASIS SARIF 2.1.0")


if __name__ == "__main__":
    main()
