"""Renewal reminders 60 and 30 days before the end, to the park and the three parties, each once."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from ipcustody.core.testing import make_contract
from ipcustody.notifications.models import Notification


def run(today):
    out = io.StringIO()
    call_command("send_contract_reminders", today=today.isoformat(), stdout=out)
    return out.getvalue()


def test_it_reminds_the_parties_60_and_30_days_before_the_end_once_each(world, deliver_now):
    contract = world.contract_x_a
    world.contract_y_b.end_date = contract.end_date + datetime.timedelta(days=100)  # not due in this test
    world.contract_y_b.save()
    end = contract.end_date
    assert Notification.objects.count() == 0
    run(end - datetime.timedelta(days=61))
    assert Notification.objects.count() == 0
    run(end - datetime.timedelta(days=60))
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {"park_a_admin", "park_a_staff", "park_a_reader", "agency_x_admin", "agency_x_staff", "agency_x_reader",
            "ent_a_admin", "ent_a_reader"} <= recipients
    assert not recipients & {"agency_y_staff", "ent_b_admin", "park_b_admin", "city"}
    count = Notification.objects.count()
    run(end - datetime.timedelta(days=59))  # re-run: nothing twice
    run(end - datetime.timedelta(days=60))
    assert Notification.objects.count() == count
    run(end - datetime.timedelta(days=30))
    assert Notification.objects.count() == 2 * count
    assert Notification.objects.filter(url=contract.get_absolute_url()).count() == 2 * count
    run(end - datetime.timedelta(days=10))
    assert Notification.objects.count() == 2 * count


def test_it_does_not_remind_about_a_contract_already_renewed(world, deliver_now):
    contract = world.contract_x_a
    make_contract(world.park_a, world.agency_x, world.ent_a, contract.end_date + datetime.timedelta(days=1),
                  contract.end_date + datetime.timedelta(days=365), status="awaiting")
    run(contract.end_date - datetime.timedelta(days=30))
    assert not Notification.objects.filter(url=contract.get_absolute_url()).exists()


def test_it_ignores_ended_and_terminated_contracts(world, deliver_now):
    run(timezone.localdate())
    assert not Notification.objects.filter(url=world.contract_x_a2.get_absolute_url()).exists()
