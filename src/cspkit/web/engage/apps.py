from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngageConfig(AppConfig):
    name = "cspkit.web.engage"
    label = "engage"
    verbose_name = _("Public engagement")
