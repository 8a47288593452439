"""Run the real command line in a subprocess, as a script or a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


def run(db: Path, *args: str, lang: str = "en") -> Result:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "RC_LANG": lang}
    done = subprocess.run(
        [sys.executable, "-m", "core.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)
