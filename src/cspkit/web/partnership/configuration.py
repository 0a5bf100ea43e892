"""The partnership configuration as the web app keeps it: the database holds every saved
revision and is the source of truth; each save re-exports partnership.yaml atomically with
its `revision`, and a file older than the database is refused (DESIGN.md)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import transaction

from cspkit.config.edit import Change, Saved, apply_change, revision_of
from cspkit.errors import UsageError
from cspkit.web.accounts.models import User
from cspkit.web.partnership.models import ConfigurationSave


def config_path() -> Path:
    return Path(settings.HOME) / "partnership.yaml"


def import_file(path: Path | None = None, user: User | None = None) -> ConfigurationSave:
    """Take a partnership.yaml into the database. The first import takes any file; later ones
    only a file with a higher revision than the database holds."""
    source = path or config_path()
    if not source.exists():
        raise UsageError(f"no partnership configuration at {source}: run `cspkit init` or `cspkit demo` first")
    text = source.read_text(encoding="utf-8")
    revision = revision_of(text)
    with transaction.atomic():
        latest = ConfigurationSave.objects.select_for_update().first()
        if latest is not None:
            if latest.text == text:
                return latest
            if revision <= latest.revision:
                raise UsageError(
                    f"{source.name} is at revision {revision}, older than the database's {latest.revision}: refused "
                    "(raise its `revision` above the database's if it really is the newer one)"
                )
        saved = ConfigurationSave.objects.create(
            revision=revision, text=text, change=f"imported from {source.name}", saved_by=user
        )
    if source != config_path():
        from cspkit.writing import write_text_atomically

        write_text_atomically(config_path(), text)
    return saved


def current() -> ConfigurationSave:
    """The latest revision, importing partnership.yaml on first use."""
    latest = ConfigurationSave.objects.first()
    return latest if latest is not None else import_file()


def save(user: User, change: Change, description: str, expected_revision: int) -> Saved:
    """Apply a change to the latest revision (which must be the one the form showed), store it,
    and re-export partnership.yaml. A file edited by hand since is refused, not overwritten."""
    from cspkit.web.dashboard.materialised import geography
    from cspkit.writing import write_text_atomically

    path = config_path()
    with transaction.atomic():
        latest = current()
        latest = ConfigurationSave.objects.select_for_update().get(pk=latest.pk)
        if latest.revision != expected_revision:
            raise UsageError(
                f"the configuration is now at revision {latest.revision}, not {expected_revision}: someone else "
                "saved a change; reload the page and make yours again"
            )
        on_disk = path.read_text(encoding="utf-8") if path.exists() else latest.text
        if on_disk != latest.text:
            raise UsageError(
                f"{path.name} was changed outside cspkit since revision {latest.revision}: import it with "
                "`cspkit manage import_configuration` (refused if older) before saving here"
            )
        saved = apply_change(latest.text, change, geography(Path(settings.HOME)), path)
        ConfigurationSave.objects.create(
            revision=saved.revision, text=saved.text, change=description[:300], saved_by=user
        )
        write_text_atomically(path, saved.text)
    return saved
