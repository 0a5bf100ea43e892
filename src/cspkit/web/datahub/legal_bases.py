"""Legal bases a sharing agreement may cite (an enumerated list; no invented legal text)."""

from __future__ import annotations

LEGAL_BASES: tuple[tuple[str, str], ...] = (
    ("cda1998-s115", "Crime and Disorder Act 1998, section 115"),
    ("cda1998-s17a", "Crime and Disorder Act 1998, section 17A (duty to share depersonalised information)"),
    ("ukgdpr-6-1-c", "UK GDPR article 6(1)(c): legal obligation"),
    ("ukgdpr-6-1-e", "UK GDPR article 6(1)(e): public task"),
    ("ukgdpr-6-1-a", "UK GDPR article 6(1)(a): consent"),
    ("ukgdpr-9-2-g", "UK GDPR article 9(2)(g): substantial public interest (with DPA 2018 schedule 1)"),
    ("dpa2018-part3", "Data Protection Act 2018, Part 3 (law enforcement processing)"),
)
