"""What the store holds: datasets, forces, months, rows, the coverage grid and data quality.

Built from the catalogue alone, so it is instant and needs no query engine.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from cspkit.coverage import expected_months, step
from cspkit.periods import add_months, month_label, parse_month
from cspkit.store.generations import open_snapshot
from cspkit.store.schema import DATASET_NAMES, is_partner_dataset

QUALITY_KEYS = ("no_coordinates", "no_lsoa", "outside_force_area", "unassigned")


def _span(months: set[str], step: int = 1) -> list[str]:
    if not months:
        return []
    first, last = parse_month(min(months)), parse_month(max(months))
    span: list[str] = []
    month: date = first
    while month <= last:
        span.append(month_label(month))
        month = add_months(month, step)
    return span


def store_status(root: Path) -> dict[str, Any]:
    """The status summary as plain data (the JSON of `cspkit status --format json`)."""
    snapshot = open_snapshot(root)
    catalogue = snapshot.catalogue
    datasets: dict[str, Any] = {}
    gaps: list[dict[str, str]] = []
    others = sorted({p.dataset for p in catalogue.partitions} - set(DATASET_NAMES))
    for dataset in (*DATASET_NAMES, *others):
        parts = [p for p in catalogue.partitions if p.dataset == dataset]
        if not parts:
            continue
        span = _span({p.month for p in parts}, step(dataset))
        by_force: dict[str, dict[str, int]] = defaultdict(dict)
        for part in parts:
            by_force[part.holder][part.month] = part.rows
        quality = Counter[str]()
        for part in parts:
            quality.update(part.quality)
        current = {p.batch_id for p in parts}
        vintages = Counter(b.lsoa_vintage for b in catalogue.batches if b.batch_id in current and b.dataset == dataset)
        coverage = {}
        for force, months in sorted(by_force.items()):
            missing = [m for m in expected_months(catalogue, dataset, force) if m not in months]
            gaps.extend(
                {"dataset": dataset, "force" if parts[0].force else "agency": force, "month": m} for m in missing
            )
            coverage[force] = {"months": {m: months[m] for m in sorted(months)}, "missing": missing}
        datasets[dataset] = {
            "rows": sum(p.rows for p in parts),
            "batches": len(current),
            "kind": "partner" if is_partner_dataset(dataset) else "survey" if dataset == "survey" else "police",
            "synthetic": any(b.synthetic for b in catalogue.batches if b.batch_id in current),
            "forces" if parts[0].force else "agencies": sorted(by_force),
            "first_month": span[0],
            "last_month": span[-1],
            "months": len({p.month for p in parts}),
            "coverage": coverage,
            "quality": {key: quality.get(key, 0) for key in QUALITY_KEYS},
            "lsoa_vintage": dict(sorted(vintages.items())),
        }
    return {
        "workspace": str(root),
        "generation": catalogue.generation,
        "batches": len(catalogue.batches),
        "replaced_batches": sum(1 for b in catalogue.batches if b.replaced_by),
        "datasets": datasets,
        "gaps": gaps,
        "current_batches": _current_batches(catalogue),
    }


def _current_batches(catalogue: Any) -> list[dict[str, Any]]:
    """Every batch with rows in the store now: the ids each traceable figure names."""
    current = {p.batch_id for p in catalogue.partitions}
    return [
        {
            "batch_id": b.batch_id,
            "dataset": b.dataset,
            "holder": b.holder,
            "source": b.source,
            "rows": b.rows,
            "ingested_at": b.ingested_at,
            "synthetic": b.synthetic,
        }
        for b in catalogue.batches
        if b.batch_id in current
    ]


def coverage_lines(status: dict[str, Any]) -> list[str]:
    """The coverage grid as text: one line per dataset, force and year; # data, . gap."""
    lines = []
    width = max((len(holder) for info in status["datasets"].values() for holder in info["coverage"]), default=20)
    for dataset, info in status["datasets"].items():
        span = set(_span({info["first_month"], info["last_month"]}, step(dataset)))
        for force, cover in info["coverage"].items():
            years = sorted({m[:4] for m in span})
            for year in years:
                cells = ""
                for month in range(1, 13):
                    label = f"{year}-{month:02d}"
                    cells += "#" if label in cover["months"] else "." if label in span else " "
                lines.append(f"{dataset:<16} {force:<{width}} {year}  {cells}")
    return lines


def status_text(status: dict[str, Any]) -> str:
    """The summary a person reads at the terminal."""
    if not status["datasets"]:
        return f"Workspace {status['workspace']}: the record store is empty. Try `cspkit ingest policeuk PATH`."
    out = [f"Workspace {status['workspace']} (store generation {status['generation']})", ""]
    header = f"{'dataset':<16} {'rows':>9} {'batches':>8} {'sources':>7} {'months':>7}  span"
    out += [header, "-" * len(header)]
    for dataset, info in status["datasets"].items():
        out.append(
            f"{dataset:<16} {info['rows']:>9,} {info['batches']:>8} {len(info['coverage']):>7} "
            f"{info['months']:>7}  {info['first_month']} .. {info['last_month']}"
            + ("  SYNTHETIC (generated for the demo)" if info.get("synthetic") else "")
        )
    out += ["", "Coverage (# data, . missing), Jan..Dec:"]
    out += ["  " + line for line in coverage_lines(status)]
    out += ["", f"Gaps: {len(status['gaps'])} missing force-months" + (":" if status["gaps"] else "")]
    out += [f"  {g['dataset']} {g.get('force') or g.get('agency')} {g['month']}" for g in status["gaps"][:20]]
    if len(status["gaps"]) > 20:
        out.append(f"  ... and {len(status['gaps']) - 20} more (see --format json)")
    out += ["", "Data quality (rows):"]
    header = f"{'dataset':<16} " + " ".join(f"{k:>18}" for k in QUALITY_KEYS) + "  LSOA vintage (batches)"
    out += [header, "-" * len(header)]
    for dataset, info in status["datasets"].items():
        vintages = ", ".join(f"{k or 'no codes'}: {v}" for k, v in info["lsoa_vintage"].items())
        out.append(f"{dataset:<16} " + " ".join(f"{info['quality'][k]:>18,}" for k in QUALITY_KEYS) + f"  {vintages}")
    return "\n".join(out)
