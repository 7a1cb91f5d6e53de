"""Notifications: in-app messages, e-mail and the group robots (WeCom 企业微信, DingTalk 钉钉) Chinese offices use.

Every outgoing message is first claimed as a Delivery row with a unique key; the database's unique constraint is
what guarantees that a reminder goes out once, even when two reminder runs overlap.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Warning")
    URGENT = "urgent", _("Urgent")


class Notification(models.Model):
    """An in-app message for one user, shown under the bell in the top bar."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.INFO)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # the bell's unread count and the list: WHERE recipient_id = ? AND read_at IS NULL ORDER BY created_at DESC
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In-app")
    EMAIL = "email", _("E-mail")
    WECOM = "wecom", _("WeCom group robot")
    DINGTALK = "dingtalk", _("DingTalk group robot")


class ChannelConfig(models.Model):
    """A group robot an organisation wants its reminders posted to."""

    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="channels"
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=[(Channel.WECOM, Channel.WECOM.label), (Channel.DINGTALK, Channel.DINGTALK.label)]
    )
    name = models.CharField(_("name"), max_length=80, help_text=_("E.g. the group's name, so colleagues know where reminders go."))
    webhook_url = models.URLField(_("webhook address"), max_length=500)
    signing_secret = models.CharField(
        _("signing secret"), max_length=200, blank=True, help_text=_("DingTalk only: the robot's 加签 secret, if set.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.name}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """One message over one channel to one target, claimed by its unique key before it is sent."""

    key = models.CharField(max_length=255, unique=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    target = models.CharField(_("to"), max_length=255)
    title = models.CharField(_("title"), max_length=200)
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [
            # retrying failures: WHERE status = 'failed' AND attempts < ? ORDER BY created_at
            models.Index(fields=["status", "created_at"], name="delivery_status_idx"),
        ]

    def __str__(self) -> str:
        return self.key
