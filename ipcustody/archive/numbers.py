"""Chinese IP numbers: application-number check digits, publication/grant number shapes, Nice classes.

Pure Python (no Django): the archive's validation and its tests call these directly. Facts from
/work/shared/domain/cn-ip-deadlines-and-fees.md §6 and §7:

- application numbers since 2003-10-01: ``YYYY T NNNNNNN . C`` (12 digits + check), weights 2,3,4,5,6,7,8,9,2,3,4,5;
- before: ``YY T NNNNN . C`` (8 digits + check), weights 2..9; 1985–1988 numbers carry no check digit;
- check = sum mod 11, 10 → "X" (no "11 − r" step);
- type digit: 1 invention, 2 utility model, 3 design, 8 PCT invention, 9 PCT utility model (national phase);
- publication / grant documents: CN + 7 or 9 digits + kind code (A; B/C; U/Y; S/D), optional corrected-document digit;
- Nice classes 1–45.

Functions return an ``Problem`` (a code plus parameters) or None, so the caller words the message in the user's
language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WEIGHTS_12 = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
WEIGHTS_8 = (2, 3, 4, 5, 6, 7, 8, 9)

# Patent kinds, as the archive names them.
INVENTION = "invention"
UTILITY_MODEL = "utility_model"
DESIGN = "design"
PATENT_KINDS = (INVENTION, UTILITY_MODEL, DESIGN)

TYPE_DIGITS = {"1": INVENTION, "2": UTILITY_MODEL, "3": DESIGN, "8": INVENTION, "9": UTILITY_MODEL}

NICE_MIN, NICE_MAX = 1, 45


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ApplicationNumber:
    digits: str  # 8 or 12 digits, without the check character
    check: str  # "0"–"9", "X", or "" for 1985–1988 numbers
    year: int
    type_digit: str
    serial: str

    @property
    def kind(self) -> str | None:
        return TYPE_DIGITS.get(self.type_digit)

    @property
    def is_pct(self) -> bool:
        return self.type_digit in {"8", "9"}

    def __str__(self) -> str:
        return f"{self.digits}.{self.check}" if self.check else self.digits


def check_character(digits: str) -> str:
    """The check character of an 8- or 12-digit application number (remainder mod 11, 10 → X)."""
    if not digits.isdigit() or len(digits) not in (8, 12):
        raise ValueError("an application number has 8 or 12 digits before its check character")
    weights = WEIGHTS_12 if len(digits) == 12 else WEIGHTS_8
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "X" if remainder == 10 else str(remainder)


def normalise_application_number(value: str) -> str:
    """Strip "CN"/"ZL" prefixes, spaces and the dot; upper-case; then put the dot back before the check."""
    text = (value or "").strip().upper()
    text = re.sub(r"[\s\u3000]", "", text).replace("．", ".").replace("。", ".")
    for prefix in ("ZL", "CN"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    bare = text.replace(".", "")
    if re.fullmatch(r"\d{12}[\dX]|\d{8}[\dX]", bare):
        return f"{bare[:-1]}.{bare[-1]}"
    return text


def parse_application_number(value: str) -> tuple[ApplicationNumber | None, Problem | None]:
    text = normalise_application_number(value)
    bare = text.replace(".", "")
    if re.fullmatch(r"\d{12}[\dX]", bare):
        digits, check = bare[:12], bare[12]
        year, type_digit, serial = int(digits[:4]), digits[4], digits[5:]
        if year < 2003:
            return None, Problem("year", {"year": year})
    elif re.fullmatch(r"\d{8}[\dX]", bare):
        digits, check = bare[:8], bare[8]
        yy = int(digits[:2])
        year = 1900 + yy if yy >= 85 else 2000 + yy
        if year > 2003:
            return None, Problem("year", {"year": year})
        type_digit, serial = digits[2], digits[3:]
    elif re.fullmatch(r"8[5-8]\d{6}", bare):
        # 1985–1988: 8 digits, no check digit yet
        return ApplicationNumber(bare, "", 1900 + int(bare[:2]), bare[2], bare[3:]), None
    else:
        return None, Problem("format")
    if type_digit not in TYPE_DIGITS:
        return None, Problem("type", {"digit": type_digit})
    expected = check_character(digits)
    if check != expected:
        return None, Problem("check", {"expected": expected, "given": check})
    return ApplicationNumber(digits, check, year, type_digit, serial), None


def validate_application_number(value: str, kind: str | None = None, filing_year: int | None = None) -> Problem | None:
    """None when `value` is a well-formed Chinese patent application number matching the kind and filing year."""
    number, problem = parse_application_number(value)
    if problem is not None:
        return problem
    if kind in PATENT_KINDS and number.kind != kind:
        return Problem("kind", {"digit": number.type_digit, "number_kind": number.kind, "kind": kind})
    if filing_year is not None and number.year != filing_year:
        return Problem("filing_year", {"number_year": number.year, "filing_year": filing_year})
    return None


# --- publication and grant documents ----------------------------------------------------------------------

_DOC = re.compile(r"^CN(?P<series>\d)(?P<rest>\d{6}|\d{8})(?P<code>[A-Z])(?P<fix>\d?)$")

# kind → (publication kind codes, grant kind codes, series digit)
_DOC_RULES = {
    INVENTION: ({"A"}, {"B", "C"}, "1"),
    UTILITY_MODEL: (set(), {"U", "Y"}, "2"),
    DESIGN: (set(), {"S", "D"}, "3"),
}


def normalise_document_number(value: str) -> str:
    text = re.sub(r"[\s\u3000]", "", (value or "").upper())
    return text


def validate_document_number(value: str, kind: str, stage: str) -> Problem | None:
    """A publication ("publication") or grant ("grant") document number such as CN108722134A or CN100596351B.

    A grant may also be written as the patent number: "ZL" + the application number.
    """
    text = normalise_document_number(value)
    if stage == "grant" and text.startswith("ZL"):
        _number, problem = parse_application_number(text)
        return problem and Problem("patent_number")
    match = _DOC.match(text)
    if not match:
        return Problem("document_format")
    if kind not in _DOC_RULES:
        return None
    publication_codes, grant_codes, series = _DOC_RULES[kind]
    codes = publication_codes if stage == "publication" else grant_codes
    if match["series"] != series or match["code"] not in codes:
        return Problem(
            "document_kind",
            {"expected": " / ".join(f"CN{series}…{c}" for c in sorted(codes)) or "—", "given": text},
        )
    return None


def same_document_series(publication: str, grant: str) -> bool:
    """Since April 2010 a granted invention (B) reuses the number of its A publication."""
    p = _DOC.match(normalise_document_number(publication))
    g = _DOC.match(normalise_document_number(grant))
    if not p or not g or g["code"] != "B" or p["code"] != "A":
        return True
    return p["series"] + p["rest"] == g["series"] + g["rest"]


# --- trademarks and other registrations -------------------------------------------------------------------


def parse_nice_classes(value: str | list | tuple | None) -> tuple[list[int], Problem | None]:
    """"5, 10；第44类" → [5, 10, 44]; each class must be 1–45."""
    if value is None or value == "":
        return [], None
    if isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        parts = re.split(r"[,，;；、/\s]+", str(value).strip())
    classes: list[int] = []
    for part in parts:
        part = part.strip().removeprefix("第").removesuffix("类")
        if not part:
            continue
        if isinstance(part, str) and part.endswith(".0"):  # a number read from a spreadsheet cell
            part = part[:-2]
        if not part.isdigit():
            return [], Problem("nice_format", {"given": part})
        number = int(part)
        if not NICE_MIN <= number <= NICE_MAX:
            return [], Problem("nice_range", {"given": number})
        if number not in classes:
            classes.append(number)
    return sorted(classes), None


def format_nice_classes(classes: list[int]) -> str:
    return ",".join(str(c) for c in sorted(classes))


def validate_trademark_number(value: str) -> Problem | None:
    """Registration numbers are digits (the application number is the registration number); Madrid: G + digits."""
    text = (value or "").strip().upper()
    if re.fullmatch(r"G?\d{3,9}", text):
        return None
    return Problem("trademark_format")


def validate_software_number(value: str) -> Problem | None:
    """计算机软件著作权登记号: YYYYSR + 6 or 7 digits, e.g. 2019SR1234567."""
    if re.fullmatch(r"(19|20)\d{2}SR\d{6,7}", (value or "").strip().upper()):
        return None
    return Problem("software_format")


# --- IPC / Locarno ----------------------------------------------------------------------------------------

_IPC = re.compile(r"^[A-H]\d{2}[A-Z](\s?\d{1,4}/\d{1,6})?$")
_LOCARNO = re.compile(r"^\d{2}-\d{2}$")


def parse_classes(value: str | None, kind: str) -> tuple[list[str], Problem | None]:
    """IPC symbols ("A61K 39/395") for inventions and utility models, Locarno ("24-02") for designs."""
    if not value:
        return [], None
    parts = [p.strip().upper() for p in re.split(r"[;；,，、\n]+", str(value)) if p.strip()]
    result = []
    for part in parts:
        part = re.sub(r"\s+", " ", part)
        if kind == DESIGN:
            if not _LOCARNO.match(part):
                return [], Problem("locarno_format", {"given": part})
        elif not _IPC.match(part):
            return [], Problem("ipc_format", {"given": part})
        result.append(part)
    return result, None


def main_ipc(classes: list[str]) -> str:
    """The subclass of the first IPC symbol ("A61K"), used by the analysis and the IPC filter."""
    return classes[0][:4] if classes else ""
