"""Administrators keep the accounts: add a person, change their agency, role or access, and
reset their password or second factor. Every change is written to the audit log."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspkit.web.accounts import audit
from cspkit.web.accounts.forms import PersonForm
from cspkit.web.accounts.models import AuditEvent, User


def people(request: HttpRequest) -> HttpResponse:
    members = User.objects.select_related("agency").order_by("agency__name", "role", "username")
    return render(request, "accounts/people.html", {"members": members})


def _one_off_password(request: HttpRequest, person: User) -> None:
    """A new random password, shown once to the administrator and never stored in clear."""
    password = secrets.token_urlsafe(12)
    person.set_password(password)
    person.save(update_fields=["password"])
    request.session["one_off_password"] = [person.pk, password]


def _audit(request: HttpRequest, action: str, person: User) -> None:
    audit.record(request, action, "account", str(person.pk), person.agency.slug if person.agency else "")


def person_new(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        _one_off_password(request, person)
        _audit(request, AuditEvent.CREATE, person)
        return redirect("accounts:person", pk=person.pk)
    return render(request, "accounts/person_form.html", {"form": form, "person": None})


def person(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(User.objects.select_related("agency"), pk=pk)
    if found.is_demo and request.method == "POST":
        raise Http404("demo accounts are changed by cspkit demo")
    form = PersonForm(request.POST or None, instance=found)
    action = request.POST.get("action", "save")
    if request.method == "POST" and action == "password":
        _one_off_password(request, found)
        _audit(request, AuditEvent.UPDATE, found)
        return redirect("accounts:person", pk=found.pk)
    if request.method == "POST" and action == "second-factor":
        TOTPDevice.objects.filter(user=found).delete()
        _audit(request, AuditEvent.UPDATE, found)
        messages.info(request, _("Second factor reset: they will set up an authenticator app at their next sign-in."))
        return redirect("accounts:person", pk=found.pk)
    if request.method == "POST" and form.is_valid():
        if found.pk == request.user.pk and not form.cleaned_data["is_active"]:
            form.add_error("is_active", _("You cannot switch off your own account."))
        else:
            form.save()
            audit.record(
                request, AuditEvent.UPDATE, "account", str(found.pk), found.agency.slug if found.agency else ""
            )
            messages.info(request, _("Saved."))
            return redirect("accounts:person", pk=found.pk)
    shown = request.session.pop("one_off_password", None)
    password = shown[1] if shown and shown[0] == found.pk else None
    context = {"form": form, "person": found, "password": password}
    return render(request, "accounts/person_form.html", context)
