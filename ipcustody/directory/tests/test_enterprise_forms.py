"""Creating and editing enterprises through the pages: validation messages next to the field, nothing saved."""

from django.urls import reverse

from ipcustody.audit.models import ChangeLogEntry
from ipcustody.core.testing import valid_code
from ipcustody.directory.models import Contact, Enterprise


def form_data(world, **overrides):
    data = {
        "name": "新企业", "credit_code": valid_code("91310104MA1FL0009"), "park": world.park_a.pk, "size": "small",
        "ip_staff_count": 2, "established_on": "", "address": "", "is_active": "on", "segment": "",
        "contacts-TOTAL_FORMS": 1, "contacts-INITIAL_FORMS": 0, "contacts-MIN_NUM_FORMS": 0,
        "contacts-MAX_NUM_FORMS": 20, "contacts-0-name": "", "contacts-0-title": "", "contacts-0-phone": "",
        "contacts-0-email": "",
    }
    data.update(overrides)
    return data


def post_create(world, data, user="park_a_staff"):
    return world.client(user).post(reverse("directory:enterprise-create"), data)


def field_errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_it_creates_an_enterprise_with_a_contact(world):
    data = form_data(world, **{"contacts-0-name": "王伟", "contacts-0-email": "w@example.cn"})
    response = post_create(world, data)
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(name="新企业")
    assert enterprise.park == world.park_a
    assert Contact.objects.get(enterprise=enterprise).name == "王伟"


def test_it_accepts_a_code_typed_in_lower_case_with_spaces(world):
    code = valid_code("91310104MA1FL0009")
    response = post_create(world, form_data(world, credit_code=" " + code[:9].lower() + " " + code[9:].lower()))
    assert response.status_code == 302
    assert Enterprise.objects.get(name="新企业").credit_code == code


def test_it_rejects_a_wrong_check_character_next_to_the_field(world):
    code = valid_code("91310104MA1FL0009")
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    response = post_create(world, form_data(world, credit_code=wrong))
    assert response.status_code == 400
    errors = field_errors(response, "credit_code")
    assert errors and code[17] in errors[0]
    assert "error-summary" in response.content.decode()
    assert not Enterprise.objects.filter(name="新企业").exists()


def test_it_rejects_a_code_of_the_wrong_length(world):
    response = post_create(world, form_data(world, credit_code="9131010412345"))
    assert response.status_code == 400
    assert "18" in field_errors(response, "credit_code")[0]


def test_it_rejects_a_duplicate_credit_code(world):
    response = post_create(world, form_data(world, credit_code=world.ent_b.credit_code))
    assert response.status_code == 400
    assert field_errors(response, "credit_code")
    assert Enterprise.objects.filter(credit_code=world.ent_b.credit_code).count() == 1


def test_it_rejects_a_missing_name_and_keeps_the_input(world):
    response = post_create(world, form_data(world, name="", ip_staff_count=7))
    assert response.status_code == 400
    assert field_errors(response, "name")
    assert 'value="7"' in response.content.decode()
    assert not Enterprise.objects.filter(credit_code=valid_code("91310104MA1FL0009")).exists()


def test_a_bad_contact_row_saves_nothing(world):
    data = form_data(world, **{"contacts-0-name": "王伟", "contacts-0-email": "not-an-email"})
    response = post_create(world, data)
    assert response.status_code == 400
    assert not Enterprise.objects.filter(name="新企业").exists()


def test_a_park_cannot_create_an_enterprise_in_another_park(world):
    response = post_create(world, form_data(world, park=world.park_b.pk))
    assert response.status_code == 400
    assert field_errors(response, "park")
    assert not Enterprise.objects.filter(name="新企业").exists()


def test_an_enterprise_edits_its_profile_but_not_its_park(world):
    url = reverse("directory:enterprise-edit", args=[world.ent_a.pk])
    data = form_data(world, name="甲企业（新名）", credit_code=world.ent_a.credit_code, park=world.park_b.pk)
    response = world.client("ent_a_admin").post(url, data)
    assert response.status_code == 302
    world.ent_a.refresh_from_db()
    assert world.ent_a.name == "甲企业（新名）"
    assert world.ent_a.park == world.park_a


def test_changing_an_enterprise_shows_old_and_new_on_its_history_page(world):
    url = reverse("directory:enterprise-edit", args=[world.ent_a.pk])
    data = form_data(world, name="甲企业更名", credit_code=world.ent_a.credit_code, ip_staff_count=9)
    assert world.client("park_a_staff").post(url, data).status_code == 302
    entry = ChangeLogEntry.objects.filter(object_id=str(world.ent_a.pk), action="update").latest("pk")
    assert entry.actor == world.users["park_a_staff"]
    assert entry.organisation_id == world.park_a.pk
    assert entry.changes["name"] == ["甲企业", "甲企业更名"]
    assert entry.changes["ip_staff_count"] == [0, 9]
    page = world.client("ent_a_reader").get(reverse("directory:enterprise-history", args=[world.ent_a.pk]))
    html = page.content.decode()
    assert "甲企业更名" in html and "<del" in html and "park_a_staff" in html
    assert entry.timestamp.astimezone().strftime("%Y-%m-%d") in html
