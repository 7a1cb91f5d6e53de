"""Archive API: assets and their events through /api/v1/, with the same scoping and services as the pages, and a
bulk upsert endpoint (all-or-nothing, errors by row index and field) for agencies' own systems."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ipcustody.core.api import ScopedViewSet
from ipcustody.directory.models import Enterprise

from . import bulk, services
from .filters import AssetFilter
from .models import Asset, AssetEvent


class FilterBackend(DjangoFilterBackend):
    """django-filter with the actor passed in, so relation choices are scoped like everything else."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs.pop("request", None)
        kwargs["actor"] = request.auth
        return kwargs


class PriorityClaimSerializer(serializers.Serializer):
    country = serializers.CharField(max_length=2)
    number = serializers.CharField(max_length=40)
    date = serializers.DateField()


ASSET_FIELDS = [
    "id", "owner", "kind", "title", "number", "right_holders", "status", "status_since", "is_pledged", "filing_date",
    "publication_number", "publication_date", "grant_number", "grant_date", "inventors", "classes", "main_class",
    "abstract", "priority_claims", "pct_application_number", "pct_publication_number", "pct_entry_date",
    "fee_reduction", "nice_classes", "goods_services", "custodian", "protection_measures", "review_date",
    "responsible_staff", "notes", "produced_by", "created_at", "updated_at",
]


class AssetSerializer(serializers.ModelSerializer):
    priority_claims = PriorityClaimSerializer(many=True, required=False)

    class Meta:
        model = Asset
        fields = ASSET_FIELDS
        read_only_fields = ["status", "status_since", "is_pledged", "main_class", "produced_by", "created_at",
                            "updated_at"]
        # uniqueness and validity are checked by the service (model clean + constraints), in the user's words
        validators: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["owner"].queryset = services.writable_enterprises(request.auth)
            self.fields["responsible_staff"].queryset = services.eligible_staff()
        if self.instance is not None and not isinstance(self.instance, list | tuple) and hasattr(self.instance, "pk"):
            self.fields["kind"].read_only = True

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if "priority_claims" in values:
            values["priority_claims"] = [{**c, "date": c["date"].isoformat()} for c in values["priority_claims"]]
        return values


class AssetListSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)

    class Meta:
        model = Asset
        fields = ["id", "owner", "owner_name", "kind", "title", "number", "status", "status_since", "filing_date",
                  "publication_number", "publication_date", "grant_number", "grant_date", "main_class"]


class AssetEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssetEvent
        fields = ["id", "asset", "kind", "date", "note", "date_field", "created_at"]
        read_only_fields = ["date_field", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["asset"].queryset = Asset.objects.visible_to(request.auth)
        if self.instance is not None and hasattr(self.instance, "pk"):
            self.fields["asset"].read_only = True


BulkRowSerializer = inline_serializer(
    "ArchiveBulkRow",
    {
        "kind": serializers.CharField(help_text=_("invention, utility_model, design, trademark … or the Chinese label")),
        "owner": serializers.CharField(required=False, help_text=_("the enterprise's unified social credit code")),
        "title": serializers.CharField(),
        "number": serializers.CharField(),
        "filing_date": serializers.DateField(required=False),
        "event": inline_serializer("ArchiveBulkEvent", {"kind": serializers.CharField(), "date": serializers.DateField()},
                                   required=False),
    },
    many=True,
)
BulkResultSerializer = inline_serializer(
    "ArchiveBulkResult",
    {"total": serializers.IntegerField(), "created": serializers.IntegerField(), "updated": serializers.IntegerField(),
     "unchanged": serializers.IntegerField()},
)


class AssetViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
    mixins.DestroyModelMixin, ScopedViewSet,
):
    model = Asset
    filter_backends = [FilterBackend]
    filterset_class = AssetFilter

    def get_serializer_class(self):
        return AssetListSerializer if self.action == "list" else AssetSerializer

    def get_queryset(self):
        queryset = super().get_queryset().order_by("-filing_date", "pk")
        if self.action == "list":
            return queryset.select_related("owner").defer("search_text", "abstract", "goods_services")
        return queryset.prefetch_related("responsible_staff")

    def retrieve(self, request, *args, **kwargs):
        asset = self.get_object()
        services.record_view(self.actor, asset)
        return Response(self.get_serializer(asset).data)

    def create(self, request, *args, **kwargs):
        if not services.can_create_asset(self.actor):  # read-only roles: 403, not a 400 about the owner
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        staff = data.pop("responsible_staff", None)
        serializer.instance = services.save_asset(self.actor, None, data, responsible_staff=staff)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        staff = data.pop("responsible_staff", None)
        serializer.instance = services.save_asset(self.actor, serializer.instance, data, responsible_staff=staff)

    def perform_destroy(self, instance):
        services.delete_asset(self.actor, instance)

    @extend_schema(request=BulkRowSerializer, responses={200: BulkResultSerializer})
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request):
        """Create or update many assets at once (key: owner enterprise + kind + number), all or nothing.

        On any error nothing is written and the answer is 400 with `errors`: [{row, column, message}], where row
        is the index in the posted list and column the field name."""
        items = request.data if isinstance(request.data, list) else request.data.get("assets") if isinstance(request.data, dict) else None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            return Response({"detail": _("Send a JSON list of assets.")}, status=status.HTTP_400_BAD_REQUEST)
        owner = None
        if isinstance(request.data, dict) and request.data.get("owner"):
            owner = Enterprise.objects.visible_to(self.actor).filter(pk=request.data["owner"]).first()
        try:
            result = services.bulk_upsert(self.actor, items, default_owner=owner)
        except bulk.ImportFailed as exc:
            return Response({"errors": [e.as_dict() for e in exc.result.errors], "total": exc.result.total},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response({"total": result.total, "created": result.created, "updated": result.updated,
                         "unchanged": result.unchanged})


class AssetEventViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
    mixins.DestroyModelMixin, ScopedViewSet,
):
    """An asset's legal events; the asset's status is derived again after every change."""

    model = AssetEvent
    serializer_class = AssetEventSerializer

    def get_queryset(self):
        queryset = AssetEvent.objects.filter(asset__in=Asset.objects.visible_to(self.actor).values("pk"))
        asset = self.request.query_params.get("asset")
        if asset and asset.isdigit():
            queryset = queryset.filter(asset_id=int(asset))
        return queryset.order_by("asset_id", "date", "pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        asset = data.pop("asset")
        serializer.instance = services.save_event(self.actor, asset, None, data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("asset", None)
        serializer.instance = services.save_event(self.actor, serializer.instance.asset, serializer.instance, data)

    def perform_destroy(self, instance):
        services.delete_event(self.actor, instance)


def register(router) -> None:
    """Register this app's API viewsets on the /api/v1/ router."""
    router.register("assets", AssetViewSet, basename="asset")
    router.register("asset-events", AssetEventViewSet, basename="assetevent")
