#!/usr/bin/env python3
"""Writes a copy of a ttl-c-header output with one table byte changed.

Usage: corrupt_table.py IN OUT
The lowest bit of the first byte of run 0's unit count (table offset 36) is flipped, so the
table still parses but no longer matches tmsc_table_sha256: the firmware built from OUT must
refuse to arm (tests/firmware/CMakeLists.txt, firmware.refuses_altered_table).
"""

import sys


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-4], file=sys.stderr)
        return 2
    lines = open(argv[1], encoding="utf-8").read().split("\n")
    run0 = next(i for i, line in enumerate(lines) if line.strip().startswith("/* run 0 at 28:"))
    items = lines[run0 + 1].split(",")
    # 12 bytes per line: the 9th is run 0's byte 8, the unit count's low byte.
    byte = int(items[8], 16) ^ 1
    items[8] = f" 0x{byte:02X}"
    lines[run0 + 1] = ",".join(items)
    open(argv[2], "w", encoding="utf-8").write("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
