"""Duplicate suggestions when a person record is created: is this someone an agency already holds?

Each existing record is scored against the new one on what agencies key differently:

- names by Jaro-Winkler similarity (RapidFuzz), with common nicknames counted as the name;
- date of birth exact, with day and month transposed, or one digit slipped;
- National Insurance number, telephone and e-mail as strong evidence when they agree.

Records are first narrowed to those whose family name is close (a cheap RapidFuzz pass over
the whole list), so suggestions stay quick on tens of thousands of records. METHODS-style
measurement: `tests/unit/test_case_matching.py` generates a population with injected
near-duplicates and checks that the true record is in the top three at least 90 % of the time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from cspkit.cases.synthetic import NICKNAMES

SHORTLIST = 200  # records scored in full after the family-name pass
THRESHOLD = 0.55  # below this a record is not suggested at all
_CANONICAL = {nick.lower(): full.lower() for full, nick in NICKNAMES.items()}


@dataclass(frozen=True)
class Identity:
    """What matching looks at; every field may be blank."""

    given_name: str
    family_name: str
    date_of_birth: date | None = None
    ni_number: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Suggestion:
    key: Hashable
    score: float  # 0 to 1
    reasons: tuple[str, ...]


def normalise(name: str) -> str:
    """Lower case, accents and punctuation gone, spaces single."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", re.sub(r"[^a-z ]", "", plain.lower())).strip()


def _given(name: str) -> str:
    plain = normalise(name)
    return _CANONICAL.get(plain, plain)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def date_similarity(a: date | None, b: date | None) -> tuple[float, str]:
    if a is None or b is None:
        return 0.0, ""
    if a == b:
        return 1.0, "same date of birth"
    if a.year == b.year and a.day == b.month and a.month == b.day:
        return 0.9, "date of birth with day and month swapped"
    written_a, written_b = a.strftime("%Y%m%d"), b.strftime("%Y%m%d")
    if Levenshtein.distance(written_a, written_b, weights=(1, 1, 1)) <= 1 or _one_swap(written_a, written_b):
        return 0.8, "date of birth one slip apart"
    if abs((a - b).days) <= 31:
        return 0.5, "date of birth within a month"
    return 0.0, ""


def _one_swap(a: str, b: str) -> bool:
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    )


def score(new: Identity, old: Identity) -> tuple[float, tuple[str, ...]]:
    """How likely `old` is the same person as `new` (0 to 1), and why, in words."""
    reasons = []
    family = JaroWinkler.normalized_similarity(normalise(new.family_name), normalise(old.family_name))
    given = JaroWinkler.normalized_similarity(_given(new.given_name), _given(old.given_name))
    born, why = date_similarity(new.date_of_birth, old.date_of_birth)
    if family >= 0.999:
        reasons.append("same family name")
    elif family >= 0.85:
        reasons.append("similar family name")
    if given >= 0.999:
        reasons.append("same first name" if normalise(new.given_name) == normalise(old.given_name) else "nickname")
    elif given >= 0.85:
        reasons.append("similar first name")
    if why:
        reasons.append(why)
    total = 0.35 * family + 0.25 * given + 0.40 * born
    strong = []
    if new.ni_number and normalise(new.ni_number) == normalise(old.ni_number):
        strong.append("same National Insurance number")
    if new.phone and _digits(new.phone) == _digits(old.phone):
        strong.append("same telephone number")
    if new.email and new.email.strip().lower() == old.email.strip().lower():
        strong.append("same e-mail address")
    if strong:
        total = min(1.0, total + 0.15 * len(strong)) if total >= 0.4 else total
        reasons.extend(strong)
    return round(total, 4), tuple(reasons)


def suggestions(
    new: Identity, existing: Sequence[tuple[Hashable, Identity]], top: int = 3, threshold: float = THRESHOLD
) -> list[Suggestion]:
    """The `top` existing records most like `new`, best first, scoring at least `threshold`."""
    if not existing:
        return []
    families = [normalise(identity.family_name) for _, identity in existing]
    shortlist = {
        index
        for _, _, index in process.extract(
            normalise(new.family_name), families, scorer=fuzz.ratio, limit=SHORTLIST, score_cutoff=50
        )
    }
    if new.ni_number:  # a shared identifier finds the record whatever its name became
        wanted = normalise(new.ni_number)
        shortlist |= {i for i, (_, identity) in enumerate(existing) if normalise(identity.ni_number) == wanted}
    scored = []
    for index in shortlist:
        key, identity = existing[index]
        value, reasons = score(new, identity)
        if value >= threshold:
            scored.append(Suggestion(key, value, reasons))
    scored.sort(key=lambda s: (-s.score, str(s.key)))
    return scored[:top]
