"""Agency selection, supply–demand matching and three-party custody contracts (§5.2, §6.1, §6.2).

Who sees what (decided by the managers' `visible_to(actor)`, built on `ipcustody.core.scoping.scope_for`):

- Contract: its three parties (park, agency, enterprise — agency and enterprise only once it is sent to them for
  confirmation, not while the park drafts it), the park's district office and the city bureau. Nobody else.
- Need (an enterprise's statement of what it needs): the enterprise, its park, the district office, the city bureau.
  Agencies see a need only while it is open and the enterprise has marked it "open to the market" (enterprise
  confidentiality first: a need not marked open stays between the enterprise, its park and the authorities).
- Offering (an agency's advert): every member of the platform; the agency alone sees its withdrawn offerings.
- Procedure (tender, invitation, commission): the park running it, its district office and the city bureau; an
  agency sees a procedure it is invited to, bids in or is appointed by, and every announced tender (a public call).
  A bid is seen by its bidder, the park and the authorities — never by another bidder.
- Invitation: the park running the procedure, the authorities above it, and the invited agency once the
  invitations are sent (never another agency's invitation, never while the park drafts the procedure).
- Matching event: the park, the authorities above it, and the enterprises and agencies that attended.
- Admission (agency admitted to a park for a period): the park, the authorities above it, the agency.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcustody.core.scoping import ScopeKind, scope_for, supervised
from ipcustody.directory.models import Agency, Enterprise, IndustrySegment, Park, ServiceItem

from . import rules

# --- Contracts ----------------------------------------------------------------------------------------------


class CustodyForm(models.TextChoices):
    FULL = rules.FULL, _("Full custody (完全式)")
    ADVISORY = rules.ADVISORY, _("Advisory custody (顾问式)")
    SINGLE = rules.SINGLE, _("Single-item custody (单项式)")


class Payer(models.TextChoices):
    PARK = "park", _("Park / association")
    ENTERPRISE = "enterprise", _("Enterprise")
    SHARED = "shared", _("Shared by park and enterprise")


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING = "awaiting", _("Awaiting confirmation")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated early")
    SUPERSEDED = "superseded", _("Superseded by an amendment")
    CANCELLED = "cancelled", _("Withdrawn")


STATUS_BADGE = {
    "draft": "draft", "awaiting": "awaiting", "active": "active", "completed": "ended", "terminated": "terminated",
    "superseded": "ended", "cancelled": "draft",
}


class Party(models.TextChoices):
    PARK = "park", _("Park / association")
    AGENCY = "agency", _("Custody agency")
    ENTERPRISE = "enterprise", _("Enterprise")


class ContractQuerySet(models.QuerySet):
    def visible_to(self, actor) -> ContractQuerySet:
        scope = scope_for(actor)
        # the agency and the enterprise see a contract once the park has sent it to them for confirmation
        shared = ~Q(status=ContractStatus.DRAFT) & ~Q(status=ContractStatus.CANCELLED, sent_at__isnull=True)
        if (rows := supervised(self, scope, "park")) is not None:
            return rows
        match scope.kind:
            case ScopeKind.AGENCY:
                return self.filter(Q(agency_id=scope.agency_id) & shared)
            case ScopeKind.ENTERPRISE:
                return self.filter(Q(enterprise_id=scope.enterprise_id) & shared)
        return self.none()

    def in_force(self, on: datetime.date | None = None) -> ContractQuerySet:
        """Contracts that decide custody on a day: active within their term; a terminated one until its date."""
        day = on or timezone.localdate()
        started = Q(start_date__lte=day, end_date__gte=day)
        return self.filter(
            started & (Q(status=ContractStatus.ACTIVE) | Q(status=ContractStatus.TERMINATED, terminated_on__gte=day))
        )


class Contract(models.Model):
    """托管合同: park, agency and enterprise fix the custody content (§6.1, §6.2.3).

    An amendment is a new row (version + 1, `amends` → the old one); the old version is kept and becomes
    "superseded" when the amendment takes effect. Never hard-deleted: withdrawn instead.
    """

    number = models.CharField(_("contract number"), max_length=30, blank=True, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    amends = models.ForeignKey(
        "self", verbose_name=_("amends"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="amendments", editable=False,
    )
    park = models.ForeignKey(Park, verbose_name=_("park / association"), on_delete=models.PROTECT, related_name="contracts")
    agency = models.ForeignKey(Agency, verbose_name=_("custody agency"), on_delete=models.PROTECT, related_name="contracts")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="contracts"
    )
    procedure = models.ForeignKey(
        "Procedure", verbose_name=_("selection procedure"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="contracts",
    )
    custody_form = models.CharField(
        _("custody form"), max_length=20, choices=CustodyForm.choices,
        help_text=_("Full custody covers every service item; advisory covers consulting items; single-item names "
                    "at least one item."),
    )
    service_items = models.ManyToManyField(ServiceItem, verbose_name=_("service items"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    fee = models.DecimalField(_("fee (yuan)"), max_digits=12, decimal_places=2, default=0,
                              validators=[MinValueValidator(0)])
    payer = models.CharField(_("paid by"), max_length=20, choices=Payer.choices, default=Payer.PARK)
    confidentiality = models.BooleanField(
        _("confidentiality undertaking"), default=False,
        help_text=_("The agency undertakes to keep the enterprise's business secrets (required before sending)."),
    )
    confidentiality_terms = models.TextField(_("confidentiality terms"), blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("agency staff serving"), blank=True, related_name="custody_contracts"
    )
    notes = models.TextField(_("other terms"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.DRAFT, editable=False
    )
    sent_at = models.DateTimeField(_("sent for confirmation at"), null=True, blank=True, editable=False)
    activated_at = models.DateTimeField(_("in effect since"), null=True, blank=True, editable=False)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True, editable=False)
    termination_reason = models.TextField(_("reason for termination"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("custody contract")
        verbose_name_plural = _("custody contracts")
        ordering = ["-start_date", "-pk"]
        indexes = [
            # the relations provider: WHERE status IN (...) AND start_date <= ? AND end_date >= ? [AND agency_id = ?]
            models.Index(fields=["agency", "status", "start_date", "end_date"], name="contract_agency_force_idx"),
            models.Index(fields=["enterprise", "status"], name="contract_enterprise_idx"),
            models.Index(fields=["park", "status"], name="contract_park_idx"),
            models.Index(fields=["status", "end_date"], name="contract_status_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="contract_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.UniqueConstraint(
                fields=["number", "version"], condition=~Q(number=""), name="contract_number_version_unique"
            ),
        ]

    def __str__(self) -> str:
        label = self.number or _("draft contract")
        return f"{label} v{self.version} · {self.enterprise} ← {self.agency}" if self.pk else str(label)

    def get_absolute_url(self) -> str:
        return reverse("contracts:contract-detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return STATUS_BADGE.get(self.status, "draft")

    @property
    def is_in_force(self) -> bool:
        today = timezone.localdate()
        if not (self.start_date <= today <= self.end_date):
            return False
        if self.status == ContractStatus.TERMINATED:
            return self.terminated_on is not None and self.terminated_on >= today
        return self.status == ContractStatus.ACTIVE

    @property
    def effective_end(self) -> datetime.date:
        return self.terminated_on if self.status == ContractStatus.TERMINATED and self.terminated_on else self.end_date

    def party_org_id(self, party: str) -> int:
        return {Party.PARK: self.park_id, Party.AGENCY: self.agency_id, Party.ENTERPRISE: self.enterprise_id}[party]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.enterprise_id and self.park_id and self.enterprise.park_id != self.park_id:
            errors["enterprise"] = _("The enterprise belongs to another park.")
        if errors:
            raise ValidationError(errors)


class Confirmation(models.Model):
    """One party's confirmation of one contract version; unique per version and party."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="confirmations")
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("contract confirmation")
        verbose_name_plural = _("contract confirmations")
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "party"], name="confirmation_contract_party_unique",
                                    violation_error_message=_("This party has already confirmed this version."))
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_party_display()}"


# --- Needs, offerings, matching events -------------------------------------------------------------------------


class Urgency(models.TextChoices):
    LOW = "low", _("Not urgent")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("Urgent")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class NeedQuerySet(models.QuerySet):
    def visible_to(self, actor) -> NeedQuerySet:
        scope = scope_for(actor)
        if (rows := supervised(self, scope, "enterprise__park")) is not None:
            return rows
        match scope.kind:
            case ScopeKind.AGENCY:
                return self.filter(open_to_market=True, status=NeedStatus.OPEN)
            case ScopeKind.ENTERPRISE:
                return self.filter(enterprise_id=scope.enterprise_id)
        return self.none()


class Need(models.Model):
    """An enterprise's statement of what custody service it needs (§6.2.1 a, supply–demand matching)."""

    enterprise = models.ForeignKey(Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="needs")
    title = models.CharField(_("title"), max_length=200)
    service_items = models.ManyToManyField(ServiceItem, verbose_name=_("service items needed"), related_name="+")
    description = models.TextField(_("description"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    open_to_market = models.BooleanField(
        _("open to the market"), default=False,
        help_text=_("Ticked: every custody agency may read this need. Unticked: only your park and the IP offices."),
    )
    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN,
                              editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "open_to_market"], name="need_status_market_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contracts:need-detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return {"open": "active", "matched": "ended", "withdrawn": "draft"}[self.status]


class OfferingStatus(models.TextChoices):
    ACTIVE = "active", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class OfferingQuerySet(models.QuerySet):
    def visible_to(self, actor) -> OfferingQuerySet:
        scope = scope_for(actor)
        if scope.kind is ScopeKind.NONE:
            return self.none()
        published = Q(status=OfferingStatus.ACTIVE)
        if scope.kind is ScopeKind.AGENCY:
            return self.filter(published | Q(agency_id=scope.agency_id))
        return self.filter(published)


class Offering(models.Model):
    """A custody agency's advert: what it offers, with what experience, staff, capacity and prices."""

    agency = models.ForeignKey(Agency, verbose_name=_("custody agency"), on_delete=models.PROTECT, related_name="offerings")
    title = models.CharField(_("title"), max_length=200)
    service_items = models.ManyToManyField(ServiceItem, verbose_name=_("service items offered"), related_name="+")
    segments = models.ManyToManyField(
        IndustrySegment, verbose_name=_("industry experience"), blank=True, related_name="+"
    )
    experience = models.TextField(_("experience"), blank=True, help_text=_("Cases, clients served, years in the field."))
    staff_count = models.PositiveIntegerField(_("staff available"), default=1)
    capacity = models.PositiveIntegerField(
        _("capacity (enterprises)"), default=10, validators=[MinValueValidator(1)],
        help_text=_("How many enterprises the agency can serve at the same time."),
    )
    price_min = models.DecimalField(_("price from (yuan per year)"), max_digits=12, decimal_places=2, default=0,
                                    validators=[MinValueValidator(0)])
    price_max = models.DecimalField(_("price to (yuan per year)"), max_digits=12, decimal_places=2, default=0,
                                    validators=[MinValueValidator(0)])
    status = models.CharField(_("status"), max_length=20, choices=OfferingStatus.choices, default=OfferingStatus.ACTIVE,
                              editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OfferingQuerySet.as_manager()

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["agency__name", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(price_max__gte=models.F("price_min")), name="offering_price_range",
                                   violation_error_message=_("The upper price cannot be below the lower price.")),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("contracts:offering-detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return "active" if self.status == OfferingStatus.ACTIVE else "draft"


class MatchingEventQuerySet(models.QuerySet):
    def visible_to(self, actor) -> MatchingEventQuerySet:
        scope = scope_for(actor)
        if (rows := supervised(self, scope, "park")) is not None:
            return rows
        match scope.kind:
            case ScopeKind.AGENCY:
                return self.filter(pk__in=MatchingEvent.agencies.through.objects.filter(
                    agency_id=scope.agency_id).values("matchingevent_id"))
            case ScopeKind.ENTERPRISE:
                return self.filter(pk__in=MatchingEvent.enterprises.through.objects.filter(
                    enterprise_id=scope.enterprise_id).values("matchingevent_id"))
        return self.none()


class MatchingEvent(models.Model):
    """对接活动 (§6.2.2 b): a park brings its enterprises and agencies together."""

    park = models.ForeignKey(Park, verbose_name=_("park / association"), on_delete=models.PROTECT,
                             related_name="matching_events")
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    enterprises = models.ManyToManyField(Enterprise, verbose_name=_("enterprises attending"), blank=True,
                                         related_name="+")
    agencies = models.ManyToManyField(Agency, verbose_name=_("agencies attending"), blank=True, related_name="+")
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MatchingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("matching event")
        verbose_name_plural = _("matching events")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contracts:event-detail", args=[self.pk])


# --- Selection procedures (§6.1) -------------------------------------------------------------------------------


class ProcedureKind(models.TextChoices):
    TENDER = "tender", _("Tender (招投标)")
    INVITATION = "invitation", _("Invitation (邀请)")
    COMMISSION = "commission", _("Commission (委托)")


class ProcedureStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    EVALUATING = "evaluating", _("Evaluation")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


PROCEDURE_BADGE = {"draft": "draft", "open": "awaiting", "evaluating": "awaiting", "awarded": "active",
                   "cancelled": "terminated"}


class ProcedureQuerySet(models.QuerySet):
    def visible_to(self, actor) -> ProcedureQuerySet:
        scope = scope_for(actor)
        if (rows := supervised(self, scope, "park")) is not None:
            return rows
        match scope.kind:
            case ScopeKind.AGENCY:
                agency = scope.agency_id
                public_tender = Q(kind=ProcedureKind.TENDER) & ~Q(status__in=[ProcedureStatus.DRAFT,
                                                                              ProcedureStatus.CANCELLED])
                involved = (
                    Q(pk__in=Invitation.objects.filter(agency_id=agency).values("procedure_id"))
                    | Q(pk__in=Bid.objects.filter(agency_id=agency).values("procedure_id"))
                    | (Q(appointed_agency_id=agency) & Q(status=ProcedureStatus.AWARDED))
                )
                return self.filter(public_tender | (involved & ~Q(status=ProcedureStatus.DRAFT)))
        return self.none()


class Procedure(models.Model):
    """How a park selects custody agencies: tender, invitation or commission (§6.1)."""

    park = models.ForeignKey(Park, verbose_name=_("park / association"), on_delete=models.PROTECT,
                             related_name="procedures")
    kind = models.CharField(_("procedure"), max_length=20, choices=ProcedureKind.choices)
    title = models.CharField(_("title"), max_length=200)
    service_items = models.ManyToManyField(ServiceItem, verbose_name=_("service items"), related_name="+")
    description = models.TextField(_("announcement / description"), blank=True)
    bid_deadline = models.DateField(_("bids due by"), null=True, blank=True)
    admission_from = models.DateField(_("admitted from"))
    admission_until = models.DateField(_("admitted until"))
    appointed_agency = models.ForeignKey(
        Agency, verbose_name=_("appointed agency"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Commission only: the agency appointed directly."),
    )
    justification = models.TextField(
        _("justification"), blank=True, help_text=_("Commission only: why this agency is appointed without competition."),
    )
    award_note = models.TextField(_("award decision"), blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=ProcedureStatus.choices,
                              default=ProcedureStatus.DRAFT, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("selection procedure")
        verbose_name_plural = _("selection procedures")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(admission_until__gte=models.F("admission_from")),
                                   name="procedure_admission_period",
                                   violation_error_message=_("The admission period ends before it starts.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contracts:procedure-detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return PROCEDURE_BADGE[self.status]


class Criterion(models.Model):
    """A published tender criterion with its weight (weights of a tender add up to 100)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    weight = models.PositiveSmallIntegerField(_("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("tender criterion")
        verbose_name_plural = _("tender criteria")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class BidStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Bid(models.Model):
    """An agency's bid in a tender; only the bidder, the park and the authorities see it."""

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="bids")
    agency = models.ForeignKey(Agency, verbose_name=_("custody agency"), on_delete=models.PROTECT, related_name="bids")
    price = models.DecimalField(_("price offered (yuan per year)"), max_digits=12, decimal_places=2,
                                validators=[MinValueValidator(0)])
    proposal = models.TextField(_("proposal"))
    document = models.FileField(_("bid document"), upload_to="contracts/bids/%Y/", blank=True)
    status = models.CharField(_("status"), max_length=20, choices=BidStatus.choices, default=BidStatus.SUBMITTED,
                              editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["submitted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["procedure", "agency"], name="bid_procedure_agency_unique",
                                               violation_error_message=_("This agency has already bid."))]

    def __str__(self) -> str:
        return f"{self.procedure} · {self.agency}"


class Score(models.Model):
    """One panel member's score of one bid on one criterion (0–100)."""

    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    panel_member = models.CharField(_("panel member"), max_length=60)
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("panel score")
        verbose_name_plural = _("panel scores")
        constraints = [models.UniqueConstraint(fields=["bid", "criterion", "panel_member"],
                                               name="score_bid_criterion_member_unique")]

    def __str__(self) -> str:
        return f"{self.panel_member}: {self.value}"


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, actor) -> InvitationQuerySet:
        scope = scope_for(actor)
        if (rows := supervised(self, scope, "procedure__park")) is not None:
            return rows
        match scope.kind:
            case ScopeKind.AGENCY:
                return self.filter(agency_id=scope.agency_id).exclude(procedure__status=ProcedureStatus.DRAFT)
        return self.none()


class Invitation(models.Model):
    """A park's invitation of one agency to an invitation procedure, answered by that agency."""

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="invitations")
    agency = models.ForeignKey(Agency, verbose_name=_("custody agency"), on_delete=models.PROTECT,
                               related_name="invitations")
    status = models.CharField(_("status"), max_length=20, choices=InvitationStatus.choices,
                              default=InvitationStatus.INVITED, editable=False)
    note = models.TextField(_("answer"), blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["procedure", "agency"], name="invitation_procedure_agency_unique",
                                               violation_error_message=_("This agency is already invited."))]

    def __str__(self) -> str:
        return f"{self.procedure} · {self.agency}"

    @property
    def badge(self) -> str:
        return {"invited": "awaiting", "accepted": "active", "declined": "terminated"}[self.status]


class AdmissionQuerySet(models.QuerySet):
    def visible_to(self, actor) -> AdmissionQuerySet:
        scope = scope_for(actor)
        if (rows := supervised(self, scope, "park")) is not None:
            return rows
        match scope.kind:
            case ScopeKind.AGENCY:
                return self.filter(agency_id=scope.agency_id)
        return self.none()

    def valid_on(self, day: datetime.date | None = None) -> AdmissionQuerySet:
        day = day or timezone.localdate()
        return self.filter(valid_from__lte=day, valid_until__gte=day)


class Admission(models.Model):
    """An agency admitted to a park (入驻) for a period, as the outcome of a selection procedure."""

    park = models.ForeignKey(Park, verbose_name=_("park / association"), on_delete=models.PROTECT,
                             related_name="admissions")
    agency = models.ForeignKey(Agency, verbose_name=_("custody agency"), on_delete=models.PROTECT,
                               related_name="admissions")
    procedure = models.ForeignKey(Procedure, verbose_name=_("selection procedure"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="admissions")
    valid_from = models.DateField(_("admitted from"))
    valid_until = models.DateField(_("admitted until"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AdmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("admitted agency")
        verbose_name_plural = _("admitted agencies")
        ordering = ["-valid_until", "pk"]

    def __str__(self) -> str:
        return f"{self.agency} @ {self.park}"
