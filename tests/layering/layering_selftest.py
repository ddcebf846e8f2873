#!/usr/bin/env python3
"""A test of the layering test: each kind of break, planted in a copy of the real tree, must
make check_layering.py fail and name the file and line of the break; the untouched copy must
pass. Usage: layering_selftest.py ROOT"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECK = HERE / "check_layering.py"
ROOMS = ["firmware", "support", "grammar", "compiler", "safety", "targets", "authoring", "cli", "tests",
         "bench"]


def copy_tree(root, into):
    for room in ROOMS:
        if (root / room).is_dir():
            shutil.copytree(root / room, into / room,
                            ignore=shutil.ignore_patterns("golden*", "hostile", "corpus-*"))


def run(root):
    result = subprocess.run([sys.executable, str(CHECK), str(root)], capture_output=True,
                            text=True)
    return result.returncode, result.stdout


def plant(root, relative, line):
    """Adds `line` after the first line of `relative`; returns the 1-based line it lands on."""
    path = root / relative
    lines = path.read_text().splitlines(keepends=True)
    lines.insert(1, line + "\n")
    path.write_text("".join(lines))
    return 2


# (what is planted, in which file, the words the report must contain)
BREAKS = [
    ("upward include", "support/rational.cpp", '#include "cli/driver/driver.hpp"',
     "from cli/driver/, which stands above support/"),
    ("upward include from the grammar", "grammar/parser.cpp", '#include "compiler/check/resolve.hpp"',
     "from compiler/check/, which stands above grammar/"),
    ("peer include", "targets/magstim/magstim_frames.cpp",
     '#include "targets/magventure/magventure_frames.hpp"',
     "from targets/magventure/, which stands beside targets/magstim/"),
    ("Z3 outside safety/smt", "compiler/check/resolve.cpp", "#include <z3++.h>",
     "includes z3++.h outside safety/smt"),
    ("stale path", "safety/verify.cpp", '#include "compiler/resolve.hpp"',
     "names no file of the project"),
]


def main(argv):
    root = Path(argv[1]).resolve()
    failures = []
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "base"
        copy_tree(root, base)
        code, out = run(base)
        if code != 0:
            failures.append(f"the untouched copy does not pass:\n{out}")
        for name, relative, line, words in BREAKS:
            tree = Path(scratch) / name.replace(" ", "-").replace("/", "-")
            shutil.copytree(base, tree)
            where = plant(tree, relative, line)
            code, out = run(tree)
            expected = f"{relative}:{where}: error: "
            hit = [l for l in out.splitlines() if l.startswith(expected) and words in l]
            if code != 1 or len(hit) != 1:
                failures.append(f"{name}: expected exit 1 and one '{expected}...{words}', "
                                f"got exit {code}:\n{out}")
        stray = Path(scratch) / "stray"
        shutil.copytree(base, stray)
        (stray / "newroom").mkdir()
        (stray / "newroom" / "x.cpp").write_text("int x;\n")
        code, out = run(stray)
        if code != 1 or "newroom/x.cpp:1: error: the file lies in no room" not in out:
            failures.append(f"a file outside every room was not reported:\n{out}")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(BREAKS) + 2 - len(failures)} of {len(BREAKS) + 2} cases behave")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
