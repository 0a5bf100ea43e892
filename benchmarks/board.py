"""The board pack from the command line, each command in a fresh process as a person runs it.

    python benchmarks/board.py            # best of 3
    python benchmarks/board.py --smoke    # once (CI)

In a temporary workspace loaded by `cspkit demo` (not timed): Central Bedfordshire's
assessment for 2023/24 without the PDF (the reference, in the same run), with the PDF, the
three Bedfordshire CSPs in one command with their PDFs, then the plan and the performance
report (JSON, HTML, XLSX and PDF each). Ratios are against the reference.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine


def _timed(workspace: Path, args: list[str], runs: int) -> float:
    command = [sys.executable, "-m", "cspkit", "--workspace", str(workspace), *args, "--quiet"]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr}")
        best = min(best, elapsed)
    return best


def _pages(path: Path) -> str:
    if not shutil.which("pdfinfo"):
        return "?"
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="one run (CI)")
    args = parser.parse_args()
    runs = 1 if args.smoke else 3
    workspace = Path(tempfile.mkdtemp(prefix="cspkit-bench-board-"))
    out = workspace / "out"
    try:
        demo = subprocess.run(
            [sys.executable, "-m", "cspkit", "--workspace", str(workspace), "demo", "--no-serve", "--quiet"],
            capture_output=True,
            text=True,
            check=False,
        )
        if demo.returncode != 0:
            raise SystemExit(demo.stderr)
        year = ["assess", "--period", "2023/24", "--no-keep"]
        reference = _timed(workspace, [*year, "--no-pdf", "--out", str(out / "ref")], runs)
        one = _timed(workspace, [*year, "--out", str(out / "one")], runs)
        # Three CSPs with their PDFs take about 85 s: measured in full runs, not in CI's smoke run.
        three = (
            None
            if args.smoke
            else _timed(workspace, [*year, "--all-in-force", "bedfordshire", "--out", str(out / "three")], runs)
        )
        _timed(workspace, ["assess", "--period", "2023/24", "--no-pdf", "--out", str(out / "kept")], 1)
        plan = _timed(workspace, ["plan", "--out", str(out / "plan")], runs)
        performance = _timed(workspace, ["performance", "--out", str(out / "perf")], runs)
        print(f"machine: {machine()}")
        print(f"fresh processes, best of {runs}")
        print(f"reference: cspkit assess, one CSP, JSON and HTML only: {reference:.1f} s")
        pages = _pages(out / "one" / "strategic-assessment.pdf")
        print(f"cspkit assess, one CSP, with the PDF ({pages} pages): {one:.1f} s   ratio {one / reference:.2f}")
        if three is None:
            print("cspkit assess --all-in-force bedfordshire (three CSPs, with PDFs): not run with --smoke")
        else:
            print(
                "cspkit assess --all-in-force bedfordshire (three CSPs, with PDFs): "
                f"{three:.1f} s   ratio {three / reference:.2f}"
            )
        print(f"cspkit plan (JSON, HTML, XLSX, PDF): {plan:.1f} s   ratio {plan / reference:.2f}")
        print(f"cspkit performance (JSON, HTML, XLSX, PDF): {performance:.1f} s   ratio {performance / reference:.2f}")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
