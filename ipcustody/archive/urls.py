from django.urls import path

from . import views, views_analysis, views_import

app_name = "archive"

urlpatterns = [
    path("", views.AssetList.as_view(), name="asset-list"),
    path("new/", views.AssetFormView.as_view(), name="asset-create"),
    path("<int:pk>/", views.AssetDetail.as_view(), name="asset-detail"),
    path("<int:pk>/edit/", views.AssetFormView.as_view(), name="asset-edit"),
    path("<int:pk>/delete/", views.AssetDelete.as_view(), name="asset-delete"),
    path("<int:pk>/history/", views.AssetHistory.as_view(), name="asset-history"),
    path("<int:pk>/events/new/", views.EventFormView.as_view(), name="event-create"),
    path("events/<int:event>/edit/", views.EventFormView.as_view(), name="event-edit"),
    path("events/<int:event>/delete/", views.EventDelete.as_view(), name="event-delete"),
    path("<int:pk>/attachments/new/", views.AttachmentCreate.as_view(), name="attachment-create"),
    path("attachments/<int:pk>/", views.AttachmentDownload.as_view(), name="attachment-download"),
    path("attachments/<int:pk>/delete/", views.AttachmentDelete.as_view(), name="attachment-delete"),
    path("import/", views_import.ImportView.as_view(), name="import"),
    path("import/commit/", views_import.ImportCommit.as_view(), name="import-commit"),
    path("import/template.xlsx", views_import.ImportTemplate.as_view(), name="import-template"),
    path("analysis/", views_analysis.AnalysisView.as_view(), name="analysis"),
]
