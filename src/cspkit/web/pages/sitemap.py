"""`/sitemap.xml`: every public page a search engine may list, and nothing else: published
Safer Streets reports only, no tracking links, no staff pages."""

from __future__ import annotations

from xml.etree import ElementTree

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from cspkit.errors import CspkitError

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
FIXED = (
    "pages:home",
    "public:neighbourhoods",
    "public:meetings",
    "public:performance",
    "engage:safer-streets",
    "engage:payback",
    "engage:cfa",
    "engage:cfa-register",
    "engage:trigger",
    "engage:trigger-figures",
    "pages:accessibility",
    "pages:privacy",
)


def public_paths() -> list[str]:
    from cspkit.web.engage.models import PaybackRound, SaferStreetsPin
    from cspkit.web.engage.publishing import partnership_wards
    from cspkit.web.public.models import PublicMeeting

    paths = [reverse(name) for name in FIXED]
    try:
        wards = sorted(partnership_wards())
    except CspkitError:
        wards = []
    paths += [reverse("public:neighbourhood", args=[w]) for w in wards]
    paths += [reverse("public:meeting", args=[m.pk]) for m in PublicMeeting.objects.filter(ward__in=wards)]
    published = SaferStreetsPin.objects.filter(status=SaferStreetsPin.PUBLISHED, public_lon__isnull=False)
    paths += [reverse("engage:pin", args=[p.reference]) for p in published]
    paths += [reverse("engage:round", args=[r.pk]) for r in PaybackRound.objects.all()]
    return paths


def sitemap(request: HttpRequest) -> HttpResponse:
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for path in public_paths():
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = request.build_absolute_uri(path)
    body = '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode")
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
