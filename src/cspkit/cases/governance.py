"""Why a partnership may hold and share a person's details: legal bases, consent, classifications.

The lists are enumerated (no free-text legal basis): UK GDPR article 6 conditions for any
personal data, article 9 conditions for special-category data (health, ethnicity), Data
Protection Act 2018 Part 3 for law enforcement processing, and the Crime and Disorder Act
1998 s.115 power to share with the responsible authorities.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LegalBasis:
    code: str
    label: str
    group: str  # "article 6", "article 9", "DPA 2018 Part 3", "Crime and Disorder Act 1998"
    special_category: bool  # an article 9 condition: allows health or other special-category fields
    consent_based: bool  # article 6(1)(a) / 9(2)(a): no consent, no processing


LEGAL_BASES: tuple[LegalBasis, ...] = (
    LegalBasis("ukgdpr-6-1-a", "UK GDPR article 6(1)(a): consent", "article 6", False, True),
    LegalBasis("ukgdpr-6-1-b", "UK GDPR article 6(1)(b): contract", "article 6", False, False),
    LegalBasis("ukgdpr-6-1-c", "UK GDPR article 6(1)(c): legal obligation", "article 6", False, False),
    LegalBasis("ukgdpr-6-1-d", "UK GDPR article 6(1)(d): vital interests", "article 6", False, False),
    LegalBasis("ukgdpr-6-1-e", "UK GDPR article 6(1)(e): public task", "article 6", False, False),
    LegalBasis("ukgdpr-6-1-f", "UK GDPR article 6(1)(f): legitimate interests", "article 6", False, False),
    LegalBasis("ukgdpr-9-2-a", "UK GDPR article 9(2)(a): explicit consent", "article 9", True, True),
    LegalBasis("ukgdpr-9-2-b", "UK GDPR article 9(2)(b): employment and social protection", "article 9", True, False),
    LegalBasis("ukgdpr-9-2-c", "UK GDPR article 9(2)(c): vital interests", "article 9", True, False),
    LegalBasis("ukgdpr-9-2-f", "UK GDPR article 9(2)(f): legal claims", "article 9", True, False),
    LegalBasis(
        "ukgdpr-9-2-g",
        "UK GDPR article 9(2)(g): substantial public interest (DPA 2018 schedule 1)",
        "article 9",
        True,
        False,
    ),
    LegalBasis("ukgdpr-9-2-h", "UK GDPR article 9(2)(h): health or social care", "article 9", True, False),
    LegalBasis(
        "dpa2018-part3",
        "Data Protection Act 2018 Part 3: law enforcement processing",
        "DPA 2018 Part 3",
        True,  # section 35: sensitive processing where strictly necessary
        False,
    ),
    LegalBasis(
        "cda1998-s115",
        "Crime and Disorder Act 1998 s.115: sharing with the responsible authorities",
        "Crime and Disorder Act 1998",
        False,
        False,
    ),
)
BY_CODE = {basis.code: basis for basis in LEGAL_BASES}

GIVEN, REFUSED, NOT_SOUGHT, WITHDRAWN = "given", "refused", "not_sought", "withdrawn"
CONSENT_STATUSES: tuple[tuple[str, str], ...] = (
    (GIVEN, "Given"),
    (REFUSED, "Refused"),
    (NOT_SOUGHT, "Not sought (risk-led; reason recorded)"),
    (WITHDRAWN, "Withdrawn"),
)

# What a field says about a person, which decides who may see it (grants live in configuration).
IDENTITY, CONTACT, OFFENCE, SAFEGUARDING, HEALTH, ETHNICITY, SEXUAL_ORIENTATION = (
    "identity",
    "contact",
    "offence",
    "safeguarding",
    "health",
    "ethnicity",
    "sexual_orientation",
)
CLASSIFICATIONS = (IDENTITY, CONTACT, OFFENCE, SAFEGUARDING, HEALTH, ETHNICITY, SEXUAL_ORIENTATION)
# UK GDPR article 9 (and DPA 2018 s.35 sensitive processing): encrypted at rest.
SPECIAL_CATEGORY = frozenset({HEALTH, ETHNICITY, SEXUAL_ORIENTATION})


def basis(code: str) -> LegalBasis:
    return BY_CODE[code]


def holding_problem(legal_basis: str, consent: str, reason: str, special: bool) -> str | None:
    """Why a record may not be held as described, or None when it may.

    - A consent-based legal basis needs consent given.
    - Consent not sought needs its risk-led reason written down.
    - Special-category details need an article 9 condition (or Part 3 sensitive processing).
    """
    chosen = BY_CODE.get(legal_basis)
    if chosen is None:
        return f"{legal_basis!r} is not a legal basis on the list"
    if consent not in dict(CONSENT_STATUSES):
        return f"{consent!r} is not a consent status"
    if chosen.consent_based and consent != GIVEN:
        return f"{chosen.label} needs consent given; it is {dict(CONSENT_STATUSES)[consent].lower()}"
    if consent == NOT_SOUGHT and not reason.strip():
        return "Consent not sought needs the risk-led reason recorded"
    if special and not chosen.special_category:
        return f"Health or ethnicity details need an article 9 condition or DPA 2018 Part 3, not {chosen.label}"
    return None


def sharing_problem(legal_basis: str, consent: str, override_reason: str) -> str | None:
    """Why a record may not be shared with another agency now, or None when it may.

    Consent refused or withdrawn stops a share unless the basis does not rest on consent and the
    officer records why sharing without it is necessary and proportionate (a risk-led share).
    """
    chosen = BY_CODE.get(legal_basis)
    if chosen is None:
        return f"{legal_basis!r} is not a legal basis on the list"
    if chosen.consent_based and consent != GIVEN:
        return "The record is held on consent, which is not given: it cannot be shared"
    if consent in (REFUSED, WITHDRAWN) and not override_reason.strip():
        return "Consent is refused or withdrawn: record why sharing without it is necessary and proportionate"
    return None
