from __future__ import annotations

from django.urls import path, register_converter

from cspkit.web.public import meetings, performance, views


class WardCode:
    """A 2023 ward's ONS code (E05…, W05…): a neighbourhood's id in every URL."""

    regex = "[EW]05[0-9]{6}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(WardCode, "ward")

app_name = "public"
urlpatterns = [
    path("neighbourhoods/", views.neighbourhoods_page, name="neighbourhoods"),
    path("neighbourhoods/<ward:ward>/", views.neighbourhood_page, name="neighbourhood"),
    path("neighbourhoods/<ward:ward>/meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("meetings/", meetings.meetings_page, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_page, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/priorities/new/", meetings.priority_new, name="priority-new"),
    path("priorities/<int:pk>/edit/", meetings.priority_edit, name="priority-edit"),
    path("performance/", performance.performance_page, name="performance"),
]
