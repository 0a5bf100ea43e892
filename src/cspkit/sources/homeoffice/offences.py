"""Home Office offence codes -> offence group, subgroup and police.uk category (bundled).

police.uk's categories cannot tell domestic from non-domestic burglary or pick out most
serious violence; offence codes can, so indicators may filter on code, subgroup or group."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyarrow.parquet as pq

from cspkit.bundle import package_path


@dataclass(frozen=True)
class OffenceCode:
    code: str
    description: str
    group: str
    subgroup: str
    policeuk_category: str


@cache
def offence_codes() -> dict[str, OffenceCode]:
    rows = pq.read_table(package_path("lookups/offence_codes.parquet")).to_pylist()
    return {
        row["offence_code"]: OffenceCode(
            row["offence_code"],
            row["description"],
            row["offence_group"],
            row["offence_subgroup"],
            row["policeuk_category"],
        )
        for row in rows
    }
