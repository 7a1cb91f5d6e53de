"""Role matrix for every directory page: anonymous → login, not visible → 404, read-only → 403, allowed → 200."""

import pytest
from django.urls import reverse

from ipcustody.core.testing import check_matrix

LOGIN = 302


def test_enterprise_detail_matrix(world):
    url = reverse("directory:enterprise-detail", args=[world.ent_a.pk])
    check_matrix(world, "get", url, {
        None: LOGIN, "platform_admin": 404, "nomember": 404,
        "ent_b_admin": 404, "agency_y_staff": 404, "park_b_admin": 404, "district_b": 404,
        "ent_a_reader": 200, "ent_a_admin": 200, "agency_x_reader": 200, "park_a_reader": 200,
        "district_a": 200, "city": 200,
    })


def test_enterprise_edit_matrix(world):
    url = reverse("directory:enterprise-edit", args=[world.ent_a.pk])
    check_matrix(world, "get", url, {
        None: LOGIN, "platform_admin": 404, "ent_b_admin": 404, "agency_y_staff": 404, "district_b": 404,
        "ent_a_reader": 403, "park_a_reader": 403, "agency_x_staff": 403, "agency_x_admin": 403,
        "city": 403, "district_a": 403,
        "ent_a_admin": 200, "park_a_staff": 200, "park_a_admin": 200, "city_granted": 200,
    })


def test_enterprise_edit_post_is_refused_to_read_only_roles(world):
    url = reverse("directory:enterprise-edit", args=[world.ent_a.pk])
    data = {"name": "改名", "credit_code": world.ent_a.credit_code, "size": "small", "ip_staff_count": 1,
            "contacts-TOTAL_FORMS": 0, "contacts-INITIAL_FORMS": 0}
    check_matrix(world, "post", url, {None: LOGIN, "ent_b_admin": 404, "park_a_reader": 403, "city": 403}, data)
    world.ent_a.refresh_from_db()
    assert world.ent_a.name == "甲企业"


def test_enterprise_create_matrix(world):
    url = reverse("directory:enterprise-create")
    check_matrix(world, "get", url, {
        None: LOGIN, "platform_admin": 404, "nomember": 404,
        "ent_a_admin": 403, "agency_x_admin": 403, "park_a_reader": 403, "city": 403, "district_a": 403,
        "park_a_staff": 200, "city_granted": 200,
    })


def test_enterprise_history_matrix(world):
    url = reverse("directory:enterprise-history", args=[world.ent_a.pk])
    check_matrix(world, "get", url, {
        None: LOGIN, "ent_b_admin": 404, "agency_y_staff": 404, "platform_admin": 404,
        "ent_a_reader": 200, "agency_x_staff": 200, "park_a_reader": 200, "city": 200,
    })


@pytest.mark.parametrize("kind", ["authority", "park", "agency", "enterprise"])
def test_list_pages_need_a_login_and_an_organisation(world, kind):
    url = reverse(f"directory:{kind}-list")
    check_matrix(world, "get", url, {None: LOGIN, "platform_admin": 404, "nomember": 404, "city": 200,
                                     "park_a_reader": 200, "agency_x_staff": 200, "ent_a_reader": 200})


def test_enterprise_list_shows_only_visible_rows(world):
    response = world.client("agency_x_staff").get(reverse("directory:enterprise-list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "甲企业" in content and "乙企业" not in content and "甲二企业" not in content


def test_park_matrix(world):
    detail = reverse("directory:park-detail", args=[world.park_a.pk])
    edit = reverse("directory:park-edit", args=[world.park_a.pk])
    check_matrix(world, "get", detail, {
        None: LOGIN, "park_b_admin": 404, "district_b": 404, "agency_y_staff": 404, "ent_b_admin": 404,
        "park_a_reader": 200, "district_a": 200, "city": 200, "agency_x_staff": 200, "ent_a_reader": 200,
    })
    check_matrix(world, "get", edit, {
        None: LOGIN, "park_b_admin": 404, "park_a_reader": 403, "park_a_staff": 403, "district_a": 403,
        "ent_a_admin": 403, "park_a_admin": 200, "city": 200,
    })
    check_matrix(world, "get", reverse("directory:park-create"), {
        None: LOGIN, "park_a_admin": 403, "district_a": 403, "city": 200,
    })
    check_matrix(world, "get", reverse("directory:park-history", args=[world.park_a.pk]), {
        None: LOGIN, "park_b_admin": 404, "park_a_reader": 200,
    })


def test_agency_matrix(world):
    detail = reverse("directory:agency-detail", args=[world.agency_x.pk])
    edit = reverse("directory:agency-edit", args=[world.agency_x.pk])
    check_matrix(world, "get", detail, {
        None: LOGIN, "agency_y_staff": 404, "park_b_admin": 404, "ent_b_admin": 404, "district_b": 404,
        "agency_x_reader": 200, "park_a_reader": 200, "ent_a_reader": 200, "district_a": 200, "city": 200,
    })
    check_matrix(world, "get", edit, {
        None: LOGIN, "agency_y_staff": 404, "agency_x_reader": 403, "agency_x_staff": 403, "park_a_admin": 403,
        "agency_x_admin": 200, "city": 200,
    })
    check_matrix(world, "get", reverse("directory:agency-create"), {
        None: LOGIN, "agency_x_admin": 403, "park_a_admin": 403, "city": 200,
    })
    check_matrix(world, "get", reverse("directory:agency-history", args=[world.agency_x.pk]), {
        None: LOGIN, "agency_y_staff": 404, "agency_x_reader": 200,
    })


def test_authority_matrix(world):
    detail = reverse("directory:authority-detail", args=[world.district_a.pk])
    check_matrix(world, "get", detail, {
        None: LOGIN, "district_b": 404, "park_b_admin": 404, "agency_x_admin": 404, "ent_a_admin": 404,
        "district_a": 200, "park_a_reader": 200, "city": 200,
    })
    check_matrix(world, "get", reverse("directory:authority-edit", args=[world.district_a.pk]), {
        None: LOGIN, "district_b": 404, "park_a_admin": 403, "district_a": 403, "city": 403, "city_admin": 200,
    })
    check_matrix(world, "get", reverse("directory:authority-create"), {
        None: LOGIN, "district_a": 403, "city": 403, "city_admin": 200,
    })
    check_matrix(world, "get", reverse("directory:authority-history", args=[world.district_a.pk]), {
        None: LOGIN, "district_b": 404, "district_a": 200,
    })


def test_list_counts_only_what_the_actor_may_see(world):
    # agency X serves one of park A's two enterprises: it must not learn how many the park has
    response = world.client("agency_x_staff").get(reverse("directory:park-list"))
    park = next(p for p in response.context["rows"] if p.pk == world.park_a.pk)
    assert park.enterprise_count == 1
    city = world.client("city").get(reverse("directory:park-list"))
    assert next(p for p in city.context["rows"] if p.pk == world.park_a.pk).enterprise_count == 2


def test_agency_status_workflow(world):
    from ipcustody.audit.models import ChangeLogEntry

    suspend = reverse("directory:agency-status", args=[world.agency_x.pk, "suspended"])
    check_matrix(world, "get", suspend, {None: LOGIN, "agency_y_staff": 404, "agency_x_admin": 403, "park_a_admin": 403,
                                         "district_a": 403, "city": 200})
    client = world.client("city")
    assert client.post(suspend, {"reason": ""}).status_code == 400
    assert client.post(suspend, {"reason": "年度检查未通过"}).status_code == 302
    world.agency_x.refresh_from_db()
    assert world.agency_x.status == "suspended"
    entry = ChangeLogEntry.objects.filter(object_id=str(world.agency_x.pk), content_type__model="agency").latest("pk")
    assert entry.changes["status"] == ["active", "suspended"] and entry.changes["reason"][1] == "年度检查未通过"
    # suspended → suspended is not a transition; a status outside the list is 404
    assert client.get(suspend).status_code == 403
    assert client.get(reverse("directory:agency-status", args=[world.agency_x.pk, "bogus"])).status_code == 404
    # the profile form and the API cannot write the status
    response = world.client("agency_x_admin").get(reverse("directory:agency-edit", args=[world.agency_x.pk]))
    assert "status" not in response.context["form"].fields
