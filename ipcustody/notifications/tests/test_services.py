"""notify(): once per key and target, over in-app, e-mail and group robots."""

from django.core import mail

from ipcustody.notifications import robots
from ipcustody.notifications.models import ChannelConfig, Delivery, Notification
from ipcustody.notifications.services import Message, notify, retry_failed


def test_it_notifies_in_app_and_by_email_once_per_key(world):
    user = world.users["park_a_admin"]
    message = Message(title="年费即将到期", body="专利 2017111180603 第 8 年年费", url="/archive/1/")
    assert notify(users=[user], key="deadline:1:30", message=message) == 2
    assert notify(users=[user], key="deadline:1:30", message=message) == 0
    assert Notification.objects.filter(recipient=user).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["park_a_admin@test.local"]
    assert "http://" in mail.outbox[0].body  # links in e-mail are absolute


def test_another_key_is_another_message(world):
    user = world.users["park_a_admin"]
    notify(users=[user], key="deadline:1:30", message=Message(title="a"))
    notify(users=[user], key="deadline:1:7", message=Message(title="b"))
    assert Notification.objects.filter(recipient=user).count() == 2


def test_it_posts_to_the_organisations_wecom_robot(world, robot):
    ChannelConfig.objects.create(organisation=world.park_a, channel="wecom", name="园区群", webhook_url=robot.url)
    notify(users=[], organisation=world.park_a, key="k1", message=Message(title="合同即将到期", body="还有 30 天"))
    assert robot.received == [{"msgtype": "markdown", "markdown": {"content": "**合同即将到期**\n\n还有 30 天"}}]
    notify(users=[], organisation=world.park_a, key="k1", message=Message(title="合同即将到期"))
    assert len(robot.received) == 1


def test_it_signs_dingtalk_messages_when_a_secret_is_set(world, robot):
    ChannelConfig.objects.create(
        organisation=world.park_a, channel="dingtalk", name="钉钉群", webhook_url=robot.url, signing_secret="SECabc"
    )
    notify(users=[], organisation=world.park_a, key="k2", message=Message(title="提醒"))
    assert robot.received[0]["msgtype"] == "markdown" and robot.received[0]["markdown"]["title"] == "提醒"
    assert "timestamp=" in robot.paths[0] and "sign=" in robot.paths[0]


def test_the_dingtalk_signature_matches_the_documented_algorithm():
    url = robots.dingtalk_signed_url("https://oapi.dingtalk.com/robot/send?access_token=x", "SEC000", 1600000000000)
    import base64
    import hashlib
    import hmac
    import urllib.parse

    expected = urllib.parse.quote_plus(base64.b64encode(
        hmac.new(b"SEC000", b"1600000000000\nSEC000", hashlib.sha256).digest()))
    assert url.endswith(f"&timestamp=1600000000000&sign={expected}")


def test_a_refusing_robot_is_recorded_and_retried(world, robot):
    robot.answer = {"errcode": 310000, "errmsg": "keywords not in content"}
    ChannelConfig.objects.create(organisation=world.park_a, channel="wecom", name="群", webhook_url=robot.url)
    notify(users=[], organisation=world.park_a, key="k3", message=Message(title="x"))
    delivery = Delivery.objects.get(channel="wecom")
    assert delivery.status == "failed" and "310000" in delivery.error
    robot.answer = {"errcode": 0}
    assert retry_failed() == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2


def test_inactive_robots_and_other_organisations_robots_are_not_used(world, robot):
    ChannelConfig.objects.create(organisation=world.park_a, channel="wecom", name="停用", webhook_url=robot.url, is_active=False)
    ChannelConfig.objects.create(organisation=world.park_b, channel="wecom", name="乙", webhook_url=robot.url)
    notify(users=[], organisation=world.park_a, key="k4", message=Message(title="x"))
    assert robot.received == []


def test_the_webhook_address_never_reaches_the_change_log(world):
    from ipcustody.audit.models import ChangeLogEntry
    from ipcustody.notifications.services import save_channel

    save_channel(world.actor("park_a_admin"), None, {"channel": "wecom", "name": "群",
                                                     "webhook_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET",
                                                     "signing_secret": "", "is_active": True})
    entry = ChangeLogEntry.objects.latest("pk")
    assert entry.changes["name"] == [None, "群"]
    assert "SECRET" not in str(entry.changes)
