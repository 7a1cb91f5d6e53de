"""Load a realistic demo: one city bureau, two district offices, three parks, five agencies, thirty enterprises,
and one login per role; then the apps above the directory add theirs (`load_contracts_demo`: custody contracts,
procedures, needs, offerings). Re-runnable: existing demo rows are kept, missing ones added."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from ipcustody.accounts.models import Membership, MembershipRole
from ipcustody.directory import credit_code, reference
from ipcustody.directory.models import (
    Agency,
    AgencyKind,
    Authority,
    AuthorityLevel,
    Contact,
    Enterprise,
    EnterpriseSize,
    IndustrySegment,
    Park,
    ParkKind,
    ServiceItem,
)

DEMO_PASSWORD = "Demo@2026"

AGENCIES = [
    # name, kind, licence, branch, attorneys, item codes
    ("上海华诚知识产权代理有限公司", AgencyKind.PATENT_AGENCY, "31213", False, 42, None),
    ("上海科慧专利代理事务所", AgencyKind.PATENT_AGENCY, "31287", False, 18,
     ["information_analysis", "patent_mining", "application_drafting", "application_prosecution", "training"]),
    ("北京康信知识产权代理有限责任公司上海分公司", AgencyKind.PATENT_AGENCY, "11240", True, 25,
     ["patent_mining", "high_value_patents", "application_drafting", "application_prosecution", "enforcement"]),
    ("上海明德律师事务所", AgencyKind.LAW_FIRM, "", False, 0,
     ["enforcement", "management_system", "pledge_financing", "strategy"]),
    ("上海知识产权研究与服务中心", AgencyKind.RESEARCH_INSTITUTE, "", False, 3,
     ["information_analysis", "strategy", "training", "management_system"]),
]

ENTERPRISE_WORDS = [
    "君实", "复宏", "联影", "微创", "和元", "睿智", "泽润", "康德", "百奥", "药明", "仁会", "透景", "之江", "晶泰", "宝济",
    "华领", "盟科", "天境", "礼新", "科济", "亚盛", "瑞宏", "凯莱", "奥浦", "皓元", "乐普", "安翰", "柏慧", "图微", "索昕",
]
SUFFIXES = ["生物医药科技有限公司", "医疗器械有限公司", "生物技术有限公司", "诊断技术有限公司", "健康科技有限公司"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "敏", "静", "磊", "洋", "婷", "杰", "军", "丽", "强", "艳", "勇", "霞", "涛"]


def organisation_code(rng: random.Random) -> str:
    """A 9-character organisation code with its GB 11714 check character (as embedded in credit codes)."""
    body = "".join(rng.choice("0123456789") for _ in range(8))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_credit_code(rng: random.Random, division: str) -> str:
    first17 = "91" + division + organisation_code(rng)
    return first17 + credit_code.check_character(first17)


class Command(BaseCommand):
    help = "Load the demo organisations, enterprises and one login per role (re-runnable)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-archive", action="store_true",
            help="skip the archive and its deadlines (the browser tests that do not need them run faster)",
        )

    @transaction.atomic
    def handle(self, *args, without_archive=False, **options):
        rng = random.Random(20261126)
        reference.ensure(ServiceItem, IndustrySegment)
        city, _ = Authority.objects.get_or_create(
            name="上海市知识产权局", defaults={"level": AuthorityLevel.CITY, "region": "上海市"}
        )
        xuhui, _ = Authority.objects.get_or_create(
            name="徐汇区知识产权局", defaults={"level": AuthorityLevel.DISTRICT, "parent": city, "region": "徐汇区"}
        )
        minhang, _ = Authority.objects.get_or_create(
            name="闵行区知识产权局", defaults={"level": AuthorityLevel.DISTRICT, "parent": city, "region": "闵行区"}
        )
        parks = [
            Park.objects.get_or_create(name="徐汇枫林生命健康产业园", defaults={"district": xuhui, "address": "上海市徐汇区枫林路", "contact_phone": "021-64000001"})[0],
            Park.objects.get_or_create(name="徐汇生命健康产业协会", defaults={"district": xuhui, "park_kind": ParkKind.ASSOCIATION, "contact_phone": "021-64000002"})[0],
            Park.objects.get_or_create(name="闵行紫竹生物医药园", defaults={"district": minhang, "address": "上海市闵行区紫竹科学园", "contact_phone": "021-54000003"})[0],
        ]
        items = {i.code: i for i in ServiceItem.objects.all()}
        agencies = []
        for name, kind, licence, branch, attorneys, codes in AGENCIES:
            agency, created = Agency.objects.get_or_create(
                name=name,
                defaults={"agency_kind": kind, "licence_number": licence, "is_branch": branch,
                          "registered_attorneys": attorneys, "contact_phone": "021-6" + str(rng.randint(1000000, 9999999))},
            )
            if created:
                agency.service_items.set(items.values() if codes is None else [items[c] for c in codes])
            agencies.append(agency)
        segments = list(IndustrySegment.objects.filter(is_active=True)[:5])
        enterprises = []
        for index, word in enumerate(ENTERPRISE_WORDS):
            park = parks[index % 3]
            division = "310104" if park.district_id == xuhui.pk else "310112"
            name = f"上海{word}{SUFFIXES[index % len(SUFFIXES)]}"
            enterprise = Enterprise.objects.filter(name=name).first()
            if enterprise is None:
                enterprise = Enterprise.objects.create(
                    name=name,
                    credit_code=make_credit_code(rng, division),
                    park=park,
                    segment=segments[index % len(segments)],
                    size=[EnterpriseSize.SMALL, EnterpriseSize.MEDIUM, EnterpriseSize.MICRO, EnterpriseSize.LARGE][index % 4],
                    ip_staff_count=rng.randint(0, 6),
                    established_on=datetime.date(2008 + index % 15, 1 + index % 12, 1 + index % 27),
                    address=f"{park.address or '上海市'}{rng.randint(1, 999)}号",
                )
                contact = rng.choice(SURNAMES) + rng.choice(GIVEN)
                Contact.objects.create(enterprise=enterprise, name=contact, title="知识产权专员", is_primary=True,
                                       phone=f"139{rng.randint(10000000, 99999999)}", email=f"ip{index + 1}@example.cn")
            enterprises.append(enterprise)
        logins = [
            ("admin", "平台管理员", None, None, True),
            ("city", "市局 王处长", city, MembershipRole.STAFF, False),
            ("district", "徐汇区局 李科长", xuhui, MembershipRole.STAFF, False),
            ("park", "枫林园区 张经理", parks[0], MembershipRole.ADMIN, False),
            ("park_viewer", "枫林园区 陈专员 (只读)", parks[0], MembershipRole.READ_ONLY, False),
            ("agency", "华诚 刘代理师", agencies[0], MembershipRole.STAFF, False),
            ("agency_admin", "华诚 周主任", agencies[0], MembershipRole.ADMIN, False),
            ("enterprise", f"{enterprises[0].name[:6]} 知识产权专员", enterprises[0], MembershipRole.ADMIN, False),
            ("multi", "科慧 赵顾问 (两个机构)", agencies[1], MembershipRole.STAFF, False),
        ]
        User = get_user_model()
        for username, full_name, org, role, superuser in logins:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": full_name, "email": f"{username}@demo.ipcustody.local"}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_superuser = user.is_staff = superuser
                user.save()
            if org is not None:
                Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})
        multi = User.objects.get(username="multi")
        Membership.objects.get_or_create(user=multi, organisation=parks[2], defaults={"role": MembershipRole.READ_ONLY})
        # custody contracts (who serves whom), selection procedures, needs and offerings: the contracts app's demo
        call_command("load_contracts_demo", stdout=self.stdout)
        # by command name: the directory does not import the apps built on it
        if not without_archive:
            call_command("load_archive_demo", stdout=self.stdout)
            call_command("recompute_deadlines", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, _full_name, org, role, _superuser in logins:
            where = org.name if org else "platform administration"
            self.stdout.write(f"  {username:<13} {role or 'superuser':<10} {where}")
        self.stdout.write("  multi         also read-only at 闵行紫竹生物医药园 (use the organisation switcher)")
