"""`cspkit cases export`: case work depersonalised into the record store through the normal
partner ingest path, one holder per agency: MARAC cases heard (`cases-marac`, per coordinating
agency), the IOM cohort's proven offences (`cases-iom`) and ASB case incidents, interventions
and desistance (`cases-asb`), per owning agency. The worker runs it nightly after retention
(so deleted cases leave the numbers too); an unchanged extract is skipped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from django.conf import settings

from cspkit.cases import asb_export, iom_export, marac_export
from cspkit.cases.extracts import CountRow, Extract, write_extract
from cspkit.web.accounts.models import Agency
from cspkit.web.cases.access import cases_config
from cspkit.web.cases.models import AsbIncident, AsbIntervention, IomOffence, MaracReferral

Rows = Callable[[Agency], tuple[list[CountRow], int]]


def _ingest(home: Path, extract: Extract, agencies: list[Agency], rows_of: Rows) -> dict[str, int]:
    from cspkit.ingest import ingest_partner
    from cspkit.sources.partner import read_mapping

    done = {"rows exported": 0, "left out without an LSOA": 0, "batches added": 0}
    for agency in agencies:
        rows, unplaced = rows_of(agency)
        done["left out without an LSOA"] += unplaced
        if not rows:
            continue
        csv_path, mapping = write_extract(home, extract, agency.slug, agency.name, rows, date.today())
        report = ingest_partner(home, [csv_path], read_mapping(mapping), wait=60)
        done["rows exported"] += len(rows)
        done["batches added"] += len(report.added)
    return done


def export_marac(home: Path) -> dict[str, int]:
    heard = MaracReferral.objects.filter(status=MaracReferral.HEARD, meeting__isnull=False)
    agencies = list(Agency.objects.filter(pk__in=heard.values("coordinator_id")).order_by("slug"))
    return _ingest(
        home,
        marac_export.EXTRACT,
        agencies,
        lambda a: marac_export.rows_for(
            heard.filter(coordinator=a).values_list("meeting__held_on", "victim__lsoa21", "repeat")
        ),
    )


def export_iom(home: Path) -> dict[str, int]:
    proven = IomOffence.objects.filter(proven_on__isnull=False, member__delete_on__gte=date.today())
    agencies = list(Agency.objects.filter(pk__in=proven.values("member__owner_id")).order_by("slug"))
    return _ingest(
        home,
        iom_export.EXTRACT,
        agencies,
        lambda a: iom_export.rows_for(
            proven.filter(member__owner=a).values_list("committed_on", "member__person__lsoa21")
        ),
    )


def export_asb(home: Path) -> dict[str, int]:
    today = date.today()
    incidents = AsbIncident.objects.filter(case__delete_on__gte=today)
    made = AsbIntervention.objects.filter(case__delete_on__gte=today)
    owners = set(incidents.values_list("case__owner_id", flat=True)) | set(
        made.values_list("case__owner_id", flat=True)
    )
    window = cases_config().asb.desistance_months

    def rows_of(agency: Agency) -> tuple[list[CountRow], int]:
        theirs = incidents.filter(case__owner=agency)
        steps = [
            asb_export.Step(str(person), on, lsoa)
            for person, on, lsoa in made.filter(case__owner=agency).values_list("perpetrator_id", "on", "case__lsoa21")
        ]
        by_person = [
            (str(p), on)
            for p, on in theirs.filter(perpetrator__isnull=False).values_list("perpetrator_id", "occurred_on")
        ]
        return asb_export.rows_for(theirs.values_list("occurred_on", "case__lsoa21"), steps, by_person, window, today)

    return _ingest(home, asb_export.EXTRACT, list(Agency.objects.filter(pk__in=owners).order_by("slug")), rows_of)


def export_cases(home: Path | None = None) -> dict[str, dict[str, int]]:
    """Every case dataset, exported and ingested; what was done per dataset, as counts."""
    home = home or Path(settings.HOME)
    return {
        marac_export.EXTRACT.dataset: export_marac(home),
        iom_export.EXTRACT.dataset: export_iom(home),
        asb_export.EXTRACT.dataset: export_asb(home),
    }
