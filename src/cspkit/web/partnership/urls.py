from __future__ import annotations

from django.urls import path

from cspkit.web.partnership import assessment_views, plan_views, report_views, views

app_name = "partnership"
urlpatterns = [
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/update/", views.action_update, name="action-update"),
    path("assessment/", assessment_views.assessment, name="assessment"),
    path("assessment/issues/<slug:issue>/decision/", assessment_views.issue_decision, name="issue-decision"),
    path("assessment/approve/", assessment_views.approve_priorities, name="approve-priorities"),
    path("plan/", plan_views.plan, name="plan"),
    path("plan/targets/<slug:issue>/<slug:set_name>/<slug:name>/", plan_views.target_edit, name="target-edit"),
    path("performance/", plan_views.performance, name="performance"),
    path("reports/", report_views.reports, name="reports"),
    path("reports/new/", report_views.report_new, name="report-new"),
    path("reports/<int:pk>/", report_views.report, name="report"),
    path("reports/<int:pk>/status.json", report_views.report_status, name="report-status"),
    path("reports/<int:pk>/<str:name>", report_views.report_file, name="report-file"),
]
