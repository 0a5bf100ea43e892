from __future__ import annotations

from django.urls import path, re_path

from cspkit.web.engage import open311, open311_openapi

app_name = "open311"
urlpatterns = [
    path("openapi.json", open311_openapi.openapi, name="openapi"),
    path("discovery.<str:fmt>", open311.discovery, name="discovery"),
    path("services.<str:fmt>", open311.services, name="services"),
    path("services/<slug:code>.<str:fmt>", open311.service_definition, name="service"),
    path("requests.<str:fmt>", open311.requests_view, name="requests"),
    path("requests/<str:reference>.<str:fmt>", open311.request_detail, name="request"),
    path("tokens/<str:token>.<str:fmt>", open311.token_view, name="token"),
    re_path(r"^", open311.not_found, name="not-found"),  # anything else under /open311/v2/: an Open311 404
]
