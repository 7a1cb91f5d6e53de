"""The contract workflow: drafting rules, the three confirmations, activation, amendments, termination, scoping."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ipcustody.audit.models import ChangeLogEntry
from ipcustody.contracts import services
from ipcustody.contracts.models import Confirmation, Contract, ContractStatus
from ipcustody.directory.models import Enterprise, ServiceItem

TODAY = timezone.localdate


def data(world, **extra):
    today = TODAY()
    base = {"enterprise": world.ent_a2, "agency": world.agency_x, "custody_form": "single", "start_date": today,
            "end_date": today + datetime.timedelta(days=364), "fee": 1000, "payer": "park", "confidentiality": True}
    return {**base, **extra}


def test_it_fills_every_item_for_full_custody(draft):
    assert draft.service_items.count() == ServiceItem.objects.count()
    assert draft.status == ContractStatus.DRAFT and draft.number.startswith("TG")


def test_it_rejects_single_item_custody_without_items(world):
    with pytest.raises(ValidationError) as exc:
        services.save_contract(world.actor("park_a_staff"), None, data(world), service_items=[])
    assert "service_items" in exc.value.message_dict


def test_it_rejects_non_consulting_items_for_advisory_custody(world):
    items = ServiceItem.objects.filter(code__in=["strategy", "enforcement"])
    with pytest.raises(ValidationError) as exc:
        services.save_contract(world.actor("park_a_staff"), None, data(world, custody_form="advisory"), service_items=items)
    assert "service_items" in exc.value.message_dict


def test_it_refuses_patent_items_to_an_agency_without_licence(world):
    from ipcustody.contracts.models import Admission

    Admission.objects.create(park=world.park_a, agency=world.agency_y, valid_from=TODAY(), valid_until=TODAY())
    items = ServiceItem.objects.filter(code="application_drafting")
    with pytest.raises(ValidationError) as exc:
        services.save_contract(world.actor("park_a_staff"), None, data(world, agency=world.agency_y), service_items=items)
    assert "§6.1" in str(exc.value.message_dict["agency"])  # the licence rule, in any language


def test_it_refuses_an_agency_not_admitted_to_the_park(world):
    items = ServiceItem.objects.filter(code="strategy")
    with pytest.raises(ValidationError) as exc:
        services.save_contract(world.actor("park_b_admin"), None,
                               data(world, enterprise=world.ent_b, agency=world.agency_x), service_items=items)
    assert "agency" in exc.value.message_dict


def test_it_rejects_staff_of_another_agency(world):
    items = ServiceItem.objects.filter(code="strategy")
    with pytest.raises(ValidationError) as exc:
        services.save_contract(world.actor("park_a_staff"), None, data(world), service_items=items,
                               staff=[world.users["agency_y_staff"]])
    assert "staff" in exc.value.message_dict


def test_it_rejects_an_enterprise_of_another_park(world):
    with pytest.raises((ValidationError, PermissionDenied)):
        services.save_contract(world.actor("park_a_staff"), None, data(world, enterprise=world.ent_b),
                               service_items=ServiceItem.objects.filter(code="strategy"))


@pytest.mark.parametrize("name", ["park_a_reader", "agency_x_admin", "ent_a_admin", "city", "district_a"])
def test_only_park_writers_draft_contracts(world, name):
    with pytest.raises(PermissionDenied):
        services.save_contract(world.actor(name), None, data(world), service_items=ServiceItem.objects.all()[:1])


def test_it_needs_the_confidentiality_undertaking_before_sending(world, draft):
    draft.confidentiality = False
    draft.save()
    with pytest.raises(ValidationError) as exc:
        services.send_contract(world.actor("park_a_staff"), draft)
    assert "confidentiality" in exc.value.message_dict


def test_a_contract_becomes_active_only_after_all_three_parties_confirm(world, awaiting):
    services.confirm_contract(world.actor("park_a_admin"), awaiting)
    services.confirm_contract(world.actor("agency_x_staff"), awaiting)
    awaiting.refresh_from_db()
    assert awaiting.status == ContractStatus.AWAITING
    services.confirm_contract(_ent_a2_admin(world), awaiting)
    awaiting.refresh_from_db()
    assert awaiting.status == ContractStatus.ACTIVE and awaiting.activated_at is not None
    assert Enterprise.objects.visible_to(world.actor("agency_x_staff")).filter(pk=world.ent_a2.pk).exists()


def _ent_a2_admin(world):
    from django.contrib.auth import get_user_model

    from ipcustody.accounts.models import Membership
    from ipcustody.core.actor import Actor

    user = get_user_model().objects.create_user("ent_a2_admin", password="x-Test-Pass-1")
    return Actor(user=user, membership=Membership.objects.create(user=user, organisation=world.ent_a2, role="admin"))


def test_it_refuses_a_second_confirmation_by_the_same_party(world, awaiting):
    services.confirm_contract(world.actor("park_a_staff"), awaiting)
    with pytest.raises(ValidationError):
        services.confirm_contract(world.actor("park_a_admin"), awaiting)
    assert Confirmation.objects.filter(contract=awaiting).count() == 1


def test_it_refuses_confirmation_of_a_draft(world, draft):
    with pytest.raises(ValidationError):
        services.confirm_contract(world.actor("park_a_staff"), draft)
    assert not Confirmation.objects.exists()


@pytest.mark.parametrize("name", ["agency_x_reader", "ent_a_reader", "park_a_reader", "city", "agency_y_staff"])
def test_read_only_roles_and_outsiders_cannot_confirm(world, awaiting, name):
    with pytest.raises(PermissionDenied):
        services.confirm_contract(world.actor(name), awaiting)


def test_the_transition_table_refuses_a_skipped_step(world, draft):
    with pytest.raises(ValidationError):
        services.transition_contract(world.actor("park_a_staff"), draft, ContractStatus.ACTIVE)
    draft.refresh_from_db()
    assert draft.status == ContractStatus.DRAFT


def test_a_stale_status_update_changes_nothing(world, draft):
    stale = Contract.objects.get(pk=draft.pk)
    services.cancel_contract(world.actor("park_a_staff"), draft)
    with pytest.raises(ValidationError):
        services.guarded_update(stale, services.CONTRACT_TRANSITIONS, ContractStatus.AWAITING)
    stale.refresh_from_db()
    assert stale.status == ContractStatus.CANCELLED


def test_the_day_after_termination_the_agency_loses_the_enterprise(world):
    contract = world.contract_x_a
    today = TODAY()
    services.terminate_contract(world.actor("park_a_staff"), contract, today, "企业要求")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATED
    actor = world.actor("agency_x_staff")
    assert Enterprise.objects.visible_to(actor).filter(pk=world.ent_a.pk).exists()  # still today
    from ipcustody.directory.relations import active_relations

    assert not active_relations(today + datetime.timedelta(days=1)).filter(enterprise=world.ent_a).exists()
    assert active_relations(today).filter(enterprise=world.ent_a).exists()
    # the contract itself stays visible to its parties
    assert Contract.objects.visible_to(actor).filter(pk=contract.pk).exists()


def test_termination_needs_a_reason_and_a_date_within_the_term(world):
    with pytest.raises(ValidationError) as exc:
        services.terminate_contract(world.actor("park_a_staff"), world.contract_x_a,
                                    TODAY() + datetime.timedelta(days=1000), " ")
    assert {"reason", "terminated_on"} <= set(exc.value.message_dict)


def test_an_amendment_is_a_new_version_and_supersedes_the_old_when_confirmed(world):
    old = world.contract_x_a
    new = services.amend_contract(world.actor("park_a_staff"), old)
    assert new.version == 2 and new.number == old.number and new.amends == old
    assert new.service_items.count() == old.service_items.count()
    services.save_contract(world.actor("park_a_staff"), new, {"fee": 80000}, service_items=new.service_items.all())
    services.send_contract(world.actor("park_a_staff"), new)
    for name in ["park_a_admin", "agency_x_admin", "ent_a_admin"]:
        services.confirm_contract(world.actor(name), new)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == ContractStatus.SUPERSEDED and new.status == ContractStatus.ACTIVE
    assert Contract.objects.filter(number=old.number).count() == 2  # the old version is kept
    assert Enterprise.objects.visible_to(world.actor("agency_x_staff")).filter(pk=world.ent_a.pk).exists()


def test_every_step_is_in_the_change_log(world, awaiting):
    for name in ["park_a_admin", "agency_x_admin"]:
        services.confirm_contract(world.actor(name), awaiting)
    entries = ChangeLogEntry.objects.filter(root_object_id=str(awaiting.pk), root_content_type__model="contract")
    statuses = [e.changes.get("status") for e in entries if "status" in e.changes]
    assert ["draft", "awaiting"] in statuses
    assert entries.filter(content_type__model="confirmation").count() == 2


def test_drafts_are_hidden_from_the_agency_and_the_enterprise(world, draft):
    assert not Contract.objects.visible_to(world.actor("agency_x_staff")).filter(pk=draft.pk).exists()
    assert Contract.objects.visible_to(world.actor("district_a")).filter(pk=draft.pk).exists()
    services.send_contract(world.actor("park_a_staff"), draft)
    assert Contract.objects.visible_to(world.actor("agency_x_staff")).filter(pk=draft.pk).exists()


@pytest.mark.parametrize("name, visible", [
    ("city", True), ("district_a", True), ("district_b", False), ("park_a_reader", True), ("park_b_admin", False),
    ("agency_x_reader", True), ("agency_y_staff", False), ("ent_a_reader", True), ("ent_b_admin", False),
    ("platform_admin", False), ("nomember", False),
])
def test_who_sees_a_contract(world, name, visible):
    from ipcustody.core.actor import Actor

    actor = world.actor(name) if name in world.memberships else Actor(user=world.users[name])
    assert Contract.objects.visible_to(actor).filter(pk=world.contract_x_a.pk).exists() is visible
