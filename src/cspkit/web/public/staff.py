"""Who looks after the public meetings and priorities: the permission matrix's rule for
arranging a meeting decides whether a page shows its staff buttons."""

from __future__ import annotations

from django.http import HttpRequest

from cspkit.web.accounts.permissions import allowed


def may_manage(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and allowed("public:meeting-new", user.role))
