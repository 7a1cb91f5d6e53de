"""Deadlines follow the archive; marking one done writes the legal event and moves the next one forward."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ipcustody.archive import services as archive_services
from ipcustody.archive.models import AssetEvent
from ipcustody.audit.models import ChangeLogEntry
from ipcustody.docketing import services
from ipcustody.docketing.models import Deadline, DeadlineStatus


def open_keys(asset):
    return set(Deadline.objects.filter(asset=asset, status="open").values_list("key", flat=True))


def test_a_granted_patent_gets_its_next_annuity_and_expiry(patents):
    keys = open_keys(patents.granted)
    assert "expiry" in keys
    assert any(k.startswith("annuity:") for k in keys)
    annuity = Deadline.objects.get(asset=patents.granted, kind="annuity", status="open")
    assert annuity.fee is not None and annuity.grace_until > annuity.due_date
    assert annuity.rule  # the rule and its inputs are shown to the user


def test_a_pending_invention_gets_its_examination_request(patents):
    deadline = Deadline.objects.get(asset=patents.pending, key="exam_request")
    assert deadline.due_date == datetime.date(2028, 1, 6)


def test_an_office_action_event_adds_a_response_deadline_and_its_answer_closes_it(patents):
    actor = patents.actor("park_a_staff")
    archive_services.save_event(actor, patents.pending, None, {"kind": "office_action", "date": datetime.date(2026, 9, 1)})
    oa = Deadline.objects.get(asset=patents.pending, kind="oa_response")
    # 4 months from electronic service (received the day sent): 2027-01-01, moved off a rest day; while the
    # calendar package has no 2027 holidays the date is weekends-only and marked provisional
    from ipcustody.docketing.calendar import holiday_data_covers, next_working_day

    assert oa.due_date == next_working_day(datetime.date(2027, 1, 1)).day
    assert oa.provisional is (not holiday_data_covers(oa.due_date))
    archive_services.save_event(actor, patents.pending, None,
                                {"kind": "office_action_answered", "date": datetime.date(2026, 10, 8)})
    oa.refresh_from_db()
    assert oa.status == DeadlineStatus.DONE  # closed by the recorded answer


def test_marking_an_annuity_paid_records_the_event_and_moves_the_next_one_forward(patents, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    annuity = Deadline.objects.get(asset=patents.granted, kind="annuity", status="open")
    year = annuity.year
    receipt = SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 receipt", content_type="application/pdf")
    services.mark_done(patents.actor("agency_x_staff"), annuity, done_on=datetime.date(2026, 2, 20), evidence=receipt)
    annuity.refresh_from_db()
    assert annuity.status == DeadlineStatus.DONE and annuity.evidence
    event = AssetEvent.objects.get(pk=annuity.event_id)
    assert event.kind == "annuity_paid" and f"第{year}年" in event.note
    following = Deadline.objects.get(asset=patents.granted, kind="annuity", status="open")
    assert following.year == year + 1 and following.due_date > annuity.due_date
    # the payment is on the asset's history page, with who did it
    entries = ChangeLogEntry.objects.filter(root_object_id=str(patents.granted.pk))
    assert entries.filter(content_type__model="assetevent", action="create").exists()
    assert entries.filter(content_type__model="deadline", changes__has_key="status").exists()


def test_read_only_and_unrelated_roles_cannot_mark_done(patents):
    annuity = Deadline.objects.get(asset=patents.granted, kind="annuity", status="open")
    for name in ("park_a_reader", "city", "agency_y_staff", "ent_a_reader"):
        with pytest.raises(PermissionDenied):
            services.mark_done(patents.actor(name), annuity, done_on=datetime.date(2026, 2, 20))


def test_a_deadline_is_marked_done_once(patents):
    annuity = Deadline.objects.get(asset=patents.granted, kind="annuity", status="open")
    stale = Deadline.objects.get(pk=annuity.pk)
    services.mark_done(patents.actor("park_a_staff"), annuity, done_on=datetime.date(2026, 2, 20))
    with pytest.raises(ValidationError):
        services.mark_done(patents.actor("park_a_staff"), stale, done_on=datetime.date(2026, 2, 21))
    assert AssetEvent.objects.filter(asset=patents.granted, kind="annuity_paid").count() == 1


def test_a_future_date_is_refused(patents):
    annuity = Deadline.objects.get(asset=patents.granted, kind="annuity", status="open")
    with pytest.raises(ValidationError):
        services.mark_done(patents.actor("park_a_staff"), annuity, done_on=datetime.date.today() + datetime.timedelta(days=3))


def test_recompute_is_idempotent(patents):
    before = list(Deadline.objects.order_by("pk").values_list("pk", "key", "due_date", "status"))
    result = services.recompute()
    assert result.created == 0 and result.closed == 0
    assert list(Deadline.objects.order_by("pk").values_list("pk", "key", "due_date", "status")) == before


def test_visibility_follows_the_archive(patents):
    assert not Deadline.objects.visible_to(patents.actor("agency_y_staff")).filter(owner=patents.ent_a).exists()
    assert Deadline.objects.visible_to(patents.actor("agency_x_staff")).filter(owner=patents.ent_a).exists()
    assert not Deadline.objects.visible_to(patents.actor("ent_b_admin")).filter(owner=patents.ent_a).exists()


def test_the_forecast_sums_annual_fees_by_month(patents):
    from ipcustody.archive.models import Asset

    result = services.forecast(patents.actor("park_a_reader"), Asset.objects.visible_to(patents.actor("park_a_reader")), 36)
    assert result.rows and all(row[0] == patents.ent_a.name for row in result.rows)
    assert result.total() == sum(row[6] for row in result.rows)
    assert len(result.months) == 37


def test_an_import_computes_the_deadlines_of_what_it_wrote(world):
    from ipcustody.archive.services import bulk_upsert
    from ipcustody.docketing.tests.conftest import app_number

    items = [{"owner": world.ent_a.credit_code, "kind": "invention", "title": "导入的发明", "number": app_number(2020, "1", 31),
              "filing_date": "2020-04-01", "grant_date": "2022-08-01"}]
    result = bulk_upsert(world.actor("park_a_staff"), items)
    assert not getattr(result, "errors", None), result
    assert Deadline.objects.filter(asset__title="导入的发明", kind="annuity", status="open").exists()


def test_a_batch_of_archive_saves_computes_deadlines_once_at_the_end(world, django_assert_max_num_queries):
    from ipcustody.archive import signals
    from ipcustody.docketing.tests.conftest import app_number

    actor = world.actor("park_a_staff")
    with signals.batch():
        asset = archive_services.save_asset(actor, None, {
            "owner": world.ent_a, "kind": "invention", "title": "批量", "number": app_number(2020, "1", 77),
            "filing_date": datetime.date(2020, 4, 1), "grant_date": datetime.date(2022, 8, 1)})
        assert not Deadline.objects.filter(asset=asset).exists()
    assert Deadline.objects.filter(asset=asset, kind="annuity", status="open").exists()


def test_an_answer_recorded_in_the_archive_closes_the_deadline_in_the_change_log(patents):
    actor = patents.actor("agency_x_staff")
    archive_services.save_event(actor, patents.pending, None, {"kind": "office_action", "date": datetime.date(2026, 9, 1)})
    archive_services.save_event(actor, patents.pending, None,
                                {"kind": "office_action_answered", "date": datetime.date(2026, 10, 8)})
    oa = Deadline.objects.get(asset=patents.pending, kind="oa_response")
    entry = ChangeLogEntry.objects.filter(content_type__model="deadline", object_id=str(oa.pk)).latest("pk")
    assert entry.changes == {"status": ["open", "done"]} and entry.actor == patents.users["agency_x_staff"]
    assert entry.root_object_id == str(patents.pending.pk)


def test_removing_an_asset_keeps_it_for_the_record_and_closes_its_deadlines(patents):
    from ipcustody.archive.models import Asset

    archive_services.delete_asset(patents.actor("park_a_staff"), patents.granted, "重复录入")
    assert Asset.objects.filter(pk=patents.granted.pk, removed_reason="重复录入").exists()  # never hard-deleted
    assert not Asset.objects.visible_to(patents.actor("city")).filter(pk=patents.granted.pk).exists()
    assert not Deadline.objects.filter(asset=patents.granted, status="open").exists()
    entry = ChangeLogEntry.objects.filter(content_type__model="asset", object_id=str(patents.granted.pk)).latest("pk")
    assert entry.changes["removed_reason"] == ["", "重复录入"]
    # the same number may be recorded again
    again = archive_services.save_asset(patents.actor("park_a_staff"), None, {
        "owner": patents.ent_a, "kind": "invention", "title": "重新录入", "number": patents.granted.number,
        "filing_date": patents.granted.filing_date})
    assert again.pk != patents.granted.pk


def test_every_deadline_kind_explains_its_date_in_the_users_language(patents):
    from django.utils import translation

    from ipcustody.docketing.models import DeadlineKind

    annuity = Deadline.objects.get(asset=patents.granted, kind="annuity", status="open")
    with translation.override("zh-hans"):
        assert "专利年度" in annuity.explanation and "2019-03-01" in annuity.explanation
    with translation.override("en"):
        assert annuity.explanation.startswith(f"Patent year {annuity.year} runs")
    for kind in DeadlineKind.values:
        probe = Deadline(asset=patents.granted, owner=patents.ent_a, kind=kind, due_date=annuity.due_date, year=2)
        assert probe.explanation, kind
