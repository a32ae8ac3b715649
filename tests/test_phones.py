"""Phone numbers as callers and agents send them: every spelling of a number is one
number, different numbers never meet, old numbers still find their owners."""

from __future__ import annotations

import itertools
import uuid

import phonenumbers
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app import legacy_numbers, lookup, phones
from app.text import fold
from db.engine import Database
from db.models import ContactPoint, Customer

MOBILE_PREFIXES = sorted(
    {*legacy_numbers.MOBILE_PREFIX_CHANGES.values(), "86", "88", "89", "90", "91", "93", "94"}
    | {"96", "97", "98", "87", "52", "55", "99"}
)
AREA_CODES = sorted(legacy_numbers.CURRENT_AREA_CODES)
SEPARATORS = [" ", ".", "-", "/", "", "  ", " - "]


def _valid(nsn: str) -> bool:
    num = phonenumbers.PhoneNumber(country_code=84, national_number=int(nsn))
    return bool(phonenumbers.is_valid_number(num))


@st.composite
def mobile_nsn(draw: st.DrawFn) -> str:
    nsn = draw(st.sampled_from(MOBILE_PREFIXES)) + draw(st.from_regex(r"\A[0-9]{7}\Z"))
    assume(_valid(nsn))
    return nsn


@st.composite
def landline_nsn(draw: st.DrawFn) -> str:
    area = draw(st.sampled_from(AREA_CODES))
    digits = legacy_numbers.subscriber_digits(area)
    sub = draw(st.sampled_from("23456789")) + draw(st.from_regex(rf"\A[0-9]{{{digits - 1}}}\Z"))
    nsn = area + sub
    assume(_valid(nsn))
    return nsn


numbers = st.one_of(mobile_nsn(), landline_nsn())


@st.composite
def spelled(draw: st.DrawFn, nsn: str) -> str:
    """`nsn` written one of the ways people and switches write it: +84, 84, 0, 0084,
    `+84 (0)`, separators between any digit groups, the first group in brackets."""
    prefix = draw(st.sampled_from(["+84", "84", "0", "0084", "+84 (0)", "(+84) ", "00 84 "]))
    cuts = sorted(draw(st.sets(st.integers(1, len(nsn) - 1), max_size=4)))
    groups = [nsn[a:b] for a, b in itertools.pairwise([0, *cuts, len(nsn)])]
    if draw(st.booleans()) and prefix in ("0", "+84", "84") and len(groups) > 1:
        opening, closing = draw(st.sampled_from([("(", ")"), ("[", "]")]))
        groups[0] = f"{opening}{prefix if prefix == '0' else ''}{groups[0]}{closing}"
        prefix = "" if prefix == "0" else prefix
    body = groups[0]
    for group in groups[1:]:
        body += draw(st.sampled_from(SEPARATORS)) + group
    lead = draw(st.sampled_from(["", " "]))
    return f"{lead}{prefix}{body}"


@given(data=st.data(), nsn=numbers)
def test_every_spelling_parses_to_one_e164(data: st.DataObject, nsn: str) -> None:
    raw = data.draw(spelled(nsn))
    parsed = phones.parse(raw)
    assert parsed is not None, raw
    assert parsed.e164 == "+84" + nsn
    assert parsed.national == nsn
    assert parsed.legacy is None


@pytest.mark.parametrize(
    "raw",
    ["anonymous", "Anonymous", "unknown", "private", "Private Number", "withheld",
     "Restricted", "RESTRICTED", "", "   ", "+", "0", "00", "000", "unavailable",
     "sip:anonymous@anonymous.invalid", "tel:+", "-"],
)  # fmt: skip
def test_withheld_callers_are_unknown_not_errors(raw: str) -> None:
    assert phones.is_withheld(raw)
    assert phones.parse(raw) is None
    result = lookup.probe(raw)
    assert result.kind == "unknown" and result.normalized is None


def test_none_is_unknown() -> None:
    assert phones.is_withheld(None)
    assert lookup.probe(None).normalized is None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("0163 456 7890", "+84334567890"),
        ("01634567890", "+84334567890"),
        ("+84 163 456 7890", "+84334567890"),
        ("84 1634567890", "+84334567890"),
        ("0120 123 4567", "+84701234567"),
        ("0199 123 4567", "+84591234567"),
        ("04 3825 1234", "+842438251234"),
        ("(04) 3825.1234", "+842438251234"),
        ("0511 382 5123", "+842363825123"),
        ("0241 382 5123", "+842223825123"),
    ],
)
def test_old_plan_numbers_are_stored_as_todays(old: str, new: str) -> None:
    parsed = phones.parse(old)
    assert parsed is not None and parsed.e164 == new
    assert parsed.legacy is not None
    assert parsed.raw == old


def test_the_renumbering_table_is_whole_and_consistent() -> None:
    changes = legacy_numbers.AREA_CODE_CHANGES
    assert len(changes) == 59
    assert len({c.province for c in changes}) == 59
    assert len(legacy_numbers.OLD_TO_NEW_AREA) == 59 and len(legacy_numbers.NEW_TO_OLD_AREA) == 59
    assert len(legacy_numbers.CURRENT_AREA_CODES) == 63
    assert [sum(1 for c in changes if c.stage == n) for n in (1, 2, 3)] == [13, 23, 23]
    assert legacy_numbers.OLD_TO_NEW_AREA["4"] == "24"
    assert legacy_numbers.OLD_TO_NEW_AREA["8"] == "28"
    for codes in (legacy_numbers.OLD_TO_NEW_AREA, legacy_numbers.CURRENT_AREA_CODES):
        for a, b in itertools.permutations(codes, 2):
            assert not b.startswith(a), (a, b)  # each plan is prefix-free
    for code in legacy_numbers.CURRENT_AREA_CODES:
        sub = "3" + "1" * (legacy_numbers.subscriber_digits(code) - 1)
        assert _valid(code + sub), code  # phonenumbers agrees these are today's codes
    assert len(legacy_numbers.MOBILE_PREFIX_CHANGES) == 21
    for old, new in legacy_numbers.MOBILE_PREFIX_CHANGES.items():
        assert old.startswith("1") and len(old) == 3
        assert _valid(new + "2345678"), new


def test_local_numbers_and_storage_keys() -> None:
    assert phones.local_number("3825 1234") == "38251234"
    assert phones.local_number("382 5123") == "3825123"
    assert phones.local_number("0912 345 678") is None
    assert phones.storage_keys("3825 1234") == ("38251234", "38251234")
    assert phones.storage_keys("0912.345.678") == ("+84912345678", "912345678")
    assert phones.storage_keys("hello") is None


# --- through the database --------------------------------------------------------------

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _customer(db: Database, raw: str, name: str = "Khách") -> uuid.UUID:
    keys = phones.storage_keys(raw)
    assert keys is not None, raw
    with db.session() as s:
        c = Customer(name=name, name_key=fold(name))
        s.add(c)
        s.flush()
        s.add(
            ContactPoint(
                customer_id=c.id, kind="phone", value_raw=raw, value_norm=keys[0], match_key=keys[1]
            )
        )
        return c.id


def _owners(db: Database, raw: str) -> set[uuid.UUID]:
    return {m.customer_id for m in lookup.lookup(db, raw).matches}


@PROPERTY
@given(data=st.data(), nsn=numbers)
def test_every_spelling_finds_the_same_customer(
    db: Database, data: st.DataObject, nsn: str
) -> None:
    stored_as = data.draw(spelled(nsn))
    owner = _customer(db, stored_as)
    for _ in range(3):
        calling = data.draw(spelled(nsn))
        assert owner in _owners(db, calling), (stored_as, calling)


def _equivalent(a: str, b: str) -> bool:
    """Same line in today's or the old plan (the renumbering makes these one number)."""
    pa, pb = phones.parse("+84" + a), phones.parse("+84" + b)
    assert pa is not None and pb is not None
    return a == b or pb.e164 in phones.other_readings(pa) or pa.e164 in phones.other_readings(pb)


@PROPERTY
@given(a=numbers, b=numbers)
def test_different_numbers_never_match(db: Database, a: str, b: str) -> None:
    assume(not _equivalent(a, b))
    owner = _customer(db, "0" + a)
    assert owner not in _owners(db, "0" + b)


@PROPERTY
@given(
    sub=st.from_regex(r"\A[2-9][0-9]{6}\Z"),
    areas=st.lists(st.sampled_from(AREA_CODES), min_size=2, max_size=2, unique=True),
)
def test_numbers_differing_only_in_area_code_never_match(
    db: Database, sub: str, areas: list[str]
) -> None:
    a, b = (area + sub + ("0" if area in ("24", "28") else "") for area in areas)
    assume(_valid(a) and _valid(b) and not _equivalent(a, b))
    owner = _customer(db, "0" + a)
    assert owner not in _owners(db, "0" + b)


def test_area_code_is_never_guessed(db: Database) -> None:
    hanoi = _customer(db, "0243 825 1234", "Hà Nội")
    hcmc = _customer(db, "0283 825 1234", "Sài Gòn")
    assert _owners(db, "0243 825 1234") == {hanoi}
    assert _owners(db, "0283 825 1234") == {hcmc}
    assert _owners(db, "0263 825 1234") == set()


@pytest.mark.parametrize("change", legacy_numbers.AREA_CODE_CHANGES, ids=lambda c: c.old)
def test_each_province_old_and_new_find_each_other(change: legacy_numbers.AreaChange) -> None:
    sub = "3825123" + ("4" if change.new in ("24", "28") else "")
    old, new = "0" + change.old + sub, "0" + change.new + sub
    parsed_new = phones.parse(new)
    assert parsed_new is not None
    assert "+84" + change.old + sub in phones.other_readings(parsed_new)
    parsed_old = phones.parse(old)
    assert parsed_old is not None
    # Mapped at store time, or (when the old digits read as a valid number today)
    # reachable through the other reading at lookup time.
    assert parsed_old.e164 == "+84" + change.new + sub or "+84" + change.new + sub in (
        phones.other_readings(parsed_old)
    )


def test_legacy_both_directions_for_every_province(db: Database) -> None:
    for i, change in enumerate(legacy_numbers.AREA_CODE_CHANGES):
        sub = f"{3825100 + i}" + ("4" if change.new in ("24", "28") else "")
        stored_old = _customer(db, "0" + change.old + sub, f"Cũ {change.province}")
        assert stored_old in _owners(db, "0" + change.new + sub), change
        sub2 = f"{3826100 + i}" + ("4" if change.new in ("24", "28") else "")
        stored_new = _customer(db, "0" + change.new + sub2, f"Mới {change.province}")
        assert stored_new in _owners(db, "0" + change.old + sub2), change


@pytest.mark.parametrize(("old", "new"), list(legacy_numbers.MOBILE_PREFIX_CHANGES.items()))
def test_mobile_renumbering_both_directions(db: Database, old: str, new: str) -> None:
    before = _customer(db, f"0{old} 555 1234")
    assert _owners(db, f"0{new}5551234") == {before}
    after = _customer(db, f"0{new} 777 1234")
    assert _owners(db, f"+84 {old} 777 1234") == {after}
    match = lookup.lookup(db, f"0{new}5551234").matches[0]
    assert match.matched_on == "legacy"
