#!/usr/bin/python3
"""`cpack -G DEB` builds a package that lintian passes without errors or warnings.

The package is built into a scratch directory from the build tree's CPack configuration; its
control fields must name the maintainer and the libraries the binary links (found by
dpkg-shlibdeps: libz3, libssl), and the binary unpacked from it (dpkg-deb -x) must check an
example. lintian's informational tags are allowed (docs/install.md lists them).

usage: check_deb.py BUILD_DIR SOURCE_DIR
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile


def field(deb, name):
    return subprocess.run(["dpkg-deb", "-f", deb, name], check=True, capture_output=True,
                          text=True).stdout.strip()


def build_package(build_dir, out):
    subprocess.run([os.environ.get("CPACK", "cpack"), "-G", "DEB", "-B", out,
                    "--config", os.path.join(build_dir, "CPackConfig.cmake")],
                   check=True, capture_output=True, timeout=600)
    [deb] = glob.glob(os.path.join(out, "*.deb"))
    return deb


def check_fields(deb):
    depends = field(deb, "Depends")
    for lib in ("libz3-", "libssl3", "libc6", "libstdc++6"):
        assert lib in depends, f"Depends lacks {lib}: {depends}"
    assert "<" in field(deb, "Maintainer"), field(deb, "Maintainer")
    assert field(deb, "Description").count("\n") >= 2, "no extended description"


def lintian_clean(deb):
    if shutil.which("lintian") is None:
        print("lintian not installed: skipped")
        return
    r = subprocess.run(["lintian", deb], capture_output=True, text=True, timeout=600)
    tags = [l for l in r.stdout.splitlines() if l[:2] in ("E:", "W:")]
    if tags or r.returncode != 0:
        sys.exit(f"lintian (exit {r.returncode}):\n" + "\n".join(tags) + r.stderr)


def unpacked_binary_checks(deb, scratch, source_dir):
    root = os.path.join(scratch, "root")
    subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    shutil.copy(os.path.join(source_dir, "examples", "fda-10hz.tms"), scratch)
    r = subprocess.run([os.path.join(root, "usr/bin/tmsc"), "check", "fda-10hz.tms"],
                       cwd=scratch, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def main():
    build_dir, source_dir = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="tmsc-deb-") as scratch:
        deb = build_package(os.path.realpath(build_dir), os.path.join(scratch, "out"))
        check_fields(deb)
        lintian_clean(deb)
        unpacked_binary_checks(deb, scratch, source_dir)
    print(f"{os.path.basename(deb)}: fields, lintian and the unpacked binary are good")


if __name__ == "__main__":
    main()
