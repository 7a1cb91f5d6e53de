"""Turn the directory's temporary "agency serves enterprise" links into three-party custody contracts.

A link in force today becomes an active contract, an ended link a completed one (a link without an end date gets
a one-year term from today, to be renewed by a proper contract). The enterprise's park is the third party; the
agency is admitted to that park for the term. No confirmation rows are written (nobody confirmed these on the
platform); the notes mark each contract as migrated.
"""

import datetime

from django.db import migrations
from django.utils import timezone


def forward(apps, schema_editor):
    ServiceLink = apps.get_model("directory", "ServiceLink")
    ServiceItem = apps.get_model("directory", "ServiceItem")
    Contract = apps.get_model("contracts", "Contract")
    Admission = apps.get_model("contracts", "Admission")
    today = timezone.localdate()
    items = list(ServiceItem.objects.all())
    for link in ServiceLink.objects.select_related("enterprise").order_by("pk"):
        end = link.end_date or max(today, link.start_date) + datetime.timedelta(days=365)
        in_force = link.start_date <= today and (link.end_date is None or link.end_date >= today)
        future = link.start_date > today
        contract = Contract.objects.create(
            park_id=link.enterprise.park_id, agency_id=link.agency_id, enterprise_id=link.enterprise_id,
            custody_form="full", start_date=link.start_date, end_date=end, fee=0, payer="park",
            confidentiality=True, notes=f"由临时托管关系迁移 (migrated from a service link). {link.note}".strip(),
            status="active" if in_force or future else "completed",
            sent_at=timezone.now(), activated_at=timezone.now(),
        )
        contract.number = f"TG{link.start_date:%Y}-{contract.pk:05d}"
        contract.save(update_fields=["number"])
        contract.service_items.set(items)
        if not Admission.objects.filter(park_id=contract.park_id, agency_id=contract.agency_id,
                                        valid_from__lte=contract.start_date, valid_until__gte=end).exists():
            Admission.objects.create(park_id=contract.park_id, agency_id=contract.agency_id,
                                     valid_from=contract.start_date, valid_until=end)


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_initial"),
        ("directory", "0002_reference_lists"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
