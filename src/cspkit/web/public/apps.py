from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "cspkit.web.public"
    label = "public"
    verbose_name = _("Public information")
