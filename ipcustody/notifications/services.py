"""Sending notifications exactly once per key, over in-app, e-mail and the organisation's group robots.

`notify()` is what other apps call (deadline warnings, contract renewals …). Each (key, channel, target) is first
claimed by inserting a Delivery row whose `key` is unique, in its own committed transaction; only the run that
inserted it sends. A second, overlapping run hits the unique constraint and skips, so nobody is told twice.
Call it outside long transactions, so each claim commits at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from ipcustody.core.actor import Actor

from . import robots
from .models import Channel, ChannelConfig, Delivery, DeliveryStatus, Level, Notification

DEFAULT_CHANNELS = (Channel.IN_APP, Channel.EMAIL)


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    url: str = ""
    level: str = Level.INFO


def claim(key: str, channel: str, target: str, payload: dict) -> Delivery | None:
    """Insert the delivery row; None when another run (or an earlier one) already claimed this key."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                key=key[:255], channel=channel, target=target[:255], title=payload["title"][:200], payload=payload
            )
    except IntegrityError:
        return None


def notify(
    *,
    users: Iterable,
    organisation=None,
    key: str,
    message: Message,
    channels: Iterable[str] = DEFAULT_CHANNELS,
    robots_too: bool = True,
) -> int:
    """Notify each user (and the organisation's active group robots) once for `key`; returns messages claimed."""
    from .tasks import deliver

    claimed: list[int] = []
    channels = tuple(channels)
    base = {"title": str(message.title), "body": str(message.body), "url": message.url, "level": message.level,
            "organisation_id": getattr(organisation, "pk", None)}
    for user in users:
        for channel in channels:
            if channel == Channel.EMAIL and not user.email:
                continue
            target = user.email if channel == Channel.EMAIL else f"user:{user.pk}"
            delivery = claim(f"{key}|{channel}|u{user.pk}", channel, target, {**base, "user_id": user.pk})
            if delivery is not None:
                claimed.append(delivery.pk)
    if robots_too and organisation is not None:
        for config in ChannelConfig.objects.filter(organisation=organisation, is_active=True):
            payload = {**base, "config_id": config.pk}
            delivery = claim(f"{key}|{config.channel}|c{config.pk}", config.channel, f"robot:{config.pk}", payload)
            if delivery is not None:
                claimed.append(delivery.pk)
    for delivery_id in claimed:
        # in production a worker sends it after commit; without a broker it is sent here, now
        transaction.on_commit(lambda d=delivery_id: deliver.delay(d))
    return len(claimed)


def absolute(url: str) -> str:
    return url if not url or url.startswith("http") else settings.SITE_URL.rstrip("/") + url


def send(delivery: Delivery) -> None:
    """Send one claimed delivery; failures are recorded on the row and retried by `retry_failed()`."""
    payload = delivery.payload
    Delivery.objects.filter(pk=delivery.pk).update(attempts=delivery.attempts + 1)
    try:
        match delivery.channel:
            case Channel.IN_APP:
                Notification.objects.create(
                    recipient_id=payload["user_id"], organisation_id=payload.get("organisation_id"),
                    level=payload["level"], title=payload["title"], body=payload["body"], url=payload["url"],
                )
            case Channel.EMAIL:
                text = payload["body"] + (f"\n\n{absolute(payload['url'])}" if payload["url"] else "")
                send_mail(payload["title"], text, None, [delivery.target])
            case Channel.WECOM | Channel.DINGTALK:
                config = ChannelConfig.objects.get(pk=payload["config_id"])
                send_robot(config, payload["title"], payload["body"], absolute(payload["url"]))
    except Exception as exc:  # recorded, not raised: one bad robot must not stop the other reminders
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, error=str(exc)[:2000])
        return
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENT, sent_at=timezone.now(), error="")


def send_robot(config: ChannelConfig, title: str, body: str, url: str) -> None:
    message = robots.RobotMessage(title=title, body=body, url=url)
    if config.channel == Channel.WECOM:
        robots.post(config.webhook_url, robots.wecom_payload(message))
    else:
        robots.post(robots.dingtalk_signed_url(config.webhook_url, config.signing_secret), robots.dingtalk_payload(message))


def retry_failed(max_attempts: int = 5) -> int:
    """Resend failed deliveries (robot down, mail server away) that have not used up their attempts."""
    count = 0
    for delivery in Delivery.objects.filter(status=DeliveryStatus.FAILED, attempts__lt=max_attempts).order_by("created_at"):
        send(delivery)
        count += 1
    return count


# --- inbox ------------------------------------------------------------------------------------------------


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(actor: Actor, notification_id: int | None = None) -> int:
    """Mark one (or all) of the actor's own notifications read."""
    qs = Notification.objects.filter(recipient=actor.user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())


# --- group robots -----------------------------------------------------------------------------------------


def can_manage_channels(actor: Actor) -> bool:
    return actor.is_org_admin


def save_channel(actor: Actor, config: ChannelConfig | None, data: dict) -> ChannelConfig:
    from django.core.exceptions import PermissionDenied

    from ipcustody.core.services import save_changes

    if not can_manage_channels(actor):
        raise PermissionDenied
    config = config or ChannelConfig(organisation=actor.organisation)
    return save_changes(
        actor, config, data, visible=lambda: ChannelConfig.objects.filter(organisation=actor.organisation)
    )


def test_channel(actor: Actor, config: ChannelConfig) -> str | None:
    """Send a test message now; returns the error text, or None when the robot accepted it."""
    from django.utils.translation import gettext as _

    try:
        send_robot(config, str(_("Test message from the IP Custody Platform")), str(_("This group will receive reminders.")), "")
    except Exception as exc:
        return str(exc)
    return None
