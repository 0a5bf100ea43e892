"""The models and their migrations agree (DESIGN.md: `makemigrations --check` in CI)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.web


def test_no_model_change_lacks_a_migration(db) -> None:  # type: ignore[no-untyped-def]
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
