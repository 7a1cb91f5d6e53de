import datetime

import pytest
from django.utils import timezone

from ipcustody.contracts import services
from ipcustody.directory.models import ServiceItem


@pytest.fixture
def draft(world):
    """Park A drafts a full-custody contract between agency X and enterprise A2 (whose earlier contract ended)."""
    today = timezone.localdate()
    return services.save_contract(
        world.actor("park_a_staff"), None,
        {"enterprise": world.ent_a2, "agency": world.agency_x, "custody_form": "full", "start_date": today,
         "end_date": today + datetime.timedelta(days=364), "fee": 50000, "payer": "park", "confidentiality": True},
        service_items=ServiceItem.objects.all(), staff=[world.users["agency_x_staff"]],
    )


@pytest.fixture
def awaiting(world, draft):
    return services.send_contract(world.actor("park_a_staff"), draft)
