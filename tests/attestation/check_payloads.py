#!/usr/bin/env python3
"""Every bundled example's tables, read by the tools their users read them with.

- JSON table: validated with python3-jsonschema against docs/schemas/schedule-v1.schema.json,
  and that schema against its metaschema (draft 2020-12); the statement inside the attestation
  against docs/schemas/attestation-compile-v1.schema.json.
- CSV table: pandas.read_csv with its default options: the documented columns, every numeric
  column numeric, one row per pulse, t_s = t_us / 1e6, and times that are not whole
  microseconds reported (W0901 in the attestation's findings); Python's csv module reads the
  same rows (no junk row).

Usage: check_payloads.py TMSC_BINARY SOURCE_DIR
"""

import base64
import csv
import json
import math
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import jsonschema
import pandas

from tmsc_tool import Problems, Tmsc

COLUMNS = ["pulse", "t_us", "t_s", "train", "pulse_in_train", "burst", "pulse_in_burst",
           "intensity", "intensity_unit", "intensity_mso", "block", "target"]
TEXT_COLUMNS = {"intensity_unit", "target"}


def validator(source, name):
    """A draft 2020-12 validator for docs/schemas/NAME, whose schema is itself checked."""
    schema = json.loads((source / "docs" / "schemas" / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def statement_of(path):
    """The in-toto statement inside an attestation file."""
    envelope = json.loads(path.read_text())
    return json.loads(base64.b64decode(envelope["payload"], validate=True))


def errors(v, document):
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in v.iter_errors(document)]


def check_json(tmsc, example, schedule_schema, statement_schema, problems):
    """Compiles the JSON table; returns it (parsed)."""
    name = example.stem
    tmsc.compile(example, "json", f"{name}.json")
    table = json.loads((tmsc.work / f"{name}.json").read_text())
    for e in errors(schedule_schema, table):
        problems.check(False, f"{name}.json: {e}")
    statement = statement_of(tmsc.work / f"{name}.json.intoto.json")
    for e in errors(statement_schema, statement):
        problems.check(False, f"{name}.json.intoto.json: {e}")
    return table


def check_csv(tmsc, example, table, statement_schema, problems):
    """Compiles the CSV table and reads it with pandas and the csv module."""
    name = example.stem
    tmsc.compile(example, "csv", f"{name}.csv")
    path = tmsc.work / f"{name}.csv"
    raw = path.read_bytes()
    pulses = table["pulses"]
    problems.check(raw.count(b"\r\n") == len(pulses) + 1 and raw.count(b"\n") == len(pulses) + 1
                   and raw.endswith(b"\r\n"), f"{name}.csv: not header + one CRLF row per pulse")
    frame = pandas.read_csv(path)
    problems.check(list(frame.columns) == COLUMNS, f"{name}.csv: columns {list(frame.columns)}")
    problems.check(len(frame) == len(pulses) == table["summary"]["pulses_per_session"],
                   f"{name}.csv: {len(frame)} rows for {len(pulses)} pulses")
    for column in COLUMNS:
        if column not in TEXT_COLUMNS and column in frame:
            problems.check(pandas.api.types.is_numeric_dtype(frame[column]),
                           f"{name}.csv: column {column} read as {frame[column].dtype}")
    with path.open(newline="") as f:
        problems.check(sum(1 for _ in csv.DictReader(f)) == len(pulses),
                       f"{name}.csv: csv.DictReader rows differ from the pulses")
    check_times(name, frame, pulses, statement_of(tmsc.work / f"{name}.csv.intoto.json"),
                statement_schema, problems)


def check_times(name, frame, pulses, statement, statement_schema, problems):
    """t_us and t_s agree with the JSON table's exact times; any rounding is attested."""
    for e in errors(statement_schema, statement):
        problems.check(False, f"{name}.csv.intoto.json: {e}")
    rounded = 0
    for row, pulse in zip(frame.itertuples(index=False), pulses):
        exact = Fraction(pulse["t_s"])  # "0.1" or "1/18": the JSON keeps the exact time
        problems.check(row.t_us == pulse["t_us"], f"{name}.csv: pulse {row.pulse} t_us")
        # pandas' default float parser may differ from correct rounding in the last bit.
        problems.check(math.isclose(row.t_s, row.t_us / 1e6, rel_tol=1e-15, abs_tol=1e-15),
                       f"{name}.csv: pulse {row.pulse} t_s is not t_us in seconds")
        problems.check(abs(exact * 10**6 - row.t_us) <= Fraction(1, 2),
                       f"{name}.csv: pulse {row.pulse} off by more than half a microsecond")
        rounded += exact * 10**6 != row.t_us
    w0901 = [f for f in statement["predicate"]["findings"] if f["code"] == "W0901"]
    problems.check((rounded > 0) == bool(w0901), f"{name}.csv: {rounded} rounded times, "
                   f"{len(w0901)} W0901 findings in the attestation")
    problems.check(all("t_us and t_s columns round" in f["message"] for f in w0901),
                   f"{name}.csv: a W0901 finding does not name the t_s column")
    problems.check(sum(int(f["message"].split()[0]) for f in w0901) == rounded,
                   f"{name}.csv: the W0901 counts do not add up to {rounded}")


def main():
    binary, source = Path(sys.argv[1]), Path(sys.argv[2])
    schedule_schema = validator(source, "schedule-v1.schema.json")
    statement_schema = validator(source, "attestation-compile-v1.schema.json")
    problems = Problems()
    examples = sorted((source / "examples").glob("*.tms"))
    problems.check(len(examples) >= 10, f"only {len(examples)} examples found")
    with tempfile.TemporaryDirectory() as work:
        tmsc = Tmsc(binary, work)
        for example in examples:
            table = check_json(tmsc, example, schedule_schema, statement_schema, problems)
            check_csv(tmsc, example, table, statement_schema, problems)
    return problems.report(f"{len(examples)} examples, JSON and CSV")


if __name__ == "__main__":
    sys.exit(main())
