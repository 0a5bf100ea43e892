"""Named points where a test may stop a running ingest, to prove the store survives it.

Set CSPKIT_FAULT=POINT:ACTION, ACTION being `kill` (SIGKILL, no clean-up), `interrupt`
(SIGINT, as Ctrl-C) or `pause` (wait until the file CSPKIT_FAULT_RELEASE exists). With the
variable unset, a checkpoint costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

POINTS = ("parse", "assign", "write", "catalogue", "swap")


def checkpoint(point: str) -> None:
    spec = os.environ.get("CSPKIT_FAULT")
    if not spec:
        return
    where, _, action = spec.partition(":")
    if where != point:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "interrupt":
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the signal arrives while we wait
    elif action == "pause":
        release = Path(os.environ["CSPKIT_FAULT_RELEASE"])
        deadline = time.monotonic() + 60
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
