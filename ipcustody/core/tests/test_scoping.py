"""The one scoping rule: which scope each kind of membership gets, and the supervising scopes' park filter."""

from ipcustody.core.actor import Actor
from ipcustody.core.scoping import ScopeKind, can_write_business, scope_for, supervised
from ipcustody.directory.models import Enterprise, Park


def test_each_membership_gets_its_scope(world):
    assert scope_for(world.actor("city")).kind is ScopeKind.ALL
    district = scope_for(world.actor("district_a"))
    assert district.kind is ScopeKind.DISTRICT and district.district_id == world.district_a.pk
    assert scope_for(world.actor("park_a_reader")).park_id == world.park_a.pk
    assert scope_for(world.actor("agency_x_staff")).agency_id == world.agency_x.pk
    assert scope_for(world.actor("ent_a_reader")).enterprise_id == world.ent_a.pk


def test_a_superuser_without_membership_has_no_business_scope(world):
    assert scope_for(Actor(user=world.users["platform_admin"])).kind is ScopeKind.NONE
    assert scope_for(Actor(user=None)).kind is ScopeKind.NONE


def test_authorities_write_business_data_only_when_granted(world):
    assert not can_write_business(world.actor("city"))
    assert can_write_business(world.actor("city_granted"))
    assert not can_write_business(world.actor("park_a_reader"))
    assert can_write_business(world.actor("park_a_staff"))


def test_supervised_filters_by_the_path_to_the_park(world):
    district = scope_for(world.actor("district_a"))
    assert set(supervised(Enterprise.objects.all(), district, "park")) == {world.ent_a, world.ent_a2}
    assert set(supervised(Park.objects.all(), district, "")) == {world.park_a}
    assert set(supervised(Park.objects.all(), scope_for(world.actor("park_b_admin")), "")) == {world.park_b}
    assert supervised(Park.objects.all(), scope_for(world.actor("agency_x_staff")), "") is None
