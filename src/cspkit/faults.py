"""Named points where a test may stop a running ingest, to prove the store survives it.

Set CSPKIT_FAULT=POINT:ACTION, ACTION being `kill` (SIGKILL, no clean-up), `interrupt`
(SIGINT, as Ctrl-C) or `pause` (wait until the file CSPKIT_FAULT_RELEASE exists). With the
variable unset, a checkpoint costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal
import threading
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
        # To the main thread, as Ctrl-C is handled, whichever thread reaches the point; a
        # worker then waits so the main thread acts on it before this file's work goes on.
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
        if threading.current_thread() is not threading.main_thread():
            time.sleep(2)
    elif action == "pause":
        release = Path(os.environ["CSPKIT_FAULT_RELEASE"])
        deadline = time.monotonic() + 60
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
