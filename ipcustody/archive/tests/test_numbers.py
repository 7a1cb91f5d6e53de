"""The pure number rules, checked against real published numbers (domain file §6, §7)."""

import subprocess
import sys
from pathlib import Path

import pytest

from ipcustody.archive import numbers

REAL_12 = [
    "201711118060.3", "202030097744.6", "201980021354.5", "201621184072.7", "201821571934.0", "201920745289.8",
    "202010319131.1", "201230232140.3", "201220687633.0", "201710601862.3",
]
REAL_8 = ["01101467.9", "97203180.4", "03106254.7", "95115608.X"]


@pytest.mark.parametrize("number", REAL_12 + REAL_8)
def test_it_accepts_real_published_application_numbers(number):
    parsed, problem = numbers.parse_application_number(number)
    assert problem is None and str(parsed) == number


def test_it_computes_the_worked_examples_of_the_domain_file():
    assert numbers.check_character("201711118060") == "3"  # 113 mod 11
    assert numbers.check_character("202030097744") == "6"  # 182 mod 11
    assert numbers.check_character("201980021354") == "5"  # 170 mod 11
    assert numbers.check_character("01101467") == "9"  # 152 mod 11
    assert numbers.check_character("95115608") == "X"  # 186 mod 11 = 10


def test_it_accepts_the_x_check_character():
    assert numbers.parse_application_number("202211273995X")[1] is None


@pytest.mark.parametrize("number", ["201711118060.4", "01101467.8", "95115608.0"])
def test_it_rejects_a_wrong_check_digit_and_says_which_one_is_right(number):
    _parsed, problem = numbers.parse_application_number(number)
    assert problem.code == "check"
    assert problem.params["expected"] == numbers.check_character(number.split(".")[0])


@pytest.mark.parametrize("prefixed", ["CN201711118060.3", "ZL201711118060.3", " 2017 1111 8060.3 ", "2017111180603", "cn 201711118060.3"])
def test_it_normalises_prefixes_spaces_and_the_missing_dot(prefixed):
    assert numbers.normalise_application_number(prefixed) == "201711118060.3"


def test_it_accepts_1985_to_1988_numbers_without_check_digit():
    parsed, problem = numbers.parse_application_number("88100001")
    assert problem is None and parsed.year == 1988 and parsed.check == ""


def test_it_rejects_an_unused_type_digit_and_an_impossible_year():
    digits = "201751118060"
    assert numbers.parse_application_number(f"{digits}.{numbers.check_character(digits)}")[1].code == "type"
    digits = "200210000001"  # 12+1 format started in 2003
    assert numbers.parse_application_number(f"{digits}.{numbers.check_character(digits)}")[1].code == "year"
    assert numbers.parse_application_number("12345")[1].code == "format"


def test_it_maps_type_digits_to_kinds_including_pct_national_phase():
    assert numbers.parse_application_number("201980021354.5")[0].kind == numbers.INVENTION
    assert numbers.parse_application_number("201980021354.5")[0].is_pct
    assert numbers.validate_application_number("201621184072.7", numbers.INVENTION).code == "kind"
    assert numbers.validate_application_number("201621184072.7", numbers.UTILITY_MODEL) is None
    assert numbers.validate_application_number("201230232140.3", numbers.DESIGN) is None


def test_it_rejects_a_filing_year_that_differs_from_the_number():
    assert numbers.validate_application_number("201711118060.3", numbers.INVENTION, 2018).code == "filing_year"
    assert numbers.validate_application_number("201711118060.3", numbers.INVENTION, 2017) is None


@pytest.mark.parametrize("number, kind, stage", [
    ("CN108722134A", numbers.INVENTION, "publication"),
    ("CN1316289A", numbers.INVENTION, "publication"),
    ("CN1121256C", numbers.INVENTION, "grant"),
    ("CN100596351B", numbers.INVENTION, "grant"),
    ("CN2281834Y", numbers.UTILITY_MODEL, "grant"),
    ("CN211234567U", numbers.UTILITY_MODEL, "grant"),
    ("CN306123456S", numbers.DESIGN, "grant"),
    ("ZL201711118060.3", numbers.INVENTION, "grant"),
])
def test_it_accepts_real_document_number_shapes(number, kind, stage):
    assert numbers.validate_document_number(number, kind, stage) is None


@pytest.mark.parametrize("number, kind, stage, code", [
    ("CN108722134B", numbers.INVENTION, "publication", "document_kind"),
    ("CN2281834Y", numbers.INVENTION, "grant", "document_kind"),
    ("CN10872213A", numbers.INVENTION, "publication", "document_format"),
    ("ZL201711118060.4", numbers.INVENTION, "grant", "patent_number"),
])
def test_it_rejects_wrong_document_numbers(number, kind, stage, code):
    assert numbers.validate_document_number(number, kind, stage).code == code


def test_a_b_grant_keeps_the_number_of_its_a_publication():
    assert numbers.same_document_series("CN100596351A", "CN100596351B")
    assert not numbers.same_document_series("CN108722134A", "CN108722135B")
    assert numbers.same_document_series("CN1316289A", "CN1121256C")  # before 2010 C numbers were a series of their own


def test_it_reads_nice_classes_and_enforces_the_range():
    assert numbers.parse_nice_classes("5, 10；第44类") == ([5, 10, 44], None)
    assert numbers.parse_nice_classes("46")[1].code == "nice_range"
    assert numbers.parse_nice_classes("0")[1].code == "nice_range"
    assert numbers.parse_nice_classes("五")[1].code == "nice_format"
    assert numbers.parse_nice_classes([1, 45]) == ([1, 45], None)


def test_it_checks_ipc_and_locarno_classes():
    assert numbers.parse_classes("A61K 39/395; C07K16/28", numbers.INVENTION)[0] == ["A61K 39/395", "C07K16/28"]
    assert numbers.parse_classes("24-02", numbers.DESIGN) == (["24-02"], None)
    assert numbers.parse_classes("A61", numbers.INVENTION)[1].code == "ipc_format"
    assert numbers.main_ipc(["A61K 39/395"]) == "A61K"


def test_trademark_and_software_numbers():
    assert numbers.validate_trademark_number("12345678") is None
    assert numbers.validate_trademark_number("G1234567") is None
    assert numbers.validate_trademark_number("12AB").code == "trademark_format"
    assert numbers.validate_software_number("2019SR1234567") is None
    assert numbers.validate_software_number("2019SR12").code == "software_format"


def test_the_rule_modules_import_no_django():
    root = Path(__file__).resolve().parents[3]
    code = ("import sys\nimport ipcustody.archive.numbers, ipcustody.archive.status\n"
            "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n")
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
