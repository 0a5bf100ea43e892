"""Legal bases a sharing agreement may cite (an enumerated list; no invented legal text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LEGAL_BASES: tuple[tuple[str, str | Promise], ...] = (
    ("cda1998-s115", _("Crime and Disorder Act 1998, section 115")),
    ("cda1998-s17a", _("Crime and Disorder Act 1998, section 17A (duty to share depersonalised information)")),
    ("ukgdpr-6-1-c", _("UK GDPR article 6(1)(c): legal obligation")),
    ("ukgdpr-6-1-e", _("UK GDPR article 6(1)(e): public task")),
    ("ukgdpr-6-1-a", _("UK GDPR article 6(1)(a): consent")),
    ("ukgdpr-9-2-g", _("UK GDPR article 9(2)(g): substantial public interest (with DPA 2018 schedule 1)")),
    ("dpa2018-part3", _("Data Protection Act 2018, Part 3 (law enforcement processing)")),
)
