"""Account services: the membership in use, switching organisation, personal API tokens."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ipcustody.audit.services import acting_as
from ipcustody.core.actor import Actor

from .models import ApiToken, Membership

SESSION_KEY = "active_membership_id"


def memberships_of(user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .order_by("organisation__kind", "organisation__name")
    )


def active_membership(user, membership_id: int | None) -> Membership | None:
    """The membership chosen in the session, or the user's first one; None for users without any."""
    qs = Membership.objects.filter(user=user, is_active=True, organisation__is_active=True).select_related(
        "organisation__authority_profile"
    )
    if membership_id is not None:
        chosen = qs.filter(pk=membership_id).first()
        if chosen is not None:
            return chosen
    return qs.order_by("organisation__kind", "organisation__name").first()


def switch_membership(request, membership_id: int) -> Membership:
    membership = Membership.objects.filter(
        pk=membership_id, user=request.user, is_active=True, organisation__is_active=True
    ).first()
    if membership is None:
        raise Http404
    request.session[SESSION_KEY] = membership.pk
    return membership


def create_token(actor: Actor, *, name: str, membership: Membership) -> tuple[ApiToken, str]:
    """Create a token acting for one of the actor's own memberships; the key is returned once, never stored."""
    if membership.user_id != actor.user.pk or not membership.is_active:
        raise Http404
    key = ApiToken.generate_key()
    with transaction.atomic(), acting_as(actor):
        token = ApiToken.objects.create(
            user=actor.user, membership=membership, name=name, prefix=key[:8], key_hash=ApiToken.hash_key(key)
        )
    return token, key


def revoke_token(actor: Actor, token_id: int) -> ApiToken:
    with transaction.atomic(), acting_as(actor):
        token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor.user).first()
        if token is None:
            raise Http404
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def authenticate_token(key: str) -> ApiToken | None:
    token = (
        ApiToken.objects.usable()
        .select_related("user", "membership__organisation__authority_profile")
        .filter(key_hash=ApiToken.hash_key(key))
        .first()
    )
    if token is not None:
        token.touch()
    return token
