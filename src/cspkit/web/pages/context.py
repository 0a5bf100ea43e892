"""What every page's header needs: the signed-in person's role and the links they may follow."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.permissions import allowed

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
    ("accounts:people", _("People")),
    ("accounts:audit", _("Audit log")),
)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    links = [(reverse(name), label) for name, label in LINKS if role and allowed(name, role)]
    here = request.path
    return {"nav_links": [(url, label, here.startswith(url)) for url, label in links]}
