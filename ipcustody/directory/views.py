"""Directory pages: list, detail, create, edit and history for authorities, parks, agencies and enterprises."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ipcustody.audit.views import HistoryView
from ipcustody.core import panels
from ipcustody.core.forms import model_data
from ipcustody.core.views import ActorRequiredMixin, Column, ScopedFormView, ScopedListView, require

from . import services
from .filters import AgencyFilter, AuthorityFilter, EnterpriseFilter, ParkFilter
from .forms import AgencyForm, AgencyStatusForm, AuthorityForm, ContactFormSet, EnterpriseForm, ParkForm
from .models import Agency, AgencyStatus, Authority, Enterprise, Park
from .relations import active_relations

# --- Authorities ------------------------------------------------------------------------------------------


class AuthorityList(ScopedListView):
    model = Authority
    filterset_class = AuthorityFilter
    title = _("Authorities")
    row_template = "directory/_authority_row.html"
    export_name = "authorities"
    create_url = reverse_lazy("directory:authority-create")
    columns = [
        Column("name", _("name"), sort="name", export=lambda o: o.name),
        Column("level", _("level"), sort="level", export=lambda o: o.get_level_display()),
        Column("parent", _("city bureau"), export=lambda o: o.parent.name if o.parent else ""),
        Column("region", _("region"), sort="region", export=lambda o: o.region),
        Column("parks", _("parks"), sort="park_count", export=lambda o: o.park_count),
    ]

    def optimise(self, queryset):
        # count only the parks the actor may see, as the detail page does
        visible = Park.objects.visible_to(self.actor).values("pk")
        return queryset.select_related("parent").annotate(
            park_count=Count("parks", filter=Q(parks__in=visible), distinct=True)
        )

    def can_create(self) -> bool:
        return services.can_create_authority(self.actor)


class AuthorityDetail(ActorRequiredMixin, TemplateView):
    template_name = "directory/authority_detail.html"

    def get_context_data(self, **kwargs):
        authority = services.get_authority_for_user(self.actor, kwargs["pk"])
        visible = Enterprise.objects.visible_to(self.actor).values("pk")
        parks = Park.objects.visible_to(self.actor).filter(district=authority).annotate(
            enterprise_count=Count("enterprises", filter=Q(enterprises__in=visible))
        )
        return super().get_context_data(
            object=authority,
            parks=parks,
            districts=Authority.objects.visible_to(self.actor).filter(parent=authority),
            can_edit=services.can_edit_authority(self.actor, authority),
        )


class AuthorityFormView(ScopedFormView):
    def get_object(self):
        return services.get_authority_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        return _("Edit authority") if self.object else _("New authority")

    def allowed(self, obj) -> bool:
        return services.can_edit_authority(self.actor, obj) if obj else services.can_create_authority(self.actor)

    def make_forms(self, obj, data=None, files=None):
        return {"form": AuthorityForm(data, instance=obj, actor=self.actor)}

    def save(self, obj, forms):
        return services.save_authority(self.actor, obj, model_data(forms["form"]))

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("directory:authority-list")


# --- Parks ------------------------------------------------------------------------------------------------


class ParkList(ScopedListView):
    model = Park
    filterset_class = ParkFilter
    title = _("Parks / associations")
    row_template = "directory/_park_row.html"
    export_name = "parks"
    create_url = reverse_lazy("directory:park-create")
    columns = [
        Column("name", _("name"), sort="name", export=lambda o: o.name),
        Column("park_kind", _("type"), sort="park_kind", export=lambda o: o.get_park_kind_display()),
        Column("district", _("district office"), sort="district__name", export=lambda o: o.district.name),
        Column("enterprises", _("enterprises"), sort="enterprise_count", export=lambda o: o.enterprise_count),
        Column("is_active", _("active"), sort="is_active", export=lambda o: o.is_active),
    ]

    def optimise(self, queryset):
        # count only the enterprises the actor may see (an agency: those it serves), as the detail page does
        visible = Enterprise.objects.visible_to(self.actor).values("pk")
        return queryset.select_related("district").annotate(
            enterprise_count=Count("enterprises", filter=Q(enterprises__in=visible))
        )

    def can_create(self) -> bool:
        return services.can_create_park(self.actor)


class ParkDetail(ActorRequiredMixin, TemplateView):
    template_name = "directory/park_detail.html"

    def get_context_data(self, **kwargs):
        park = services.get_park_for_user(self.actor, kwargs["pk"])
        enterprises = Enterprise.objects.visible_to(self.actor).filter(park=park).select_related("segment")
        return super().get_context_data(
            object=park,
            enterprise_count=enterprises.count(),
            enterprises=enterprises[:20],
            can_edit=services.can_edit_park(self.actor, park),
        )


class ParkFormView(ScopedFormView):
    def get_object(self):
        return services.get_park_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        return _("Edit park / association") if self.object else _("New park / association")

    def allowed(self, obj) -> bool:
        return services.can_edit_park(self.actor, obj) if obj else services.can_create_park(self.actor)

    def make_forms(self, obj, data=None, files=None):
        return {"form": ParkForm(data, instance=obj, actor=self.actor)}

    def save(self, obj, forms):
        return services.save_park(self.actor, obj, model_data(forms["form"]))

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("directory:park-list")


# --- Agencies ---------------------------------------------------------------------------------------------


class AgencyList(ScopedListView):
    model = Agency
    filterset_class = AgencyFilter
    title = _("Custody agencies")
    row_template = "directory/_agency_row.html"
    export_name = "agencies"
    create_url = reverse_lazy("directory:agency-create")
    columns = [
        Column("name", _("name"), sort="name", export=lambda o: o.name),
        Column("agency_kind", _("agency type"), sort="agency_kind", export=lambda o: o.get_agency_kind_display()),
        Column("licence_number", _("licence number"), sort="licence_number", export=lambda o: o.licence_number),
        Column("is_branch", _("branch"), sort="is_branch", export=lambda o: o.is_branch),
        Column("attorneys", _("attorneys"), sort="registered_attorneys", export=lambda o: o.registered_attorneys),
        Column("items", _("service items"), export=lambda o: "、".join(str(i) for i in o.service_items.all())),
        Column("status", _("status"), sort="status", export=lambda o: o.get_status_display()),
    ]

    def optimise(self, queryset):
        return queryset.prefetch_related("service_items")

    def can_create(self) -> bool:
        return services.can_create_agency(self.actor)


class AgencyDetail(ActorRequiredMixin, TemplateView):
    template_name = "directory/agency_detail.html"

    def get_context_data(self, **kwargs):
        agency = services.get_agency_for_user(self.actor, kwargs["pk"])
        # custody relations in force today, limited to the enterprises the actor may see
        links = (
            active_relations()
            .filter(agency=agency)
            .filter(enterprise__in=Enterprise.objects.visible_to(self.actor))
            .select_related("enterprise")
            .order_by("enterprise__name")
        )
        return super().get_context_data(
            object=agency,
            status_actions=[(s, AgencyStatus(s).label) for s in sorted(services.AGENCY_TRANSITIONS[agency.status])
                            if services.can_change_agency_status(self.actor, agency, s)],
            service_items=agency.service_items.all(),
            links=links,
            can_edit=services.can_edit_agency(self.actor, agency),
            today=timezone.localdate(),
        )


class AgencyFormView(ScopedFormView):
    def get_object(self):
        return services.get_agency_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        return _("Edit agency") if self.object else _("New agency")

    def allowed(self, obj) -> bool:
        return services.can_edit_agency(self.actor, obj) if obj else services.can_create_agency(self.actor)

    def make_forms(self, obj, data=None, files=None):
        return {"form": AgencyForm(data, instance=obj, actor=self.actor)}

    def save(self, obj, forms):
        form = forms["form"]
        return services.save_agency(self.actor, obj, model_data(form), service_items=form.cleaned_data["service_items"])

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("directory:agency-list")


class AgencyStatusChange(ScopedFormView):
    """Suspend, reinstate or withdraw an agency (the city bureau's registry), with a reason."""

    def _prepare(self):
        self.object = services.get_agency_for_user(self.actor, self.kwargs["pk"])
        self.new = self.kwargs["status"]
        if self.new not in AgencyStatus.values:
            raise Http404
        require(services.can_change_agency_status(self.actor, self.object, self.new))

    @property
    def title(self):
        return _("%(agency)s: set status to “%(status)s”") % {"agency": self.object.name,
                                                             "status": AgencyStatus(self.new).label}

    def make_forms(self, obj, data=None, files=None):
        return {"form": AgencyStatusForm(data)}

    def save(self, obj, forms):
        return services.change_agency_status(self.actor, obj, self.new, forms["form"].cleaned_data["reason"])


# --- Enterprises ------------------------------------------------------------------------------------------


class EnterpriseList(ScopedListView):
    model = Enterprise
    filterset_class = EnterpriseFilter
    title = _("Enterprises")
    row_template = "directory/_enterprise_row.html"
    export_name = "enterprises"
    create_url = reverse_lazy("directory:enterprise-create")
    columns = [
        Column("name", _("name"), sort="name", export=lambda o: o.name),
        Column("credit_code", _("unified social credit code"), sort="credit_code", export=lambda o: o.credit_code),
        Column("park", _("park / association"), sort="park__name", export=lambda o: o.park.name),
        Column("segment", _("industry segment"), sort="segment__position", export=lambda o: o.segment or ""),
        Column("size", _("size"), sort="size", export=lambda o: o.get_size_display()),
        Column("ip_staff_count", _("IP staff"), sort="ip_staff_count", export=lambda o: o.ip_staff_count),
    ]

    def optimise(self, queryset):
        return queryset.select_related("park", "segment")

    def can_create(self) -> bool:
        return services.can_create_enterprise(self.actor)


class EnterpriseDetail(ActorRequiredMixin, TemplateView):
    template_name = "directory/enterprise_detail.html"

    def get_context_data(self, **kwargs):
        enterprise = services.get_enterprise_for_user(self.actor, kwargs["pk"])
        return super().get_context_data(
            object=enterprise,
            contacts=enterprise.contacts.all(),
            panels=panels.render("enterprise", self.request, self.actor, enterprise),
            can_edit=services.can_edit_enterprise(self.actor, enterprise),
        )


class EnterpriseFormView(ScopedFormView):
    template_name = "directory/enterprise_form.html"

    def get_object(self):
        return services.get_enterprise_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        return _("Edit enterprise") if self.object else _("New enterprise")

    def allowed(self, obj) -> bool:
        return services.can_edit_enterprise(self.actor, obj) if obj else services.can_create_enterprise(self.actor)

    def make_forms(self, obj, data=None, files=None):
        return {
            "form": EnterpriseForm(data, instance=obj, actor=self.actor),
            "contacts": ContactFormSet(data, instance=obj or Enterprise(), prefix="contacts"),
        }

    def save(self, obj, forms):
        contacts = forms["contacts"]

        def save_contacts(enterprise: Enterprise) -> None:
            contacts.instance = enterprise
            contacts.save()

        return services.save_enterprise(self.actor, obj, model_data(forms["form"]), also=save_contacts)

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("directory:enterprise-list")


# --- History ----------------------------------------------------------------------------------------------


class AuthorityHistory(HistoryView):
    lookup = staticmethod(services.get_authority_for_user)


class ParkHistory(HistoryView):
    lookup = staticmethod(services.get_park_for_user)


class AgencyHistory(HistoryView):
    lookup = staticmethod(services.get_agency_for_user)


class EnterpriseHistory(HistoryView):
    lookup = staticmethod(services.get_enterprise_for_user)
