"""Phone numbers as people and switches send them, made comparable.

Every number is stored three ways: as typed (`value_raw`), as E.164 (`value_norm`)
and as a matching key (`match_key`, the national significant number) that legacy
and suffix lookups use. A number typed in Vietnam's pre-2017/2018 plan is stored
under today's number (`parse` maps it; the raw text keeps what was typed), so the
E.164 index finds it whichever form the caller arrives with. Numbers that read
validly in *both* plans cannot be mapped at store time (see app.legacy_numbers);
lookup tries their other reading instead.

Withheld callers ("anonymous", "private", "+", "0", empty...) are not errors: they
are unknown, and `parse` returns None for them like for any non-number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from app import legacy_numbers

DEFAULT_REGION = "VN"
VN_COUNTRY_CODE = 84
_JUNK = re.compile(r"[\s.\-/()\[\]{}\u2010-\u2015\u2212_]")
_URI = re.compile(r"^(?:tel|sips?|callto)\s*:\s*", re.IGNORECASE)
_NUMBER = re.compile(r"\+?\d{3,17}")
_NOT_WORD = re.compile(r"[^a-z0-9]")
_NOT_DIGIT = re.compile(r"\D")
_WITHHELD_WORDS = frozenset(
    {
        "anonymous",
        "anonym",
        "unknown",
        "private",
        "privatenumber",
        "withheld",
        "restricted",
        "unavailable",
        "blocked",
        "nocallerid",
        "notavailable",
        "na",
        "none",
        "null",
    }
)
_LOCAL_LENGTHS = (7, 8)  # a landline subscriber number written without its area code


@dataclass(frozen=True)
class Phone:
    raw: str
    e164: str
    national: str  # national significant number: the match key
    # The NSN as typed when it was in Vietnam's old numbering plan and mapped to
    # today's (e.g. "1634567890" for 0163 456 7890 -> +84334567890); None otherwise.
    legacy: str | None = None


def _user_part(raw: str) -> str:
    """`sip:+8491...@pbx;user=phone` -> `+8491...`: CTI adapters hand over URIs."""
    s = _URI.sub("", raw.strip())
    return s.split("@", 1)[0].split(";", 1)[0]


def clean(raw: str) -> str:
    """Strip separators and turn a leading 00 into +; keeps digits and a leading +."""
    s = _JUNK.sub("", raw.strip())
    if s.startswith("00"):
        s = "+" + s[2:]
    return s


def is_withheld(raw: str | None) -> bool:
    """True for the ways switches say "no caller id": empty, `anonymous`, `+`, `0`..."""
    if raw is None:
        return True
    s = _user_part(raw)
    word = _NOT_WORD.sub("", s.lower())
    if not word:
        return True
    if word in _WITHHELD_WORDS:
        return True
    return word.isdigit() and set(word) == {"0"}


def parse(raw: str, region: str = DEFAULT_REGION) -> Phone | None:
    """Parse a number in any common shape; None when it is not a (full) phone number.

    Accepts `+84…`, `84…` without the plus, national `0…`, the `00` international
    prefix, `tel:`/`sip:` URIs, and separators anywhere. `84912345678` (country
    code without the plus) is read as international when the national reading is
    not a valid number. A Vietnamese number in the old plan (0163 456 7890,
    04 3825 1234) comes back as today's number with `legacy` set.
    """
    return _parse_cached(raw, region)


@lru_cache(maxsize=8192)
def _parse_cached(raw: str, region: str) -> Phone | None:
    s = clean(_user_part(raw))
    if not s or not _NUMBER.fullmatch(s) or is_withheld(s):
        return None
    candidates = [s]
    if not s.startswith("+"):
        candidates.append("+" + s)
    for cand in candidates:
        try:
            num = phonenumbers.parse(cand, region)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_possible_number(num):
            continue
        nsn = phonenumbers.national_significant_number(num)
        cc = num.country_code or 0
        if phonenumbers.is_valid_number(num):
            return Phone(raw=raw, e164=_e164(cc, nsn), national=nsn)
        if cc == VN_COUNTRY_CODE:
            current = legacy_numbers.legacy_to_current(nsn)
            if current is not None and _valid(VN_COUNTRY_CODE, current):
                return Phone(
                    raw=raw, e164=_e164(VN_COUNTRY_CODE, current), national=current, legacy=nsn
                )
        if cand is candidates[-1]:
            return Phone(raw=raw, e164=_e164(cc, nsn), national=nsn)
    return None


def _e164(country_code: int, nsn: str) -> str:
    return f"+{country_code}{nsn}"


def _valid(country_code: int, nsn: str) -> bool:
    num = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(nsn))
    return bool(phonenumbers.is_valid_number(num))


def local_number(raw: str) -> str | None:
    """The digits of a landline subscriber number typed without its area code
    (`3825 1234`), or None. Such numbers cannot be written in E.164; they are stored
    with value_norm = match_key = the digits and found by the suffix rule."""
    s = clean(_user_part(raw))
    if s.isdigit() and len(s) in _LOCAL_LENGTHS and not s.startswith("0") and parse(s) is None:
        return s
    return None


def storage_keys(raw: str, region: str = DEFAULT_REGION) -> tuple[str, str] | None:
    """(value_norm, match_key) to store for a phone as typed, or None if it is not one.

    Full numbers: (E.164 of today's number, its NSN). Local numbers without an area
    code: (digits, digits). Importers and forms should store these so lookup agrees.
    """
    phone = parse(raw, region)
    if phone is not None:
        return phone.e164, phone.national
    local = local_number(raw)
    if local is not None:
        return local, local
    return None


def other_readings(phone: Phone) -> list[str]:
    """E.164 forms the same line may have been stored under in Vietnam's other plan:
    today's number written the old way, an old-looking number read the new way, and
    the legacy digits as typed. Empty for numbers outside Vietnam."""
    if not phone.e164.startswith("+84"):
        return []
    out: list[str] = []
    for nsn in (
        legacy_numbers.current_to_legacy(phone.national),
        legacy_numbers.legacy_to_current(phone.national),
        phone.legacy,
    ):
        if nsn and nsn != phone.national:
            e164 = _e164(VN_COUNTRY_CODE, nsn)
            if e164 not in out:
                out.append(e164)
    return out


def subscriber_of(phone: Phone) -> str | None:
    """The subscriber number of a Vietnamese landline (NSN without its area code), which a
    local number stored without area code would equal; None for mobiles and others."""
    if not phone.e164.startswith("+84"):
        return None
    split = legacy_numbers.split_current_landline(phone.national)
    if split is None:
        return None
    return split[1]


def was_renumbered(value_raw: str, match_key: str | None) -> bool:
    """True when a stored number's raw text is not its stored key: it was typed in the
    old plan and mapped. Cheap (no parsing) so lookup can label matches per row."""
    if not match_key:
        return False
    digits = _NOT_DIGIT.sub("", value_raw)
    return bool(digits) and not digits.endswith(match_key)


def format_national(e164: str, region: str = DEFAULT_REGION) -> str:
    try:
        num = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(num) == region:
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
