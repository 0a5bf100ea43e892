from __future__ import annotations

from django.urls import path

from cspkit.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("two-factor/", views.second_factor, name="two-factor"),
    path("account/", views.account, name="account"),
    path("people/", views.people, name="people"),
    path("audit/", views.audit, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit-export"),
]
