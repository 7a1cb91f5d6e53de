"""Needs, offerings, matching and matching events: visibility, write rules, ranking with reasons, role matrices."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ipcustody.contracts import services
from ipcustody.contracts.models import MatchingEvent, Need, Offering
from ipcustody.core.testing import check_matrix
from ipcustody.directory.models import IndustrySegment, ServiceItem

LOGIN = 302


def items(*codes):
    return ServiceItem.objects.filter(code__in=codes)


@pytest.fixture
def need(world):
    return services.save_need(world.actor("ent_a_admin"), None, {"title": "高价值专利", "urgency": "high",
                                                                 "open_to_market": False, "description": "机密"},
                              service_items=items("patent_mining", "information_analysis"))


@pytest.fixture
def offerings(world):
    x = services.save_offering(world.actor("agency_x_admin"), None,
                               {"title": "X托管", "capacity": 10, "staff_count": 5, "price_min": 1, "price_max": 2},
                               service_items=items("patent_mining", "information_analysis"),
                               segments=[world.ent_a.segment])
    y = services.save_offering(world.actor("agency_y_staff"), None,
                               {"title": "Y咨询", "capacity": 5, "staff_count": 2, "price_min": 1, "price_max": 2},
                               service_items=items("information_analysis"))
    return x, y


def test_an_enterprise_publishes_a_need_for_itself_only(world, need):
    assert need.enterprise == world.ent_a
    with pytest.raises(PermissionDenied):
        services.save_need(world.actor("ent_a_reader"), None, {"title": "x"}, service_items=items("strategy"))
    with pytest.raises(PermissionDenied):
        services.save_need(world.actor("agency_x_admin"), None, {"title": "x"}, service_items=items("strategy"))


def test_a_need_not_open_to_the_market_stays_with_the_park_and_the_authorities(world, need):
    def sees(name):
        return Need.objects.visible_to(world.actor(name)).filter(pk=need.pk).exists()

    assert sees("ent_a_reader") and sees("park_a_reader") and sees("district_a") and sees("city")
    assert not sees("agency_x_staff") and not sees("agency_y_staff") and not sees("ent_b_admin")
    assert not sees("park_b_admin") and not sees("district_b")
    services.save_need(world.actor("ent_a_admin"), need, {"open_to_market": True}, service_items=need.service_items.all())
    assert sees("agency_x_staff") and sees("agency_y_staff") and not sees("ent_b_admin")
    services.set_need_status(world.actor("ent_a_admin"), need, "withdrawn")
    assert not sees("agency_y_staff")


def test_offerings_are_public_and_checked_for_the_patent_licence(world, offerings):
    for name in ["ent_b_admin", "park_b_admin", "agency_y_staff", "district_b"]:
        assert Offering.objects.visible_to(world.actor(name)).count() == 2
    with pytest.raises(ValidationError) as exc:
        services.save_offering(world.actor("agency_y_staff"), None, {"title": "专利", "price_min": 0, "price_max": 0},
                               service_items=items("application_drafting"))
    assert "§6.1" in str(exc.value.message_dict["service_items"])  # the licence rule, in any language
    services.set_offering_status(world.actor("agency_x_admin"), offerings[0], "withdrawn")
    assert Offering.objects.visible_to(world.actor("ent_a_admin")).count() == 1
    assert Offering.objects.visible_to(world.actor("agency_x_reader")).count() == 2  # its own withdrawn one too


def test_matching_ranks_agencies_with_reasons(world, need, offerings):
    rows = services.match_need(need)
    assert [r.agency for r in rows] == [world.agency_x, world.agency_y]
    assert rows[0].eligible and not rows[1].eligible  # Y has no patent licence for patent mining
    assert any("2" in reason and "2" in reason for reason in rows[0].reasons)
    html = world.client("park_a_reader").get(need.get_absolute_url()).content.decode()
    assert 'id="matches"' in html and world.agency_x.name in html


def test_agencies_do_not_see_the_ranking(world, need, offerings):
    services.save_need(world.actor("ent_a_admin"), need, {"open_to_market": True}, service_items=need.service_items.all())
    html = world.client("agency_y_staff").get(need.get_absolute_url()).content.decode()
    assert 'id="matches"' not in html


def test_a_park_records_a_matching_event_seen_by_its_attendees(world):
    event = services.save_event(world.actor("park_a_staff"), None,
                                {"title": "对接会", "held_on": datetime.date(2026, 3, 1), "place": "园区"},
                                enterprises=[world.ent_a], agencies=[world.agency_y])
    assert MatchingEvent.objects.visible_to(world.actor("agency_y_staff")).filter(pk=event.pk).exists()
    assert MatchingEvent.objects.visible_to(world.actor("ent_a_reader")).filter(pk=event.pk).exists()
    assert not MatchingEvent.objects.visible_to(world.actor("agency_x_staff")).exists()
    assert not MatchingEvent.objects.visible_to(world.actor("ent_b_admin")).exists()
    with pytest.raises(ValidationError):
        services.save_event(world.actor("park_a_staff"), None, {"title": "x", "held_on": datetime.date(2026, 3, 1)},
                            enterprises=[world.ent_b], agencies=[])
    with pytest.raises(PermissionDenied):
        services.save_event(world.actor("park_a_reader"), None, {"title": "x", "held_on": datetime.date(2026, 3, 1)},
                            enterprises=[], agencies=[])


def test_need_pages_matrix(world, need):
    check_matrix(world, "get", reverse("contracts:need-list"), {
        None: LOGIN, "platform_admin": 404, "nomember": 404, "city": 200, "agency_x_reader": 200, "ent_a_reader": 200,
    })
    check_matrix(world, "get", need.get_absolute_url(), {
        None: LOGIN, "agency_x_staff": 404, "ent_b_admin": 404, "park_b_admin": 404, "district_b": 404,
        "ent_a_reader": 200, "park_a_reader": 200, "district_a": 200, "city": 200,
    })
    check_matrix(world, "get", reverse("contracts:need-history", args=[need.pk]), {
        None: LOGIN, "agency_x_staff": 404, "ent_a_reader": 200,
    })
    check_matrix(world, "get", reverse("contracts:need-create"), {
        None: LOGIN, "ent_a_reader": 403, "agency_x_admin": 403, "city": 403, "park_a_reader": 403,
        "ent_a_admin": 200, "park_a_staff": 200,
    })
    check_matrix(world, "get", reverse("contracts:need-edit", args=[need.pk]), {
        None: LOGIN, "agency_x_staff": 404, "ent_b_admin": 404, "ent_a_reader": 403, "city": 403,
        "ent_a_admin": 200, "park_a_staff": 200,
    })
    check_matrix(world, "post", reverse("contracts:need-action", args=[need.pk, "withdraw"]), {
        None: LOGIN, "agency_x_staff": 404, "ent_a_reader": 403, "city": 403,
    })


def test_offering_pages_matrix(world, offerings):
    x = offerings[0]
    check_matrix(world, "get", reverse("contracts:offering-list"), {
        None: LOGIN, "platform_admin": 404, "city": 200, "ent_b_admin": 200, "agency_y_staff": 200,
    })
    check_matrix(world, "get", x.get_absolute_url(), {
        None: LOGIN, "platform_admin": 404, "nomember": 404, "ent_b_admin": 200, "agency_y_staff": 200, "city": 200,
    })
    check_matrix(world, "get", reverse("contracts:offering-create"), {
        None: LOGIN, "agency_x_reader": 403, "ent_a_admin": 403, "park_a_staff": 403, "city": 403,
        "agency_x_staff": 200,
    })
    check_matrix(world, "get", reverse("contracts:offering-edit", args=[x.pk]), {
        None: LOGIN, "agency_y_staff": 403, "agency_x_reader": 403, "park_a_staff": 403, "agency_x_admin": 200,
    })
    check_matrix(world, "get", reverse("contracts:offering-history", args=[x.pk]), {None: LOGIN, "ent_b_admin": 200})
    check_matrix(world, "post", reverse("contracts:offering-action", args=[x.pk, "withdraw"]), {
        None: LOGIN, "agency_y_staff": 403, "agency_x_reader": 403,
    })


def test_event_pages_matrix(world):
    event = services.save_event(world.actor("park_a_staff"), None, {"title": "对接会", "held_on": datetime.date(2026, 3, 1)},
                                enterprises=[world.ent_a], agencies=[world.agency_x])
    check_matrix(world, "get", reverse("contracts:event-list"), {None: LOGIN, "platform_admin": 404, "city": 200,
                                                                 "ent_b_admin": 200})
    check_matrix(world, "get", event.get_absolute_url(), {
        None: LOGIN, "ent_b_admin": 404, "agency_y_staff": 404, "park_b_admin": 404, "district_b": 404,
        "ent_a_reader": 200, "agency_x_reader": 200, "park_a_reader": 200, "district_a": 200,
    })
    check_matrix(world, "get", reverse("contracts:event-history", args=[event.pk]), {None: LOGIN, "ent_b_admin": 404,
                                                                                       "park_a_reader": 200})
    check_matrix(world, "get", reverse("contracts:event-create"), {
        None: LOGIN, "park_a_reader": 403, "agency_x_admin": 403, "ent_a_admin": 403, "city": 403, "park_a_staff": 200,
    })
    check_matrix(world, "get", reverse("contracts:event-edit", args=[event.pk]), {
        None: LOGIN, "park_b_admin": 404, "park_a_reader": 403, "agency_x_admin": 403, "park_a_admin": 200,
    })


@pytest.mark.parametrize("name", ["need-list", "offering-list", "event-list", "procedure-list"])
def test_market_lists_use_a_bounded_number_of_queries(world, name, django_assert_max_num_queries):
    segment = IndustrySegment.objects.first()
    for i in range(25):
        n = services.save_need(world.actor("ent_a_admin"), None, {"title": f"需求{i}"}, service_items=items("strategy"))
        assert (n.enterprise, n.status, n.open_to_market) == (world.ent_a, "open", False)
        o = services.save_offering(world.actor("agency_x_admin"), None, {"title": f"服务{i}", "price_min": 0, "price_max": 0},
                                   service_items=items("strategy", "training"), segments=[segment])
        assert (o.agency, o.status, sorted(i.code for i in o.service_items.all())) == (
            world.agency_x, "active", ["strategy", "training"])
        services.save_event(world.actor("park_a_staff"), None, {"title": f"会{i}", "held_on": datetime.date(2026, 1, 1)},
                            enterprises=[world.ent_a], agencies=[world.agency_x])
    client = world.client("park_a_admin")
    with django_assert_max_num_queries(16):
        assert client.get(reverse(f"contracts:{name}") + "?size=100").status_code == 200


def test_it_shows_attending_enterprises_only_to_who_may_see_them(world):
    event = services.save_event(world.actor("park_a_staff"), None, {"title": "对接会", "held_on": datetime.date(2026, 3, 1)},
                                enterprises=[world.ent_a, world.ent_a2], agencies=[world.agency_x, world.agency_y])

    def shown(name):
        response = world.client(name).get(event.get_absolute_url())
        assert response.status_code == 200, name
        return ({e.name for e in response.context["enterprises"]}, {a.name for a in response.context["agencies"]})

    both = {world.ent_a.name, world.ent_a2.name}
    agencies = {world.agency_x.name, world.agency_y.name}
    assert shown("park_a_reader") == shown("district_a") == shown("city") == (both, agencies)
    assert shown("ent_a_reader") == ({world.ent_a.name}, agencies)  # itself, not the other attending enterprise
    assert shown("agency_x_staff") == ({world.ent_a.name}, agencies)  # the enterprise it serves; A2's contract ended
    assert shown("agency_y_staff") == (set(), agencies)  # serves no enterprise of this park
    html = world.client("ent_a_reader").get(event.get_absolute_url()).content.decode()
    assert world.ent_a2.name not in html


def test_the_page_says_assessment_results_do_not_count_yet(world, need, offerings):
    html = world.client("park_a_reader").get(need.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "free capacity (20) and past assessment results (10)" not in html  # no assessment data exists
    assert "once annual assessment results exist" in html
    rows = services.match_need(need)
    assert rows and not any(r.assessed for r in rows) and all(r.score <= 90 for r in rows)


def test_the_need_page_ranks_many_agencies_with_a_bounded_number_of_queries(world, need, django_assert_max_num_queries):
    from ipcustody.directory.models import Agency

    for i in range(12):  # fixture rows: twelve agencies covering only one of the two items needed
        agency = Agency.objects.create(name=f"机构{i}", agency_kind="law_firm")
        offering = Offering.objects.create(agency=agency, title=f"咨询{i}", capacity=5)
        offering.service_items.set(items("information_analysis"))
    client = world.client("park_a_reader")
    with django_assert_max_num_queries(14):  # 24 with a query per agency ranked
        response = client.get(need.get_absolute_url())
    assert response.status_code == 200 and len(response.context["matches"]) == 12
    assert all(len(m.reasons) >= 3 for m in response.context["matches"])
