"""Two parties confirming at the same moment (PostgreSQL, real transactions in two threads).

The last two confirmations race behind a barrier: exactly one activation, no party confirmed twice, and the change
log shows each step once.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks and concurrent transactions)")


def race(functions):
    barrier = threading.Barrier(len(functions))
    errors: list[BaseException] = []

    def run(function):
        from django.db import connections

        try:
            barrier.wait()
            function()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertions
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def test_the_last_two_parties_confirming_at_once_activate_the_contract_exactly_once():
    from ipcustody.audit.models import ChangeLogEntry
    from ipcustody.contracts import services
    from ipcustody.contracts.models import Confirmation, Contract, ContractStatus
    from ipcustody.core.testing import build_world
    from ipcustody.directory.models import ServiceItem

    world = build_world()
    today = timezone.localdate()
    contract = services.save_contract(
        world.actor("park_a_staff"), None,
        {"enterprise": world.ent_a2, "agency": world.agency_x, "custody_form": "full", "start_date": today,
         "end_date": today + datetime.timedelta(days=364), "fee": 1, "payer": "park", "confidentiality": True},
        service_items=ServiceItem.objects.all(),
    )
    services.send_contract(world.actor("park_a_staff"), contract)
    services.confirm_contract(world.actor("park_a_admin"), contract)
    from django.contrib.auth import get_user_model

    from ipcustody.accounts.models import Membership
    from ipcustody.core.actor import Actor

    user = get_user_model().objects.create_user("ent_a2_admin", password="x-Test-Pass-1")
    enterprise = Actor(user=user, membership=Membership.objects.create(user=user, organisation=world.ent_a2, role="admin"))
    agency = world.actor("agency_x_staff")

    errors = race([
        lambda: services.confirm_contract(agency, Contract.objects.get(pk=contract.pk)),
        lambda: services.confirm_contract(enterprise, Contract.objects.get(pk=contract.pk)),
    ])
    assert errors == []
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    assert sorted(Confirmation.objects.filter(contract=contract).values_list("party", flat=True)) == \
        ["agency", "enterprise", "park"]
    log = ChangeLogEntry.objects.filter(content_type__model="contract", object_id=str(contract.pk))
    steps = [tuple(e.changes["status"]) for e in log if "status" in e.changes]
    assert steps.count(("draft", "awaiting")) == 1
    assert steps.count(("awaiting", "active")) == 1

    # and the same party twice at the same moment: one wins, the other is told it has already confirmed
    second = services.amend_contract(world.actor("park_a_staff"), contract)
    services.send_contract(world.actor("park_a_staff"), second)
    errors = race([
        lambda: services.confirm_contract(world.actor("agency_x_staff"), Contract.objects.get(pk=second.pk)),
        lambda: services.confirm_contract(world.actor("agency_x_admin"), Contract.objects.get(pk=second.pk)),
    ])
    assert len(errors) == 1
    assert Confirmation.objects.filter(contract=second, party="agency").count() == 1
    second.refresh_from_db()
    assert second.status == ContractStatus.AWAITING
