from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def deliver(delivery_id: int) -> None:
    from .models import Delivery, DeliveryStatus
    from .services import send

    delivery = Delivery.objects.filter(pk=delivery_id).exclude(status=DeliveryStatus.SENT).first()
    if delivery is not None:
        send(delivery)
