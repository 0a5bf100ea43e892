"""English and Welsh: every message has a Welsh string, the compiled catalogue and the review
list are current, and the switch turns pages Welsh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.urls import reverse

from tests.helpers import ROOT

pytestmark = pytest.mark.web
WEB = ROOT / "src" / "cspkit" / "web"
PO = WEB / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def _messages(path: Path) -> dict[object, object]:
    with path.open("rb") as handle:
        return {m.id: m for m in read_po(handle, locale="cy") if m.id}


def test_every_message_in_the_catalogue_has_a_welsh_string() -> None:
    untranslated = []
    for key, message in _messages(PO).items():
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if not all(strings) or message.fuzzy:
            untranslated.append(key)
    assert untranslated == []


def test_no_message_in_the_code_is_missing_from_the_catalogue(tmp_path: Path) -> None:
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext is needed (bash scripts/test installs it)")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.web_settings", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "django", "makemessages", "-l", "cy", "--no-location", "--no-obsolete"]
    subprocess.run(command, cwd=copy, env=environment, check=True, capture_output=True)
    fresh = _messages(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po")
    missing = sorted(str(key) for key, message in fresh.items() if not message.string)
    assert missing == [], "run makemessages (docs/web.md) and translate these"


def test_the_compiled_catalogue_and_the_review_list_are_current() -> None:
    done = subprocess.run([sys.executable, "scripts/translations.py", "--check"], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    listing = (ROOT / "TRANSLATIONS.md").read_text(encoding="utf-8")
    assert "machine-drafted" in listing
    assert "| Sign in | Mewngofnodi |" in listing


def test_the_language_switch_turns_pages_welsh(client, db) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in page
    response = client.post(reverse("pages:set-language"), {"language": "cy", "next": reverse("accounts:login")})
    assert response.status_code == 302
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="cy">' in page
    assert "Mewngofnodi" in page
    assert "Datganiad hygyrchedd" in page
    assert "Skip to main content" not in page
