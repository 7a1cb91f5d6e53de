"""Log-in, throttling, passwords, switching organisation, personal tokens."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ipcustody.accounts.models import ApiToken, Membership, MembershipRole
from ipcustody.accounts.services import SESSION_KEY
from ipcustody.audit.models import ChangeLogEntry
from ipcustody.core.testing import check_matrix


def test_it_logs_in_and_lands_on_home(world):
    client = Client()
    response = client.post(reverse("login"), {"username": "park_a_admin", "password": "x-Test-Pass-1"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_it_locks_a_user_out_after_repeated_failures(world, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        client.post(reverse("login"), {"username": "park_a_admin", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "park_a_admin", "password": "x-Test-Pass-1"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_says_so_and_does_not_log_in(world):
    client = Client()
    response = client.post(reverse("login"), {"username": "park_a_admin", "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(world):
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "park_a_admin@test.local"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "N3w-Secure-Pass!", "new_password2": "N3w-Secure-Pass!"})
    assert response.status_code == 302
    assert Client().login(username="park_a_admin", password="N3w-Secure-Pass!")


def test_password_change_needs_the_old_password(world):
    client = world.client("park_a_admin")
    url = reverse("accounts:password_change")
    bad = client.post(url, {"old_password": "wrong", "new_password1": "N3w-Secure-Pass!", "new_password2": "N3w-Secure-Pass!"})
    assert bad.status_code == 200 and bad.context["form"].errors["old_password"]
    good = client.post(url, {"old_password": "x-Test-Pass-1", "new_password1": "N3w-Secure-Pass!", "new_password2": "N3w-Secure-Pass!"})
    assert good.status_code == 302


def test_passwords_are_hashed_with_argon2(settings):
    assert settings.PASSWORD_HASHERS  # tests use a fast hasher; production's first hasher is argon2
    from ipcustody import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_user_switches_between_organisations(world):
    user = world.users["agency_x_staff"]
    second = Membership.objects.create(user=user, organisation=world.park_b, role=MembershipRole.READ_ONLY)
    client = world.client("agency_x_staff")
    ent_b = reverse("directory:enterprise-detail", args=[world.ent_b.pk])
    assert client.get(ent_b).status_code == 404
    response = client.post(reverse("accounts:switch"), {"membership": second.pk})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == second.pk
    assert client.get(ent_b).status_code == 200
    # and back: the park's enterprise disappears again
    client.post(reverse("accounts:switch"), {"membership": world.memberships["agency_x_staff"].pk})
    assert client.get(ent_b).status_code == 404


def test_a_user_cannot_switch_to_someone_elses_membership(world):
    client = world.client("agency_x_staff")
    response = client.post(reverse("accounts:switch"), {"membership": world.memberships["city"].pk})
    assert response.status_code == 404


def test_tokens_page_matrix(world):
    check_matrix(world, "get", reverse("accounts:tokens"), {None: 302, "nomember": 200, "ent_a_reader": 200})


def test_a_user_creates_a_token_sees_it_once_and_revokes_it(world):
    client = world.client("ent_a_reader")
    response = client.post(
        reverse("accounts:tokens"), {"name": "sync", "membership": world.memberships["ent_a_reader"].pk}
    )
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=world.users["ent_a_reader"])
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    assert key not in client.get(reverse("accounts:tokens")).content.decode()
    # the change log never holds the key or its hash
    assert not ChangeLogEntry.objects.filter(changes__icontains=token.key_hash[:16]).exists()
    other = world.client("ent_b_admin")
    assert other.post(reverse("accounts:token-revoke", args=[token.pk])).status_code == 404
    assert client.post(reverse("accounts:token-revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_token_cannot_act_for_another_users_membership(world):
    client = world.client("ent_a_reader")
    response = client.post(reverse("accounts:tokens"), {"name": "x", "membership": world.memberships["city"].pk})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("name", ["city", "park_a_reader", "agency_x_staff", "ent_a_reader", "nomember", "platform_admin"])
def test_home_page_works_for_every_role(world, name):
    assert world.client(name).get(reverse("home")).status_code == 200


def test_admin_is_for_platform_admins_only(world):
    check_matrix(world, "get", "/admin/", {None: 302, "city": 302, "park_a_admin": 302, "platform_admin": 200})


def test_password_pages_matrix(world):
    check_matrix(world, "get", reverse("accounts:password_change"), {None: 302, "nomember": 200, "ent_a_reader": 200})
    check_matrix(world, "get", reverse("accounts:password_reset"), {None: 200, "ent_a_reader": 200})
    check_matrix(world, "post", reverse("accounts:switch"), {None: 302}, {"membership": world.memberships["city"].pk})


def test_password_done_pages_are_served(world):
    check_matrix(world, "get", reverse("accounts:password_reset_done"), {None: 200})
    check_matrix(world, "get", reverse("accounts:password_reset_complete"), {None: 200})
    check_matrix(world, "get", reverse("accounts:password_change_done"), {None: 302, "ent_a_reader": 200})


def test_api_root_and_docs_matrix(world):
    from ipcustody.core.testing import check_api_matrix

    check_api_matrix(world, "get", "/api/v1/", {None: 401, "ent_a_reader": 200})
    assert world.client(None).get("/api/v1/redoc/").status_code == 200
    assert world.client(None).get("/api/v1/schema/").status_code == 200
