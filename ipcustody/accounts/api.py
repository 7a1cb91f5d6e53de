"""Who am I: the user and the membership the token (or session) acts for."""

from __future__ import annotations

from rest_framework import serializers, viewsets
from rest_framework.response import Response

from ipcustody.core.scoping import scope_for


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    organisation_id = serializers.IntegerField()
    organisation = serializers.CharField()
    organisation_kind = serializers.CharField()
    role = serializers.CharField()
    scope = serializers.CharField()


class MeViewSet(viewsets.ViewSet):
    serializer_class = MeSerializer

    def list(self, request):
        actor = request.auth
        org = actor.organisation
        data = {
            "username": actor.user.get_username(),
            "organisation_id": org.pk,
            "organisation": org.name,
            "organisation_kind": org.kind,
            "role": actor.role,
            "scope": scope_for(actor).kind.value,
        }
        return Response(MeSerializer(data).data)


def register(router) -> None:
    router.register("me", MeViewSet, basename="me")
