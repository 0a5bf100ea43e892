"""Start the web app: configure Django for a workspace, prepare the database and static
files, then run gunicorn and the worker together (DESIGN.md "Web runtime")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from cspkit.errors import CspkitError

# Access log lines: time, method, path without the query string, status, bytes, seconds.
# No client address and no query (searches may name people): the audit table says who did what.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)s'


class WebError(CspkitError):
    """The web app cannot start as configured."""


def setup(home: Path) -> None:
    """Point Django at this workspace and load it (once per process)."""
    os.environ["CSPKIT_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cspkit.web.settings"  # settings come only from CSPKIT_* (DESIGN.md)
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise WebError(str(error)) from error


def manage(*arguments: str) -> None:
    from django.core.management import call_command

    call_command(*arguments)


def execute(arguments: list[str]) -> None:
    """A management command line, as `django-admin` would run it (`cspkit manage ...`)."""
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cspkit manage", *arguments])


def prepare(quiet: bool = False) -> None:
    """Migrations, the shared cache table, static files; in production, the deployment checks."""
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    verbosity = 0 if quiet else 1
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if settings.PRODUCTION:
        try:
            call_command("check", deploy=True, fail_level="WARNING")
        except SystemCheckError as error:
            raise WebError(f"refusing to start in production:\n{error}") from error


def _commands(host: str, port: int, workers: int) -> tuple[list[str], list[str]]:
    web = [
        sys.executable,
        "-m",
        "gunicorn",
        "cspkit.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--timeout",
        "120",
        "--no-control-socket",
        "--graceful-timeout",
        "10",
    ]
    worker = [sys.executable, "-m", "cspkit.web.worker_main"]
    return web, worker


def serve(host: str, port: int, workers: int) -> int:
    """Run gunicorn and the worker until either stops or a signal arrives; returns an exit code."""
    web_command, worker_command = _commands(host, port, workers)
    environment = dict(os.environ)
    # Both commands are this interpreter with fixed module names; nothing comes from a request.
    processes = [subprocess.Popen(command, env=environment) for command in (web_command, worker_command)]  # noqa: S603
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = 0
    try:
        while not stopping:
            if any(process.poll() is not None for process in processes):
                code = next(process.returncode for process in processes if process.returncode is not None) or 1
                break
            time.sleep(0.5)
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    return code
