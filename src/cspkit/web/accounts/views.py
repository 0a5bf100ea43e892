"""Sign in, the second factor, sign out, one's own account, the people list and the audit log."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime, time
from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from cspkit.web.accounts import audit as audit_trail
from cspkit.web.accounts import two_factor
from cspkit.web.accounts.forms import AuditSearchForm, CodeForm, SignInForm
from cspkit.web.accounts.models import AuditEvent, User


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        """Roles that need a second factor go straight on to it, then to where they were going."""
        target = super().get_success_url()
        user = self.request.user
        # Anyone with an authenticator uses it at sign-in (case workers enrol one for case work).
        if isinstance(user, User) and (user.needs_second_factor or two_factor.confirmed_device(user) is not None):
            return f"{reverse('accounts:two-factor')}?{urlencode({'next': target})}"
        return target


class SignOutView(auth_views.LogoutView):
    pass


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def second_factor(request: HttpRequest) -> HttpResponse:
    """Verify a code; an account with no authenticator yet enrols one first."""
    user: User = request.user  # type: ignore[assignment]
    confirmed = two_factor.confirmed_device(user)
    enrolling = confirmed is None
    device = two_factor.pending_device(user) if confirmed is None else confirmed
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("The code is not right. Enter the code your app shows now."))
    context = {"form": form, "enrolling": enrolling, "next": _next(request)}
    if enrolling:
        context |= {"qr": two_factor.qr_svg(device), "secret": two_factor.secret(device)}
    return render(request, "accounts/two_factor.html", context)


def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html", {"person": request.user})


def _events(form: AuditSearchForm) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if not form.is_valid():
        return events.none()
    data = form.cleaned_data
    if data["username"]:
        events = events.filter(username__iexact=data["username"])
    if data["object_type"]:
        events = events.filter(object_type=data["object_type"])
    if data["object_id"]:
        events = events.filter(object_id=data["object_id"])
    if data["action"]:
        events = events.filter(action=data["action"])
    zone = timezone.get_current_timezone()
    if data["since"]:
        events = events.filter(at__gte=datetime.combine(data["since"], time.min, zone))
    if data["until"]:
        events = events.filter(at__lte=datetime.combine(data["until"], time.max, zone))
    return events


def audit(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    events = _events(form) if request.GET else AuditEvent.objects.all()
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/audit.html", {"form": form, "page": page, "query": query.urlencode()})


class _Echo:
    def write(self, value: str) -> str:
        return value


def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    form = AuditSearchForm(request.GET or None)
    events = _events(form) if request.GET else AuditEvent.objects.all()
    writer = csv.writer(_Echo())
    fields = ["at", "username", "agency", "action", "object_type", "object_id", "owning_agency", "address", "path"]

    def rows() -> Iterator[str]:
        yield writer.writerow(fields)
        for event in events.iterator():
            yield writer.writerow([getattr(event, f).isoformat() if f == "at" else getattr(event, f) for f in fields])

    audit_trail.record(request, AuditEvent.EXPORT, "audit-log")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cspkit-audit.csv"'
    return response
