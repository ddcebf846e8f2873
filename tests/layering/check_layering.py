#!/usr/bin/env python3
"""Checks that every #include of the project points down the pipeline.

The order of the rooms is data, in tests/layering.txt: one line per level, lowest first, peers
on one line. A file may include headers of its own room and of rooms on earlier lines; it may
not include a room above it or a peer. Z3's headers may be included only inside the rooms that
the `z3:` line names. Every C/C++ file must belong to a room, and every quoted include must
name a file of the project (relative to the project root or to the including file), so a stale
path after a move fails here rather than compiling by accident.

Usage: check_layering.py ROOT [LAYERING_FILE]
Prints one `path:line: error: ...` per violation and exits 1 if there is any, else 0.
"""

import os
import re
import sys
from pathlib import Path

SOURCE_SUFFIXES = {".c", ".h", ".cpp", ".hpp", ".in"}
SKIPPED_DIRS = {".git", "node_modules"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
Z3_HEADERS = {"z3++.h", "z3.h", "z3_api.h"}


class Layering:
    """The declared rooms: a level per folder, the Z3 rooms and the generated headers."""

    def __init__(self, text):
        self.level = {}
        self.z3_rooms = set()
        self.generated = set()
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("z3:"):
                self.z3_rooms.update(line[3:].split())
            elif line.startswith("generated:"):
                self.generated.update(line[len("generated:"):].split())
            else:
                for folder in line.split():
                    if folder in self.level:
                        raise ValueError(f"layering line {number}: '{folder}' listed twice")
                    self.level[folder] = len(set(self.level.values()))
                # folders of one line share the level just assigned to the first of them
                first = line.split()[0]
                for folder in line.split():
                    self.level[folder] = self.level[first]

    def room_of(self, relative):
        """The longest declared folder containing `relative` (a POSIX path), or None."""
        best = None
        for folder in self.level:
            if relative == folder or relative.startswith(folder + "/"):
                if best is None or len(folder) > len(best):
                    best = folder
        return best


def source_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames
                             if d not in SKIPPED_DIRS and not d.startswith("build"))
        for name in sorted(filenames):
            if Path(name).suffix in SOURCE_SUFFIXES:
                yield Path(dirpath) / name


def resolve(root, including, target, layering):
    """The project-relative path an include names, or None when it names no project file."""
    for candidate in (root / target, including.parent / target):
        if candidate.is_file() or Path(str(candidate) + ".in").is_file():
            return candidate.resolve().relative_to(root.resolve()).as_posix()
    if target in layering.generated:
        return target
    return None


def check(root, layering):
    problems = []
    for path in source_files(root):
        relative = path.relative_to(root).as_posix()
        room = layering.room_of(relative)
        if room is None:
            problems.append(f"{relative}:1: error: the file lies in no room of tests/layering.txt")
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines, 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            kind, target = match.groups()
            if Path(target).name in Z3_HEADERS and room not in layering.z3_rooms:
                problems.append(f"{relative}:{number}: error: includes {target} outside "
                                f"{', '.join(sorted(layering.z3_rooms))}")
                continue
            if kind == "<":
                continue
            resolved = resolve(root, path, target, layering)
            if resolved is None:
                problems.append(f"{relative}:{number}: error: includes \"{target}\", "
                                "which names no file of the project")
                continue
            other = layering.room_of(resolved)
            if other is None:
                problems.append(f"{relative}:{number}: error: includes \"{target}\", "
                                "which lies in no room")
            elif other != room and layering.level[other] >= layering.level[room]:
                where = "beside" if layering.level[other] == layering.level[room] else "above"
                problems.append(f"{relative}:{number}: error: includes \"{target}\" from "
                                f"{other}/, which stands {where} {room}/")
    return problems


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    root = Path(argv[1])
    layering_file = Path(argv[2]) if len(argv) == 3 else root / "tests" / "layering.txt"
    layering = Layering(layering_file.read_text(encoding="utf-8"))
    problems = check(root, layering)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} include(s) break the layering of {layering_file}")
        return 1
    print(f"layering holds: every include points down ({len(layering.level)} rooms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
