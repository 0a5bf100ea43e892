"""Welsh: compile the catalogue and list every machine-drafted string for review.

    python scripts/translations.py            # write django.mo and TRANSLATIONS.md from django.po
    python scripts/translations.py --check    # fail if either is out of date (CI)

The catalogue is `src/cspkit/web/locale/cy/LC_MESSAGES/django.po`; extract new strings with
`cspkit manage makemessages -l cy --no-location --no-obsolete` run in `src/cspkit/web`.
A string a Welsh speaker has reviewed carries the translator comment `reviewed`.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "cspkit" / "web" / "locale" / "cy" / "LC_MESSAGES"
PO, MO = LOCALE / "django.po", LOCALE / "django.mo"
LIST = ROOT / "TRANSLATIONS.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def outputs() -> tuple[bytes, str]:
    with PO.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    mo = io.BytesIO()
    write_mo(mo, catalogue, use_fuzzy=False)
    rows = []
    for message in catalogue:
        if not message.id:
            continue
        reviewed = "reviewed" in " ".join(message.user_comments + message.auto_comments)
        english = message.id[0] if isinstance(message.id, tuple) else message.id
        welsh = message.string[0] if isinstance(message.string, tuple | list) else message.string
        rows.append(f"| {_cell(english)} | {_cell(welsh)} | {'reviewed' if reviewed else 'machine-drafted'} |")
    drafted = sum(1 for row in rows if row.endswith("machine-drafted |"))
    text = "\n".join(
        [
            "# Welsh translations for review",
            "",
            "cspkit's pages are in English and Welsh (Cymraeg). The Welsh below was machine-drafted by the",
            "developers and has not yet been checked by a Welsh speaker, except where marked reviewed.",
            "Please correct `src/cspkit/web/locale/cy/LC_MESSAGES/django.po`, add the translator comment",
            "`# reviewed` above the entry, and run `python scripts/translations.py`.",
            "",
            f"{len(rows)} strings; {drafted} machine-drafted, {len(rows) - drafted} reviewed.",
            "",
            "| English | Cymraeg | status |",
            "|---|---|---|",
            *rows,
            "",
        ]
    )
    return mo.getvalue(), text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    check = parser.parse_args().check
    mo, listing = outputs()
    if check:
        stale = [p.name for p, want in ((MO, mo), (LIST, listing.encode())) if not p.exists() or p.read_bytes() != want]
        if stale:
            print(f"out of date: {', '.join(stale)}; run python scripts/translations.py", file=sys.stderr)
            return 1
        return 0
    MO.write_bytes(mo)
    LIST.write_text(listing, encoding="utf-8")
    print(f"wrote {MO.relative_to(ROOT)} and {LIST.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
