"""Audit rows cannot be changed or deleted, even by SQL that bypasses the application."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER accounts_auditevent_no_update BEFORE UPDATE ON accounts_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit rows cannot be changed'); END""",
    """CREATE TRIGGER accounts_auditevent_no_delete BEFORE DELETE ON accounts_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit rows cannot be deleted'); END""",
]
POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION accounts_auditevent_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit rows cannot be changed or deleted'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER accounts_auditevent_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON accounts_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION accounts_auditevent_refuse()""",
]


def forwards(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, []):
        schema_editor.execute(statement)


def backwards(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS accounts_auditevent_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS accounts_auditevent_no_delete")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS accounts_auditevent_no_change ON accounts_auditevent")
        schema_editor.execute("DROP FUNCTION IF EXISTS accounts_auditevent_refuse()")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
