from __future__ import annotations

from django.urls import path

from cspkit.web.partnership import views

app_name = "partnership"
urlpatterns = [
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
]
