from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cspkit.web.accounts"
    label = "accounts"
    verbose_name = _("Agencies, accounts and audit")

    def ready(self) -> None:
        from cspkit.web.accounts import checks  # noqa: F401  (registers the deployment checks)
