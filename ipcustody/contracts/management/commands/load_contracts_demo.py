"""Demo custody contracts in various states, the selection procedures that admitted the agencies (one finished
tender, invitation and commission at the demo park), needs, offerings and a matching event.

Called by `load_demo` after the directory's organisations and logins exist. Re-runnable: does nothing twice.
Written directly (not through the services): the demo is a snapshot of a programme that has been running.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from ipcustody.directory.management.commands.load_demo import AGENCIES, ENTERPRISE_WORDS, SUFFIXES
from ipcustody.directory.models import Agency, Enterprise, IndustrySegment, Park, ServiceItem

from ...models import (
    Admission,
    Bid,
    BidStatus,
    Confirmation,
    Contract,
    ContractStatus,
    Criterion,
    Invitation,
    InvitationStatus,
    MatchingEvent,
    Need,
    Offering,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    Score,
    Urgency,
)

PARKS = ["徐汇枫林生命健康产业园", "徐汇生命健康产业协会", "闵行紫竹生物医药园"]
FORMS = {  # agency index → (custody form, item codes or None for all)
    0: ("full", None), 1: ("full", None), 2: ("full", None),
    3: ("single", ["enforcement", "management_system"]),
    4: ("advisory", ["information_analysis", "strategy", "training"]),
}


class Command(BaseCommand):
    help = "Load demo contracts, procedures, needs, offerings and a matching event (re-runnable)."

    @transaction.atomic
    def handle(self, *args, **options):
        if Procedure.objects.exists() or Contract.objects.exists():
            self.stdout.write("Contracts demo already loaded.")
            return
        today = timezone.localdate()
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=["park", "agency", "agency_admin", "enterprise", "multi"])}
        parks = [Park.objects.get(name=n) for n in PARKS]
        agencies = [Agency.objects.get(name=a[0]) for a in AGENCIES]
        enterprises = [Enterprise.objects.get(name=f"上海{w}{SUFFIXES[i % len(SUFFIXES)]}")
                       for i, w in enumerate(ENTERPRISE_WORDS)]
        items = {i.code: i for i in ServiceItem.objects.all()}
        consulting = [i for i in items.values() if i.is_consulting]
        period = (today - datetime.timedelta(days=900), today + datetime.timedelta(days=900))

        # --- selection procedures: one of each kind at the demo park, invitations at the other two ---------------
        tender = Procedure.objects.create(
            park=parks[0], kind=ProcedureKind.TENDER, title="2025—2027年度枫林园区知识产权托管机构公开招标",
            description="面向具备专利代理资质的托管机构，采购园区企业知识产权完全式托管服务。",
            bid_deadline=period[0] + datetime.timedelta(days=30), admission_from=period[0], admission_until=period[1],
            status=ProcedureStatus.AWARDED, award_note="按综合得分排名，前三名入驻园区。",
        )
        tender.service_items.set(items.values())
        criteria = [Criterion.objects.create(procedure=tender, name=n, weight=w, position=i)
                    for i, (n, w) in enumerate([("服务方案", 40), ("团队资质", 30), ("报价", 30)])]
        for rank, agency in enumerate(agencies[:3]):
            bid = Bid.objects.create(procedure=tender, agency=agency, price=Decimal(180000 + 20000 * rank),
                                     proposal="完全式托管服务方案：调研诊断、托管方案、专利挖掘与布局、年度报告。",
                                     status=BidStatus.AWARDED)
            for member, offset in [("专家甲", 0), ("专家乙", 4)]:
                for criterion in criteria:
                    Score.objects.create(bid=bid, criterion=criterion, panel_member=member,
                                         value=Decimal(90 - 5 * rank - offset), entered_by=users["park"])
        invitation = Procedure.objects.create(
            park=parks[0], kind=ProcedureKind.INVITATION, title="园区企业顾问式托管服务邀请",
            description="邀请知识产权研究与服务机构为园区企业提供咨询类托管服务。",
            admission_from=period[0], admission_until=period[1], status=ProcedureStatus.AWARDED,
            award_note="上海知识产权研究与服务中心接受邀请并入驻。",
        )
        invitation.service_items.set(consulting)
        Invitation.objects.create(procedure=invitation, agency=agencies[4], status=InvitationStatus.ACCEPTED,
                                  note="愿意参加。", responded_at=timezone.now())
        Invitation.objects.create(procedure=invitation, agency=agencies[1], status=InvitationStatus.DECLINED,
                                  note="本年度服务能力已满。", responded_at=timezone.now())
        commission = Procedure.objects.create(
            park=parks[0], kind=ProcedureKind.COMMISSION, title="维权保护与制度建设专项委托",
            appointed_agency=agencies[3], justification="园区企业维权案件紧急，该律所具备生物医药知识产权诉讼经验，直接委托。",
            admission_from=period[0], admission_until=period[1], status=ProcedureStatus.AWARDED,
        )
        commission.service_items.set([items["enforcement"], items["management_system"]])
        for procedure, chosen in [(tender, agencies[:3]), (invitation, [agencies[4]]), (commission, [agencies[3]])]:
            for agency in chosen:
                Admission.objects.create(park=parks[0], agency=agency, procedure=procedure,
                                         valid_from=period[0], valid_until=period[1])
        for park in parks[1:]:
            procedure = Procedure.objects.create(
                park=park, kind=ProcedureKind.INVITATION, title=f"{park.name}托管机构邀请",
                admission_from=period[0], admission_until=period[1], status=ProcedureStatus.AWARDED,
            )
            procedure.service_items.set(items.values())
            for agency in agencies:
                Invitation.objects.create(procedure=procedure, agency=agency, status=InvitationStatus.ACCEPTED,
                                          responded_at=timezone.now())
                Admission.objects.create(park=park, agency=agency, procedure=procedure,
                                         valid_from=period[0], valid_until=period[1])
        procedure_of = {0: tender, 1: tender, 2: tender, 3: commission, 4: invitation}

        # --- contracts: one in force per enterprise, plus one of each other state ---------------------------------
        def contract(enterprise, agency_index, start, end, status=ContractStatus.ACTIVE, **extra):
            agency = agencies[agency_index]
            form, codes = FORMS[agency_index]
            c = Contract.objects.create(
                park=enterprise.park, agency=agency, enterprise=enterprise, custody_form=form,
                procedure=procedure_of[agency_index] if enterprise.park == parks[0] else None,
                start_date=start, end_date=end, fee=Decimal(60000 if form == "full" else 24000),
                payer="park" if form == "full" else "shared", confidentiality=True,
                confidentiality_terms="乙方对在托管工作中知悉的甲方、丙方商业秘密负有保密义务，期限至合同终止后五年。",
                status=status, sent_at=timezone.now() if status != ContractStatus.DRAFT else None,
                activated_at=timezone.now() if status in {ContractStatus.ACTIVE, ContractStatus.COMPLETED,
                                                          ContractStatus.TERMINATED} else None,
                **extra,
            )
            c.number = f"TG{start:%Y}-{c.pk:05d}"
            c.save(update_fields=["number"])
            c.service_items.set(items.values() if codes is None else [items[x] for x in codes])
            return c

        for index, enterprise in enumerate(enterprises):
            start = today - datetime.timedelta(days=200 + index)
            end = start + datetime.timedelta(days=729)
            if index == 3:
                end = today + datetime.timedelta(days=45)  # renewal reminder due (60 days)
            elif index == 6:
                end = today + datetime.timedelta(days=20)  # renewal reminder due (30 days)
            c = contract(enterprise, index % 5, start, end)
            if index == 0:
                staff = [users["agency"]]
                c.staff.set(staff)
                for party, user in [("park", users["park"]), ("agency", users["agency_admin"]),
                                    ("enterprise", users["enterprise"])]:
                    Confirmation.objects.create(contract=c, party=party, confirmed_by=user)
        # an earlier custody period that has ended (the agency keeps read-only access to what it produced)
        contract(enterprises[0], 1, today - datetime.timedelta(days=900), today - datetime.timedelta(days=400),
                 ContractStatus.COMPLETED, notes="上一托管周期")
        # terminated early
        contract(enterprises[9], 2, today - datetime.timedelta(days=600), today - datetime.timedelta(days=30),
                 ContractStatus.TERMINATED, terminated_on=today - datetime.timedelta(days=120),
                 termination_reason="企业经营范围调整，经三方协商提前终止。")
        # a renewal being drafted by the park
        contract(enterprises[3], 3, today + datetime.timedelta(days=46), today + datetime.timedelta(days=46 + 729),
                 ContractStatus.DRAFT)
        # awaiting confirmation: the park has confirmed, the agency and the enterprise have not yet
        waiting = contract(enterprises[0], 0, today + datetime.timedelta(days=10), today + datetime.timedelta(days=374),
                           ContractStatus.AWAITING)
        waiting.custody_form = "single"
        waiting.save(update_fields=["custody_form"])
        waiting.service_items.set([items["high_value_patents"], items["application_drafting"]])
        Confirmation.objects.create(contract=waiting, party="park", confirmed_by=users["park"])

        # --- offerings, needs and a matching event ------------------------------------------------------------------
        segments = list(IndustrySegment.objects.filter(is_active=True))
        for index, agency in enumerate(agencies):
            offering = Offering.objects.create(
                agency=agency, title=f"{agency.name[:8]}知识产权托管服务",
                experience=f"服务生物医药企业{20 + 7 * index}家，代理专利申请{300 + 90 * index}件。",
                staff_count=3 + index * 2, capacity=8 + 2 * index,
                price_min=Decimal(20000 + 10000 * index), price_max=Decimal(80000 + 20000 * index),
            )
            offering.service_items.set(agency.service_items.all())
            offering.segments.set(segments[index % len(segments): index % len(segments) + 2])
        for enterprise, title, codes, urgency, market in [
            (enterprises[0], "PCT国际布局与高价值专利培育", ["high_value_patents", "application_drafting", "information_analysis"],
             Urgency.HIGH, True),
            (enterprises[3], "知识产权质押融资咨询", ["pledge_financing", "strategy"], Urgency.NORMAL, False),
            (enterprises[6], "产品上市前专利侵权风险排查", ["information_analysis", "enforcement"], Urgency.HIGH, True),
        ]:
            need = Need.objects.create(enterprise=enterprise, title=title, urgency=urgency, open_to_market=market,
                                       description="请有经验的托管机构联系园区知识产权服务站。")
            need.service_items.set([items[c] for c in codes])
        event = MatchingEvent.objects.create(
            park=parks[0], title="2026年枫林园区知识产权托管供需对接会", held_on=today - datetime.timedelta(days=30),
            place="枫林路园区服务中心二楼会议室", summary="5家托管机构介绍服务，12家企业现场咨询，达成托管意向4项。",
        )
        event.enterprises.set([enterprises[i] for i in (0, 3, 6, 9)])
        event.agencies.set([agencies[i] for i in (0, 1, 3, 4)])
        self.stdout.write(self.style.SUCCESS("Contracts demo ready."))
