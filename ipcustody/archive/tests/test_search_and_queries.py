"""Chinese search over the archive (both databases) and bounded query counts for the list, search and API."""

import pytest
from django.urls import reverse

from ipcustody.archive.models import Asset, AssetKind

from .conftest import make_asset


def found(world, user, query):
    response = world.client(user).get(reverse("archive:asset-list"), {"q": query, "size": 100})
    assert response.status_code == 200
    return sorted(row.title for row in response.context["rows"])


def test_a_chinese_word_from_the_middle_of_a_title_finds_the_asset(assets):
    assert found(assets, "city", "单克隆") == ["一种抗PD-1单克隆抗体及其制备方法"]
    assert found(assets, "city", "制备") == ["一种抗PD-1单克隆抗体及其制备方法"]


def test_search_covers_inventors_right_holders_numbers_and_is_case_and_width_insensitive(assets):
    assert found(assets, "city", "李芳") == ["一种抗PD-1单克隆抗体及其制备方法"]
    assert found(assets, "city", "pd-1") == ["一种抗PD-1单克隆抗体及其制备方法"]
    assert found(assets, "city", "ＰＤ－１") == ["一种抗PD-1单克隆抗体及其制备方法"]
    assert found(assets, "city", assets.asset_b.number) == ["一种注射器外观"]
    assert found(assets, "city", "抗体 制备") == ["一种抗PD-1单克隆抗体及其制备方法"]


def test_search_stays_within_what_the_user_may_see(assets):
    assert found(assets, "ent_b_admin", "单克隆") == []
    assert found(assets, "park_a_admin", "培养基") == []  # a trade secret of A
    assert found(assets, "ent_a_reader", "培养基") == ["细胞培养基配方"]


def test_filters_by_kind_status_ipc_owner_park_and_dates(assets):
    client = assets.client("city")
    url = reverse("archive:asset-list")

    def titles(**params):
        return sorted(r.title for r in client.get(url, {**params, "size": 100}).context["rows"])

    assert titles(kind="design") == ["一种注射器外观"]
    assert titles(owner=assets.ent_a.pk) == ["一种抗PD-1单克隆抗体及其制备方法", "甲牌"]
    assert titles(park=assets.park_b.pk) == ["一种注射器外观"]
    assert titles(status="filed", kind="utility_model") == ["一种医用导管"]
    assert titles(filed_from="2019-01-01", filed_to="2019-12-31") == ["甲牌"]
    make_asset(assets.ent_a, title="分类测试", serial=77, classes="C12N 15/13")
    assert titles(ipc="C12N") == ["分类测试"]


@pytest.fixture
def many(world):
    for i in range(60):
        make_asset(world.ent_a if i % 2 else world.ent_b, title=f"一种测试化合物{i}", serial=100 + i,
                   inventors="张伟；王芳", right_holders="甲企业", classes="A61K 31/00",
                   kind=[AssetKind.INVENTION, AssetKind.UTILITY_MODEL, AssetKind.DESIGN][0])
    return world


@pytest.mark.parametrize("user", ["city", "park_a_reader", "agency_x_staff", "ent_a_admin"])
@pytest.mark.parametrize("query", ["", "?q=化合物", "?kind=invention&sort=-grant_date", "?export=xlsx"])
def test_the_list_and_search_use_a_bounded_number_of_queries(many, user, query, django_assert_max_num_queries):
    client = many.client(user)
    url = reverse("archive:asset-list") + (query or "?") + "&size=100"
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.status_code == 200


def test_the_api_list_uses_a_bounded_number_of_queries(many, django_assert_max_num_queries):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(many.users["city"], token=many.actor("city"))
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/assets/?limit=100&q=化合物")
    assert response.status_code == 200 and response.json()["count"] == 60


def test_the_analysis_uses_a_bounded_number_of_queries(many, django_assert_max_num_queries):
    client = many.client("city")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("archive:analysis")).status_code == 200


def test_the_search_uses_the_normalised_column(many):
    qs = Asset.objects.filter(search_text__contains="化合物")
    assert "search_text" in str(qs.query)
