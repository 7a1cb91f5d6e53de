"""Each demo role logs in and sees only what it may see (the foundation issue's first browser test)."""

import pytest

from .conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def enterprise_names(page) -> set[str]:
    page.goto(page.base_url + "/directory/enterprises/?size=100")
    return {a.inner_text() for a in page.locator("#list-results tbody tr td:first-child a").all()}


def expected_enterprises(username: str) -> set[str]:
    from ipcustody.accounts.services import active_membership
    from ipcustody.core.actor import Actor
    from ipcustody.directory.models import Enterprise
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    actor = Actor(user=user, membership=active_membership(user, None))
    return set(Enterprise.objects.visible_to(actor).values_list("name", flat=True))


@pytest.mark.parametrize(
    "username, count",
    [("city", 30), ("district", 20), ("park", 10), ("park_viewer", 10), ("agency", 6), ("enterprise", 1)],
)
def test_each_demo_role_sees_only_its_enterprises(demo, page, username, count):
    login(page, username)
    assert page.locator("#org-switcher").is_visible()
    screenshot(page, f"home-{username}")
    names = enterprise_names(page)
    assert names == expected_enterprises(username)
    assert len(names) == count
    screenshot(page, f"enterprises-{username}")


def test_an_enterprise_user_gets_404_for_another_enterprise(demo, page):
    from ipcustody.directory.models import Enterprise

    login(page, "enterprise")
    other = Enterprise.objects.exclude(name__startswith="上海君实").first()
    response = page.goto(f"{page.base_url}/directory/enterprises/{other.pk}/")
    assert response.status == 404
    own = Enterprise.objects.get(name__startswith="上海君实")
    assert page.goto(f"{page.base_url}/directory/enterprises/{own.pk}/").status == 200


def test_the_platform_admin_sees_no_business_data(demo, page):
    login(page, "admin")
    assert page.locator(".empty-state").is_visible()
    assert page.goto(page.base_url + "/directory/enterprises/").status == 404


def test_the_interface_is_chinese_by_default_and_switches_to_english(demo, page):
    login(page, "park")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "企业" in page.locator("nav.sidebar").inner_text()
    with page.expect_navigation():
        page.select_option("#language-form select", "en")
    assert "Enterprises" in page.locator("nav.sidebar").inner_text()
    screenshot(page, "home-park-en")


def test_a_user_with_two_organisations_switches_between_them(demo, page):
    login(page, "multi")
    first = enterprise_names(page)
    page.click("#org-switcher")
    page.get_by_role("button", name="闵行紫竹生物医药园").click()
    page.wait_for_url(page.base_url + "/")
    second = enterprise_names(page)
    assert first and second and first != second
    assert len(second) == 10
