from django.urls import path

from . import views

app_name = "directory"


def crud(prefix: str, name: str, list_view, detail, form, history):
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}-list"),
        path(f"{prefix}/new/", form.as_view(), name=f"{name}-create"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}-detail"),
        path(f"{prefix}/<int:pk>/edit/", form.as_view(), name=f"{name}-edit"),
        path(f"{prefix}/<int:pk>/history/", history.as_view(), name=f"{name}-history"),
    ]


urlpatterns = [
    path("agencies/<int:pk>/status/<str:status>/", views.AgencyStatusChange.as_view(), name="agency-status"),
    *crud("authorities", "authority", views.AuthorityList, views.AuthorityDetail, views.AuthorityFormView, views.AuthorityHistory),
    *crud("parks", "park", views.ParkList, views.ParkDetail, views.ParkFormView, views.ParkHistory),
    *crud("agencies", "agency", views.AgencyList, views.AgencyDetail, views.AgencyFormView, views.AgencyHistory),
    *crud(
        "enterprises", "enterprise", views.EnterpriseList, views.EnterpriseDetail, views.EnterpriseFormView,
        views.EnterpriseHistory,
    ),
]
