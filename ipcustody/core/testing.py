"""The shared test world: one organisation of each kind and one user per role, reused by every app's tests.

Role-matrix tests pick users from here by name:
- anonymous (no user), `platform_admin` (superuser, no membership), `nomember` (logged in, no organisation);
- authorities: `city` (read-only on business data), `city_granted` (may write), `district_a`, `district_b`;
- parks: `park_a_admin`, `park_a_staff`, `park_a_reader` (read-only role), `park_b_admin`;
- agencies: `agency_x_admin`, `agency_x_staff`, `agency_x_reader`, `agency_y_staff`;
- enterprises: `ent_a_admin`, `ent_a_reader`, `ent_b_admin`.
Agency X serves enterprise A (active contract) and served enterprise A2 (contract ended yesterday); agency Y
serves B. Both agencies are admitted to their park for the year. `world.link_x_a` (alias `contract_x_a`) …
are the three-party custody contracts behind these relations; setting a contract's `end_date` to yesterday and
saving it ends the relation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from ipcustody.accounts.models import Membership, MembershipRole
from ipcustody.accounts.services import SESSION_KEY
from ipcustody.core.actor import Actor
from ipcustody.directory.models import (
    Agency,
    AgencyKind,
    Authority,
    AuthorityLevel,
    Enterprise,
    IndustrySegment,
    Park,
    ServiceItem,
)
from ipcustody.directory.reference import ensure

# Valid unified social credit codes (GB 32100 check character), for tests that need fresh ones.
VALID_CODES = [
    "91350100M000100Y43",
    "91310000717854505W",
    "91440300708461136T",
    "91110108551385082Q",
]


@dataclass
class World:
    city: Authority
    district_a: Authority
    district_b: Authority
    park_a: Park
    park_b: Park
    agency_x: Agency
    agency_y: Agency
    ent_a: Enterprise
    ent_a2: Enterprise
    ent_b: Enterprise
    link_x_a: Any  # ipcustody.contracts.models.Contract (the directory knows no contracts)
    link_x_a2: Any
    link_y_b: Any
    users: dict[str, Any] = field(default_factory=dict)
    memberships: dict[str, Membership] = field(default_factory=dict)

    @property
    def contract_x_a(self):
        return self.link_x_a

    @property
    def contract_x_a2(self):
        return self.link_x_a2

    @property
    def contract_y_b(self):
        return self.link_y_b

    def actor(self, name: str) -> Actor:
        user = self.users[name]
        return Actor(user=user, membership=self.memberships.get(name))

    def client(self, name: str | None) -> Client:
        """A logged-in client acting for the user's membership (None: anonymous)."""
        client = Client()
        if name is None:
            return client
        client.force_login(self.users[name])
        membership = self.memberships.get(name)
        if membership is not None:
            session = client.session
            session[SESSION_KEY] = membership.pk
            session.save()
        return client


def valid_code(prefix17: str) -> str:
    from ipcustody.directory.credit_code import check_character

    return prefix17 + check_character(prefix17)


def build_world() -> World:
    User = get_user_model()
    today = timezone.localdate()
    ensure(ServiceItem, IndustrySegment)
    city = Authority.objects.create(name="市知识产权局", level=AuthorityLevel.CITY)
    district_a = Authority.objects.create(name="甲区知识产权局", level=AuthorityLevel.DISTRICT, parent=city)
    district_b = Authority.objects.create(name="乙区知识产权局", level=AuthorityLevel.DISTRICT, parent=city)
    park_a = Park.objects.create(name="甲园区", district=district_a)
    park_b = Park.objects.create(name="乙园区", district=district_b)
    agency_x = Agency.objects.create(name="X专利代理", agency_kind=AgencyKind.PATENT_AGENCY, licence_number="31001")
    agency_x.service_items.set(ServiceItem.objects.all()[:3])
    agency_y = Agency.objects.create(name="Y律师事务所", agency_kind=AgencyKind.LAW_FIRM)
    segment = IndustrySegment.objects.first()
    ent_a = Enterprise.objects.create(name="甲企业", credit_code=valid_code("91310104MA1FL0001"), park=park_a, segment=segment)
    ent_a2 = Enterprise.objects.create(name="甲二企业", credit_code=valid_code("91310104MA1FL0002"), park=park_a)
    ent_b = Enterprise.objects.create(name="乙企业", credit_code=valid_code("91310112MA1FL0003"), park=park_b)
    link_x_a = make_contract(park_a, agency_x, ent_a, today - datetime.timedelta(days=30), today + datetime.timedelta(days=335))
    link_x_a2 = make_contract(
        park_a, agency_x, ent_a2, today - datetime.timedelta(days=400), today - datetime.timedelta(days=1),
        status="completed",
    )
    link_y_b = make_contract(park_b, agency_y, ent_b, today - datetime.timedelta(days=30), today + datetime.timedelta(days=335))
    world = World(city, district_a, district_b, park_a, park_b, agency_x, agency_y, ent_a, ent_a2, ent_b,
                  link_x_a, link_x_a2, link_y_b)
    roles = {
        "city": (city, MembershipRole.STAFF, False),
        "city_granted": (city, MembershipRole.STAFF, True),
        "city_admin": (city, MembershipRole.ADMIN, False),
        "district_a": (district_a, MembershipRole.STAFF, False),
        "district_b": (district_b, MembershipRole.STAFF, False),
        "park_a_admin": (park_a, MembershipRole.ADMIN, False),
        "park_a_staff": (park_a, MembershipRole.STAFF, False),
        "park_a_reader": (park_a, MembershipRole.READ_ONLY, False),
        "park_b_admin": (park_b, MembershipRole.ADMIN, False),
        "agency_x_admin": (agency_x, MembershipRole.ADMIN, False),
        "agency_x_staff": (agency_x, MembershipRole.STAFF, False),
        "agency_x_reader": (agency_x, MembershipRole.READ_ONLY, False),
        "agency_y_staff": (agency_y, MembershipRole.STAFF, False),
        "ent_a_admin": (ent_a, MembershipRole.ADMIN, False),
        "ent_a_reader": (ent_a, MembershipRole.READ_ONLY, False),
        "ent_b_admin": (ent_b, MembershipRole.ADMIN, False),
    }
    for name, (org, role, grant) in roles.items():
        user = User.objects.create_user(username=name, password="x-Test-Pass-1", email=f"{name}@test.local")
        world.users[name] = user
        world.memberships[name] = Membership.objects.create(user=user, organisation=org, role=role, business_write=grant)
    world.users["platform_admin"] = User.objects.create_superuser("platform_admin", "pa@test.local", "x-Test-Pass-1")
    world.users["nomember"] = User.objects.create_user("nomember", "nm@test.local", "x-Test-Pass-1")
    return world


def make_contract(park, agency, enterprise, start, end, status="active"):
    """A confirmed three-party contract (full custody), written directly: the world is a fixture, not a workflow."""
    from ipcustody.contracts.models import Admission, Contract

    Admission.objects.get_or_create(
        park=park, agency=agency, valid_from=start.replace(month=1, day=1) - datetime.timedelta(days=400),
        valid_until=end.replace(month=12, day=31) + datetime.timedelta(days=400),
    )
    contract = Contract.objects.create(
        park=park, agency=agency, enterprise=enterprise, custody_form="full", start_date=start, end_date=end,
        fee=60000, confidentiality=True, status=status, sent_at=timezone.now(), activated_at=timezone.now(),
    )
    contract.number = f"TG{start:%Y}-{contract.pk:05d}"
    contract.save(update_fields=["number"])
    contract.service_items.set(ServiceItem.objects.all())
    return contract


def check_matrix(world: World, method: str, url: str, expected: dict[str | None, int], data: Any = None) -> None:
    """Request `url` as each user and compare status codes; report every mismatch at once."""
    failures = []
    for name, status in expected.items():
        client = world.client(name)
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        if response.status_code != status:
            failures.append(f"{name or 'anonymous'}: expected {status}, got {response.status_code}")
    assert not failures, f"{method.upper()} {url}\n" + "\n".join(failures)


def api_client(world: World, name: str | None):
    """An API client authenticated with a fresh personal token for the user's membership (None: anonymous)."""
    from rest_framework.test import APIClient

    from ipcustody.accounts.services import create_token

    client = APIClient()
    if name is not None:
        _token, key = create_token(world.actor(name), name="test", membership=world.memberships[name])
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def check_api_matrix(world: World, method: str, url: str, expected: dict[str | None, int], data: Any = None) -> None:
    """Like check_matrix, through the API with each user's token; JSON bodies."""
    failures = []
    for name, status in expected.items():
        response = getattr(api_client(world, name), method)(url, data, format="json")
        if response.status_code != status:
            failures.append(f"{name or 'anonymous'}: expected {status}, got {response.status_code} {response.content[:300]!r}")
    assert not failures, f"{method.upper()} {url}\n" + "\n".join(failures)
