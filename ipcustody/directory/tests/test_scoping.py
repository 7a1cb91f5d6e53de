"""Who sees which organisations: the confidentiality rules of the foundation issue, one test per rule."""

import datetime

import pytest
from django.utils import timezone

from ipcustody.directory.models import Agency, Authority, Enterprise, Park


def names(qs):
    return sorted(o.name for o in qs)


def test_city_bureau_sees_everything(world):
    actor = world.actor("city")
    assert Enterprise.objects.visible_to(actor).count() == 3
    assert Park.objects.visible_to(actor).count() == 2
    assert Agency.objects.visible_to(actor).count() == 2
    assert Authority.objects.visible_to(actor).count() == 3


def test_district_sees_only_its_parks_and_their_enterprises(world):
    actor = world.actor("district_a")
    assert names(Park.objects.visible_to(actor)) == ["甲园区"]
    assert names(Enterprise.objects.visible_to(actor)) == ["甲二企业", "甲企业"]
    assert names(Authority.objects.visible_to(actor)) == ["市知识产权局", "甲区知识产权局"]
    # agencies: only those serving its enterprises today (X serves A)
    assert names(Agency.objects.visible_to(actor)) == ["X专利代理"]


def test_park_sees_its_enterprises_and_the_agencies_serving_them(world):
    actor = world.actor("park_a_reader")
    assert names(Enterprise.objects.visible_to(actor)) == ["甲二企业", "甲企业"]
    assert names(Agency.objects.visible_to(actor)) == ["X专利代理"]
    assert names(Park.objects.visible_to(actor)) == ["甲园区"]


def test_agency_sees_exactly_the_enterprises_it_serves_today(world):
    actor = world.actor("agency_x_staff")
    # A2's contract ended yesterday, B is served by Y
    assert names(Enterprise.objects.visible_to(actor)) == ["甲企业"]
    assert names(Agency.objects.visible_to(actor)) == ["X专利代理"]
    assert names(Park.objects.visible_to(actor)) == ["甲园区"]
    assert Authority.objects.visible_to(actor).count() == 0


def test_agency_loses_an_enterprise_the_day_after_its_contract_ends(world):
    actor = world.actor("agency_x_staff")
    world.link_x_a.end_date = timezone.localdate() - datetime.timedelta(days=1)
    world.link_x_a.save()
    assert Enterprise.objects.visible_to(actor).count() == 0


def test_agency_does_not_see_an_enterprise_before_its_contract_starts(world):
    from ipcustody.core.testing import make_contract

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    make_contract(world.park_a, world.agency_y, world.ent_a, tomorrow, tomorrow + datetime.timedelta(days=364))
    assert names(Enterprise.objects.visible_to(world.actor("agency_y_staff"))) == ["乙企业"]


def test_enterprise_sees_only_itself(world):
    actor = world.actor("ent_a_reader")
    assert names(Enterprise.objects.visible_to(actor)) == ["甲企业"]
    assert names(Agency.objects.visible_to(actor)) == ["X专利代理"]
    assert names(Park.objects.visible_to(actor)) == ["甲园区"]


@pytest.mark.parametrize("name", ["platform_admin", "nomember"])
def test_users_without_membership_see_no_business_data(world, name):
    from ipcustody.core.actor import Actor

    actor = Actor(user=world.users[name])
    assert Enterprise.objects.visible_to(actor).count() == 0
    assert Agency.objects.visible_to(actor).count() == 0
    assert Park.objects.visible_to(actor).count() == 0


def test_a_deactivated_membership_sees_nothing(world):
    membership = world.memberships["park_a_admin"]
    membership.is_active = False
    membership.save()
    assert Enterprise.objects.visible_to(world.actor("park_a_admin")).count() == 0
