"""Who sees which assets: one test per confidentiality rule of the archive issue."""

import datetime

from django.utils import timezone

from ipcustody.archive.models import Asset


def titles(world, name):
    return sorted(Asset.objects.visible_to(world.actor(name)).values_list("title", flat=True))


def test_the_city_sees_every_asset_but_no_trade_secret(assets):
    assert "细胞培养基配方" not in titles(assets, "city")
    assert len(titles(assets, "city")) == 5


def test_a_district_sees_only_its_parks_assets(assets):
    assert titles(assets, "district_a") == sorted(["一种抗PD-1单克隆抗体及其制备方法", "甲牌", "一种医用导管", "一种检测试剂盒"])
    assert titles(assets, "district_b") == ["一种注射器外观"]


def test_a_park_sees_its_enterprises_assets_but_not_their_trade_secrets(assets):
    assert "细胞培养基配方" not in titles(assets, "park_a_admin")
    assert len(titles(assets, "park_a_reader")) == 4
    assert titles(assets, "park_b_admin") == ["一种注射器外观"]


def test_an_enterprise_sees_only_its_own_assets_including_its_trade_secrets(assets):
    assert titles(assets, "ent_a_reader") == sorted(["一种抗PD-1单克隆抗体及其制备方法", "甲牌", "细胞培养基配方"])
    assert titles(assets, "ent_b_admin") == ["一种注射器外观"]


def test_an_agency_sees_what_it_serves_plus_what_it_produced_under_an_ended_relation(assets):
    seen = titles(assets, "agency_x_admin")
    assert "一种医用导管" in seen  # produced by X for A2, relation ended yesterday
    assert "一种检测试剂盒" not in seen  # A2's other asset: not produced by X
    assert "一种注射器外观" not in seen
    assert "细胞培养基配方" not in seen  # not assigned to agency_x_admin


def test_a_trade_secret_is_visible_to_the_assigned_agency_user_only(assets):
    assert "细胞培养基配方" in titles(assets, "agency_x_staff")
    assert "细胞培养基配方" not in titles(assets, "agency_x_reader")


def test_an_assigned_agency_user_loses_the_secret_when_the_relation_ends(assets):
    assets.link_x_a.end_date = timezone.localdate() - datetime.timedelta(days=1)
    assets.link_x_a.save()
    assert "细胞培养基配方" not in titles(assets, "agency_x_staff")


def test_the_platform_admin_and_users_without_organisation_see_nothing(assets):
    assert titles(assets, "platform_admin") == []
    assert titles(assets, "nomember") == []
