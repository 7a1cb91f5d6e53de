"""The inbox (bell) and the organisation's group robots."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ipcustody.core.views import ActorRequiredMixin, ScopedFormView, require

from . import services
from .forms import ChannelConfigForm
from .models import ChannelConfig, Notification


class Inbox(LoginRequiredMixin, TemplateView):
    template_name = "notifications/inbox.html"

    def get_context_data(self, **kwargs):
        qs = Notification.objects.filter(recipient=self.request.user).select_related("organisation")
        if self.request.GET.get("unread") == "1":
            qs = qs.filter(read_at__isnull=True)
        page = Paginator(qs, 30).get_page(self.request.GET.get("page"))
        return super().get_context_data(title=_("Notifications"), page_obj=page, rows=page.object_list, **kwargs)


class MarkRead(LoginRequiredMixin, View):
    """Mark one notification (and follow its link) or all of them read."""

    def post(self, request, pk: int | None = None):
        if pk is not None:
            notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
            services.mark_read(request.actor, pk)
            target = notification.url
            if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                return redirect(target)
        else:
            services.mark_read(request.actor)
        return redirect("notifications:inbox")


class ChannelList(ActorRequiredMixin, TemplateView):
    template_name = "notifications/channels.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Group robots"),
            rows=ChannelConfig.objects.filter(organisation=self.actor.organisation),
            can_manage=services.can_manage_channels(self.actor),
            **kwargs,
        )


def get_channel_for_user(actor, pk: int) -> ChannelConfig:
    """Robots are visible to the members of their own organisation only."""
    return get_object_or_404(ChannelConfig, pk=pk, organisation=actor.organisation)


class ChannelFormView(ScopedFormView):
    def get_object(self):
        return get_channel_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        return gettext_lazy("Edit group robot") if self.object else gettext_lazy("New group robot")

    def allowed(self, obj) -> bool:
        return services.can_manage_channels(self.actor)

    def make_forms(self, obj, data=None, files=None):
        return {"form": ChannelConfigForm(data, instance=obj)}

    def save(self, obj, forms):
        return services.save_channel(self.actor, obj, dict(forms["form"].cleaned_data))

    def success_url(self, obj):
        return reverse("notifications:channels")

    def cancel_url(self, obj):
        return reverse("notifications:channels")


class ChannelTest(ActorRequiredMixin, View):
    def post(self, request, pk: int):
        config = get_channel_for_user(self.actor, pk)
        require(services.can_manage_channels(self.actor))
        error = services.test_channel(self.actor, config)
        if error:
            messages.error(request, _("The robot did not accept the test message: %(error)s") % {"error": error})
        else:
            messages.success(request, _("Test message sent to %(name)s.") % {"name": config.name})
        return redirect("notifications:channels")
