"""Safer Streets for staff: the moderation queue, each report at its exact place with the
resident's contact details (every view and change audited), the decision with its reason,
routing, the agencies' actions and the public "we did" summary."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.errors import CspkitError
from cspkit.web.accounts import audit
from cspkit.web.accounts.models import User
from cspkit.web.dashboard.materialised import geography
from cspkit.web.engage import publishing
from cspkit.web.engage.forms import ActionForm, ModerationForm, WeDidForm
from cspkit.web.engage.models import PinAction, SaferStreetsPin
from cspkit.web.engage.pin_map import pin_drop_map

OBJECT_TYPE = "safer-streets-pin"
TABS = (
    (SaferStreetsPin.AWAITING, SaferStreetsPin.STATUSES[0][1]),
    (SaferStreetsPin.SAFEGUARDING, SaferStreetsPin.STATUSES[3][1]),
    (SaferStreetsPin.PUBLISHED, SaferStreetsPin.STATUSES[1][1]),
    (SaferStreetsPin.REJECTED, SaferStreetsPin.STATUSES[2][1]),
)


def queue_page(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", SaferStreetsPin.AWAITING)
    if status not in dict(TABS):
        status = SaferStreetsPin.AWAITING
    pins = SaferStreetsPin.objects.filter(status=status).select_related("routed_to")
    if status == SaferStreetsPin.AWAITING:
        pins = pins.order_by("submitted_at", "id")  # oldest first: nobody waits longest
    try:
        wards = publishing.partnership_wards()
    except CspkitError:
        wards = {}
    counts = {s: SaferStreetsPin.objects.filter(status=s).count() for s, _label in TABS}
    context = {
        "pins": [{"pin": p, "ward_name": wards.get(p.ward, p.ward)} for p in pins[:200]],
        "tabs": [(s, label, counts[s], s == status) for s, label in TABS],
    }
    return render(request, "engage/moderation.html", context)


def _context(request: HttpRequest, pin: SaferStreetsPin, **forms: object) -> dict[str, object]:
    try:
        wards = publishing.partnership_wards()
        config = publishing.engage_config()
        labels = [r.label for r in config.reasons if r.slug in pin.reasons]
    except CspkitError:
        wards, labels = {}, list(pin.reasons)
    initial = {
        "public_description": pin.public_description or pin.description,
        "routed_to": pin.routed_to_id,
        "photos": [str(p.pk) for p in pin.photos.all() if p.approved],
    }
    if pin.status != SaferStreetsPin.AWAITING:
        initial |= {"decision": pin.status, "reason": pin.moderation_reason}
    drawn = ""
    if pin.ward in wards:
        public = (pin.public_lon, pin.public_lat) if pin.public_lon is not None and pin.public_lat is not None else None
        title = _("Where the report was dropped (the large marker) and where the public see it (the small one)")
        drawn = pin_drop_map(geography(publishing.home()), pin.ward, title, (pin.lon, pin.lat), public)
    return {
        "pin": pin,
        "map": drawn,
        "ward_name": wards.get(pin.ward, pin.ward),
        "reasons": labels,
        "photos": list(pin.photos.all()),
        "actions": pin.actions.select_related("agency", "recorded_by"),
        "moderation_form": forms.get("moderation_form") or ModerationForm(initial=initial, pin=pin),
        "action_form": forms.get("action_form") or ActionForm(initial={"taken_on": timezone.localdate()}),
        "we_did_form": forms.get("we_did_form")
        or WeDidForm(initial={"we_did": pin.we_did, "we_did_at": pin.we_did_at or timezone.localdate()}),
    }


def review_page(request: HttpRequest, reference: str) -> HttpResponse:
    """One report as staff see it: exact place and contact details, so the read is audited."""
    pin = get_object_or_404(SaferStreetsPin, reference=reference)
    audit.record(request, "read", OBJECT_TYPE, pin.reference)
    return render(request, "engage/review.html", _context(request, pin))


@require_POST
def moderate(request: HttpRequest, reference: str) -> HttpResponse:
    pin = get_object_or_404(SaferStreetsPin, reference=reference)
    form = ModerationForm(request.POST, pin=pin)
    if not form.is_valid():
        return render(request, "engage/review.html", _context(request, pin, moderation_form=form), status=400)
    data = form.cleaned_data
    with transaction.atomic():
        pin.status = data["decision"]
        pin.moderation_reason = data["reason"]
        pin.public_description = data["public_description"] if pin.status == SaferStreetsPin.PUBLISHED else ""
        pin.routed_to = data["routed_to"] or pin.routed_to  # a moderator changes the route, never clears it
        pin.moderated_by = request.user  # type: ignore[assignment]
        pin.moderated_at = timezone.now()
        if pin.status == SaferStreetsPin.PUBLISHED:
            pin.public_lon, pin.public_lat = publishing.blurred(pin)
        else:  # withdrawn from the public: no public place is kept
            pin.public_lon = pin.public_lat = None
        pin.save()
        keep = {int(p) for p in data["photos"]} if pin.status == SaferStreetsPin.PUBLISHED else set()
        for photo in pin.photos.all():
            photo.approved = photo.pk in keep
            photo.save(update_fields=["approved"])
        audit.record(request, f"moderate:{pin.status}", OBJECT_TYPE, pin.reference)
    messages.success(request, _("Decision recorded: %(status)s") % {"status": pin.get_status_display()})
    return redirect("engage:review", reference=pin.reference)


@require_POST
def record_action(request: HttpRequest, reference: str) -> HttpResponse:
    pin = get_object_or_404(SaferStreetsPin, reference=reference)
    form = ActionForm(request.POST)
    user = request.user
    agency = user.agency if isinstance(user, User) else None
    if agency is None:
        form.add_error(None, _("Your account belongs to no agency, so it cannot record an agency's action"))
    if not form.is_valid() or agency is None or not isinstance(user, User):
        return render(request, "engage/review.html", _context(request, pin, action_form=form), status=400)
    PinAction.objects.create(pin=pin, agency=agency, recorded_by=user, **form.cleaned_data)
    audit.record(request, "action", OBJECT_TYPE, pin.reference)
    messages.success(request, _("Action recorded"))
    return redirect("engage:review", reference=pin.reference)


@require_POST
def record_we_did(request: HttpRequest, reference: str) -> HttpResponse:
    pin = get_object_or_404(SaferStreetsPin, reference=reference)
    form = WeDidForm(request.POST)
    if not form.is_valid():
        return render(request, "engage/review.html", _context(request, pin, we_did_form=form), status=400)
    pin.we_did = form.cleaned_data["we_did"]
    pin.we_did_at = form.cleaned_data["we_did_at"]
    pin.save(update_fields=["we_did", "we_did_at", "updated_at"])
    audit.record(request, "we-did", OBJECT_TYPE, pin.reference)
    messages.success(request, _('"We did" summary saved'))
    return redirect("engage:review", reference=pin.reference)
