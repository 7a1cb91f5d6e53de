"""Contracts API: needs, offerings, procedures and contracts (read), and each party's confirmation of a contract.

The same scoping (`visible_to`) and the same services as the pages: `POST /api/v1/contracts/{id}/confirm/`
confirms for the token's organisation, through `services.confirm_contract`.
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from ipcustody.core.api import ScopedViewSet
from ipcustody.directory.api import FilterBackend

from . import services
from .filters import ContractFilter, NeedFilter, OfferingFilter, ProcedureFilter
from .models import Admission, Confirmation, Contract, Need, Offering, Procedure


class ConfirmationSerializer(serializers.ModelSerializer):
    confirmed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Confirmation
        fields = ["party", "confirmed_by", "confirmed_at"]


class ContractSerializer(serializers.ModelSerializer):
    service_items = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)
    staff = serializers.SlugRelatedField(many=True, slug_field="username", read_only=True)
    confirmations = ConfirmationSerializer(many=True, read_only=True)

    class Meta:
        model = Contract
        fields = [
            "id", "number", "version", "amends", "park", "agency", "enterprise", "procedure", "custody_form",
            "service_items", "start_date", "end_date", "fee", "payer", "confidentiality", "staff", "status",
            "sent_at", "activated_at", "terminated_on", "termination_reason", "confirmations",
        ]
        read_only_fields = fields


class NeedSerializer(serializers.ModelSerializer):
    service_items = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)

    class Meta:
        model = Need
        fields = ["id", "enterprise", "title", "service_items", "description", "urgency", "open_to_market", "status",
                  "created_at"]
        read_only_fields = fields


class OfferingSerializer(serializers.ModelSerializer):
    service_items = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)
    segments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Offering
        fields = ["id", "agency", "title", "service_items", "segments", "experience", "staff_count", "capacity",
                  "price_min", "price_max", "status"]
        read_only_fields = fields


class ProcedureSerializer(serializers.ModelSerializer):
    service_items = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)
    criteria = serializers.SerializerMethodField()
    admitted_agencies = serializers.SerializerMethodField()

    class Meta:
        model = Procedure
        fields = ["id", "park", "kind", "title", "service_items", "description", "bid_deadline", "admission_from",
                  "admission_until", "appointed_agency", "justification", "status", "award_note", "criteria",
                  "admitted_agencies"]
        read_only_fields = fields

    def get_criteria(self, obj) -> list[dict]:
        return [{"name": c.name, "weight": c.weight} for c in obj.criteria.all()]

    def get_admitted_agencies(self, obj) -> list[int]:
        """The admissions the token's organisation may see: all for the park and the authorities, its own for an
        agency (`Admission.objects.visible_to`), never the other admitted agencies."""
        admissions = getattr(obj, "visible_admissions", None)
        if admissions is None:
            admissions = Admission.objects.visible_to(self.context["request"].auth).filter(procedure=obj)
        return [a.agency_id for a in admissions]


class ReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filter_backends = [FilterBackend]


class ContractViewSet(ReadViewSet):
    model = Contract
    serializer_class = ContractSerializer
    filterset_class = ContractFilter

    def get_queryset(self):
        return (super().get_queryset().prefetch_related("service_items", "staff", "confirmations__confirmed_by")
                .order_by("-start_date", "-pk"))

    @extend_schema(request=None, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm this contract version for the token's organisation (park, agency or enterprise)."""
        contract = self.get_object()
        from ipcustody.core.views import require

        require(services.can_confirm_contract(self.actor, contract))
        contract = services.confirm_contract(self.actor, contract)
        contract = self.get_queryset().get(pk=contract.pk)
        return Response(ContractSerializer(contract, context={"request": request}).data)


class NeedViewSet(ReadViewSet):
    model = Need
    serializer_class = NeedSerializer
    filterset_class = NeedFilter

    def get_queryset(self):
        return super().get_queryset().prefetch_related("service_items").order_by("-created_at", "-pk")


class OfferingViewSet(ReadViewSet):
    model = Offering
    serializer_class = OfferingSerializer
    filterset_class = OfferingFilter

    def get_queryset(self):
        return super().get_queryset().prefetch_related("service_items", "segments").order_by("agency__name", "pk")


class ProcedureViewSet(ReadViewSet):
    model = Procedure
    serializer_class = ProcedureSerializer
    filterset_class = ProcedureFilter

    def get_queryset(self):
        admissions = Prefetch("admissions", queryset=Admission.objects.visible_to(self.actor),
                              to_attr="visible_admissions")
        return (super().get_queryset().prefetch_related("service_items", "criteria", admissions)
                .order_by("-created_at", "-pk"))


def register(router) -> None:
    """Register this app's API viewsets on the /api/v1/ router."""
    router.register("contracts", ContractViewSet, basename="contract")
    router.register("needs", NeedViewSet, basename="need")
    router.register("offerings", OfferingViewSet, basename="offering")
    router.register("procedures", ProcedureViewSet, basename="procedure")
