"""Deadlines through the API: the same scoping and the same "mark done" service as the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from ipcustody.core.api import ScopedViewSet
from ipcustody.directory.api import FilterBackend

from . import services
from .filters import DeadlineFilter
from .models import Deadline


class DeadlineSerializer(serializers.ModelSerializer):
    asset_title = serializers.CharField(source="asset.title", read_only=True)
    asset_number = serializers.CharField(source="asset.number", read_only=True)

    class Meta:
        model = Deadline
        fields = ["id", "asset", "asset_title", "asset_number", "owner", "kind", "year", "due_date", "grace_until",
                  "fee", "rule", "provisional", "obligation", "status", "done_on", "done_note"]
        read_only_fields = fields


class MarkDoneSerializer(serializers.Serializer):
    done_on = serializers.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class DeadlineViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Filter with `owner`, `park`, `level` (overdue, within_7, within_30, within_90), `due_from`, `due_to`,
    `kind`, `status` (open by default)."""

    model = Deadline
    serializer_class = DeadlineSerializer
    filter_backends = [FilterBackend]
    filterset_class = DeadlineFilter

    def get_queryset(self):
        return super().get_queryset().select_related("asset").order_by("due_date", "pk")

    def filter_queryset(self, queryset):
        # the list's filters (open by default) do not hide a done deadline from its own address
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    @extend_schema(request=MarkDoneSerializer, responses=DeadlineSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        deadline = self.get_object()
        body = MarkDoneSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        deadline = services.mark_done(self.actor, deadline, done_on=body.validated_data["done_on"],
                                      note=body.validated_data["note"])
        return Response(DeadlineSerializer(deadline, context={"request": request}).data)


def register(router) -> None:
    router.register("deadlines", DeadlineViewSet, basename="deadline")
