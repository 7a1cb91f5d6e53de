"""Bulk upsert of assets: the Excel/CSV import and the API's bulk endpoint share this one pipeline.

Rows are validated exactly like a single asset (`validation.asset_errors`). Everything happens in one
transaction: rows are written chunk by chunk while the stream is read (so 100,000 rows never sit in memory at
once), and the first error switches writing off; at the end any error rolls the whole transaction back, so a
file with one bad row writes nothing. The key of an asset is (owner enterprise, kind, number): importing the same
file again updates instead of duplicating. Bulk writes bypass the model signals, so the change-log entries are
written here, in the same transaction, with `ChangeLogEntry.objects.bulk_create`.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcustody.audit.models import Action, ChangeLogEntry
from ipcustody.audit.services import acting_as, diff, snapshot
from ipcustody.core.actor import Actor
from ipcustody.core.scoping import ScopeKind, scope_for

from . import services
from . import status as rules
from .models import Asset, AssetEvent, AssetKind, EventKind, FeeReduction
from .signals import assets_bulk_written
from .validation import asset_errors

CHUNK = 1000
MAX_ERRORS = 500


@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: str  # the Chinese header of the template (the file format; not translated)
    label: Any  # shown on pages
    example: Any = ""


COLUMNS = [
    ImportColumn("kind", "类型", _("kind"), "发明"),
    ImportColumn("owner", "企业统一社会信用代码", _("owner enterprise"), ""),
    ImportColumn("title", "名称", _("title"), "一种抗PD-1单克隆抗体及其制备方法"),
    ImportColumn("number", "申请号/注册号", _("application / registration number"), "201711118060.3"),
    ImportColumn("filing_date", "申请日", _("filing date"), "2017-11-13"),
    ImportColumn("publication_number", "公开号", _("publication number"), "CN108722134A"),
    ImportColumn("publication_date", "公开日/初审公告日", _("publication date"), "2018-11-02"),
    ImportColumn("grant_number", "授权公告号", _("grant / announcement number"), ""),
    ImportColumn("grant_date", "授权日/注册日", _("grant / registration date"), ""),
    ImportColumn("right_holders", "权利人", _("right holders"), "上海君实生物医药科技有限公司"),
    ImportColumn("inventors", "发明人", _("inventors"), "张伟；李芳"),
    ImportColumn("classes", "IPC/洛迦诺分类号", _("IPC / Locarno classes"), "C07K 16/28；A61K 39/395"),
    ImportColumn("nice_classes", "尼斯分类", _("Nice classes"), ""),
    ImportColumn("goods_services", "商品/服务", _("goods / services"), ""),
    ImportColumn("abstract", "摘要", _("abstract"), ""),
    ImportColumn("priority_claims", "优先权(国家 号码 日期；…)", _("priority claims"), ""),
    ImportColumn("pct_application_number", "PCT申请号", _("PCT application number"), ""),
    ImportColumn("pct_publication_number", "PCT公布号", _("PCT publication number"), ""),
    ImportColumn("pct_entry_date", "进入国家阶段日", _("national phase entry date"), ""),
    ImportColumn("fee_reduction", "费减比例", _("fee reduction"), "85"),
    ImportColumn("notes", "备注", _("notes"), ""),
    ImportColumn("event_kind", "法律事件", _("legal event"), ""),
    ImportColumn("event_date", "事件日期", _("event date"), ""),
]
BY_KEY = {c.key: c for c in COLUMNS}
BY_HEADER = {c.header: c for c in COLUMNS}

TEXT_FIELDS = ("title", "number", "publication_number", "grant_number", "right_holders", "inventors", "classes",
               "nice_classes", "goods_services", "abstract", "pct_application_number", "pct_publication_number", "notes")
DATE_FIELDS = ("filing_date", "publication_date", "grant_date", "pct_entry_date")
MODEL_FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, "priority_claims", "fee_reduction")

KIND_WORDS = {
    "发明": AssetKind.INVENTION, "发明专利": AssetKind.INVENTION,
    "实用新型": AssetKind.UTILITY_MODEL, "实用新型专利": AssetKind.UTILITY_MODEL,
    "外观设计": AssetKind.DESIGN, "外观设计专利": AssetKind.DESIGN,
    "商标": AssetKind.TRADEMARK, "著作权": AssetKind.COPYRIGHT, "作品著作权": AssetKind.COPYRIGHT,
    "计算机软件著作权": AssetKind.SOFTWARE, "软件著作权": AssetKind.SOFTWARE, "软著": AssetKind.SOFTWARE,
    "集成电路布图设计": AssetKind.IC_LAYOUT, "地理标志": AssetKind.GEO_INDICATION,
    "植物新品种": AssetKind.PLANT_VARIETY, "其他": AssetKind.OTHER,
    **{k.value: k for k in AssetKind if k != AssetKind.TRADE_SECRET},
}
KIND_LABELS_ZH = {
    AssetKind.INVENTION: "发明", AssetKind.UTILITY_MODEL: "实用新型", AssetKind.DESIGN: "外观设计",
    AssetKind.TRADEMARK: "商标", AssetKind.COPYRIGHT: "著作权", AssetKind.SOFTWARE: "计算机软件著作权",
    AssetKind.IC_LAYOUT: "集成电路布图设计", AssetKind.GEO_INDICATION: "地理标志",
    AssetKind.PLANT_VARIETY: "植物新品种", AssetKind.OTHER: "其他",
}
EVENT_WORDS = {
    "公开": EventKind.PUBLISHED, "实审": EventKind.EXAMINATION_REQUESTED, "实质审查": EventKind.EXAMINATION_REQUESTED,
    "审查意见": EventKind.OFFICE_ACTION, "答复审查意见": EventKind.OFFICE_ACTION_ANSWERED,
    "年费": EventKind.ANNUITY_PAID, "缴纳年费": EventKind.ANNUITY_PAID, "终止": EventKind.LAPSED,
    "未缴年费终止": EventKind.LAPSED, "权利终止": EventKind.LAPSED, "恢复": EventKind.RESTORED,
    "恢复权利": EventKind.RESTORED, "转让": EventKind.TRANSFERRED, "许可": EventKind.LICENSED,
    "质押": EventKind.PLEDGED, "解除质押": EventKind.PLEDGE_RELEASED, "无效": EventKind.INVALIDATED,
    "全部无效": EventKind.INVALIDATED, "届满": EventKind.EXPIRED, "期限届满": EventKind.EXPIRED,
    "续展": EventKind.RENEWED, "撤回": EventKind.WITHDRAWN, "视为撤回": EventKind.WITHDRAWN,
    "驳回": EventKind.REJECTED, **{k.value: k for k in EventKind},
}


@dataclass(frozen=True)
class RowError:
    row: int | str  # the spreadsheet row (header = 1) or the API's list index
    column: str  # the column header (files) or the field name (API)
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_rows: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFailed(Exception):
    def __init__(self, result: ImportResult):
        super().__init__(f"{len(result.errors)} errors")
        self.result = result


class FileFormatError(Exception):
    """The file itself cannot be read (not xlsx/csv, missing columns …)."""


# --- reading files ----------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _map_header(headers: list[Any]) -> list[str | None]:
    keys = []
    for header in headers:
        text = str(header or "").strip()
        column = BY_HEADER.get(text) or BY_KEY.get(text)
        keys.append(column.key if column else None)
    missing = [BY_KEY[k].header for k in ("kind", "title", "number") if k not in keys]
    if missing:
        raise FileFormatError(_("The file lacks the columns %(columns)s. Please start from the template.")
                              % {"columns": "、".join(missing)})
    return keys


def read_rows(path_or_file, filename: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (spreadsheet row number, {field key: value}) from an .xlsx or .csv file, streaming."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path_or_file, read_only=True, data_only=True)
        except Exception as exc:  # zip/xml errors: not an xlsx file
            raise FileFormatError(_("This is not a readable .xlsx file.")) from exc
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            keys = _map_header(list(next(rows, [])))
            for number, values in enumerate(rows, start=2):
                data = {k: _cell(v) for k, v in zip(keys, values, strict=False) if k}
                if any(v not in ("", None) for v in data.values()):
                    yield number, data
        finally:
            workbook.close()
    elif name.endswith(".csv"):
        raw = path_or_file.read() if hasattr(path_or_file, "read") else open(path_or_file, "rb").read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")  # CSV saved by Excel on a Chinese Windows
        reader = csv.reader(io.StringIO(text))
        keys = _map_header(next(reader, []))
        for number, values in enumerate(reader, start=2):
            data = {k: _cell(v) for k, v in zip(keys, values, strict=False) if k}
            if any(v not in ("", None) for v in data.values()):
                yield number, data
    else:
        raise FileFormatError(_("Upload an .xlsx or .csv file."))


def template_workbook(example: bool = True):
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "资产"
    sheet.append([c.header for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    if example:
        sheet.append([str(c.example) for c in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, len(column.header) * 2 + 2)
    notes = workbook.create_sheet("说明")
    notes.append(["列", "说明"])
    notes.append(["类型", "、".join(KIND_LABELS_ZH.values()) + "（商业秘密不通过导入登记）"])
    notes.append(["企业统一社会信用代码", "资产所属企业；在导入页面选择了企业时可留空"])
    notes.append(["申请号/注册号", "专利: 12位+校验位，如 201711118060.3（或旧格式 8位+校验位）；商标: 注册号；软著: 如 2019SR1234567"])
    notes.append(["日期", "YYYY-MM-DD"])
    notes.append(["尼斯分类", "1–45，多个用逗号分隔"])
    notes.append(["法律事件", "、".join(sorted(k for k in EVENT_WORDS if not k.isascii()))])
    notes.append(["重复导入", "同一企业、同一类型、同一号码的资产会被更新而不是重复创建；空白单元格不修改原值"])
    return workbook


# --- cleaning one row -------------------------------------------------------------------------------------


@dataclass
class Context:
    actor: Actor
    enterprises: dict[str, Any]  # credit code → Enterprise the actor may write to
    default_owner: Any = None
    produced_by: Any = None


def make_context(actor: Actor, default_owner=None) -> Context:
    if not services.can_create_asset(actor):
        raise PermissionDenied
    writable = services.writable_enterprises(actor).only("pk", "name", "credit_code")
    enterprises = {e.credit_code: e for e in writable}
    if default_owner is not None and default_owner.credit_code not in enterprises:
        raise PermissionDenied
    if default_owner is None and len(enterprises) == 1:
        default_owner = next(iter(enterprises.values()))
    scope = scope_for(actor)
    produced_by = None
    if scope.kind is ScopeKind.AGENCY:
        from ipcustody.directory.models import Agency

        produced_by = Agency.objects.get(pk=scope.agency_id)
    return Context(actor, enterprises, default_owner, produced_by)


def _date(value: Any) -> tuple[datetime.date | None, Any]:
    if value in ("", None):
        return None, None
    if isinstance(value, datetime.date):
        return value, None
    text = str(value).strip().replace("/", "-").replace(".", "-")
    if len(text) == 8 and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        return datetime.date.fromisoformat(text), None
    except ValueError:
        return None, _("“%(value)s” is not a date; write YYYY-MM-DD.") % {"value": value}


def clean_row(raw: dict[str, Any], ctx: Context) -> tuple[dict[str, Any], dict[str, list]]:
    """Turn raw cells into typed values; return (values, {field key: [messages]})."""
    errors: dict[str, list] = {}
    values: dict[str, Any] = {}
    kind_text = str(raw.get("kind", "")).strip()
    kind = KIND_WORDS.get(kind_text)
    if kind is None:
        errors["kind"] = [_("“%(value)s” is not a kind of asset this import accepts (%(kinds)s).")
                          % {"value": kind_text, "kinds": "、".join(KIND_LABELS_ZH.values())}]
    values["kind"] = kind
    code = str(raw.get("owner", "")).strip().upper()
    if code:
        owner = ctx.enterprises.get(code)
        if owner is None:
            errors["owner"] = [_("No enterprise with this credit code whose archive you may change.")]
    else:
        owner = ctx.default_owner
        if owner is None:
            errors["owner"] = [_("Give the enterprise's unified social credit code.")]
    values["owner"] = owner
    for key in TEXT_FIELDS:
        if key in raw:
            values[key] = str(raw[key] or "").strip()
    if not values.get("title") and "title" in raw:
        errors["title"] = [_("Give the title.")]
    for key in DATE_FIELDS:
        if key in raw:
            values[key], problem = _date(raw[key])
            if problem:
                errors[key] = [problem]
    if raw.get("priority_claims") not in (None, ""):
        values["priority_claims"] = raw["priority_claims"]
    if raw.get("fee_reduction") not in (None, ""):
        text = str(raw["fee_reduction"]).strip().rstrip("%")
        try:
            number = int(Decimal(text) * 100) if Decimal(text) < 1 and Decimal(text) > 0 else int(Decimal(text))
        except Exception:
            number = -1
        if number not in FeeReduction.values:
            errors["fee_reduction"] = [_("The fee reduction is 0, 70 or 85 (per cent).")]
        values["fee_reduction"] = number
    event_text = str(raw.get("event_kind", "") or "").strip()
    if event_text:
        event_kind = EVENT_WORDS.get(event_text)
        event_date, problem = _date(raw.get("event_date"))
        if event_kind is None:
            errors["event_kind"] = [_("“%(value)s” is not a legal event this import knows.") % {"value": event_text}]
        elif problem or event_date is None:
            errors["event_date"] = [problem or _("Give the date of the event.")]
        values["event"] = (event_kind, event_date)
    return values, errors


# --- the pipeline -----------------------------------------------------------------------------------------


def _apply(asset: Asset, values: dict[str, Any], creating: bool) -> None:
    for key in MODEL_FIELDS:
        if key in values and (creating or values[key] not in ("", None)):
            setattr(asset, key, values[key])


def _event_list(existing: list[AssetEvent]) -> list[rules.Event]:
    return [rules.Event(e.date, e.kind, e.pk or 10**12 + i) for i, e in enumerate(existing)]


class _Writer:
    """Collects one chunk's creates and updates, then writes them with a handful of queries."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.asset_ct = ContentType.objects.get_for_model(Asset)
        self.event_ct = ContentType.objects.get_for_model(AssetEvent)
        membership = ctx.actor.membership
        self.log_base = {
            "actor": ctx.actor.user if ctx.actor.user is not None and ctx.actor.user.pk else None,
            "actor_label": ctx.actor.label,
            "organisation_id": membership.organisation_id if membership else None,
        }

    def write(self, rows: list[tuple[Asset, dict | None, dict[str, Any]]], result: ImportResult) -> None:
        """rows: (asset with values applied, snapshot before or None when new, cleaned values)."""
        changed_ids = [a.pk for a, before, _v in rows if before is not None]
        existing_events: dict[int, list[AssetEvent]] = {}
        if changed_ids:
            for event in AssetEvent.objects.filter(asset_id__in=changed_ids).order_by("date", "pk"):
                existing_events.setdefault(event.asset_id, []).append(event)
        create_events: list[AssetEvent] = []
        update_events: list[AssetEvent] = []
        for asset, _before, values in rows:
            events = existing_events.get(asset.pk, []) if asset.pk else []
            by_field = {e.date_field: e for e in events if e.date_field}
            for field_name, kind in services.DATE_EVENTS:
                day = getattr(asset, field_name)
                event = by_field.get(field_name)
                if day and event is None:
                    event = AssetEvent(asset=asset, kind=kind, date=day, date_field=field_name)
                    create_events.append(event)
                    events.append(event)
                elif day and event.date != day:
                    event._old_date = event.date
                    event.date = day
                    update_events.append(event)
            extra = values.get("event")
            if extra and not any(e.kind == extra[0] and e.date == extra[1] for e in events):
                event = AssetEvent(asset=asset, kind=extra[0], date=extra[1])
                create_events.append(event)
                events.append(event)
            derived = rules.derive(_event_list(events))
            asset.status, asset.status_since, asset.is_pledged = derived.status, derived.since, derived.pledged
            asset.search_text = asset.build_search_text()
        now = timezone.now()
        new = [a for a, before, _v in rows if before is None]
        for asset in new:
            asset.created_at = asset.updated_at = now
        Asset.objects.bulk_create(new, batch_size=500)
        logs: list[ChangeLogEntry] = []
        to_update = []
        for asset, before, _values in rows:
            after = snapshot(asset)
            if before is None:
                result.created += 1
                logs.append(self._log(asset, asset, Action.CREATE, diff(None, after)))
                continue
            changes = diff(before, after)
            if changes:
                result.updated += 1
                asset.updated_at = now
                to_update.append(asset)
                logs.append(self._log(asset, asset, Action.UPDATE, changes))
            else:
                result.unchanged += 1
        if to_update:
            fields = ["status", "status_since", "is_pledged", "search_text", "updated_at", "main_class", *MODEL_FIELDS]
            Asset.objects.bulk_update(to_update, fields, batch_size=500)
        for event in create_events:
            event.asset = event.asset  # sets asset_id now that the asset has a key, keeping the cached object
            event.created_at = now
        AssetEvent.objects.bulk_create(create_events, batch_size=1000)
        if update_events:
            AssetEvent.objects.bulk_update(update_events, ["date"], batch_size=500)
        for event in create_events:
            logs.append(self._log(event, event.asset, Action.CREATE, diff(None, snapshot(event))))
        for event in update_events:
            logs.append(self._log(event, event.asset, Action.UPDATE,
                                  {"date": [event._old_date.isoformat(), event.date.isoformat()]}))
        ChangeLogEntry.objects.bulk_create(logs, batch_size=1000)
        written = [a.pk for a in new] + [a.pk for a in to_update]
        if written:
            assets_bulk_written.send(sender=Asset, asset_ids=written)

    def _log(self, obj, root: Asset, action: str, changes: dict) -> ChangeLogEntry:
        return ChangeLogEntry(
            **self.log_base,
            content_type=self.asset_ct if isinstance(obj, Asset) else self.event_ct,
            object_id=str(obj.pk),
            object_repr=str(obj)[:255],
            root_content_type=self.asset_ct,
            root_object_id=str(root.pk),
            action=action,
            changes=changes,
        )


def run(
    actor: Actor,
    rows: Iterable[tuple[int | str, dict[str, Any]]],
    *,
    commit: bool,
    default_owner=None,
    column_name=lambda key: BY_KEY[key].header if key in BY_KEY else key,
) -> ImportResult:
    """Validate every row and, with `commit`, write them all in one transaction — or nothing.

    Returns the result; raises ImportFailed (after rolling back) when `commit` and any row has an error.
    """
    ctx = make_context(actor, default_owner)
    result = ImportResult()
    writer = _Writer(ctx)
    seen: dict[tuple, int | str] = {}

    def flush(chunk: list[tuple[int | str, dict, dict]]) -> None:
        keys = {(v["owner"].pk, v["kind"]) for _n, v, _e in chunk}
        owners = {k[0] for k in keys}
        numbers_in_chunk = {v["_number"] for _n, v, _e in chunk}
        existing = {
            (a.owner_id, a.kind, a.number): a
            for a in Asset.objects.current().filter(owner_id__in=owners, number__in=numbers_in_chunk).select_related("produced_by").exclude(
                kind=AssetKind.TRADE_SECRET
            )
        }
        ready = []
        for number, values, _errors in chunk:
            key = (values["owner"].pk, values["kind"], values["_number"])
            asset = existing.get(key)
            before = None
            if asset is not None:
                asset.owner = values["owner"]
                before = snapshot(asset)
            else:
                asset = Asset(owner=values["owner"], kind=values["kind"], produced_by=ctx.produced_by)
            _apply(asset, values, creating=before is None)
            problems = asset_errors(asset)
            if problems:
                _record(result, number, problems, column_name)
                continue
            if commit and not result.errors:
                ready.append((asset, before, values))
            elif not commit:  # the preview says what a commit would do
                if before is None:
                    result.created += 1
                else:
                    result.updated += 1
        if commit and not result.errors and ready:
            writer.write(ready, result)

    chunk: list = []
    with transaction.atomic(), acting_as(actor):
        for number, raw in rows:
            result.total += 1
            values, errors = clean_row(raw, ctx)
            if not errors:
                probe = Asset(kind=values["kind"], number=values.get("number", ""))
                probe.number = _normalised_number(probe)
                values["_number"] = probe.number
                key = (values["owner"].pk, values["kind"], probe.number)
                if probe.number and key in seen:
                    errors["number"] = [_("The same number is already on row %(row)s of this file.") % {"row": seen[key]}]
                else:
                    seen[key] = number
            if errors:
                _record(result, number, errors, column_name)
                continue
            chunk.append((number, values, errors))
            if len(chunk) >= CHUNK:
                flush(chunk)
                chunk = []
        if chunk:
            flush(chunk)
        result.committed = commit and not result.errors
        if commit and result.errors:
            transaction.set_rollback(True)
    if commit and result.errors:
        result.created = result.updated = result.unchanged = 0
        raise ImportFailed(result)
    return result


def _normalised_number(asset: Asset) -> str:
    from . import numbers

    if asset.kind in (AssetKind.INVENTION, AssetKind.UTILITY_MODEL, AssetKind.DESIGN):
        return numbers.normalise_application_number(asset.number)
    return (asset.number or "").strip().upper()


def _record(result: ImportResult, row, errors: dict[str, list], column_name) -> None:
    result.error_rows += 1
    for key, messages in errors.items():
        for text in messages:
            if len(result.errors) < MAX_ERRORS:
                result.errors.append(RowError(row, column_name(key), str(text)))


def import_file(actor: Actor, path_or_file, filename: str, *, commit: bool, default_owner=None) -> ImportResult:
    return run(actor, read_rows(path_or_file, filename), commit=commit, default_owner=default_owner)


def bulk_upsert(actor: Actor, items: list[dict[str, Any]], *, default_owner=None) -> ImportResult:
    """The API's bulk endpoint: JSON objects with the field names; errors by list index and field name."""
    rows = []
    for index, item in enumerate(items):
        raw = {k: v for k, v in item.items() if k in BY_KEY}
        if isinstance(item.get("event"), dict):
            raw["event_kind"], raw["event_date"] = item["event"].get("kind", ""), item["event"].get("date", "")
        rows.append((index, raw))
    return run(actor, rows, commit=True, default_owner=default_owner, column_name=lambda key: key)
