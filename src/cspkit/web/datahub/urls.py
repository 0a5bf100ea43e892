from __future__ import annotations

from django.urls import path

from cspkit.web.datahub import agreements, batches, uploads

app_name = "datahub"
urlpatterns = [
    path("", uploads.hub, name="hub"),
    path("upload/", uploads.upload, name="upload"),
    path("uploads/<int:pk>/", uploads.upload_detail, name="upload-detail"),
    path("uploads/<int:pk>/progress.json", uploads.upload_progress, name="upload-progress"),
    path("batches/", batches.batches, name="batches"),
    path("batches/<slug:batch_id>/", batches.batch_detail, name="batch-detail"),
    path("batches/<slug:batch_id>/rows.csv", batches.batch_rows_csv, name="batch-rows"),
    path("api/batches.json", batches.api_batches, name="api-batches"),
    path("coverage/", batches.coverage, name="coverage"),
    path("agreements/", agreements.agreements, name="agreements"),
    path("agreements/new/", agreements.agreement_new, name="agreement-new"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement-edit"),
    path("officers/", agreements.officers, name="officers"),
]
