from __future__ import annotations

from django.urls import path

from cspkit.web.partnership import assessment_views, hallmark_views, meeting_views, plan_views, report_views, views

app_name = "partnership"
urlpatterns = [
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/update/", views.action_update, name="action-update"),
    path("assessment/", assessment_views.assessment, name="assessment"),
    path("assessment/issues/<slug:issue>/decision/", assessment_views.issue_decision, name="issue-decision"),
    path("assessment/issues/<slug:issue>/narrative/", assessment_views.issue_narrative, name="issue-narrative"),
    path("assessment/approve/", assessment_views.approve_priorities, name="approve-priorities"),
    path("plan/", plan_views.plan, name="plan"),
    path("plan/targets/<slug:issue>/<slug:set_name>/<slug:name>/", plan_views.target_edit, name="target-edit"),
    path("performance/", plan_views.performance, name="performance"),
    path("reports/", report_views.reports, name="reports"),
    path("reports/new/", report_views.report_new, name="report-new"),
    path("reports/<int:pk>/", report_views.report, name="report"),
    path("reports/<int:pk>/status.json", report_views.report_status, name="report-status"),
    path("reports/<int:pk>/<str:name>", report_views.report_file, name="report-file"),
    path("hallmarks/", hallmark_views.hallmarks, name="hallmarks"),
    path("hallmarks/start/", hallmark_views.start_review, name="hallmarks-start"),
    path("hallmarks/practice/<slug:code>/", hallmark_views.practice, name="hallmark-practice"),
    path("hallmarks/<slug:year>/", hallmark_views.review, name="hallmarks-review"),
    path("hallmarks/<slug:year>/<slug:code>/", hallmark_views.score, name="hallmark-score"),
    path("meetings/", meeting_views.meetings, name="meetings"),
    path("meetings/<int:pk>/", meeting_views.meeting, name="meeting"),
]
