"""Case work's places: the list and search, a place with the events there (a repeat location
when several fall within a year), and recording a new one."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cspkit.cases import governance
from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.cases import records
from cspkit.web.cases.access import WITHHELD, cases_config, events_for, locations_for, shown
from cspkit.web.cases.forms import LocationForm
from cspkit.web.cases.models import CaseLocation
from cspkit.web.cases.policy import may
from cspkit.web.cases.shortcuts import visible_or_404

LOCATION_FIELDS = ["name", "address", "lsoa21", "notes"]
REPEAT_WINDOW = timedelta(days=365)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def locations(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    query = request.GET.get("q", "").strip()[:100]
    found = locations_for(user)
    if query:
        found = found.filter(Q(name__icontains=query) | Q(address__icontains=query) | Q(reference__iexact=query))
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    action = AuditEvent.SEARCH if query else AuditEvent.LIST
    audit.record_many(request, action, "case-location", [(p.reference, p.owner.slug) for p in page])
    config = cases_config()
    rows = [(p, dict((f, v) for f, _, v in shown(user, p, ["name", "address"], config))) for p in page]
    return render(request, "cases/locations.html", {"page": page, "rows": rows, "query": query, "withheld": WITHHELD})


def location(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    place = visible_or_404(request, CaseLocation.objects.select_related("owner"), pk)
    audit.record(request, AuditEvent.READ, "case-location", place.reference, place.owner.slug)
    everything = place.events.filter(delete_on__gte=date.today())
    events = list(events_for(user).filter(location=place).prefetch_related("people"))
    for event in events:
        audit.record(request, AuditEvent.READ, "case-event", event.reference, event.owner.slug)
    recent = [e for e in events if e.occurred_on >= date.today() - REPEAT_WINDOW]
    context = {
        "place": place,
        "fields": shown(user, place, LOCATION_FIELDS, cases_config()),
        "events": [(e, [p for p in e.people.all() if may(user, p, "detail")]) for e in events],
        "hidden": everything.count() - len(events),
        "recent": len(recent),
        "withheld": WITHHELD,
    }
    return render(request, "cases/location.html", context)


def location_new(request: HttpRequest) -> HttpResponse:
    from cspkit.web.dashboard.materialised import geography

    user = _user(request)
    if user.agency is None:
        raise Http404("only someone in an agency records a place")
    config = cases_config()
    lsoas = frozenset(geography(Path(settings.HOME)).lsoa21_authority)
    form = LocationForm(request.POST or None, config=config, lsoas=lsoas)
    if request.method == "POST" and form.is_valid():
        place = form.save(commit=False)
        place.owner, place.created_by = user.agency, user
        place.reference = records.new_reference("L")
        problem = governance.holding_problem(place.legal_basis, place.consent, place.consent_reason, False)
        if problem:
            form.add_error(None, problem)
        else:
            records.set_schedule(place, config, date.today())
            place.save()
            audit.record(request, AuditEvent.CREATE, "case-location", place.reference, place.owner.slug)
            messages.success(request, _("Place %(ref)s recorded.") % {"ref": place.reference})
            return redirect("cases:location", pk=place.pk)
    return render(request, "cases/location_form.html", {"form": form})
