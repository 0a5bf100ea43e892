"""The worker: takes uploads from the queue one at a time and ingests them through the library.

The web process never writes the record store (DESIGN.md "Web runtime"): it saves the file
under $CSPKIT_HOME/incoming/ and an Upload row; the worker claims the row, ingests, and writes
back progress, the batches made, or the line-level error that refused the file.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from cspkit.errors import CspkitError, InputError, StoreBusyError
from cspkit.web.datahub.models import Upload

log = logging.getLogger("cspkit.worker")
MAPPINGS = "mappings"


class UploadProgress:
    """The library's progress protocol, written to the upload's row at most twice a second."""

    def __init__(self, upload: Upload) -> None:
        self.upload = upload
        self.last = 0.0

    def start(self, total: int, description: str) -> None:
        Upload.objects.filter(pk=self.upload.pk).update(total_steps=total, done_steps=0, step_label=description[:200])

    def advance(self, label: str) -> None:
        self.upload.done_steps += 1
        now = time.monotonic()
        if now - self.last > 0.5:
            self.last = now
            Upload.objects.filter(pk=self.upload.pk).update(done_steps=self.upload.done_steps, step_label=label[:200])

    def finish(self) -> None:
        Upload.objects.filter(pk=self.upload.pk).update(done_steps=self.upload.done_steps)


def claim() -> Upload | None:
    """The oldest waiting upload, claimed so that a second worker would not take it too."""
    for upload in Upload.objects.filter(status=Upload.WAITING).order_by("created_at", "id")[:5]:
        taken = Upload.objects.filter(pk=upload.pk, status=Upload.WAITING).update(
            status=Upload.INGESTING, started_at=timezone.now()
        )
        if taken:
            upload.refresh_from_db()
            return upload
    return None


def ingest(upload: Upload) -> None:
    from cspkit.ingest import ingest_partner, ingest_policeuk
    from cspkit.sources.partner import read_mapping

    home = Path(settings.HOME)
    path = home / upload.stored_path
    try:
        if upload.kind == Upload.POLICEUK:
            report = ingest_policeuk(home, [path], progress=UploadProgress(upload), wait=60)
        else:
            mapping = read_mapping(home / MAPPINGS / upload.mapping)
            report = ingest_partner(home, [path], mapping, wait=60)
    except StoreBusyError:
        Upload.objects.filter(pk=upload.pk).update(status=Upload.WAITING, step_label="waiting for the store")
        return
    except InputError as error:
        where = error.where
        Upload.objects.filter(pk=upload.pk).update(
            status=Upload.FAILED,
            finished_at=timezone.now(),
            error_file=Path(where.file).name[:255],
            error_line=where.line,
            error_field=(where.column or "")[:200],
            error_reason=error.reason,
        )
        log.info("upload %s refused", upload.pk)
        return
    except CspkitError as error:
        Upload.objects.filter(pk=upload.pk).update(
            status=Upload.FAILED, finished_at=timezone.now(), error_reason=str(error)
        )
        log.info("upload %s refused", upload.pk)
        return
    made = [batch.batch_id for batch in report.added] + [batch for _, batch in report.skipped]
    summary = f"{len(report.added)} new batches, {report.rows} rows; {len(report.skipped)} files already in the store."
    Upload.objects.filter(pk=upload.pk).update(
        status=Upload.DONE, finished_at=timezone.now(), batch_ids=made, summary=summary, done_steps=1, total_steps=1
    )
    log.info("upload %s ingested", upload.pk)


def drain() -> int:
    """Ingest everything waiting, oldest first; returns how many uploads were handled."""
    handled = 0
    while (upload := claim()) is not None:
        ingest(upload)
        handled += 1
    return handled


def requeue_interrupted() -> None:
    """One worker per workspace: an upload left "ingesting" was cut off by a stop; the store kept
    nothing of it (ingest is atomic), so it goes back in the queue."""
    Upload.objects.filter(status=Upload.INGESTING).update(status=Upload.WAITING)


def _warm() -> None:
    """The default dashboard, the performance report and the neighbourhood pages' figures for the
    current store version, built here rather than in the first person's page request."""
    from cspkit.web.dashboard.materialised import warm
    from cspkit.web.public import figures

    warm(Path(settings.HOME))
    figures.warm(Path(settings.HOME))


def _housekeeping() -> None:
    """Case work's and public engagement's daily retention and reminders, and the nightly case
    work export into the record store (once a day across workers)."""
    from cspkit.errors import CspkitError
    from cspkit.web.cases import housekeeping as cases_housekeeping
    from cspkit.web.cases.access import cases_config

    cases_done = cases_housekeeping.run_daily(cases_config())
    if cases_done:
        log.info("case work housekeeping: %s", ", ".join(f"{k} {v}" for k, v in cases_done.items()))
        from cspkit.web.cases.numbers import export_cases

        try:  # after retention, so deleted cases leave the numbers too
            exported = export_cases()
        except CspkitError as error:
            log.warning("case work export skipped: %s", error)
        else:
            for dataset, counts in exported.items():
                log.info("%s export: %s", dataset, ", ".join(f"{k} {v}" for k, v in counts.items()))
            if any(counts["batches added"] for counts in exported.values()):
                _warm()

    from cspkit.web.engage import housekeeping, publishing

    try:
        done = housekeeping.run_daily(publishing.engage_config)
    except CspkitError as error:  # no configuration yet: nothing of the public's is held either
        log.warning("engage housekeeping skipped: %s", error)
        return
    if done:
        log.info("engage housekeeping: %s", ", ".join(f"{k} {v}" for k, v in done.items()))


def run(poll: float) -> None:
    """Work until stopped: uploads first, then the reports people asked for."""
    from cspkit.web.partnership import report_runs

    requeue_interrupted()
    report_runs.requeue_interrupted()
    _warm()
    while True:
        close_old_connections()  # a long-lived process must not hold a dead connection
        # Uploads, then the reports people asked for, then the pages built ahead: nobody's
        # report waits behind the neighbourhoods being built.
        if drain() + report_runs.drain():
            _warm()
        _housekeeping()
        time.sleep(poll)
