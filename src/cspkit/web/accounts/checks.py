"""Deployment checks: production refuses demo accounts (they have published passwords)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.db import DatabaseError


@register("cspkit", deploy=True)
def no_demo_users(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    from cspkit.web.accounts.models import User

    try:
        count = User.objects.filter(is_demo=True).count()
    except DatabaseError:
        return []  # not migrated yet: nothing to check
    if not count:
        return []
    return [
        Error(
            f"{count} demo accounts exist; their passwords were printed and written to demo-users.txt.",
            hint="Remove them (cspkit manage remove_demo_users) before serving in production.",
            id="cspkit.E001",
        )
    ]
