"""Audit actions up to 40 characters ("committee-decision", "assess:shortlisted", case work's
"subject-access"). SQLite rebuilds the table to change a column, dropping its triggers, so
they are made again."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def triggers_again(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL alters the column in place; its trigger stays
    schema_editor.execute(
        """CREATE TRIGGER IF NOT EXISTS accounts_auditevent_no_update BEFORE UPDATE ON accounts_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit rows cannot be changed'); END"""
    )
    schema_editor.execute(
        """CREATE TRIGGER IF NOT EXISTS accounts_auditevent_no_delete BEFORE DELETE ON accounts_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit rows cannot be deleted'); END"""
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_audit_rows_cannot_change")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("read", "read"),
                    ("list", "list"),
                    ("download", "download"),
                    ("api", "api"),
                    ("create", "create"),
                    ("update", "update"),
                    ("delete", "delete"),
                    ("search", "search"),
                    ("export", "export"),
                    ("share", "share"),
                    ("subject-access", "subject-access"),
                ],
                max_length=40,
            ),
        ),
        migrations.RunPython(triggers_again, migrations.RunPython.noop),
    ]
