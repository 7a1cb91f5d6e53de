from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from ipcustody.accounts import api as accounts_api
from ipcustody.archive import api as archive_api
from ipcustody.contracts import api as contracts_api
from ipcustody.core import views as core_views
from ipcustody.directory import api as directory_api
from ipcustody.docketing import api as docketing_api

router = DefaultRouter()
directory_api.register(router)
accounts_api.register(router)
contracts_api.register(router)
archive_api.register(router)
docketing_api.register(router)

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("ipcustody.accounts.urls")),
    path("directory/", include("ipcustody.directory.urls")),
    path("notifications/", include("ipcustody.notifications.urls")),
    path("contracts/", include("ipcustody.contracts.urls")),
    path("archive/", include("ipcustody.archive.urls")),
    path("deadlines/", include("ipcustody.docketing.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("api/v1/", include(router.urls)),
]

# Uploaded files (attachments, evidence, bid documents) are never served from MEDIA_URL, not even in development:
# each is downloaded through a view that looks it up with the owner's scoping.
