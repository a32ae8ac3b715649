"""Phone numbers as people type them, made comparable.

Every number is stored three ways: as typed, as E.164, and as a matching key
(the national significant number) that suffix and legacy lookups use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

DEFAULT_REGION = "VN"
_JUNK = re.compile(r"[\s.\-/()\[\]]")


@dataclass(frozen=True)
class Phone:
    raw: str
    e164: str
    national: str  # national significant number: the match key


def clean(raw: str) -> str:
    """Strip separators and turn a leading 00 into +; keeps digits and a leading +."""
    s = _JUNK.sub("", raw.strip())
    if s.startswith("00"):
        s = "+" + s[2:]
    return s


def parse(raw: str, region: str = DEFAULT_REGION) -> Phone | None:
    """Parse a number in any common shape; None when it is not a phone number.

    `84912345678` (country code without the plus) is read as international when
    the national reading is not a valid number.
    """
    s = clean(raw)
    if not s or not re.fullmatch(r"\+?\d{3,17}", s):
        return None
    candidates = [s]
    if not s.startswith("+"):
        candidates.append("+" + s)
    for cand in candidates:
        try:
            num = phonenumbers.parse(cand, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(num) and (
            phonenumbers.is_valid_number(num) or cand is candidates[-1]
        ):
            e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            return Phone(raw=raw, e164=e164, national=str(num.national_number))
    return None


def format_national(e164: str, region: str = DEFAULT_REGION) -> str:
    try:
        num = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(num) == region:
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
