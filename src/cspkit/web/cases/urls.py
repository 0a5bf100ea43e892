from __future__ import annotations

from django.urls import path

from cspkit.web.cases import dhr_views, exports, marac_views, people, places, sharing_views, work_views

app_name = "cases"
urlpatterns = [
    path("", people.home, name="home"),
    path("people/", people.people, name="people"),
    path("people/new/", people.person_new, name="person-new"),
    path("people/export.csv", exports.export_csv, name="export"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    path("people/<int:pk>/review/", people.person_review, name="person-review"),
    path("people/<int:pk>/share/", sharing_views.person_share, name="person-share"),
    path("people/<int:pk>/hand-over/", sharing_views.person_transfer, name="person-transfer"),
    path("people/<int:pk>/events/new/", work_views.event_new, name="event-new"),
    path("people/<int:pk>/tasks/new/", work_views.task_new, name="task-new"),
    path("people/<int:pk>/documents/new/", work_views.document_new, name="document-new"),
    path("people/<int:pk>/subject-access/", exports.subject_access, name="subject-access"),
    path("shares/<int:pk>/end/", sharing_views.share_end, name="share-end"),
    path("tasks/<int:pk>/done/", work_views.task_done, name="task-done"),
    path("documents/<int:pk>/", work_views.document, name="document"),
    path("notifications/", work_views.notifications, name="notifications"),
    path("places/", places.locations, name="locations"),
    path("places/new/", places.location_new, name="location-new"),
    path("places/<int:pk>/", places.location, name="location"),
    path("people/<int:pk>/marac/refer/", marac_views.refer, name="marac-refer"),
    path("marac/", marac_views.home, name="marac"),
    path("marac/return/", marac_views.quarterly_return, name="marac-return"),
    path("marac/referrals/<int:pk>/", marac_views.referral, name="marac-referral"),
    path("marac/referrals/<int:pk>/research/", marac_views.research_add, name="marac-research"),
    path("marac/referrals/<int:pk>/actions/", marac_views.action_add, name="marac-action"),
    path("marac/referrals/<int:pk>/list/", marac_views.list_case, name="marac-list"),
    path("marac/referrals/<int:pk>/hear/", marac_views.hear, name="marac-hear"),
    path("marac/actions/<int:pk>/done/", marac_views.action_done, name="marac-action-done"),
    path("marac/meetings/new/", marac_views.meeting_new, name="marac-meeting-new"),
    path("marac/meetings/<int:pk>/", marac_views.meeting, name="marac-meeting"),
    path("dhr/", dhr_views.register, name="dhr"),
    path("dhr/new/", dhr_views.review_form, name="dhr-new"),
    path("dhr/<int:pk>/", dhr_views.review, name="dhr-review"),
    path("dhr/<int:pk>/edit/", dhr_views.review_form, name="dhr-edit"),
    path("dhr/<int:pk>/recommendations/", dhr_views.recommendation_add, name="dhr-recommendation"),
    path("dhr/recommendations/<int:pk>/", dhr_views.recommendation_update, name="dhr-recommendation-update"),
    path("api/people/", exports.api_people, name="api-people"),
    path("api/people/<str:reference>/", exports.api_person, name="api-person"),
]
