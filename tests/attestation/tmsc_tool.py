"""Running the tmsc binary from the attestation tests: compile into a scratch folder, verify."""

import subprocess
from pathlib import Path


class Tmsc:
    """The binary under test, run in `work` (a scratch folder)."""

    def __init__(self, binary, work):
        self.binary = str(binary)
        self.work = Path(work)

    def run(self, *args):
        """Runs tmsc with `args` in the scratch folder; returns the CompletedProcess."""
        return subprocess.run([self.binary, *map(str, args)], cwd=self.work,
                              capture_output=True, text=True, check=False)

    def compile(self, protocol, target, output, *extra):
        """`tmsc compile` with the thresholds every example accepts; raises unless it exits 0."""
        r = self.run("compile", protocol, "--rmt", "50", "--amt", "40", "--target", target,
                     "-o", output, *extra)
        if r.returncode != 0:
            raise AssertionError(f"tmsc compile {protocol} --target {target} exited "
                                 f"{r.returncode}:\n{r.stderr}")
        return r


class Problems:
    """Collects failures; the script exits 1 when there is any."""

    def __init__(self):
        self.items = []

    def check(self, ok, message):
        if not ok:
            self.items.append(message)
        return ok

    def report(self, what):
        for item in self.items:
            print("FAIL:", item)
        print(f"{what}: {'ok' if not self.items else str(len(self.items)) + ' failure(s)'}")
        return 1 if self.items else 0
