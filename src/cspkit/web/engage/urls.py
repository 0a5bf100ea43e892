from __future__ import annotations

from django.urls import path, register_converter

from cspkit.web.engage import (
    call_for_action,
    call_for_action_staff,
    case_review,
    case_review_staff,
    moderation,
    open311_clients,
    payback,
    payback_staff,
    safer_streets,
)


class Reference:
    """A Safer Streets reference as residents are told it, e.g. SS-7KQ4MX."""

    regex = "SS-[2-9A-Z]{6}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(Reference, "reference")

app_name = "engage"
REFERENCE = "<reference:reference>"
urlpatterns = [
    path("safer-streets/", safer_streets.safer_streets_page, name="safer-streets"),
    path("safer-streets/report/", safer_streets.report_page, name="report"),
    path(f"safer-streets/thanks/{REFERENCE}/", safer_streets.thanks_page, name="thanks"),
    path("safer-streets/pins.geojson", safer_streets.pins_geojson, name="geojson"),
    path("safer-streets/pins.csv", safer_streets.pins_csv, name="csv"),
    path("safer-streets/photos/<int:pk>/", safer_streets.photo, name="photo"),
    path(f"safer-streets/{REFERENCE}/", safer_streets.pin_page, name="pin"),
    path(f"safer-streets/{REFERENCE}/me-too/", safer_streets.support, name="support"),
    path("safer-streets/moderation/", moderation.queue_page, name="moderation"),
    path(f"safer-streets/moderation/{REFERENCE}/", moderation.review_page, name="review"),
    path(f"safer-streets/moderation/{REFERENCE}/decision/", moderation.moderate, name="moderate"),
    path(f"safer-streets/moderation/{REFERENCE}/action/", moderation.record_action, name="action"),
    path(f"safer-streets/moderation/{REFERENCE}/we-did/", moderation.record_we_did, name="we-did"),
    path("open311/clients/", open311_clients.clients_page, name="open311-clients"),
    path("community-payback/", payback.payback_page, name="payback"),
    path("community-payback/nominate/", payback.nominate_page, name="nominate"),
    path("community-payback/nominate/thanks/<str:reference>/", payback.nomination_thanks, name="nomination-thanks"),
    path("community-payback/rounds/<int:pk>/", payback.round_page, name="round"),
    path("community-payback/votes/<str:token>/", payback.vote_confirm_page, name="vote-confirm"),
    path("community-payback/votes/<str:token>/confirm/", payback.vote_confirm, name="vote-count"),
    path("community-payback/nominations/", payback_staff.nominations_page, name="nominations"),
    path("community-payback/nominations/<int:pk>/", payback_staff.nomination_page, name="nomination"),
    path("community-payback/rounds/new/", payback_staff.round_new, name="round-new"),
    path("community-payback/rounds/<int:pk>/manage/", payback_staff.round_manage_page, name="round-manage"),
    path("call-for-action/", call_for_action.call_for_action_page, name="cfa"),
    path("call-for-action/track/<str:token>/", call_for_action.track_page, name="cfa-track"),
    path("call-for-action/track/<str:token>/executive/", call_for_action.escalate, name="cfa-escalate"),
    path("call-for-action/register/", call_for_action.register_page, name="cfa-register"),
    path("call-for-action/cases/", call_for_action_staff.cases_page, name="cfa-cases"),
    path("call-for-action/cases/<int:pk>/", call_for_action_staff.case_page, name="cfa-case"),
    path("call-for-action/councillors/", call_for_action_staff.councillors_page, name="cfa-councillors"),
    path("asb-case-review/", case_review.case_review_page, name="trigger"),
    path("asb-case-review/track/<str:token>/", case_review.track_page, name="trigger-track"),
    path("asb-case-review/figures/", case_review.figures_page, name="trigger-figures"),
    path("asb-case-review/cases/", case_review_staff.cases_page, name="trigger-cases"),
    path("asb-case-review/cases/<int:pk>/", case_review_staff.case_page, name="trigger-case"),
]
