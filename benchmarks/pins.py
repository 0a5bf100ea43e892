"""Safer Streets reports under load, through Open311: `cspkit serve` on the demo workspace, an
Open311 client with its key, and many reports posted at once.

    python benchmarks/pins.py            # 1,000 submissions, 16 at a time
    python benchmarks/pins.py --smoke    # 120 submissions (CI)
    DATABASE_URL=postgresql://... python benchmarks/pins.py

One submission in ten repeats an earlier one (the same client token, as a client retrying
after a timeout would). The client's documented limit (`engage.rate_limits.open311_client`,
600 an hour; 72 in the smoke run) turns the rest away with 429, counted apart. Afterwards the
workspace's database is read: every accepted submission must be stored exactly once, every
repeat must have been answered with its first answer, and nothing refused may be stored.
`/healthz` under the same concurrency is the reference in the same run. Goal (issue 11):
every accepted pin stored exactly once.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from common import machine
from web import demo_server

CONCURRENCY = 16
KEY = "o311_benchmark-client-key"
AMPTHILL = (-0.4960, 52.0270)
ISSUE_KEY = (
    "import hashlib; from cspkit.web.accounts.models import User; from cspkit.web.engage.models import Open311Client; "
    f"Open311Client.objects.create(name='benchmark', key_hash=hashlib.sha256({KEY!r}.encode()).hexdigest(), "
    "issued_by=User.objects.filter(role='administrator').first())"
)
COUNT = (
    "import json; from cspkit.web.engage.models import SaferStreetsPin as P; "
    "print(json.dumps([[p.token, p.description] for p in P.objects.filter(via='benchmark')]))"
)


def _manage(served: object, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "cspkit", "manage", "shell", "-c", code],
        env=served.environment,  # type: ignore[attr-defined]
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="short and light (CI)")
    args = parser.parse_args()
    total = 120 if args.smoke else 1000
    limit = 72 if args.smoke else 600  # the smoke run's own; the full run uses the default
    with demo_server("cspkit-bench-pins-") as served:
        if args.smoke:  # a limit the smaller run reaches, so the 429 path is exercised too
            with (served.home / "partnership.yaml").open("a", encoding="utf-8") as config:
                config.write(f"  rate_limits:\n    open311_client: {limit}\n")
        _manage(served, ISSUE_KEY)
        draw = random.Random(11)  # noqa: S311 - places for made-up reports
        submissions = []
        for number in range(total):
            token = f"bench-{number - 5}" if number % 10 == 9 else f"bench-{number}"  # one in ten repeats
            submissions.append(
                {
                    "api_key": KEY,
                    "service_code": draw.choice(["poor-lighting", "being-followed", "verbal-abuse"]),
                    "long": f"{AMPTHILL[0] + draw.uniform(-0.002, 0.002):.6f}",
                    "lat": f"{AMPTHILL[1] + draw.uniform(-0.0015, 0.0015):.6f}",
                    "description": f"benchmark {token}",
                    "token": token,
                }
            )

        def post(fields: dict[str, str]) -> tuple[str, int, str, float]:
            body = urllib.parse.urlencode(fields).encode()
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{served.base}/open311/v2/requests.json", body, timeout=60) as answer:  # noqa: S310
                    reply = json.load(answer)
                    return fields["token"], answer.status, reply[0]["token"], time.perf_counter() - started
            except urllib.error.HTTPError as error:
                return fields["token"], error.code, "", time.perf_counter() - started

        def health(_: int) -> float:
            started = time.perf_counter()
            with urllib.request.urlopen(f"{served.base}/healthz", timeout=60) as answer:  # noqa: S310
                answer.read()
            return time.perf_counter() - started

        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            reference = list(pool.map(health, range(200)))
            started = time.perf_counter()
            results = list(pool.map(post, submissions))
            elapsed = time.perf_counter() - started
        stored = json.loads(_manage(served, COUNT).strip().splitlines()[-1])
        accepted = [r for r in results if r[1] == 200]
        refused = [r for r in results if r[1] == 429]
        others = [r for r in results if r[1] not in (200, 429)]
        first: dict[str, str] = {}
        inconsistent = 0
        for client_token, _status, server_token, _took in accepted:
            inconsistent += first.setdefault(client_token, server_token) != server_token
        stored_tokens = [t for t, _d in stored]
        duplicates = len(stored_tokens) - len(set(stored_tokens))
        missing = set(first.values()) - set(stored_tokens)
        extra = set(stored_tokens) - set(first.values())
        print(
            f"Safer Streets reports through Open311 ({total} submissions, {CONCURRENCY} at a time, {served.database})"
        )
        print(f"on {machine()}")
        print(
            f"  accepted (200):                {len(accepted):>6}  of which repeats answered as first: "
            f"{len(accepted) - len(first)}"
        )
        print(f"  refused by the rate limit (429): {len(refused):>4}  (limit {limit} an hour)")
        print(f"  other answers:                 {len(others):>6}")
        print(
            f"  pins stored:                   {len(stored_tokens):>6}  (distinct accepted submissions: {len(first)})"
        )
        print(
            f"  stored twice: {duplicates}   accepted but not stored: {len(missing)}   stored but not accepted: "
            f"{len(extra)}   repeats answered differently: {inconsistent}"
        )
        print(
            f"  throughput {total / elapsed:.0f} submissions/s; p95 {_p95([r[3] for r in results]):.1f} ms; "
            f"/healthz p95 {_p95(reference):.1f} ms (ratio {_p95([r[3] for r in results]) / _p95(reference):.2f})"
        )
        if len(accepted) > limit:
            raise SystemExit(f"benchmarks/pins.py: {len(accepted)} accepted, over the limit of {limit}")
        if duplicates or missing or extra or inconsistent or others:
            raise SystemExit("benchmarks/pins.py: a submission was lost, doubled or answered wrongly")


if __name__ == "__main__":
    main()
