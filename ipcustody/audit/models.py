"""The change log: who changed which business object, when, from which organisation, and what changed."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    VIEW = "view", _("Viewed")


class ChangeLogEntry(models.Model):
    """One recorded change, written in the same transaction as the change itself. Never edited."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=150)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation in use"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    # The object whose history page shows this entry (an enterprise for its contacts; itself otherwise).
    root_content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    root_object_id = models.CharField(max_length=64)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log entries")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            # the history page: WHERE root_content_type_id = ? AND root_object_id = ? ORDER BY timestamp DESC
            models.Index(fields=["root_content_type", "root_object_id", "-timestamp"], name="changelog_root_idx"),
            # "what did this user do": WHERE actor_id = ? ORDER BY timestamp DESC
            models.Index(fields=["actor", "-timestamp"], name="changelog_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
