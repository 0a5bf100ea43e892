"""The `public:` section: who deals with anti-social behaviour per authority; each kind of bad
entry is refused with the key and line named."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspkit.bundle import package_path
from cspkit.config.partnership import load_config
from cspkit.config.public import PublicConfig
from cspkit.errors import InputError
from cspkit.geography import load_geography
from cspkit.geography.tables import Geography

HEAD = "schema: 1\nname: Test partnership\narea: csp:E22000353\n"


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_geography(None)


def _public(tmp_path: Path, geo: Geography, body: str) -> PublicConfig:
    path = tmp_path / "partnership.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return load_config(path, geo).public


def test_the_demo_contacts_parse_and_the_made_up_one_is_marked(geo: Geography) -> None:
    public = load_config(package_path("partnership/central-bedfordshire.yaml"), geo).public
    contacts = public.contacts_for("E06000056")
    assert [c.demo for c in contacts] == [True, False]
    assert contacts[0].telephone.startswith("01632 960")  # Ofcom's drama range
    assert contacts[0].email.endswith("@example.org")
    assert contacts[1].telephone == "101"
    assert public.contacts_for("E06000055") == []


def test_no_public_section_means_no_contacts(tmp_path: Path, geo: Geography) -> None:
    assert _public(tmp_path, geo, "") == PublicConfig()


CONTACT = "public:\n  asb_contacts:\n    - authority: E06000056\n      name: Team\n      deals_with: Noise\n"


@pytest.mark.parametrize(
    ("extra", "line", "message"),
    [
        ("      telephone: call us\n", 9, "is not a telephone number"),
        ("      email: nobody\n", 9, "is not an e-mail address"),
        ("      url: http://example.org\n", 9, "must be an https:// address"),
        ("", 6, "needs at least one way to get in touch"),
        ("      url: https://example.org\n      demo: perhaps\n", 10, "must be true or false"),
        ("      url: https://example.org\n      colour: red\n", 10, "colour"),
    ],
)
def test_each_kind_of_bad_contact_is_named_with_its_line(
    tmp_path: Path, geo: Geography, extra: str, line: int, message: str
) -> None:
    with pytest.raises(InputError) as raised:
        _public(tmp_path, geo, CONTACT + extra)
    assert message in str(raised.value)
    assert f"line {line}" in str(raised.value)


def test_an_authority_must_be_an_ons_code(tmp_path: Path, geo: Geography) -> None:
    with pytest.raises(InputError, match="must be an authority's ONS code"):
        _public(tmp_path, geo, CONTACT.replace("E06000056", "Luton") + "      url: https://example.org\n")


def test_public_must_be_a_set_of_keys(tmp_path: Path, geo: Geography) -> None:
    with pytest.raises(InputError, match="must be a set of keys: asb_contacts"):
        _public(tmp_path, geo, "public: [1, 2]\n")
