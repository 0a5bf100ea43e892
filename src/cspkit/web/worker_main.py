"""`python -m cspkit.web.worker_main`: the worker process `cspkit serve` starts beside gunicorn."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cspkit.web.settings"  # settings come only from CSPKIT_* (DESIGN.md)
    import django

    django.setup()
    from cspkit.settings import setting
    from cspkit.web.datahub import worker

    def stop(signum: int, frame: FrameType | None) -> None:
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    with contextlib.suppress(KeyboardInterrupt):
        worker.run(float(setting("CSPKIT_WORKER_POLL") or "2"))


if __name__ == "__main__":
    main()
