"""Reminders: by level, to the interested organisations, never the same one twice."""

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from ipcustody.docketing import services
from ipcustody.docketing.models import Deadline
from ipcustody.notifications.models import ChannelConfig, Delivery, Notification

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def due_soon(patents, deliver_now):
    """The granted patent's open annuity, due in 5 days."""
    deadline = Deadline.objects.get(asset=patents.granted, kind="annuity", status="open")
    Deadline.objects.filter(pk=deadline.pk).update(due_date=datetime.date.today() + datetime.timedelta(days=5))
    Deadline.objects.exclude(pk=deadline.pk).update(status="closed")
    return deadline


def test_it_reminds_the_enterprise_its_park_and_its_agency(due_soon):
    services.send_reminders()
    users = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {"ent_a_admin", "park_a_admin", "park_a_staff", "agency_x_admin", "agency_x_staff"} <= users
    assert not users & {"ent_a_reader", "park_a_reader", "agency_y_staff", "ent_b_admin", "city"}
    assert Notification.objects.filter(title__contains="5").exists()


def test_running_it_again_sends_nothing_twice(due_soon):
    first = services.send_reminders()
    assert first > 0
    assert services.send_reminders() == 0
    assert Notification.objects.filter(recipient__username="ent_a_admin").count() == 1


def test_a_moved_due_date_is_reminded_again(due_soon):
    services.send_reminders()
    Deadline.objects.filter(pk=due_soon.pk).update(due_date=datetime.date.today() + datetime.timedelta(days=3))
    assert services.send_reminders() > 0


def test_the_organisations_own_levels_apply(due_soon, patents):
    from ipcustody.docketing.models import WarningPolicy

    WarningPolicy.objects.create(organisation=patents.park_a, thresholds="3")
    services.send_reminders()
    assert not Notification.objects.filter(recipient__username="park_a_admin").exists()
    assert Notification.objects.filter(recipient__username="ent_a_admin").exists()


def test_it_posts_to_group_robots(due_soon, patents):
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"errcode": 0}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        ChannelConfig.objects.create(organisation=patents.park_a, channel="dingtalk", name="群",
                                     webhook_url=f"http://127.0.0.1:{server.server_port}/robot/send")
        services.send_reminders()
        services.send_reminders()
    finally:
        server.shutdown()
        server.server_close()
    assert len(received) == 1 and received[0]["msgtype"] == "markdown"


def test_the_management_command_runs(due_soon):
    from django.core.management import call_command

    call_command("send_reminders")
    assert Delivery.objects.filter(status="sent").exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_reminder_runs_at_once_send_each_reminder_once(tmp_path):
    """Two separate processes run `send_reminders` against the same PostgreSQL database at the same moment."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (two processes on one database)")
    from ipcustody.archive import services as archive_services
    from ipcustody.core.testing import build_world
    from ipcustody.docketing.tests.conftest import app_number

    world = build_world()
    archive_services.save_asset(world.actor("park_a_staff"), None, {
        "owner": world.ent_a, "kind": "invention", "title": "并发提醒测试", "number": app_number(2019, "1", 21),
        "filing_date": datetime.date(2019, 3, 1), "grant_date": datetime.date(2021, 5, 1),
    })
    Deadline.objects.filter(kind="annuity").update(due_date=datetime.date.today() + datetime.timedelta(days=2))
    Deadline.objects.exclude(kind="annuity").update(status="closed")
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    env = {**__import__("os").environ, "DATABASE_URL": url, "DEBUG": "1", "EMAIL_BACKEND":
           "django.core.mail.backends.locmem.EmailBackend"}
    script = "import django, os; django.setup(); from django.core.management import call_command; call_command('send_reminders')"
    runs = [subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "ipcustody.settings"},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    sent = [int(out.decode().split()[0]) for out, _err in outputs]
    assert sum(sent) == Delivery.objects.count() > 0
    keys = list(Delivery.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    assert Notification.objects.filter(recipient__username="ent_a_admin").count() == 1


def test_a_trade_secret_review_reaches_only_who_may_see_the_secret(patents, deliver_now):
    from ipcustody.archive.services import save_asset

    ChannelConfig.objects.create(organisation=patents.ent_a, channel="wecom", name="企业群",
                                 webhook_url="http://127.0.0.1:9/never")
    secret = save_asset(patents.actor("ent_a_admin"), None, {
        "owner": patents.ent_a, "kind": "trade_secret", "title": "SECRETRECIPE", "custodian": "王工",
        "review_date": datetime.date.today() + datetime.timedelta(days=3)},
        responsible_staff=[patents.users["agency_x_staff"]])
    Deadline.objects.exclude(asset=secret).update(status="closed")
    services.send_reminders()
    told = set(Notification.objects.filter(title__contains="SECRETRECIPE").values_list("recipient__username", flat=True))
    assert told == {"ent_a_admin", "agency_x_staff"}
    assert not Delivery.objects.filter(channel="wecom").exists()  # no group robot for a secret
