"""Who moderates Safer Streets and records what was done: the permission matrix's rule for
the moderation queue (and, for roles that need one, a passed second factor) decides whether
a public page shows staff links and unpublished photos."""

from __future__ import annotations

from django.http import HttpRequest

from cspkit.web.accounts.permissions import allowed


def may_moderate(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_authenticated and allowed("engage:moderation", user.role)):
        return False
    return not user.needs_second_factor or bool(user.is_verified())  # type: ignore[attr-defined]
