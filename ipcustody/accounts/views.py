"""Account pages: switching organisation and personal API tokens (login, logout, passwords are Django's views)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from . import services
from .forms import TokenCreateForm
from .models import ApiToken


class SwitchOrganisation(LoginRequiredMixin, View):
    def post(self, request):
        membership = services.switch_membership(request, int(request.POST.get("membership", 0) or 0))
        messages.info(request, _("Now acting for %(org)s.") % {"org": membership.organisation})
        # the page we came from may be outside the new organisation's scope: start again from home
        return redirect("home")


class TokenList(LoginRequiredMixin, TemplateView):
    template_name = "accounts/tokens.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tokens=ApiToken.objects.filter(user=self.request.user).select_related("membership__organisation"),
            form=kwargs.get("form") or TokenCreateForm(user=self.request.user),
            new_key=kwargs.get("new_key"),
        )

    def post(self, request):
        form = TokenCreateForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        token, key = services.create_token(
            request.actor, name=form.cleaned_data["name"], membership=form.cleaned_data["membership"]
        )
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
        return self.render_to_response(self.get_context_data(new_key=key))


class TokenRevoke(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        token = services.revoke_token(request.actor, pk)
        messages.success(request, _("Token \"%(name)s\" revoked.") % {"name": token.name})
        return redirect("accounts:tokens")
