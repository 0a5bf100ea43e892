from __future__ import annotations

from django.urls import path

from cspkit.web.cases import exports, people, sharing_views, work_views

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
    path("api/people/", exports.api_people, name="api-people"),
    path("api/people/<str:reference>/", exports.api_person, name="api-person"),
]
