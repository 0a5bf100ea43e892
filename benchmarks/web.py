"""The web platform under load: `cspkit serve` on the demo workspace, measured with wrk.

    python benchmarks/web.py            # 50 connections, 20 s per URL
    python benchmarks/web.py --smoke    # 10 connections, 3 s per URL (CI)
    DATABASE_URL=postgresql://... python benchmarks/web.py   # the web database on PostgreSQL

A signed-in analyst's cookie (no second factor for that role) drives the data hub's pages;
`/healthz` (one database query and the store's catalogue) is the reference in the same run.
Prints, per URL, requests per second, p95 latency, errors and the p95 ratio to /healthz.
wrk comes from Debian's package (`apt-get install wrk`); without it the script says so.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from common import machine

URLS = ["/healthz", "/accounts/login/", "/datahub/", "/datahub/coverage/", "/datahub/batches/"]
SIGNED_IN = {"/datahub/", "/datahub/coverage/", "/datahub/batches/"}
REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %.3f %.2f %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(95) / 1000, errors))
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str) -> None:
    for _ in range(240):
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def _session_cookie(base: str, username: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise SystemExit("no CSRF token on the sign-in page")
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "username": username, "password": password})
    # Loopback only: the URL is the server this script started.
    request = urllib.request.Request(f"{base}/accounts/login/", data=form.encode(), headers={"Referer": base})  # noqa: S310
    opener.open(request).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise SystemExit("the analyst could not sign in")
    return f"sessionid={cookies['sessionid']}"


def _wrk(url: str, cookie: str | None, connections: int, seconds: int, script: Path) -> tuple[float, float, int]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    line = next(row for row in done.stdout.splitlines() if row.startswith("RESULT"))
    _, requests, duration, p95, errors = line.split()
    return int(requests) / float(duration), float(p95), int(errors)


@dataclass
class Served:
    base: str  # http://127.0.0.1:PORT
    cookie: str  # the signed-in analyst's session
    script: Path  # wrk's report script
    database: str  # SQLite or PostgreSQL
    home: Path  # the served workspace
    environment: dict[str, str]  # what `cspkit` commands need to act on it


@contextmanager
def demo_server(prefix: str, *then: list[str]) -> Iterator[Served]:
    """`cspkit demo` in a new workspace (then each further cspkit command), `cspkit serve` on a
    free port with 2 workers, and the analyst signed in; everything removed afterwards.

    With $CSPKIT_BENCH_DEMO (a demo workspace `benchmarks/run` made once) and the web database
    on SQLite, that workspace is copied instead of made again: the same demo, database included."""
    workspace = Path(tempfile.mkdtemp(prefix=prefix))
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environment["CSPKIT_HOME"] = str(workspace)
    made = os.environ.get("CSPKIT_BENCH_DEMO", "")
    reuse = bool(made) and Path(made, "demo-users.txt").exists() and not environment.get("DATABASE_URL")
    server = None
    try:
        cspkit = [sys.executable, "-m", "cspkit"]
        if reuse:
            shutil.copytree(made, workspace, symlinks=True, dirs_exist_ok=True)
        for command in ([] if reuse else [["demo", "--no-serve", "--web", "--quiet"]]) + list(then):
            # In the workspace, so that a command's relative --out lands there and goes with it.
            subprocess.run([*cspkit, *command], env=environment, check=True, capture_output=True, cwd=workspace)
        accounts = (workspace / "demo-users.txt").read_text(encoding="utf-8").splitlines()
        analyst = next(line.split() for line in accounts if line.startswith("analyst "))
        port = _free_port()
        log = (workspace / "serve.log").open("wb")
        server = subprocess.Popen(
            [*cspkit, "serve", "--port", str(port), "--workers", "2"],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        _wait(f"{base}/healthz")
        script = workspace / "report.lua"
        script.write_text(REPORT, encoding="utf-8")
        database = "PostgreSQL" if environment.get("DATABASE_URL") else "SQLite"
        yield Served(base, _session_cookie(base, analyst[1], analyst[2]), script, database, workspace, environment)
    except BaseException:
        served_log = workspace / "serve.log"
        if served_log.exists():  # what the server said, before the workspace goes
            print(served_log.read_text(encoding="utf-8", errors="replace")[-6000:], file=sys.stderr)
        raise
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(workspace, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="short and light (CI)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("benchmarks/web.py: wrk is not installed (apt-get install wrk); skipped")
        return
    connections, seconds = (10, 3) if args.smoke else (50, 20)
    with demo_server("cspkit-bench-web-") as served:
        print(
            f"Web platform under wrk ({connections} connections, {seconds} s per URL, 2 gunicorn workers, "
            f"{served.database})"
        )
        print(f"on {machine()}")
        print(f"{'URL':<22} {'req/s':>8} {'p95 ms':>8} {'errors':>7} {'p95 / healthz':>14}")
        reference = None
        for path in URLS:
            cookie = served.cookie if path in SIGNED_IN else None
            rate, p95, errors = _wrk(served.base + path, cookie, connections, seconds, served.script)
            reference = reference or p95
            print(f"{path:<22} {rate:>8.0f} {p95:>8.1f} {errors:>7} {p95 / reference:>14.2f}")


if __name__ == "__main__":
    main()
