#!/usr/bin/python3
"""`cmake --install` into a temporary prefix, then the installed tmsc run far from the build.

The installed binary is run from a scratch directory with a bare environment, after the
prefix has been moved, so it can rely neither on the working directory, nor on the path it
was installed to, nor on the build or source tree. It must check an example, list its device
profiles, and read the installed rule-set and profile files; the installed rule set must be
byte for byte the one built in. With strace (Debian's), no file under the source or build
tree may even be opened.

usage: check_install.py BUILD_DIR SOURCE_DIR
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

EXPECTED = [
    "bin/tmsc",
    "share/man/man1/tmsc.1.gz",
    "share/bash-completion/completions/tmsc",
    "share/doc/tmsc/copyright",
    "share/doc/tmsc/changelog.gz",
    "share/tmsc/rules/rossi2009.json",
    "share/tmsc/rules/rossi2009-conservative.json",
    "share/tmsc/rules/examples/site-90min.json",
    "share/tmsc/devices/magstim-rapid2-240v.json",
    "share/tmsc/editors/vscode-tms/syntaxes/tms.tmLanguage.json",
]


def run(args, cwd, expect=0):
    env = {"PATH": "/usr/bin:/bin", "HOME": cwd, "LC_ALL": "C"}
    r = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if r.returncode != expect:
        sys.exit(f"{args}: exit {r.returncode}, expected {expect}\n{r.stdout}\n{r.stderr}")
    return r.stdout


def install(build_dir, prefix):
    cmake = os.environ.get("CMAKE", "cmake")
    subprocess.run([cmake, "--install", build_dir, "--prefix", prefix], check=True,
                   capture_output=True, timeout=300)
    missing = [p for p in EXPECTED if not os.path.isfile(os.path.join(prefix, p))]
    if missing:
        sys.exit(f"not installed: {missing}")


def no_build_runpath(binary, trees):
    dynamic = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True).stdout
    for line in dynamic.splitlines():
        if "RPATH" in line or "RUNPATH" in line:
            for tree in trees:
                if tree in line:
                    sys.exit(f"the installed binary looks for libraries in {tree}: {line}")


def check_installed(tmsc, prefix, work):
    shutil.copy(os.path.join(SOURCE, "examples", "fda-10hz.tms"), work)
    report = run([tmsc, "check", "fda-10hz.tms"], work)
    assert "pass     0       0         fda-10hz.tms" in report, report
    built_in = re.search(r"sha256 ([0-9a-f]{64})  \(built in\)", report)
    assert built_in, report
    with open(os.path.join(prefix, "share/tmsc/rules/rossi2009.json"), "rb") as f:
        installed = hashlib.sha256(f.read()).hexdigest()
    assert installed == built_in.group(1), "installed rossi2009.json differs from the built-in"
    devices = run([tmsc, "devices"], work)
    assert "magstim-rapid2-240v" in devices and "magventure-x100" in devices, devices
    site = os.path.join(prefix, "share/tmsc/rules/examples/site-90min.json")
    assert "example-site" in run([tmsc, "check", "--rules", site, "fda-10hz.tms"], work)
    profile = os.path.join(prefix, "share/tmsc/devices/magstim-rapid2-240v.json")
    run([tmsc, "check", "--device", profile, "--rmt", "55", "fda-10hz.tms"], work)
    return report


def opens_nothing_in(tmsc, work, trees):
    """With strace, list every path the run opens; none may lie in the build or source tree."""
    if shutil.which("strace") is None:
        print("strace not installed: skipped the file-open trace")
        return
    log = os.path.join(work, "strace.log")
    r = subprocess.run(["strace", "-f", "-qq", "-e", "trace=open,openat,stat,newfstatat,access",
                        "-o", log, tmsc, "check", "--device", "magstim-rapid2-240v",
                        "--rmt", "55", "fda-10hz.tms"],
                       cwd=work, env={"PATH": "/usr/bin:/bin", "HOME": work},
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0 or not os.path.exists(log):
        print(f"strace could not trace here (exit {r.returncode}): skipped\n{r.stderr}")
        return
    with open(log, encoding="utf-8", errors="replace") as f:
        lines = f.readlines()
    # The trace must have seen the protocol being opened, or it proves nothing.
    assert any('"fda-10hz.tms"' in line for line in lines), "strace saw no open of the input"
    for line in lines:
        for tree in trees:
            if f'"{tree}/' in line or f'"{tree}"' in line:
                sys.exit(f"the installed binary touched {tree}: {line.strip()}")


def main():
    global SOURCE
    build_dir, SOURCE = (os.path.realpath(p) for p in sys.argv[1:3])
    trees = [build_dir, SOURCE]
    with tempfile.TemporaryDirectory(prefix="tmsc-install-") as scratch:
        first = os.path.join(scratch, "first-prefix")
        install(build_dir, first)
        # Moved after installation: nothing may depend on where it was installed either.
        prefix = os.path.join(scratch, "moved-prefix")
        os.rename(first, prefix)
        work = os.path.join(scratch, "elsewhere")
        os.mkdir(work)
        tmsc = os.path.join(prefix, "bin", "tmsc")
        no_build_runpath(tmsc, trees)
        check_installed(tmsc, prefix, work)
        opens_nothing_in(tmsc, work, trees)
    print("installed tmsc checks, lists its devices and reads its data away from the build")


if __name__ == "__main__":
    main()
