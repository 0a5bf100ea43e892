"""Administrators issue and withdraw Open311 API keys, one per client system. A key is shown
once, when it is issued; only its SHA-256 is kept, so a lost key is replaced, not recovered."""

from __future__ import annotations

import hashlib
import secrets

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import User
from cspkit.web.engage.models import Open311Client


class ClientForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Client system's name"),
        help_text=gettext_lazy("For example, FixMyStreet or the council's case system"),
        max_length=100,
    )

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if Open311Client.objects.filter(name=name).exists():
            raise forms.ValidationError(gettext_lazy("A client with that name already has a key"))
        return name


def clients_page(request: HttpRequest) -> HttpResponse:
    issued = ""
    form = ClientForm()
    if request.method == "POST" and "withdraw" in request.POST:
        client = get_object_or_404(Open311Client, pk=request.POST.get("withdraw"))
        client.active = False
        client.save(update_fields=["active"])
        audit.record(request, "withdraw", "open311-client", client.name)
        messages.success(request, _("Key withdrawn: %(name)s") % {"name": client.name})
        return redirect("engage:open311-clients")
    if request.method == "POST":
        form = ClientForm(request.POST)
        if form.is_valid() and isinstance(request.user, User):
            issued = "o311_" + secrets.token_urlsafe(24)
            Open311Client.objects.create(
                name=form.cleaned_data["name"],
                key_hash=hashlib.sha256(issued.encode()).hexdigest(),
                issued_by=request.user,
            )
            audit.record(request, "issue", "open311-client", form.cleaned_data["name"])
            form = ClientForm()
    context = {"clients": Open311Client.objects.all(), "form": form, "issued": issued}
    response = render(request, "engage/open311_clients.html", context)
    response["Cache-Control"] = "no-store"  # the page may show a new key
    return response
