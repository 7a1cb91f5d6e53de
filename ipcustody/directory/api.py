"""Directory API: the same scoping (`visible_to`) and the same services as the pages."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, serializers, viewsets

from ipcustody.core.api import ScopedViewSet

from . import services
from .filters import AgencyFilter, AuthorityFilter, EnterpriseFilter, ParkFilter
from .models import (
    Agency,
    Authority,
    AuthorityLevel,
    Contact,
    Enterprise,
    IndustrySegment,
    Park,
    ServiceItem,
)


class FilterBackend(DjangoFilterBackend):
    """django-filter with the actor passed in, so relation choices are scoped like everything else."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs.pop("request", None)
        kwargs["actor"] = request.auth
        return kwargs


class ServiceItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceItem
        fields = ["id", "code", "name_zh", "name_en", "is_consulting", "requires_patent_licence"]


class IndustrySegmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndustrySegment
        fields = ["id", "name_zh", "name_en", "is_active"]


class AuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["id", "name", "level", "parent", "region", "is_active"]


class ParkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Park
        fields = ["id", "name", "park_kind", "district", "address", "contact_phone", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "district" in self.fields:
            self.fields["district"].queryset = Authority.objects.visible_to(request.auth).filter(
                level=AuthorityLevel.DISTRICT
            )


class AgencySerializer(serializers.ModelSerializer):
    service_items = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=ServiceItem.objects.all(), required=False
    )
    # changed only through the registry workflow (suspend / reinstate / withdraw), never written directly
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id", "name", "agency_kind", "licence_number", "is_branch", "registered_attorneys", "service_items",
            "status", "address", "contact_phone", "is_active",
        ]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "name", "title", "phone", "email", "is_primary"]


class EnterpriseSerializer(serializers.ModelSerializer):
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta:
        model = Enterprise
        fields = [
            "id", "name", "credit_code", "park", "segment", "size", "ip_staff_count", "established_on", "address",
            "is_active", "contacts",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "park" in self.fields:
            self.fields["park"].queryset = Park.objects.visible_to(request.auth)


class DirectoryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    filter_backends = [FilterBackend]

    def perform_create(self, serializer):
        serializer.instance = self.save(None, dict(serializer.validated_data))

    def perform_update(self, serializer):
        serializer.instance = self.save(serializer.instance, dict(serializer.validated_data))

    def save(self, instance, data):
        raise NotImplementedError


class AuthorityViewSet(DirectoryViewSet):
    model = Authority
    serializer_class = AuthoritySerializer
    filterset_class = AuthorityFilter

    def get_queryset(self):
        return super().get_queryset().order_by("level", "name")

    def save(self, instance, data):
        return services.save_authority(self.actor, instance, data)


class ParkViewSet(DirectoryViewSet):
    model = Park
    serializer_class = ParkSerializer
    filterset_class = ParkFilter

    def get_queryset(self):
        return super().get_queryset().order_by("name")

    def save(self, instance, data):
        return services.save_park(self.actor, instance, data)


class AgencyViewSet(DirectoryViewSet):
    model = Agency
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter

    def get_queryset(self):
        return super().get_queryset().prefetch_related("service_items").order_by("name")

    def save(self, instance, data):
        items = data.pop("service_items", None)
        return services.save_agency(self.actor, instance, data, service_items=items)


class EnterpriseViewSet(DirectoryViewSet):
    model = Enterprise
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter

    def get_queryset(self):
        return super().get_queryset().prefetch_related("contacts").order_by("name")

    def save(self, instance, data):
        return services.save_enterprise(self.actor, instance, data)


class ServiceItemViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Reference list (§5.2 catalogue); not business data."""

    queryset = ServiceItem.objects.all()
    serializer_class = ServiceItemSerializer
    pagination_class = None


class IndustrySegmentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = IndustrySegment.objects.filter(is_active=True)
    serializer_class = IndustrySegmentSerializer
    pagination_class = None


def register(router) -> None:
    router.register("authorities", AuthorityViewSet, basename="authority")
    router.register("parks", ParkViewSet, basename="park")
    router.register("agencies", AgencyViewSet, basename="agency")
    router.register("enterprises", EnterpriseViewSet, basename="enterprise")
    router.register("service-items", ServiceItemViewSet, basename="serviceitem")
    router.register("industry-segments", IndustrySegmentViewSet, basename="industrysegment")
