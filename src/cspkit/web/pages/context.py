"""What every page's header needs: the signed-in person's role and the links they may follow."""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.permissions import allowed

# Everyone's links: the public pages.
PUBLIC_LINKS = (
    ("public:neighbourhoods", _("Neighbourhoods")),
    ("public:meetings", _("Public meetings")),
    ("public:performance", _("How we are doing")),
    ("engage:safer-streets", _("Safer Streets")),
    ("engage:payback", _("Community Payback")),
    ("engage:cfa", _("Call for Action")),
    ("engage:trigger", _("ASB case review")),
)
# Staff links, each shown to the roles the permission matrix lets in.
LINKS = (
    ("dashboard:dashboard", _("Dashboard")),
    ("partnership:assessment", _("Assessment")),
    ("partnership:plan", _("Plan")),
    ("partnership:performance", _("Performance")),
    ("datahub:hub", _("Data hub")),
    ("datahub:coverage", _("Coverage")),
    ("datahub:agreements", _("Sharing agreements")),
    ("partnership:actions", _("Actions")),
    ("partnership:hallmarks", _("Hallmarks")),
    ("partnership:meetings", _("Meetings")),
    ("partnership:reports", _("Reports")),
    ("engage:moderation", _("Safer Streets moderation")),
    ("engage:nominations", _("Community Payback nominations")),
    ("engage:cfa-cases", _("Calls for Action")),
    ("engage:trigger-cases", _("ASB case reviews")),
    ("engage:open311-clients", _("Open311 clients")),
    ("cases:home", _("Case work")),
    ("accounts:people", _("People")),
    ("accounts:audit", _("Audit log")),
)


@lru_cache(maxsize=64)
def _links(role: str | None, language: str | None) -> tuple[tuple[str, str], ...]:
    """A role's links in a language: the same on every page, so worked out once per process."""
    staff = tuple((reverse(name), str(label)) for name, label in LINKS if role and allowed(name, role))
    return staff + tuple((reverse(name), str(label)) for name, label in PUBLIC_LINKS)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    links = _links(role, get_language())
    here = request.path
    return {"nav_links": [(url, label, here.startswith(url)) for url, label in links]}
