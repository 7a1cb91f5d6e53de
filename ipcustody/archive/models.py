"""The enterprise IP archive (§4.2 d, 附录A 一.5): every right an enterprise holds, with its dated legal events.

One `Asset` table holds the common fields and the typed, nullable columns each kind needs (so the list and the
search read one table); `AssetEvent` rows are the legal-status history from which `Asset.status` is derived.
Who sees which asset is decided by `Asset.objects.visible_to(actor)`, built on the one scoping layer.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipcustody.core.scoping import ScopeKind, scope_for
from ipcustody.directory.models import Agency, Enterprise

from . import status as rules


class AssetKind(models.TextChoices):
    INVENTION = "invention", _("Invention patent")
    UTILITY_MODEL = "utility_model", _("Utility model")
    DESIGN = "design", _("Design patent")
    TRADEMARK = "trademark", _("Trademark")
    COPYRIGHT = "copyright", _("Copyright")
    SOFTWARE = "software", _("Software copyright")
    IC_LAYOUT = "ic_layout", _("Integrated-circuit layout design")
    GEO_INDICATION = "geo_indication", _("Geographical indication")
    PLANT_VARIETY = "plant_variety", _("Plant variety")
    TRADE_SECRET = "trade_secret", _("Trade secret")
    OTHER = "other", _("Other (traditional knowledge, genetic resources, folk literature and art)")


PATENT_KINDS = frozenset({AssetKind.INVENTION, AssetKind.UTILITY_MODEL, AssetKind.DESIGN})
NUMBERED_KINDS = frozenset(set(AssetKind) - {AssetKind.TRADE_SECRET})


class AssetStatus(models.TextChoices):
    RECORDED = rules.RECORDED, _("Recorded")
    FILED = rules.FILED, _("Filed")
    PUBLISHED = rules.PUBLISHED, _("Published")
    EXAMINATION = rules.EXAMINATION, _("Under examination")
    OFFICE_ACTION = rules.OFFICE_ACTION, _("Office action pending")
    IN_FORCE = rules.IN_FORCE, _("In force")
    LAPSED = rules.LAPSED, _("Lapsed")
    INVALIDATED = rules.INVALIDATED, _("Invalidated")
    EXPIRED = rules.EXPIRED, _("Expired")
    WITHDRAWN = rules.WITHDRAWN, _("Withdrawn")
    REJECTED = rules.REJECTED, _("Rejected")


# The status palette of UI.md: draft grey, awaiting orange, active green, ended blue-grey, terminated red.
STATUS_COLOURS = {
    rules.RECORDED: "draft", rules.FILED: "awaiting", rules.PUBLISHED: "awaiting", rules.EXAMINATION: "awaiting",
    rules.OFFICE_ACTION: "awaiting", rules.IN_FORCE: "active", rules.EXPIRED: "ended", rules.WITHDRAWN: "ended",
    rules.LAPSED: "terminated", rules.INVALIDATED: "terminated", rules.REJECTED: "terminated",
}


class EventKind(models.TextChoices):
    FILED = rules.E_FILED, _("Filed")
    PUBLISHED = rules.E_PUBLISHED, _("Published")
    EXAMINATION_REQUESTED = rules.E_EXAMINATION_REQUESTED, _("Examination requested")
    OFFICE_ACTION = rules.E_OFFICE_ACTION, _("Office action received")
    OFFICE_ACTION_ANSWERED = rules.E_OFFICE_ACTION_ANSWERED, _("Office action answered")
    GRANTED = rules.E_GRANTED, _("Granted / registered")
    ANNUITY_PAID = rules.E_ANNUITY_PAID, _("Annuity paid")
    LAPSED = rules.E_LAPSED, _("Lapsed")
    RESTORED = rules.E_RESTORED, _("Restored")
    TRANSFERRED = rules.E_TRANSFERRED, _("Transferred")
    LICENSED = rules.E_LICENSED, _("Licensed")
    PLEDGED = rules.E_PLEDGED, _("Pledged")
    PLEDGE_RELEASED = rules.E_PLEDGE_RELEASED, _("Pledge released")
    INVALIDATED = rules.E_INVALIDATED, _("Invalidated")
    EXPIRED = rules.E_EXPIRED, _("Expired")
    RENEWED = rules.E_RENEWED, _("Renewed")
    WITHDRAWN = rules.E_WITHDRAWN, _("Withdrawn")
    REJECTED = rules.E_REJECTED, _("Rejected")
    GRANT_NOTICE = rules.E_GRANT_NOTICE, _("Grant notice received")
    MARKETING_APPROVAL = rules.E_MARKETING_APPROVAL, _("New-drug marketing approval")
    OTHER = rules.E_OTHER, _("Other")


class FeeReduction(models.IntegerChoices):
    NONE = 0, _("None")
    JOINT = 70, _("70% (joint applicants)")
    SINGLE = 85, _("85% (single applicant)")


def normalise_search(text: str) -> str:
    """The form both the stored search text and the query take: NFKC (full-width → half-width), lower case,
    whitespace collapsed. Chinese is matched as a substring, so any word from the middle of a title is found."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


class AssetQuerySet(models.QuerySet):
    def current(self) -> AssetQuerySet:
        """Assets not removed from the archive (removal keeps the row: an assessment may still count it)."""
        return self.filter(removed_at__isnull=True)

    def visible_to(self, actor) -> AssetQuerySet:
        """Whoever sees the owner enterprise sees its assets; an agency also keeps read-only access to the assets
        it produced. Trade secrets: only the owner enterprise and the agency users assigned to the secret."""
        scope = scope_for(actor)
        if scope.kind is ScopeKind.NONE:
            return self.none()
        current = self.current()  # removed assets are kept for the record, shown to nobody
        secret = Q(kind=AssetKind.TRADE_SECRET)
        match scope.kind:
            case ScopeKind.ALL:
                return current.filter(~secret)
            case ScopeKind.ENTERPRISE:
                return current.filter(owner_id=scope.enterprise_id)
            case ScopeKind.AGENCY:
                served = Enterprise.objects.visible_to(actor).values("pk")
                assigned = Asset.responsible_staff.through.objects.filter(user_id=actor.user.pk).values("asset_id")
                return current.filter(
                    (~secret & (Q(owner__in=served) | Q(produced_by_id=scope.agency_id)))
                    | (secret & Q(owner__in=served) & Q(pk__in=assigned))
                )
        return current.filter(~secret & Q(owner__in=Enterprise.objects.visible_to(actor).values("pk")))


class Asset(models.Model):
    """One right in an enterprise's archive. Trade secrets hold metadata only (never the secret itself)."""

    # --- common ---
    owner = models.ForeignKey(Enterprise, verbose_name=_("owner enterprise"), on_delete=models.PROTECT, related_name="assets")
    kind = models.CharField(_("kind"), max_length=20, choices=AssetKind.choices)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(
        _("application / registration number"), max_length=40, blank=True,
        help_text=_("Patents: the application number with its check character, e.g. 201711118060.3. "
                    "Trademarks: the registration number. Others: the registration or certificate number."),
    )
    right_holders = models.CharField(
        _("right holders"), max_length=500, blank=True, help_text=_("Separate several holders with ；")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.RECORDED, editable=False
    )
    status_since = models.DateField(_("status since"), null=True, blank=True, editable=False)
    is_pledged = models.BooleanField(_("pledged"), default=False, editable=False)
    filing_date = models.DateField(_("filing date"), null=True, blank=True)
    publication_number = models.CharField(_("publication number"), max_length=30, blank=True)
    publication_date = models.DateField(
        _("publication date"), null=True, blank=True,
        help_text=_("Trademarks: the date of the preliminary-approval publication (初审公告)."),
    )
    grant_number = models.CharField(_("grant / announcement number"), max_length=30, blank=True)
    grant_date = models.DateField(_("grant / registration date"), null=True, blank=True)
    responsible_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible agency staff"), blank=True, related_name="archive_assets",
        help_text=_("For a trade secret, only these agency users (and the enterprise itself) may see it."),
    )
    notes = models.TextField(_("notes"), blank=True)
    produced_by = models.ForeignKey(
        Agency, verbose_name=_("produced by agency"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="produced_assets", editable=False,
    )
    # --- patents ---
    inventors = models.CharField(_("inventors"), max_length=500, blank=True, help_text=_("Separate names with ；"))
    classes = models.CharField(
        _("IPC / Locarno classes"), max_length=300, blank=True,
        help_text=_("IPC symbols such as A61K 39/395 (designs: Locarno classes such as 24-02), separated by ；"),
    )
    main_class = models.CharField(_("main IPC subclass"), max_length=8, blank=True, editable=False)
    abstract = models.TextField(_("abstract"), blank=True)
    priority_claims = models.JSONField(
        _("priority claims"), default=list, blank=True,
        help_text=_("A list of {country, number, date}."),
    )
    pct_application_number = models.CharField(_("PCT application number"), max_length=30, blank=True)
    pct_publication_number = models.CharField(_("PCT publication number"), max_length=30, blank=True)
    pct_entry_date = models.DateField(_("national phase entry date"), null=True, blank=True)
    fee_reduction = models.PositiveSmallIntegerField(
        _("fee reduction"), choices=FeeReduction.choices, default=FeeReduction.NONE
    )
    # --- trademarks ---
    nice_classes = models.CharField(_("Nice classes"), max_length=200, blank=True, help_text=_("1–45, e.g. 5,10,44"))
    goods_services = models.TextField(_("goods / services"), blank=True)
    # --- trade secrets (metadata only) ---
    custodian = models.CharField(_("custodian"), max_length=100, blank=True)
    protection_measures = models.TextField(_("protection measures"), blank=True)
    review_date = models.DateField(_("next review date"), null=True, blank=True)
    # --- search (denormalised, normalised: title, abstract, right holders, inventors, numbers) ---
    search_text = models.TextField(editable=False, blank=True, default="")
    # --- removal (never a hard delete: the record and its history stay for assessments) ---
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    removed_reason = models.CharField(_("reason for removal"), max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AssetQuerySet.as_manager()

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["-filing_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "number"],
                condition=~Q(number="") & Q(removed_at__isnull=True),
                name="asset_owner_kind_number_unique",
                violation_error_message=_("This enterprise's archive already holds an asset of this kind with this number."),
            ),
        ]
        indexes = [
            # the archive list's default order: ORDER BY filing_date DESC, id LIMIT n (any scope)
            models.Index(fields=["-filing_date", "id"], name="asset_filing_idx"),
            # an enterprise's archive (?owner=, enterprise scope, import upsert lookups by owner + kind + number)
            models.Index(fields=["owner", "kind", "-filing_date"], name="asset_owner_kind_idx"),
            # filters and the analysis: WHERE kind = ? / status = ? (status and kind mix)
            models.Index(fields=["kind", "status"], name="asset_kind_status_idx"),
            # the import's key lookup: WHERE kind = ? AND number IN (...)
            models.Index(fields=["number"], name="asset_number_idx"),
            # an agency's produced assets (read-only access after a contract ends): WHERE produced_by_id = ?
            models.Index(fields=["produced_by"], name="asset_produced_by_idx"),
            # the IPC filter and the top-IPC analysis: WHERE main_class = ? / GROUP BY main_class
            models.Index(fields=["main_class"], name="asset_main_class_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:asset-detail", args=[self.pk])

    @property
    def is_patent(self) -> bool:
        return self.kind in PATENT_KINDS

    @property
    def is_trade_secret(self) -> bool:
        return self.kind == AssetKind.TRADE_SECRET

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS.get(self.status, "draft")

    @property
    def holders(self) -> list[str]:
        return split_names(self.right_holders)

    @property
    def inventor_list(self) -> list[str]:
        return split_names(self.inventors)

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        parts = [self.title, self.abstract, self.right_holders, self.inventors, self.number, self.publication_number,
                 self.grant_number, self.classes, self.goods_services if self.kind == AssetKind.TRADEMARK else ""]
        return normalise_search(" ".join(p for p in parts if p))

    def clean(self) -> None:
        from .validation import asset_errors

        errors = asset_errors(self)
        if errors:
            raise ValidationError(errors)


def split_names(text: str) -> list[str]:
    import re

    return [p.strip() for p in re.split(r"[;；,，、\n]+", text or "") if p.strip()]


class AssetEvent(models.Model):
    """One dated legal event; the asset's status is derived from all of them (see status.py)."""

    asset = models.ForeignKey(Asset, verbose_name=_("asset"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Set when the event mirrors one of the asset's key dates (filing, publication, grant) and is kept in step
    # with it by the service; hand-entered events leave it empty.
    date_field = models.CharField(max_length=30, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("legal event")
        verbose_name_plural = _("legal events")
        ordering = ["date", "pk"]
        indexes = [
            # an asset's history and the status derivation: WHERE asset_id = ? ORDER BY date, id
            models.Index(fields=["asset", "date"], name="asset_event_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.asset_id and self.date and self.asset.filing_date and self.kind != EventKind.FILED:
            if self.date < self.asset.filing_date:
                raise ValidationError({"date": _("An event cannot be dated before the filing date (%(date)s).")
                                       % {"date": self.asset.filing_date.isoformat()}})


def attachment_path(instance, filename: str) -> str:
    return f"archive/{instance.asset.owner_id}/{instance.asset_id}/{filename}"


class AssetAttachment(models.Model):
    """A certificate, a notice, a drawing … kept with the asset."""

    asset = models.ForeignKey(Asset, verbose_name=_("asset"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
