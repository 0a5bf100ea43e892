"""`cspkit cases export`: MARAC cases heard, depersonalised (cspkit.cases.marac_export), into the
record store through the normal partner ingest path, one `cases-marac` holder per coordinating
agency. The worker runs it nightly after retention (so deleted cases leave the numbers too)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from cspkit.cases import marac_export
from cspkit.cases.extracts import write_extract
from cspkit.web.accounts.models import Agency
from cspkit.web.cases.models import MaracReferral


def export_marac(home: Path | None = None) -> dict[str, int]:
    """Write and ingest each coordinating agency's extract; what was done, as counts."""
    from cspkit.ingest import ingest_partner
    from cspkit.sources.partner import read_mapping

    home = home or Path(settings.HOME)
    heard = MaracReferral.objects.filter(status=MaracReferral.HEARD, meeting__isnull=False)
    done = {"cases exported": 0, "cases without an LSOA left out": 0, "batches added": 0, "rows": 0}
    for agency in Agency.objects.filter(pk__in=heard.values("coordinator_id")).order_by("slug"):
        found = heard.filter(coordinator=agency).values_list("meeting__held_on", "victim__lsoa21", "repeat")
        rows, unplaced = marac_export.rows_for(found)
        done["cases without an LSOA left out"] += unplaced
        if not rows:
            continue
        extract, mapping = write_extract(home, marac_export.EXTRACT, agency.slug, agency.name, rows)
        report = ingest_partner(home, [extract], read_mapping(mapping), wait=60)
        done["cases exported"] += len(rows)
        done["batches added"] += len(report.added)
        done["rows"] += report.rows
    return done
