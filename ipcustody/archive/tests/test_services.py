"""Archive services: write permissions, validation with clear errors, derived status, change log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipcustody.archive import services
from ipcustody.archive.models import Asset, AssetKind, AssetStatus, EventKind
from ipcustody.audit.models import ChangeLogEntry

from .conftest import app_number


def data(world, **extra):
    base = {"owner": world.ent_a, "kind": AssetKind.INVENTION, "title": "一种双特异性抗体",
            "number": "201711118060.3", "filing_date": datetime.date(2017, 11, 13)}
    return {**base, **extra}


@pytest.mark.parametrize("name", ["ent_a_admin", "park_a_staff", "agency_x_staff", "agency_x_admin", "city_granted"])
def test_the_writers_of_the_rule_may_create_an_asset(world, name):
    asset = services.save_asset(world.actor(name), None, data(world))
    assert asset.pk and asset.status == AssetStatus.FILED


@pytest.mark.parametrize("name", ["ent_a_reader", "park_a_reader", "agency_x_reader", "city", "district_a"])
def test_read_only_roles_and_ungranted_authorities_may_not_write(world, name):
    with pytest.raises(PermissionDenied):
        services.save_asset(world.actor(name), None, data(world))


@pytest.mark.parametrize("name", ["ent_b_admin", "agency_y_staff", "park_b_admin"])
def test_nobody_writes_into_an_enterprise_it_does_not_see(world, name):
    with pytest.raises(ValidationError) as exc:
        services.save_asset(world.actor(name), None, data(world))
    assert "owner" in exc.value.message_dict


def test_an_agency_creating_an_asset_is_recorded_as_its_producer(world):
    asset = services.save_asset(world.actor("agency_x_staff"), None, data(world))
    assert asset.produced_by == world.agency_x
    assert services.save_asset(world.actor("park_a_staff"), None, data(world, number=app_number(2017, "1", 9),
                                                                          title="另一")).produced_by is None


def test_an_agency_keeps_read_only_access_to_what_it_produced_after_the_relation_ends(assets):
    actor = assets.actor("agency_x_admin")
    asset = services.get_asset_for_user(actor, assets.asset_a2_by_x.pk)
    assert not services.can_edit_asset(actor, asset)
    with pytest.raises(PermissionDenied):
        services.save_asset(actor, asset, {"title": "改"})


def test_it_rejects_a_wrong_check_digit_with_the_right_one_in_the_message(world):
    with pytest.raises(ValidationError) as exc:
        services.save_asset(world.actor("ent_a_admin"), None, data(world, number="201711118060.4"))
    assert "3" in " ".join(exc.value.message_dict["number"])


def test_it_rejects_a_grant_date_before_filing(world):
    with pytest.raises(ValidationError) as exc:
        services.save_asset(world.actor("ent_a_admin"), None, data(world, grant_date=datetime.date(2016, 1, 1),
                                                                   grant_number="ZL201711118060.3"))
    assert "grant_date" in exc.value.message_dict


def test_it_rejects_a_filing_year_different_from_the_number(world):
    with pytest.raises(ValidationError) as exc:
        services.save_asset(world.actor("ent_a_admin"), None, data(world, filing_date=datetime.date(2018, 1, 5)))
    assert "number" in exc.value.message_dict


def test_it_rejects_a_nice_class_outside_1_to_45(world):
    with pytest.raises(ValidationError) as exc:
        services.save_asset(world.actor("ent_a_admin"), None, {
            "owner": world.ent_a, "kind": AssetKind.TRADEMARK, "title": "甲", "number": "87654321", "nice_classes": "5,46"})
    assert "nice_classes" in exc.value.message_dict


def test_it_rejects_a_duplicate_number_within_an_enterprise_but_not_across_enterprises(world):
    services.save_asset(world.actor("park_a_staff"), None, data(world))
    with pytest.raises(ValidationError):
        services.save_asset(world.actor("park_a_staff"), None, data(world, number="CN 2017 1111 8060.3"))
    # a co-owned patent may sit in two enterprises' archives
    services.save_asset(world.actor("park_a_staff"), None, data(world, owner=world.ent_a2))


def test_it_normalises_the_number_and_the_classes(world):
    asset = services.save_asset(world.actor("ent_a_admin"), None, data(world, number="CN2017111180603",
                                                                       classes="a61k 39/395；C07K 16/28"))
    assert asset.number == "201711118060.3"
    assert asset.classes == "A61K 39/395; C07K 16/28" and asset.main_class == "A61K"


def test_it_rejects_a_priority_claim_older_than_twelve_months(world):
    claims = [{"country": "US", "number": "62/123,456", "date": "2016-10-01"}]
    with pytest.raises(ValidationError) as exc:
        services.save_asset(world.actor("ent_a_admin"), None, data(world, priority_claims=claims))
    assert "priority_claims" in exc.value.message_dict
    claims[0]["date"] = "2016-12-01"
    assert services.save_asset(world.actor("ent_a_admin"), None, data(world, priority_claims=claims)).priority_claims


def test_the_status_follows_the_events_and_is_never_typed(world):
    actor = world.actor("ent_a_admin")
    asset = services.save_asset(actor, None, data(world, publication_number="CN108722134A",
                                                  publication_date=datetime.date(2018, 11, 2)))
    assert asset.status == AssetStatus.PUBLISHED
    asset = services.save_asset(actor, asset, {"grant_date": datetime.date(2020, 2, 4), "grant_number": "CN108722134B"})
    assert asset.status == AssetStatus.IN_FORCE
    lapse = services.save_event(actor, asset, None, {"kind": EventKind.LAPSED, "date": datetime.date(2023, 2, 1)})
    asset.refresh_from_db()
    assert asset.status == AssetStatus.LAPSED and asset.status_since == datetime.date(2023, 2, 1)
    services.delete_event(actor, lapse)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_FORCE


def test_an_event_before_the_filing_date_is_refused(world):
    actor = world.actor("ent_a_admin")
    asset = services.save_asset(actor, None, data(world))
    with pytest.raises(ValidationError):
        services.save_event(actor, asset, None, {"kind": EventKind.LICENSED, "date": datetime.date(2010, 1, 1)})


def test_a_date_mirroring_event_cannot_be_edited_apart_from_its_date(world):
    actor = world.actor("ent_a_admin")
    asset = services.save_asset(actor, None, data(world))
    filed = asset.events.get(kind=EventKind.FILED)
    with pytest.raises(ValidationError):
        services.save_event(actor, asset, filed, {"kind": EventKind.FILED, "date": datetime.date(2017, 12, 1)})
    with pytest.raises(ValidationError):
        services.delete_event(actor, filed)


def test_every_change_is_logged_on_the_assets_history(world):
    actor = world.actor("ent_a_admin")
    asset = services.save_asset(actor, None, data(world))
    services.save_event(actor, asset, None, {"kind": EventKind.EXAMINATION_REQUESTED, "date": datetime.date(2018, 1, 1)})
    entries = ChangeLogEntry.objects.filter(root_object_id=str(asset.pk))
    assert entries.filter(action="create", content_type__model="asset").exists()
    assert entries.filter(action="create", content_type__model="assetevent").count() == 2
    assert not any("search_text" in e.changes for e in entries)


def test_a_trade_secret_holds_metadata_only_and_its_staff_must_serve_the_enterprise(world):
    actor = world.actor("ent_a_admin")
    secret = {"owner": world.ent_a, "kind": AssetKind.TRADE_SECRET, "title": "配方", "custodian": "王工"}
    asset = services.save_asset(actor, None, secret, responsible_staff=[world.users["agency_x_staff"]])
    assert list(asset.responsible_staff.all()) == [world.users["agency_x_staff"]]
    with pytest.raises(ValidationError) as exc:
        services.save_asset(actor, asset, {}, responsible_staff=[world.users["agency_y_staff"]])
    assert "responsible_staff" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.save_asset(actor, None, {**secret, "filing_date": datetime.date(2020, 1, 1)})


def test_viewing_a_trade_secret_is_recorded(assets):
    actor = assets.actor("agency_x_staff")
    services.record_view(actor, services.get_asset_for_user(actor, assets.secret_a.pk))
    entry = ChangeLogEntry.objects.get(action="view")
    assert entry.actor == assets.users["agency_x_staff"] and entry.object_id == str(assets.secret_a.pk)


def test_search_text_is_normalised(world):
    asset = services.save_asset(world.actor("ent_a_admin"), None, data(world, title="ＰＤ－１抗体", inventors="张伟"))
    assert "pd-1抗体" in Asset.objects.get(pk=asset.pk).search_text
