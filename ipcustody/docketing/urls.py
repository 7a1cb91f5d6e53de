from django.urls import path

from . import views

app_name = "docketing"

urlpatterns = [
    path("", views.DeadlineList.as_view(), name="deadline-list"),
    path("<int:pk>/", views.DeadlineDetail.as_view(), name="deadline-detail"),
    path("<int:pk>/evidence/", views.EvidenceDownload.as_view(), name="evidence"),
    path("settings/", views.WarningSettings.as_view(), name="settings"),
    path("settings/levels/", views.PolicyEdit.as_view(), name="policy-edit"),
    path("forecast/", views.ForecastView.as_view(), name="forecast"),
    path("calendar/<str:key>.ics", views.CalendarFeedView.as_view(), name="calendar"),
]
