"""Dated, located events of one partner dataset in the store, for repeat-location analysis."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cspkit.errors import UsageError
from cspkit.spatial.points import as_float
from cspkit.store.query import connect_workspace
from cspkit.store.schema import is_partner_dataset

POLICEUK_WHY_NOT = (
    "police.uk cannot show repeat locations or repeat victims: each record is moved to an anonymised "
    "snap point that many addresses share, it carries its month but not its date, and it has no victim "
    "or address reference. A repeat found in it would be a repeat snap point, not a repeat place. Use a "
    "force or partner extract with dates and addresses: cspkit analyse repeats FILE --location COL --date COL"
)


@dataclass(frozen=True)
class PartnerEvents:
    keys: list[str]
    days: np.ndarray
    without_date: int
    without_point: int


def partner_events(root: Path, dataset: str) -> PartnerEvents:
    """Events keyed by their exact point (BNG metres, to the metre)."""
    snapshot, connection = connect_workspace(root)
    known = sorted({p.dataset for p in snapshot.catalogue.partitions if is_partner_dataset(p.dataset)})
    if dataset not in known:
        raise UsageError(f"no partner dataset {dataset!r} in the store: {', '.join(known) or 'none is ingested'}")
    columns = connection.execute("SELECT date, x_bng, y_bng FROM partner WHERE dataset = ?", [dataset]).fetchnumpy()
    dates = columns["date"]
    x, y = as_float(columns["x_bng"]), as_float(columns["y_bng"])
    dated = ~np.ma.getmaskarray(dates)
    pointed = ~(np.isnan(x) | np.isnan(y))
    use = dated & pointed
    days = np.array([d.toordinal() for d in np.ma.getdata(dates)[use].tolist()], dtype=np.int64)
    keys = [f"{round(a)},{round(b)}" for a, b in zip(x[use], y[use], strict=True)]
    return PartnerEvents(keys, days, int((~dated).sum()), int((dated & ~pointed).sum()))
