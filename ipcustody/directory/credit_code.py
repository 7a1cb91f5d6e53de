"""Unified social credit code (统一社会信用代码) rules of GB 32100-2015.

Pure module (no Django): the code is 18 characters from a 31-character alphabet (digits and capital letters
without I, O, S, V, Z). Character 18 is a check character computed from the first 17 with weights 3^(i-1) mod 31.
Characters 3-8 are the administrative division code (digits). We check structure and the check character only:
the embedded organisation code (GB 11714) of older registrations is not re-validated, so no genuine code is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# 登记管理部门码: 1 机构编制, 5 民政, 9 工商 (市场监管), Y 其他; plus the ones later allocated (2-8, A-N).
REGISTRATION_AUTHORITIES = frozenset("123456789ABCDEFGHJKLMN" + "Y")


@dataclass(frozen=True)
class CreditCodeError:
    """Why a code was refused; `code` is stable for callers, `position` is 1-based or None."""

    code: str
    position: int | None = None
    expected: str | None = None


def normalise(value: str) -> str:
    """Upper-case and strip spaces, as users paste codes from licences with spaces or lower case."""
    return "".join(value.split()).upper()


def check_character(first17: str) -> str:
    """Return the GB 32100-2015 check character for the first 17 characters."""
    if len(first17) != 17:
        raise ValueError("need exactly 17 characters")
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate(value: str) -> CreditCodeError | None:
    """Return None for a valid code, else the first problem found."""
    code = normalise(value)
    if len(code) != 18:
        return CreditCodeError("length")
    for index, ch in enumerate(code, start=1):
        if ch not in ALPHABET:
            return CreditCodeError("character", position=index)
    if code[0] not in REGISTRATION_AUTHORITIES:
        return CreditCodeError("character", position=1)
    if not code[2:8].isdigit():
        return CreditCodeError("division", position=3)
    expected = check_character(code[:17])
    if code[17] != expected:
        return CreditCodeError("check", position=18, expected=expected)
    return None


def is_valid(value: str) -> bool:
    return validate(value) is None
