from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.Inbox.as_view(), name="inbox"),
    path("read/", views.MarkRead.as_view(), name="read-all"),
    path("<int:pk>/read/", views.MarkRead.as_view(), name="read"),
    path("robots/", views.ChannelList.as_view(), name="channels"),
    path("robots/new/", views.ChannelFormView.as_view(), name="channel-create"),
    path("robots/<int:pk>/edit/", views.ChannelFormView.as_view(), name="channel-edit"),
    path("robots/<int:pk>/test/", views.ChannelTest.as_view(), name="channel-test"),
]
