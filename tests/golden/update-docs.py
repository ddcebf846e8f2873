#!/usr/bin/env python3
"""Refreshes the examples in docs/diagnostics.md from the golden cases they quote.

Each '## CODE' section names its case on a line starting 'Example:' that contains
`tests/golden/NAME.tms` (or `.gen`). This script rewrites that line (adding the command when the
case has a .args file) and the two fenced blocks after it: the case's input, and the
diagnostics of its .expected output (without the verdict table or the exit status). The
meaning text is written by hand and kept. Run tests/golden/refresh.sh first; review with
git diff. The golden test fails when the documentation and the golden cases disagree.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
DOC = ROOT / "docs" / "diagnostics.md"


def shown_output(expected: str) -> str:
    """The part of a golden output the documentation shows (mirrors golden_test.cpp)."""
    text = expected
    if "--- stderr\n" in text:
        text = text[text.index("--- stderr\n") + 11:]
    for end in ("\nverdict  errors", "exit: "):
        if end in text:
            text = text[: text.index(end) + (1 if end.startswith("\n") else 0)]
    while text.endswith("\n\n"):
        text = text[:-1]
    return text


def shown_input(data: bytes) -> str:
    """The case's bytes as documentation text: a byte that is not UTF-8, or a control character
    other than newline and tab, is written as \\xHH (mirrors golden_test.cpp)."""
    out = []
    for ch in data.decode("utf-8", errors="surrogateescape"):
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append("\\x%02X" % (code - 0xDC00))
        elif (code < 0x20 and ch not in "\n\t") or code == 0x7F:
            out.append("\\x%02X" % code)
        else:
            out.append(ch)
    return "".join(out)


def example(name: str) -> list:
    """The lines that show golden case `name` (NAME.tms or NAME.gen)."""
    path = GOLDEN / name
    stem = path.stem
    args_file = GOLDEN / (stem + ".args")
    args = args_file.read_text().strip() if args_file.exists() else "check"
    fence = "sh" if path.suffix == ".gen" else "tms"
    lines = [f"Example: `tests/golden/{name}`, run as `tmsc {args} {stem}.tms`:", "", f"```{fence}"]
    lines += shown_input(path.read_bytes()).splitlines()
    lines += ["```", "", "```text"]
    lines += shown_output((GOLDEN / (stem + ".expected")).read_text(encoding="utf-8")).splitlines()
    lines += ["```"]
    return lines


def main() -> int:
    lines = DOC.read_text(encoding="utf-8").splitlines()
    out = []
    i = 0
    ref = re.compile(r"^Example: `tests/golden/([^`]+\.(?:tms|gen))`")
    while i < len(lines):
        m = ref.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        out += example(m.group(1))
        i += 1
        # Skip the old blocks: up to and including the closing fence of the ```text block.
        while i < len(lines) and lines[i] != "```text" and not lines[i].startswith("## "):
            i += 1
        if i < len(lines) and lines[i] == "```text":
            i += 1
            while i < len(lines) and lines[i] != "```":
                i += 1
            i += 1
        if i < len(lines) and lines[i].startswith("## "):
            out.append("")
    DOC.write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
