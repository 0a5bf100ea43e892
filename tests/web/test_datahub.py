"""The data hub: a browser upload lands in incoming/, the worker ingests it through the library,
and the page shows progress, line-level errors, the new batch and the coverage grid."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cspkit.web.datahub import worker
from cspkit.web.datahub.models import Upload
from tests.helpers import POLICEUK

pytestmark = pytest.mark.web


@pytest.fixture
def fresh_store(settings, web_store: Path, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A writable copy of the web store (the worker adds to it)."""
    root = tmp_path / "hub"
    shutil.copytree(web_store, root, symlinks=True)
    settings.HOME = root
    return root


def _upload(client, path: Path, kind: str = "policeuk", mapping: str = ""):  # type: ignore[no-untyped-def]
    data = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    return client.post(reverse("datahub:upload"), {"kind": kind, "file": data, "mapping": mapping})


def test_an_uploaded_month_is_ingested_and_appears_in_the_grid(client, people, sign_in, fresh_store: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["analyst"])
    grid = client.get(reverse("datahub:coverage")).content.decode()
    assert 'data-month="2024-04"' not in grid
    response = _upload(client, POLICEUK / "2024-04" / "2024-04-bedfordshire-street.csv")
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.status == Upload.WAITING
    stored = fresh_store / upload.stored_path
    assert stored.parent.parent == fresh_store / "incoming"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert client.get(reverse("datahub:upload-progress", kwargs={"pk": upload.pk})).json()["status"] == "waiting"
    assert worker.drain() == 1
    upload.refresh_from_db()
    assert upload.status == Upload.DONE, upload.error_reason
    assert len(upload.batch_ids) == 1
    progress = client.get(reverse("datahub:upload-progress", kwargs={"pk": upload.pk})).json()
    assert progress == {**progress, "status": "done", "percent": 100, "finished": True}
    page = client.get(reverse("datahub:upload-detail", kwargs={"pk": upload.pk})).content.decode()
    assert upload.batch_ids[0] in page
    grid = client.get(reverse("datahub:coverage")).content.decode()
    assert 'data-month="2024-04"' in grid
    assert client.get(reverse("datahub:batch-detail", kwargs={"batch_id": upload.batch_ids[0]})).status_code == 200


def test_a_refused_file_shows_its_line_and_field_and_adds_nothing(
    client, people, sign_in, fresh_store: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = (POLICEUK / "2024-04" / "2024-04-bedfordshire-street.csv").read_text(encoding="utf-8").splitlines()
    cells = source[16].split(",")
    cells[9] = "Burglery"
    source[16] = ",".join(cells)
    bad = tmp_path / "2024-04-bedfordshire-street.csv"
    bad.write_text("\n".join(source) + "\n", encoding="utf-8")
    before = (fresh_store / "store").resolve()
    sign_in(people["analyst"])
    _upload(client, bad)
    worker.drain()
    upload = Upload.objects.get()
    assert upload.status == Upload.FAILED
    assert (upload.error_line, upload.error_field) == (17, "Crime type")
    assert "'Burglery' is not a police.uk crime type" in upload.error_reason
    page = client.get(reverse("datahub:upload-detail", kwargs={"pk": upload.pk})).content.decode()
    assert "The file was refused" in page
    assert "data-error-line>17<" in page
    assert (fresh_store / "store").resolve() == before  # no new store generation


def test_the_form_refuses_what_the_worker_could_not_read(
    client, people, sign_in, fresh_store: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["officer"])  # police
    wrong_type = tmp_path / "notes.txt"
    wrong_type.write_text("hello")
    page = _upload(client, wrong_type).content.decode()
    assert "Upload a .csv or .zip file." in page
    fire = fresh_store / "mappings" / "fire-deliberate-fires.yaml"
    extract = tmp_path / "fires.csv"
    extract.write_text("Incident number\n")
    page = _upload(client, extract, "partner", fire.name).content.decode()
    assert "another agency" in page  # a police officer cannot load the fire service's data
    page = _upload(client, extract, "partner", "").content.decode()
    assert "Choose the mapping" in page
    assert Upload.objects.count() == 0
    assert not (fresh_store / "incoming").exists() or not any((fresh_store / "incoming").iterdir())


def test_a_partner_extract_becomes_a_restricted_batch_of_its_agency(client, people, sign_in, fresh_store: Path) -> None:  # type: ignore[no-untyped-def]
    from cspkit.bundle import package_path

    (fresh_store / "mappings" / "council-asb-log.yaml").write_bytes(
        package_path("examples/partner/council-asb-log.yaml").read_bytes()
    )
    sign_in(people["analyst"])  # council, partnership-wide
    _upload(client, package_path("examples/partner/council-asb-log.csv"), "partner", "council-asb-log.yaml")
    worker.drain()
    upload = Upload.objects.get()
    assert upload.status == Upload.DONE, upload.error_reason
    assert upload.restricted
    assert upload.owner == "central-bedfordshire-council"
    batch = upload.batch_ids[0]
    sign_in(people["officer"])  # police: not theirs
    assert client.get(reverse("datahub:upload-detail", kwargs={"pk": upload.pk})).status_code == 404
    assert client.get(reverse("datahub:batch-detail", kwargs={"batch_id": batch})).status_code == 404


def test_healthz_reports_the_database_and_the_store(client, db, fresh_store: Path) -> None:  # type: ignore[no-untyped-def]
    body = client.get(reverse("pages:healthz")).json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["store"]["last_month"] == "2024-03"
    assert body["store"]["last_month_by_dataset"]["street"] == "2024-03"
    assert body["store"]["batches"] == 5


def test_healthz_is_503_when_the_store_cannot_be_read(client, db, fresh_store: Path) -> None:  # type: ignore[no-untyped-def]
    catalogue = (fresh_store / "store" / "catalogue.json").resolve()
    catalogue.write_text("{not json", encoding="utf-8")
    response = client.get(reverse("pages:healthz"))
    assert response.status_code == 503
    assert response.json()["store"]["ok"] is False
