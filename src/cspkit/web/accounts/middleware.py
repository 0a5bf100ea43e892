"""Every request passes the permission matrix before any view runs."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse

from cspkit.web.accounts.permissions import BEFORE_SECOND_FACTOR, MATRIX, PUBLIC, SECOND_FACTOR_ALWAYS, allowed


class PermissionMatrixMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)  # Django's own 404 (or a static file)
        name = match.view_name
        if name not in MATRIX:
            raise Http404("not in the permission matrix")
        if MATRIX[name] is PUBLIC:
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}")
        verified = user.is_verified()  # type: ignore[attr-defined]  # set by django-otp's OTPMiddleware
        # Case work asks every role it admits for the second factor; a role it refuses is refused.
        needs = user.needs_second_factor or (name in SECOND_FACTOR_ALWAYS and allowed(name, user.role))
        if needs and not verified and name not in BEFORE_SECOND_FACTOR:
            target = reverse("accounts:two-factor")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        if not allowed(name, user.role):
            body = render_to_string("403.html", {"request": request}, request=request)
            return HttpResponseForbidden(body)
        return self.get_response(request)
