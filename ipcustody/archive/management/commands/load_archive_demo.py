"""Load a realistic IP archive for the demo enterprises: patents, trademarks, software and other rights with
plausible numbers that pass the archive's validation, their legal events, and a couple of trade secrets.

Re-runnable: an asset already in an enterprise's archive (same kind and number) is left as it is. `load_demo`
may call it with `call_command("load_archive_demo")` once the directory demo exists.
"""

from __future__ import annotations

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction

from ipcustody.archive import numbers, services, signals
from ipcustody.archive.models import Asset, AssetEvent, AssetKind, EventKind
from ipcustody.audit.services import acting_as
from ipcustody.core.actor import SYSTEM
from ipcustody.directory.models import Enterprise

TARGETS = ["PD-1", "PD-L1", "HER2", "CD20", "CD19", "TIGIT", "Claudin18.2", "GLP-1", "IL-17A", "VEGF", "EGFR", "BCMA"]
THINGS = ["单克隆抗体", "双特异性抗体", "抗体偶联药物", "小分子抑制剂", "融合蛋白", "CAR-T细胞", "mRNA疫苗", "药物组合物"]
USES = ["制备方法", "在肿瘤治疗中的应用", "用途", "纯化工艺", "检测方法", "冻干制剂"]
DEVICES = ["一次性使用输液器", "医用导管固定装置", "血管支架输送系统", "体外诊断试剂盒", "超声探头支架", "便携式血糖仪",
           "手术吻合器", "采血针", "雾化吸入器", "内窥镜夹持器"]
DESIGNS = ["注射笔", "检测仪外壳", "药盒", "呼吸面罩", "血压计", "输液泵"]
SOFTWARE = ["临床试验数据管理系统", "实验室样本追踪平台", "医学影像辅助诊断软件", "药物警戒信息系统", "冷链温度监控软件"]
MARKS = ["康", "泽", "瑞", "安", "宁", "恒", "健", "禾"]
IPC = {
    "drug": ["A61K 39/395", "C07K 16/28", "A61P 35/00", "C12N 15/13", "A61K 47/68", "C07D 401/14", "A61K 9/19"],
    "device": ["A61M 25/00", "A61B 5/00", "A61F 2/82", "G01N 33/68", "A61B 17/068", "A61M 5/158"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "敏", "静", "磊", "洋", "婷", "杰", "军", "丽", "强", "艳", "勇", "霞", "涛", "晨", "宇", "欣"]


def add_months(day: datetime.date, months: int) -> datetime.date:
    from ipcustody.archive.validation import add_months as add

    return add(day, months)


class Command(BaseCommand):
    help = "Load demo IP archives (a few hundred assets with events, two trade secrets) for the demo enterprises."

    def handle(self, *args, **options):
        rng = random.Random(20260301)
        self.today = datetime.date.today()
        enterprises = list(Enterprise.objects.order_by("pk"))
        if not enterprises:
            self.stdout.write("No enterprises: run load_demo first.")
            return
        created = 0
        # one batch: whatever derives data from assets (deadlines) does so once per asset, at the end
        with transaction.atomic(), acting_as(SYSTEM), signals.batch():
            for index, enterprise in enumerate(enterprises):
                for spec in self.specs(rng, enterprise, index):
                    created += self.add(enterprise, spec)
            created += self.secrets(enterprises[0])
        self.stdout.write(self.style.SUCCESS(f"Archive demo ready: {created} assets added, "
                                             f"{Asset.objects.count()} in all."))

    # --- generation ---

    def people(self, rng, n):
        return "；".join(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN]) for _ in range(n))

    def specs(self, rng, enterprise, index):
        device = "医疗器械" in enterprise.name or "诊断" in enterprise.name
        serial_base = 100000 * (index + 1)
        for i in range(rng.randint(5, 9)):
            year = rng.randint(2014, self.today.year - 1)
            filing = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            digits = f"{year}1{(serial_base + i * 7919 + rng.randint(0, 999)) % 10_000_000:07d}"
            title = f"一种{'靶向' + rng.choice(TARGETS) + '的' if not device else ''}{rng.choice(DEVICES if device else THINGS)}" \
                    f"{'及其' + rng.choice(USES) if not device else ''}"
            if device:
                title = f"一种{rng.choice(DEVICES)}及其使用方法"
            spec = {"kind": AssetKind.INVENTION, "number": f"{digits}.{numbers.check_character(digits)}",
                    "title": title, "filing_date": filing,
                    "classes": "; ".join(rng.sample(IPC["device" if device else "drug"], 2)),
                    "inventors": self.people(rng, rng.randint(2, 4)), "right_holders": enterprise.name,
                    "fee_reduction": rng.choice([0, 85, 85]),
                    "abstract": f"本发明公开了{title[2:]}，具有良好的稳定性和安全性，可用于相关疾病的预防和治疗。"}
            publication = add_months(filing, 18)
            pub_no = f"CN1{rng.randint(10_000_000, 19_999_999):08d}"
            if publication <= self.today:
                spec.update(publication_number=pub_no + "A", publication_date=publication)
                grant = add_months(filing, rng.randint(28, 44))
                if grant <= self.today and rng.random() < 0.7:
                    spec.update(grant_number=pub_no + "B", grant_date=grant)
            if rng.random() < 0.2:
                prio = add_months(filing, -rng.randint(3, 11))
                spec["priority_claims"] = [{"country": rng.choice(["US", "EP", "JP"]),
                                            "number": f"{prio.year}-{rng.randint(10000, 99999)}", "date": prio.isoformat()}]
            yield spec
        for i in range(rng.randint(2, 5)):
            year = rng.randint(2016, self.today.year - 1)
            filing = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            kind = AssetKind.UTILITY_MODEL if i % 3 else AssetKind.DESIGN
            digits = f"{year}{'2' if kind == AssetKind.UTILITY_MODEL else '3'}{(serial_base + 5000 + i * 104729) % 10_000_000:07d}"
            grant = add_months(filing, rng.randint(5, 10))
            spec = {"kind": kind, "number": f"{digits}.{numbers.check_character(digits)}", "filing_date": filing,
                    "right_holders": enterprise.name, "inventors": self.people(rng, 2)}
            if kind == AssetKind.UTILITY_MODEL:
                spec.update(title=f"{rng.choice(DEVICES)}", classes=rng.choice(IPC["device"]))
                code = f"CN2{rng.randint(10_000_000, 19_999_999):08d}U"
            else:
                spec.update(title=f"{rng.choice(DESIGNS)}（{rng.choice(['A型', 'B型', '便携式'])}）", classes="24-02")
                code = f"CN3{rng.randint(6_000_000, 8_999_999):08d}S"
            if grant <= self.today:
                spec.update(grant_number=code, grant_date=grant)
            yield spec
        mark = rng.choice(MARKS) + rng.choice(MARKS)
        for classes in (["5"], ["10", "44"])[: rng.randint(1, 2)]:
            filing = datetime.date(rng.randint(2012, 2022), rng.randint(1, 12), rng.randint(1, 28))
            yield {"kind": AssetKind.TRADEMARK, "title": mark, "number": str(rng.randint(10_000_000, 69_999_999)),
                   "nice_classes": ",".join(classes), "filing_date": filing,
                   "publication_date": add_months(filing, 9), "grant_date": add_months(filing, 12),
                   "goods_services": "药品；医用营养品" if classes == ["5"] else "医疗器械；医疗服务",
                   "right_holders": enterprise.name}
        if rng.random() < 0.6:
            year = rng.randint(2018, self.today.year - 1)
            yield {"kind": AssetKind.SOFTWARE, "title": f"{rng.choice(SOFTWARE)}V{rng.randint(1, 3)}.0",
                   "number": f"{year}SR{rng.randint(100000, 1999999):07d}",
                   "grant_date": datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                   "right_holders": enterprise.name}
        if index % 7 == 0:
            yield {"kind": AssetKind.COPYRIGHT, "title": "产品说明书及患者教育手册",
                   "number": f"国作登字-{2020 + index % 4}-A-{rng.randint(10000000, 99999999)}",
                   "grant_date": datetime.date(2020 + index % 4, 6, 18), "right_holders": enterprise.name}
        if index % 10 == 3:
            yield {"kind": AssetKind.PLANT_VARIETY, "title": "丹参新品种“沪丹1号”", "number": f"CNA2019{rng.randint(1000, 9999)}.{rng.randint(0, 9)}",
                   "grant_date": datetime.date(2021, 9, 30), "right_holders": enterprise.name}
        if index % 10 == 5:
            yield {"kind": AssetKind.OTHER, "title": "海派中医膏方传统制作技艺（传统知识）", "number": f"SH-TK-{2018 + index}",
                   "right_holders": enterprise.name, "notes": "区级非物质文化遗产名录项目"}

    def add(self, enterprise, spec) -> int:
        if Asset.objects.filter(owner=enterprise, kind=spec["kind"], number=spec["number"]).exists():
            return 0
        asset = Asset(owner=enterprise, **spec)
        asset.full_clean()
        asset.save()
        services.sync_date_events(asset)
        self.events(asset)
        services.recompute_status(asset)
        return 1

    def events(self, asset: Asset) -> None:
        rng = random.Random(asset.number)
        if asset.kind == AssetKind.INVENTION and asset.publication_date:
            AssetEvent.objects.create(asset=asset, kind=EventKind.EXAMINATION_REQUESTED,
                                      date=add_months(asset.filing_date, rng.randint(1, 12)))
            action = add_months(asset.publication_date, rng.randint(2, 8))
            if action <= self.today:
                AssetEvent.objects.create(asset=asset, kind=EventKind.OFFICE_ACTION, date=action, note="第一次审查意见通知书")
                answered = action + datetime.timedelta(days=rng.randint(30, 110))
                if answered <= self.today:
                    AssetEvent.objects.create(asset=asset, kind=EventKind.OFFICE_ACTION_ANSWERED, date=answered)
        if asset.grant_date and asset.kind in (AssetKind.INVENTION, AssetKind.UTILITY_MODEL, AssetKind.DESIGN):
            # annual fees: the grant year's is paid with registration; each later year's by its filing-date
            # anniversary (named in the note, as the platform records it), so most patents are up to date and a few
            # are late or lapsed — what a real archive looks like
            year = 1
            while add_months(asset.filing_date, 12 * year) <= asset.grant_date:
                year += 1
            roll = rng.random()
            while True:
                year += 1
                due = add_months(asset.filing_date, 12 * (year - 1))
                if due > self.today or (roll < 0.08 and due > add_months(self.today, -5)):
                    break  # not due yet, or left unpaid: late, inside the grace period
                if roll < 0.04 and due <= add_months(self.today, -8):
                    AssetEvent.objects.create(asset=asset, kind=EventKind.LAPSED, date=add_months(due, 7),
                                              note="未缴年费专利权终止")
                    break
                AssetEvent.objects.create(asset=asset, kind=EventKind.ANNUITY_PAID,
                                          date=due - datetime.timedelta(days=rng.randint(3, 40)), note=f"第{year}年年费")
            if 0.08 <= roll < 0.16 and add_months(asset.grant_date, 3) <= self.today:
                AssetEvent.objects.create(asset=asset, kind=EventKind.PLEDGED, date=add_months(asset.grant_date, 3),
                                          note="知识产权质押融资（上海农商银行）")
            elif 0.16 <= roll < 0.22 and add_months(asset.grant_date, 5) <= self.today:
                AssetEvent.objects.create(asset=asset, kind=EventKind.LICENSED, date=add_months(asset.grant_date, 5),
                                          note="普通许可")
        if asset.kind == AssetKind.TRADEMARK and asset.grant_date and add_months(asset.grant_date, 120) <= self.today:
            AssetEvent.objects.create(asset=asset, kind=EventKind.RENEWED, date=add_months(asset.grant_date, 118))

    def secrets(self, enterprise) -> int:
        staff = list(services.eligible_staff([enterprise.pk]).filter(username__in=["agency", "agency_admin"]))
        added = 0
        for title, measures in (
            ("CHO细胞无血清培养基配方", "保密协议与竞业限制；配方分段保管；研发区门禁与日志"),
            ("抗体纯化层析工艺参数", "生产批记录加密存储；最小授权访问；年度保密审查"),
        ):
            if Asset.objects.filter(owner=enterprise, kind=AssetKind.TRADE_SECRET, title=title).exists():
                continue
            asset = Asset(owner=enterprise, kind=AssetKind.TRADE_SECRET, title=title, custodian="研发中心 王主任",
                          protection_measures=measures, review_date=datetime.date(self.today.year, 12, 31))
            asset.full_clean()
            asset.save()
            asset.responsible_staff.set(staff[:1])
            added += 1
        return added
