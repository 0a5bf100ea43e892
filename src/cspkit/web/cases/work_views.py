"""Events, tasks, notifications and documents on person records."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.cases import documents, marac_work, records
from cspkit.web.cases.access import cases_config, people_for
from cspkit.web.cases.forms import DocumentForm, EventForm, TaskForm, case_users_for
from cspkit.web.cases.models import CaseDocument, CaseTask, Notification
from cspkit.web.cases.people import visible_person
from cspkit.web.cases.policy import OWNER, may, relation
from cspkit.web.engage.notify import send


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def event_new(request: HttpRequest, pk: int) -> HttpResponse:
    """An event the viewer's agency records about this person (its own record of the event)."""
    user = _user(request)
    record = visible_person(request, pk)
    form = EventForm(request.POST or None, agency=user.agency)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.owner = user.agency
        event.created_by = user
        event.reference = records.new_reference("E")
        event.purpose, event.legal_basis = record.purpose, record.legal_basis
        event.consent, event.consent_reason = record.consent, record.consent_reason
        records.set_schedule(
            event, cases_config(), event.occurred_on if event.occurred_on > date.today() else date.today()
        )
        event.save()
        event.people.add(record)
        audit.record(request, AuditEvent.CREATE, "case-event", event.reference, event.owner.slug)
        for repeat in marac_work.repeat_from_incident(event, user, cases_config()):
            audit.record(request, AuditEvent.CREATE, "marac-referral", repeat.reference, repeat.owner.slug)
            messages.info(
                request,
                _("This incident is within 12 months of a MARAC referral: repeat referral %(ref)s was made.")
                % {"ref": repeat.reference},
            )
        return redirect("cases:person", pk=record.pk)
    return render(request, "cases/event_form.html", {"form": form, "record": record})


def task_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    record = visible_person(request, pk)
    if OWNER not in relation(user, record):
        raise Http404("only the owning agency sets tasks on its record")
    form = TaskForm(request.POST or None, allowed=case_users_for(record))
    if request.method == "POST" and form.is_valid():
        task = form.save(commit=False)
        task.person, task.created_by = record, user
        task.save()
        audit.record(request, AuditEvent.CREATE, "case-task", str(task.pk), record.owner.slug)
        path = reverse("cases:person", args=[record.pk])
        records.notify([task.assigned_to], record, _("a task was set for you on a record"), path)
        send(_("Case work: a task for you"), request.build_absolute_uri(path), [task.assigned_to.email])
        return redirect("cases:person", pk=record.pk)
    return render(request, "cases/task_form.html", {"form": form, "record": record})


@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = get_object_or_404(CaseTask.objects.select_related("person__owner"), pk=pk)
    if not may(user, task, "detail"):
        raise Http404("no such task")
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    audit.record(request, AuditEvent.UPDATE, "case-task", str(task.pk), task.person.owner.slug)
    messages.success(request, _("Task marked done."))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/cases/") and "//" not in back else "cases:home")


def notifications(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    visible = set(people_for(user).values_list("pk", flat=True))
    # A notice about a record the person may no longer open (handed over, share ended) is not shown.
    rows = [n for n in Notification.objects.filter(user=user)[:100] if n.person_id is None or n.person_id in visible]
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "cases/notifications.html", {"rows": rows})


def document_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    record = visible_person(request, pk)
    if OWNER not in relation(user, record):
        raise Http404("only the owning agency keeps documents on its record")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kept = documents.keep(
            record, form.cleaned_data["title"], upload.name, upload.detected_type, upload.read(), user
        )
        audit.record(request, AuditEvent.CREATE, "case-document", str(kept.pk), record.owner.slug)
        return redirect("cases:person", pk=record.pk)
    return render(request, "cases/document_form.html", {"form": form, "record": record})


def document(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    kept = get_object_or_404(CaseDocument.objects.select_related("person__owner"), pk=pk)
    if not may(user, kept, "detail"):
        raise Http404("no such document")
    audit.record(request, AuditEvent.DOWNLOAD, "case-document", str(kept.pk), kept.person.owner.slug)
    response = HttpResponse(documents.read(kept), content_type=kept.content_type)
    response["Content-Disposition"] = f'attachment; filename="document-{kept.pk}{_suffix(kept.content_type)}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _suffix(content_type: str) -> str:
    return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(content_type, ".txt")
