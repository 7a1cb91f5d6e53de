"""The organisation directory: authorities, parks, agencies, enterprises (§6.1, §6.2).

Every party is an Organisation row (so a Membership can point at any of them) extended by a profile table per
kind (multi-table inheritance). Who may see which row is decided by the managers' `visible_to(actor)`, built on
the one scoping layer in `ipcustody.core.scoping`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ipcustody.core.scoping import ScopeKind, scope_for, supervised

from . import credit_code
from .relations import active_relations


class OrganisationKind(models.TextChoices):
    AUTHORITY = "authority", _("Authority")
    PARK = "park", _("Park / association")
    AGENCY = "agency", _("Custody agency")
    ENTERPRISE = "enterprise", _("Enterprise")


class Organisation(models.Model):
    """The common part of every party; never hard-deleted (an assessment may still need it)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            # membership pickers and the admin filter organisations by kind, ordered by name
            models.Index(fields=["kind", "name"], name="org_kind_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def as_profile(self) -> Organisation:
        """The kind-specific row (Authority, Park, Agency or Enterprise) behind this organisation."""
        return getattr(self, f"{self.kind}_profile")


# --- Authorities -----------------------------------------------------------------------------------------


class AuthorityLevel(models.TextChoices):
    CITY = "city", _("City bureau")
    DISTRICT = "district", _("District office")


class AuthorityQuerySet(models.QuerySet):
    def visible_to(self, actor) -> AuthorityQuerySet:
        scope = scope_for(actor)
        match scope.kind:
            case ScopeKind.ALL:
                return self
            case ScopeKind.DISTRICT:
                return self.filter(Q(pk=scope.district_id) | Q(district_children__pk=scope.district_id)).distinct()
            case ScopeKind.PARK:
                return self.filter(Q(parks__pk=scope.park_id) | Q(district_children__parks__pk=scope.park_id)).distinct()
        return self.none()


class Authority(Organisation):
    """市知识产权局 (city) or 区县知识产权管理部门 (district, belonging to its city)."""

    organisation_ptr = models.OneToOneField(
        Organisation, parent_link=True, primary_key=True, on_delete=models.CASCADE, related_name="authority_profile"
    )

    level = models.CharField(_("level"), max_length=10, choices=AuthorityLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("city bureau"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="district_children",
        limit_choices_to={"level": AuthorityLevel.CITY},
    )
    region = models.CharField(_("region"), max_length=100, blank=True)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["level", "name"]

    def get_absolute_url(self) -> str:
        return reverse("directory:authority-detail", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        self.kind = OrganisationKind.AUTHORITY
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.level == AuthorityLevel.DISTRICT and self.parent_id is None:
            raise ValidationError({"parent": _("A district office must belong to a city bureau.")})
        if self.level == AuthorityLevel.CITY and self.parent_id is not None:
            raise ValidationError({"parent": _("A city bureau does not belong to another authority.")})


# --- Parks ------------------------------------------------------------------------------------------------


class ParkKind(models.TextChoices):
    PARK = "park", _("Park")
    ASSOCIATION = "association", _("Association")


class ParkQuerySet(models.QuerySet):
    def visible_to(self, actor) -> ParkQuerySet:
        scope = scope_for(actor)
        if (rows := supervised(self, scope, "")) is not None:
            return rows
        match scope.kind:
            case ScopeKind.AGENCY:
                served = active_relations().filter(agency_id=scope.agency_id).values("enterprise__park_id")
                return self.filter(pk__in=served)
            case ScopeKind.ENTERPRISE:
                return self.filter(enterprises__pk=scope.enterprise_id)
        return self.none()


class Park(Organisation):
    """园区、协会等组织: runs the custody programme for its enterprises."""

    organisation_ptr = models.OneToOneField(
        Organisation, parent_link=True, primary_key=True, on_delete=models.CASCADE, related_name="park_profile"
    )

    park_kind = models.CharField(_("type"), max_length=20, choices=ParkKind.choices, default=ParkKind.PARK)
    district = models.ForeignKey(
        Authority,
        verbose_name=_("district office"),
        on_delete=models.PROTECT,
        related_name="parks",
        limit_choices_to={"level": AuthorityLevel.DISTRICT},
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    objects = ParkQuerySet.as_manager()

    class Meta:
        verbose_name = _("park / association")
        verbose_name_plural = _("parks / associations")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("directory:park-detail", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        self.kind = OrganisationKind.PARK
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.district_id and self.district.level != AuthorityLevel.DISTRICT:
            raise ValidationError({"district": _("Choose a district office, not a city bureau.")})


# --- Service items (§5.2) and industry segments -----------------------------------------------------------


class BilingualName(models.Model):
    """A reference-list entry named in Chinese and English; shown in the user's language."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name_zh"]

    @property
    def name(self) -> str:
        if get_language() and not get_language().startswith("zh") and self.name_en:
            return self.name_en
        return self.name_zh

    def __str__(self) -> str:
        return self.name


class ServiceItem(BilingualName):
    """One item of the §5.2 catalogue; seeded by a data migration, extendable by the platform admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    is_consulting = models.BooleanField(
        _("consulting item"), default=False, help_text=_("Covered by advisory custody (顾问式托管).")
    )
    requires_patent_licence = models.BooleanField(_("requires patent agency licence"), default=False)

    class Meta(BilingualName.Meta):
        verbose_name = _("service item")
        verbose_name_plural = _("service items")


class IndustrySegment(BilingualName):
    """A segment within life and health (biopharmaceuticals, medical devices, …); an editable list."""

    is_active = models.BooleanField(_("active"), default=True)

    class Meta(BilingualName.Meta):
        verbose_name = _("industry segment")
        verbose_name_plural = _("industry segments")
        constraints = [models.UniqueConstraint(fields=["name_zh"], name="segment_name_zh_unique")]


# --- Agencies ---------------------------------------------------------------------------------------------


class AgencyKind(models.TextChoices):
    PATENT_AGENCY = "patent_agency", _("Patent agency")
    IP_SERVICE_COMPANY = "ip_company", _("IP service company")
    LAW_FIRM = "law_firm", _("Law firm")
    RESEARCH_INSTITUTE = "research_institute", _("IP research institute")


class AgencyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn from the programme")


class AgencyQuerySet(models.QuerySet):
    def visible_to(self, actor) -> AgencyQuerySet:
        scope = scope_for(actor)
        match scope.kind:
            case ScopeKind.ALL:
                return self
            case ScopeKind.DISTRICT:
                served = active_relations().filter(enterprise__park__district_id=scope.district_id)
                return self.filter(pk__in=served.values("agency_id"))
            case ScopeKind.PARK:
                served = active_relations().filter(enterprise__park_id=scope.park_id)
                return self.filter(pk__in=served.values("agency_id"))
            case ScopeKind.AGENCY:
                return self.filter(pk=scope.agency_id)
            case ScopeKind.ENTERPRISE:
                served = active_relations().filter(enterprise_id=scope.enterprise_id)
                return self.filter(pk__in=served.values("agency_id"))
        return self.none()


class Agency(Organisation):
    """托管机构 (§6.1): a patent agency, IP firm, law firm or research institute, local or a branch."""

    organisation_ptr = models.OneToOneField(
        Organisation, parent_link=True, primary_key=True, on_delete=models.CASCADE, related_name="agency_profile"
    )

    agency_kind = models.CharField(_("agency type"), max_length=30, choices=AgencyKind.choices)
    licence_number = models.CharField(
        _("patent agency licence number"),
        max_length=40,
        blank=True,
        help_text=_("专利代理机构执业许可证 number; required for patent custody."),
    )
    is_branch = models.BooleanField(
        _("branch of an out-of-town agency"),
        default=False,
        help_text=_("Unticked: a Shanghai agency. Ticked: the Shanghai branch of an agency based elsewhere."),
    )
    registered_attorneys = models.PositiveIntegerField(_("registered patent attorneys"), default=0)
    service_items = models.ManyToManyField(ServiceItem, verbose_name=_("service items offered"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AgencyStatus.choices, default=AgencyStatus.ACTIVE)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("custody agency")
        verbose_name_plural = _("custody agencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["licence_number"],
                condition=~Q(licence_number=""),
                name="agency_licence_number_unique",
                violation_error_message=_("Another agency already has this licence number."),
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("directory:agency-detail", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        self.kind = OrganisationKind.AGENCY
        super().save(*args, **kwargs)

    @property
    def has_patent_licence(self) -> bool:
        return bool(self.licence_number)

    def clean(self) -> None:
        if self.agency_kind == AgencyKind.PATENT_AGENCY and not self.licence_number:
            raise ValidationError({"licence_number": _("A patent agency must give its licence number.")})


# --- Enterprises ------------------------------------------------------------------------------------------


class EnterpriseSize(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class EnterpriseQuerySet(models.QuerySet):
    def visible_to(self, actor) -> EnterpriseQuerySet:
        scope = scope_for(actor)
        if (rows := supervised(self, scope, "park")) is not None:
            return rows
        match scope.kind:
            case ScopeKind.AGENCY:
                served = active_relations().filter(agency_id=scope.agency_id)
                return self.filter(pk__in=served.values("enterprise_id"))
            case ScopeKind.ENTERPRISE:
                return self.filter(pk=scope.enterprise_id)
        return self.none()


def validate_credit_code(value: str) -> None:
    error = credit_code.validate(value)
    if error is None:
        return
    messages = {
        "length": _("A unified social credit code has exactly 18 characters."),
        "character": _("Character %(position)s is not allowed in a unified social credit code."),
        "division": _("Characters 3 to 8 must be the administrative division code (digits)."),
        "check": _(
            "The check character (the 18th) does not match: for these first 17 characters it should be "
            "%(expected)s. Please check the code against the business licence."
        ),
    }
    raise ValidationError(
        messages[error.code], code=f"credit_code_{error.code}",
        params={"position": error.position, "expected": error.expected},
    )


class Enterprise(Organisation):
    """托管企业: an enterprise of a park, identified by its unified social credit code."""

    organisation_ptr = models.OneToOneField(
        Organisation, parent_link=True, primary_key=True, on_delete=models.CASCADE, related_name="enterprise_profile"
    )

    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters as on the business licence; the last one is a check character (GB 32100-2015)."),
        error_messages={"unique": _("An enterprise with this unified social credit code is already registered.")},
    )
    park = models.ForeignKey(Park, verbose_name=_("park / association"), on_delete=models.PROTECT, related_name="enterprises")
    segment = models.ForeignKey(
        IndustrySegment, verbose_name=_("industry segment"), null=True, blank=True, on_delete=models.PROTECT
    )
    size = models.CharField(_("size"), max_length=10, choices=EnterpriseSize.choices, default=EnterpriseSize.SMALL)
    ip_staff_count = models.PositiveIntegerField(_("IP staff"), default=0)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        indexes = [
            # the park's enterprise list: WHERE park_id = ? ORDER BY name lives on Organisation; this serves the join
            models.Index(fields=["park", "segment"], name="enterprise_park_segment_idx"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("directory:enterprise-detail", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        self.kind = OrganisationKind.ENTERPRISE
        self.credit_code = credit_code.normalise(self.credit_code)
        super().save(*args, **kwargs)


class Contact(models.Model):
    """A person at an enterprise the agency and park talk to (IP contact, legal, R&D lead …)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=60)
    title = models.CharField(_("job title"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_primary", "name"]

    def __str__(self) -> str:
        return self.name
