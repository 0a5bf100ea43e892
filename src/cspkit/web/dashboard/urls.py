from __future__ import annotations

from django.urls import path

from cspkit.web.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("<slug:set_name>/<slug:name>/", views.indicator_page, name="indicator"),
]
