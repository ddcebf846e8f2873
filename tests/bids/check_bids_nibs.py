#!/usr/bin/python3
"""The draft NIBS-BIDS export of every bundled example, read with pandas.

For each example, `tmsc compile --target bids-nibs --device magventure-x100 --rmt 50 --amt 40`
writes STEM_nibs.tsv, STEM_nibs.json and STEM_events.tsv. They are read with
pandas.read_csv(sep="\\t", na_values="n/a") and checked against the draft's rules
(docs/output-formats.md) and against the JSON pulse table of the same compile:

- numeric columns are numeric (dtype), nibs_event_id is unique, every event names a row;
- the sidecar declares Units for every numeric column and Delimiter for every '|' column;
- the pulses rebuilt from events (onset) and parameter sets (pattern counts and onset-to-
  onset intervals) are the JSON table's pulses: same count, times within 1 ns, same %MSO;
- pattern<k>_duration = count x interval (the trailing interval included), and the events'
  duration is the nominal on-time;
- the attestation verifies the three files, and rejects a changed byte.

usage: check_bids_nibs.py TMSC SOURCE_DIR
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas

NUMERIC = ["stimulus_intensity", "pattern1_count", "pattern1_interval", "pattern1_duration",
           "pattern2_count", "pattern2_interval", "pattern2_duration", "tmsc_first_to_last"]
OPTIONS = ["--device", "magventure-x100", "--rmt", "50", "--amt", "40"]


def tmsc(binary, *args, expect=0):
    r = subprocess.run([binary, *args], capture_output=True, text=True, timeout=300)
    if r.returncode != expect:
        sys.exit(f"tmsc {' '.join(args)}: exit {r.returncode}\n{r.stderr}")
    return r.stdout


def read_tsv(path):
    return pandas.read_csv(path, sep="\t", na_values="n/a", keep_default_na=False)


def check_tables(nibs, events, sidecar, name):
    for column in NUMERIC:
        if nibs[column].notna().any():
            assert pandas.api.types.is_numeric_dtype(nibs[column]), (name, column, nibs[column])
        assert "Units" in sidecar[column] or column.endswith("_count"), (name, column)
    for column in nibs.columns:
        assert column in sidecar, f"{name}: no descriptor for {column}"
        if nibs[column].astype(str).str.contains("|", regex=False).any():
            assert sidecar[column].get("Delimiter") == "|", (name, column)
    assert nibs["nibs_event_id"].is_unique, name
    assert set(events["nibs_event_id"]) <= set(nibs["nibs_event_id"]), name
    for column in ("onset", "duration"):
        assert pandas.api.types.is_numeric_dtype(events[column]), (name, column)
    for k in (1, 2):
        rows = nibs[nibs[f"pattern{k}_interval"].notna()]
        product = rows[f"pattern{k}_count"] * rows[f"pattern{k}_interval"]
        # An interval such as 1/18 s is written to 9 decimals: the product is off by up to
        # count x 0.5 ns.
        error = (product - rows[f"pattern{k}_duration"]).abs()
        assert (error <= rows[f"pattern{k}_count"] * 0.5e-9 + 1e-12).all(), (name, k)


def rebuild_pulses(nibs, events):
    """Pulse times and %MSO from the events and the parameter sets."""
    sets = nibs.set_index("nibs_event_id")
    pulses = []
    for event in events.itertuples():
        row = sets.loc[event.nibs_event_id]
        if pandas.isna(row.pattern1_interval):  # a single pulse
            pulses.append((event.onset, float(row.stimulus_intensity)))
            continue
        if isinstance(row.pattern1_intensity, str):  # a pair, one intensity per pulse
            levels = [float(x) for x in row.pattern1_intensity.split("|")]
        else:
            levels = [float(row.stimulus_intensity)] * int(row.pattern1_count)
        bursts = 1 if pandas.isna(row.pattern2_count) else int(row.pattern2_count)
        burst_interval = 0 if pandas.isna(row.pattern2_interval) else row.pattern2_interval
        for b in range(bursts):
            for p in range(int(row.pattern1_count)):
                t = event.onset + b * burst_interval + p * row.pattern1_interval
                pulses.append((t, levels[p]))
    return pulses


def check_example(binary, example, out):
    stem = out / example.stem
    tmsc(binary, "compile", str(example), "--target", "bids-nibs", *OPTIONS, "-o", str(stem))
    table = json.loads(tmsc(binary, "compile", str(example), "--target", "json",
                            "--rmt", "50", "--amt", "40", "-o", "-"))
    nibs = read_tsv(f"{stem}_nibs.tsv")
    events = read_tsv(f"{stem}_events.tsv")
    sidecar = json.loads(Path(f"{stem}_nibs.json").read_text())
    check_tables(nibs, events, sidecar, example.name)
    assert len(events) == len(table["trains"]), example.name
    rebuilt = rebuild_pulses(nibs, events)
    expected = [(p["t_us"] / 1e6, float(p["intensity_mso"])) for p in table["pulses"]]
    assert len(rebuilt) == len(expected), (example.name, len(rebuilt), len(expected))
    for (t, mso), (t_table, mso_table) in zip(rebuilt, expected):
        # t_us is rounded to whole microseconds; the export's times to 1 ns.
        assert abs(t - t_table) <= 5e-7 + 1e-9, (example.name, t, t_table)
        assert abs(mso - mso_table) < 1e-9, (example.name, mso, mso_table)
    attestation = f"{stem}.bids-nibs.intoto.json"
    tmsc(binary, "verify-table", attestation, "--source", str(example))
    path = Path(f"{stem}_events.tsv")
    data = path.read_bytes()
    path.write_bytes(data[:-2] + b"9\n")
    tmsc(binary, "verify-table", attestation, expect=1)
    return len(nibs), len(events)


def main():
    binary, source = sys.argv[1], Path(sys.argv[2])
    examples = sorted((source / "examples").glob("*.tms"))
    assert len(examples) >= 10, examples
    with tempfile.TemporaryDirectory(prefix="tmsc-bids-") as scratch:
        for example in examples:
            sets, trains = check_example(binary, example, Path(scratch))
            print(f"{example.name}: {sets} parameter set(s), {trains} event(s)")
    print(f"{len(examples)} examples: the NIBS-BIDS draft files read back to their pulse tables")


if __name__ == "__main__":
    main()
