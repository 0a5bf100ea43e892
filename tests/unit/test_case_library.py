"""The case core's library: governance rules, duplicate matching (measured on a synthetic
population with injected near-duplicates), the synthetic people themselves, field encryption,
retention dates and the `cases:` configuration."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

import pytest

from cspkit.cases import governance, matching, synthetic
from cspkit.cases.retention import add_months, due_dates
from cspkit.config.cases import DEFAULT_PURPOSES, parse_cases
from cspkit.errors import InputError
from cspkit.geography.tables import load_geography
from cspkit.privacy.field_crypto import FieldCipher, FieldKeyError
from cspkit.yamlfile import read_yaml


@pytest.fixture(scope="module")
def geo():  # type: ignore[no-untyped-def]
    return load_geography()


@pytest.fixture(scope="module")
def lsoas(geo):  # type: ignore[no-untyped-def]
    return sorted(c for c, a in geo.lsoa21_authority.items() if a == "E06000056")


def _identity(p: synthetic.SyntheticPerson) -> matching.Identity:
    return matching.Identity(p.given_name, p.family_name, p.date_of_birth, p.ni_number, p.phone, p.email)


def test_at_least_nine_in_ten_true_matches_are_in_the_top_three(geo, lsoas) -> None:  # type: ignore[no-untyped-def]
    population = synthetic.people(geo, lsoas, 2000, seed=12)
    existing = [(p.key, _identity(p)) for p in population]
    rng = random.Random(13)
    tried = rng.sample(population, 250)
    found = 0
    for person in tried:
        twin = synthetic.near_duplicate(person, rng)
        assert twin != person
        found += any(s.key == person.key for s in matching.suggestions(_identity(twin), existing))
    assert found / len(tried) >= 0.9, f"{found} of {len(tried)}"


def test_someone_else_with_the_same_name_but_another_birthday_is_not_suggested_first() -> None:
    born = date(1990, 4, 7)
    new = matching.Identity("Kate", "Smith", born)
    same = matching.Identity("Katherine", "Smyth", date(1990, 7, 4))  # nickname, typo, day and month swapped
    other = matching.Identity("Kate", "Smith", date(1961, 11, 23))
    found = matching.suggestions(new, [("other", other), ("same", same)])
    assert [s.key for s in found][0] == "same"
    assert "date of birth with day and month swapped" in found[0].reasons
    assert "nickname" in found[0].reasons


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        (date(1980, 1, 2), date(1980, 1, 2), 1.0),
        (date(1980, 1, 2), date(1980, 2, 1), 0.9),
        (date(1980, 1, 2), date(1980, 1, 3), 0.8),
        (date(1980, 1, 2), date(1908, 1, 2), 0.8),  # two digits of the year swapped
        (date(1980, 1, 2), date(1975, 6, 30), 0.0),
        (None, date(1980, 1, 2), 0.0),
    ],
)
def test_dates_of_birth_are_compared_as_people_mistype_them(a, b, score) -> None:  # type: ignore[no-untyped-def]
    assert matching.date_similarity(a, b)[0] == score


def test_synthetic_people_cannot_be_anyone(geo, lsoas) -> None:  # type: ignore[no-untyped-def]
    import shapely

    from cspkit.geography.tables import to_bng

    made = synthetic.people(geo, lsoas, 300, seed=1)
    assert made == synthetic.people(geo, lsoas, 300, seed=1)  # seeded
    for person in made:
        assert re.fullmatch(r"07700 900\d{3}", person.phone)
        assert person.email.endswith("@example.org")
        assert person.ni_number[:2] in synthetic.UNALLOCATED_NI_PREFIXES
        assert re.fullmatch(r"[A-Z]{2}\d{6}[A-D]", person.ni_number)
        assert "postcode" in person.address
        assert not re.search(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", person.address)
        polygon = geo.lsoa21_shapes.geometries[geo.lsoa21_shapes.codes.index(person.lsoa21)]
        x, y = to_bng().transform(person.lon, person.lat)
        assert polygon.buffer(2).contains(shapely.Point(x, y))  # 5-decimal rounding: within a metre or two
    events = synthetic.events(geo, made, 100, seed=2)
    keys = {p.key for p in made}
    assert all(set(e.person_keys) <= keys and e.classification in ("offence", "safeguarding") for e in events)


def test_no_real_looking_identifier_is_in_the_repository_fixtures() -> None:
    """Fixtures hold synthetic people only: no mobile number outside the drama range."""
    root = Path(__file__).parents[2]
    for path in list((root / "tests").rglob("*.csv")) + list((root / "tests").rglob("*.json")):
        text = path.read_text(encoding="utf-8", errors="ignore")
        for number in re.findall(r"\b07\d{3} ?\d{6}\b", text):
            assert number.replace(" ", "").startswith("07700900"), f"{path}: {number}"


@pytest.mark.parametrize(
    ("basis", "consent", "reason", "special", "problem"),
    [
        ("ukgdpr-6-1-a", "given", "", False, None),
        ("ukgdpr-6-1-a", "withdrawn", "", False, "needs consent given"),
        ("ukgdpr-6-1-e", "not_sought", "", False, "risk-led reason"),
        ("ukgdpr-6-1-e", "not_sought", "Asking would put her at risk.", False, None),
        ("ukgdpr-6-1-e", "given", "", True, "article 9 condition"),
        ("ukgdpr-9-2-g", "refused", "", True, None),
        ("dpa2018-part3", "not_sought", "Investigation.", True, None),
        ("cda1998-s115", "given", "", False, None),
        ("nonsense", "given", "", False, "not a legal basis"),
        ("cda1998-s115", "maybe", "", False, "not a consent status"),
    ],
)
def test_holding_rules(basis, consent, reason, special, problem) -> None:  # type: ignore[no-untyped-def]
    found = governance.holding_problem(basis, consent, reason, special)
    assert (found is None) if problem is None else (problem in (found or ""))


def test_sharing_rules() -> None:
    assert governance.sharing_problem("ukgdpr-6-1-a", "refused", "risk") is not None  # consent is the basis
    assert governance.sharing_problem("cda1998-s115", "refused", "") is not None
    assert governance.sharing_problem("cda1998-s115", "refused", "Risk of serious harm.") is None
    assert governance.sharing_problem("dpa2018-part3", "not_sought", "") is None


def test_the_legal_bases_cover_the_issue_s_list() -> None:
    groups = {b.group for b in governance.LEGAL_BASES}
    assert groups == {"article 6", "article 9", "DPA 2018 Part 3", "Crime and Disorder Act 1998"}
    assert {f"ukgdpr-6-1-{x}" for x in "abcdef"} <= set(governance.BY_CODE)


def test_fields_encrypt_rotate_and_refuse_the_wrong_key() -> None:
    old, new = FieldCipher.new_key(), FieldCipher.new_key()
    token = FieldCipher([old]).encrypt("Diabetic; carries medication.")
    assert "Diabetic" not in token
    both = FieldCipher.from_setting(f"{new},{old}")
    assert both.decrypt(token) == "Diabetic; carries medication."
    assert FieldCipher([new]).decrypt(both.rotate(token)) == "Diabetic; carries medication."
    with pytest.raises(FieldKeyError, match="cannot be decrypted"):
        FieldCipher([new]).decrypt(token)
    with pytest.raises(FieldKeyError, match="not a Fernet key"):
        FieldCipher(["short"])
    with pytest.raises(FieldKeyError, match="no field encryption key"):
        FieldCipher.from_setting(" , ")


def test_retention_dates_move_on_calendar_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    asb = next(p for p in DEFAULT_PURPOSES if p.slug == "asb")
    assert due_dates(asb, date(2026, 12, 5)) == (date(2027, 6, 5), date(2028, 12, 5))


def _parse(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "partnership.yaml"
    path.write_text(text, encoding="utf-8")
    doc = read_yaml(path)
    return parse_cases(doc, doc.data.get("cases"))


def test_the_cases_section_is_read_and_checked_with_its_line(tmp_path: Path) -> None:
    config = _parse(
        tmp_path,
        "cases:\n  grants:\n    health: [officer, sharing_officer]\n  purposes:\n"
        "    - {slug: asb, label: ASB case, review_months: 3, retain_months: 12}\n  reminder_days: 5\n",
    )
    assert config.may_see("officer", "health")
    assert not config.may_see("manager", "health")
    assert config.purpose("asb").retain_months == 12
    assert config.purpose("marac") is None
    assert config.reminder_days == 5
    bad = [
        ("cases:\n  grants:\n    health: [analyst]\n", "not a case role", 3),
        ("cases:\n  grants:\n    favourite_colour: [officer]\n", "unknown key", 3),
        (
            "cases:\n  purposes:\n    - {slug: asb, label: A, review_months: 30, retain_months: 12}\n",
            "review must come",
            3,
        ),
        ("cases:\n  purposes:\n    - {slug: asb, label: A, review_months: 0, retain_months: 12}\n", "1 to 1200", 3),
        ("cases:\n  reminder_days: -1\n", "0 to 60", 2),
    ]
    for text, message, line in bad:
        with pytest.raises(InputError, match=message) as refused:
            _parse(tmp_path, text)
        assert f":{line}" in str(refused.value) or f"line {line}" in str(refused.value), str(refused.value)
