"""The `public:` part of `partnership.yaml`: what the public pages say that the data cannot.

Per authority, who deals with anti-social behaviour and how to reach them (the seeds: a
resident should know whom to tell). Entries written for the demo carry `demo: true` and are
marked so on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cspkit.yamlfile import Key, YamlDocument, check_keys, text

_PUBLIC = {"asb_contacts"}
_CONTACT = {"authority", "name", "deals_with", "telephone", "email", "url", "demo"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TELEPHONE = re.compile(r"^[0-9 +()]{3,20}$")


@dataclass(frozen=True)
class AsbContact:
    authority: str  # ONS code, e.g. E06000056
    name: str
    deals_with: str
    telephone: str = ""
    email: str = ""
    url: str = ""
    demo: bool = False


@dataclass(frozen=True)
class PublicConfig:
    asb_contacts: tuple[AsbContact, ...] = ()

    def contacts_for(self, authority: str) -> list[AsbContact]:
        return [c for c in self.asb_contacts if c.authority == authority]


def _contact(doc: YamlDocument, body: Any, key: Key) -> AsbContact:
    if not isinstance(body, dict):
        raise doc.error(key, "an ASB contact is a set of keys: authority, name, deals_with, telephone, email, url")
    check_keys(doc, body, _CONTACT, key)
    authority = str(text(doc, body.get("authority"), (*key, "authority")))
    if not re.fullmatch(r"[EW]0[6-9]\d{6}", authority):
        raise doc.error((*key, "authority"), f"must be an authority's ONS code, e.g. E06000056, not {authority!r}")
    telephone = text(doc, body.get("telephone"), (*key, "telephone"), required=False) or ""
    if telephone and not _TELEPHONE.match(telephone):
        raise doc.error((*key, "telephone"), f"{telephone!r} is not a telephone number")
    email = text(doc, body.get("email"), (*key, "email"), required=False) or ""
    if email and not _EMAIL.match(email):
        raise doc.error((*key, "email"), f"{email!r} is not an e-mail address")
    url = text(doc, body.get("url"), (*key, "url"), required=False) or ""
    if url and not url.startswith("https://"):
        raise doc.error((*key, "url"), "must be an https:// address")
    if not (telephone or email or url):
        raise doc.error(key, "needs at least one way to get in touch: telephone, email or url")
    demo = body.get("demo", False)
    if not isinstance(demo, bool):
        raise doc.error((*key, "demo"), "must be true or false")
    return AsbContact(
        authority=authority,
        name=str(text(doc, body.get("name"), (*key, "name"))),
        deals_with=str(text(doc, body.get("deals_with"), (*key, "deals_with"))),
        telephone=telephone,
        email=email,
        url=url,
        demo=demo,
    )


def parse_public(doc: YamlDocument, body: Any) -> PublicConfig:
    key: Key = ("public",)
    if body is None:
        return PublicConfig()
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: asb_contacts")
    check_keys(doc, body, _PUBLIC, key)
    raw = body.get("asb_contacts") or []
    if not isinstance(raw, list):
        raise doc.error((*key, "asb_contacts"), "must be a list of contacts")
    return PublicConfig(tuple(_contact(doc, item, (*key, "asb_contacts", i)) for i, item in enumerate(raw)))
