"""Inbox and group-robot pages: role matrix and behaviour."""

from django.urls import reverse

from ipcustody.core.testing import check_matrix
from ipcustody.notifications.models import ChannelConfig, Notification


def test_inbox_matrix(world):
    check_matrix(world, "get", reverse("notifications:inbox"), {None: 302, "nomember": 200, "ent_a_reader": 200})


def test_the_bell_counts_unread_and_reading_follows_the_link(world):
    user = world.users["park_a_reader"]
    note = Notification.objects.create(recipient=user, title="到期提醒", url="/directory/parks/")
    client = world.client("park_a_reader")
    assert 'id="bell-count">1<' in client.get(reverse("home")).content.decode()
    response = client.post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/directory/parks/"
    assert 'id="bell-count"' not in client.get(reverse("home")).content.decode()


def test_nobody_reads_another_users_notification(world):
    note = Notification.objects.create(recipient=world.users["park_a_reader"], title="x")
    assert world.client("park_a_admin").post(reverse("notifications:read", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_robot_pages_matrix(world):
    config = ChannelConfig.objects.create(organisation=world.park_a, channel="wecom", name="群", webhook_url="http://127.0.0.1:9/x")
    check_matrix(world, "get", reverse("notifications:channels"), {None: 302, "nomember": 404, "park_a_reader": 200})
    edit = reverse("notifications:channel-edit", args=[config.pk])
    check_matrix(world, "get", edit, {None: 302, "park_b_admin": 404, "ent_a_admin": 404, "park_a_reader": 403,
                                      "park_a_staff": 403, "park_a_admin": 200})
    check_matrix(world, "get", reverse("notifications:channel-create"), {None: 302, "park_a_staff": 403, "park_a_admin": 200})
    check_matrix(world, "post", reverse("notifications:channel-test", args=[config.pk]),
                 {None: 302, "park_b_admin": 404, "park_a_reader": 403})


def test_a_park_admin_adds_a_robot_and_tests_it(world, robot):
    client = world.client("park_a_admin")
    response = client.post(reverse("notifications:channel-create"), {
        "channel": "wecom", "name": "园区知识产权群", "webhook_url": robot.url, "signing_secret": "", "is_active": "on"})
    assert response.status_code == 302
    config = ChannelConfig.objects.get(name="园区知识产权群")
    assert config.organisation_id == world.park_a.pk
    client.post(reverse("notifications:channel-test", args=[config.pk]))
    assert len(robot.received) == 1


def test_mark_all_read_touches_only_the_users_own_notifications(world):
    mine = Notification.objects.create(recipient=world.users["park_a_reader"], title="a")
    theirs = Notification.objects.create(recipient=world.users["park_a_admin"], title="b")
    check_matrix(world, "post", reverse("notifications:read-all"), {None: 302})
    assert world.client("park_a_reader").post(reverse("notifications:read-all")).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
