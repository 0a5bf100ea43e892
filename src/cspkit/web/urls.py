from __future__ import annotations

from django.urls import include, path
from django.views.i18n import set_language

from cspkit.web.pages import sitemap, views

pages = (
    [
        path("", views.home, name="home"),
        path("healthz", views.healthz, name="healthz"),
        path("accessibility/", views.accessibility, name="accessibility"),
        path("privacy/", views.privacy, name="privacy"),
        path("sitemap.xml", sitemap.sitemap, name="sitemap"),
        path("language/", set_language, name="set-language"),
    ],
    "pages",
)

urlpatterns = [
    path("", include(pages)),
    path("accounts/", include("cspkit.web.accounts.urls")),
    path("datahub/", include("cspkit.web.datahub.urls")),
    path("partnership/", include("cspkit.web.partnership.urls")),
    path("dashboard/", include("cspkit.web.dashboard.urls")),
    path("", include("cspkit.web.public.urls")),
    path("", include("cspkit.web.engage.urls")),
    path("api/", include("cspkit.web.public.api_urls")),
    path("open311/v2/", include("cspkit.web.engage.open311_urls")),
    path("cases/", include("cspkit.web.cases.urls")),
]
