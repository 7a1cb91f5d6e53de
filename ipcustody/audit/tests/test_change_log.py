"""The change log: every create/update/delete of business data, in the same transaction, without secrets."""

import pytest
from django.db import transaction

from ipcustody.audit.models import ChangeLogEntry
from ipcustody.audit.services import acting_as, is_secret, snapshot
from ipcustody.core.testing import valid_code
from ipcustody.directory import services
from ipcustody.directory.models import Contact, Enterprise, ServiceItem


def entries_for(obj):
    return ChangeLogEntry.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)


def test_a_service_change_records_actor_organisation_and_before_after(world):
    actor = world.actor("park_a_staff")
    services.save_enterprise(actor, world.ent_a, {"ip_staff_count": 4, "address": "枫林路1号"})
    entry = entries_for(world.ent_a).latest("pk")
    assert entry.action == "update"
    assert entry.actor == world.users["park_a_staff"] and entry.actor_label == "park_a_staff"
    assert entry.organisation_id == world.park_a.pk
    assert entry.changes == {"ip_staff_count": [0, 4], "address": ["", "枫林路1号"]}


def test_creation_is_recorded_with_every_value(world):
    actor = world.actor("park_a_staff")
    enterprise = services.save_enterprise(
        actor, None, {"name": "新", "credit_code": valid_code("91310104MA1FL0055"), "park": world.park_a}
    )
    entry = entries_for(enterprise).get()
    assert entry.action == "create"
    assert entry.changes["name"] == [None, "新"]
    assert entry.changes["park"] == [None, "甲园区"]


def test_a_rolled_back_change_leaves_no_entry(world):
    before = ChangeLogEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic(), acting_as(world.actor("park_a_staff")):
        world.ent_a.name = "回滚"
        world.ent_a.save()
        raise RuntimeError
    assert ChangeLogEntry.objects.count() == before


def test_a_change_that_leaves_the_actors_scope_is_rolled_back_with_its_entry(world):
    from django.core.exceptions import PermissionDenied

    before = ChangeLogEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.save_enterprise(world.actor("park_a_staff"), world.ent_a, {"park": world.park_b})
    world.ent_a.refresh_from_db()
    assert world.ent_a.park == world.park_a
    assert ChangeLogEntry.objects.count() == before


def test_deleting_a_contact_is_recorded_on_the_enterprise_history(world):
    contact = Contact.objects.create(enterprise=world.ent_a, name="王伟")
    with acting_as(world.actor("ent_a_admin")):
        contact.delete()
    entry = ChangeLogEntry.objects.filter(action="delete").latest("pk")
    assert entry.root_object_id == str(world.ent_a.pk)
    assert entry.changes["name"] == ["王伟", None]


def test_many_to_many_changes_are_recorded(world):
    item = ServiceItem.objects.get(code="enforcement")
    services.save_agency(world.actor("agency_x_admin"), world.agency_x, {}, service_items=[item])
    entry = entries_for(world.agency_x).filter(action="update").latest("pk")
    assert entry.changes["service_items"][1] == [str(item)]


def test_an_unchanged_save_writes_nothing(world):
    before = ChangeLogEntry.objects.count()
    services.save_enterprise(world.actor("park_a_staff"), world.ent_a, {"name": world.ent_a.name})
    assert ChangeLogEntry.objects.count() == before


def test_changes_outside_a_request_are_recorded_as_system(world):
    Enterprise.objects.filter(pk=world.ent_a.pk)  # no-op query
    world.ent_a.name = "系统改名"
    world.ent_a.save()
    assert entries_for(world.ent_a).latest("pk").actor_label == "system"


@pytest.mark.parametrize("name", ["password", "webhook_secret", "api_token", "key_hash", "dingtalk_webhook_url"])
def test_secret_fields_are_never_logged(name):
    assert is_secret(name)


def test_snapshots_hold_no_secret_or_bookkeeping_fields(world):
    data = snapshot(world.ent_a)
    assert "created_at" not in data and "updated_at" not in data and "organisation_ptr" not in data
    assert data["credit_code"] == world.ent_a.credit_code


def test_a_membership_change_is_recorded_on_the_organisations_history(world):
    from django.contrib.contenttypes.models import ContentType

    membership = world.memberships["city"]
    with acting_as(world.actor("city_admin")):
        membership.business_write = True
        membership.save()
    entry = ChangeLogEntry.objects.filter(content_type__model="membership").latest("pk")
    assert entry.changes == {"business_write": [False, True]}
    assert entry.root_content_type == ContentType.objects.get_for_model(type(world.city), for_concrete_model=False)
    assert entry.root_object_id == str(world.city.pk)


def test_a_token_is_recorded_without_its_key(world):
    from ipcustody.accounts.services import create_token

    token, key = create_token(world.actor("park_a_reader"), name="同步", membership=world.memberships["park_a_reader"])
    entry = ChangeLogEntry.objects.filter(content_type__model="apitoken").latest("pk")
    assert entry.changes["name"] == [None, "同步"]
    assert key not in str(entry.changes) and token.key_hash not in str(entry.changes)
