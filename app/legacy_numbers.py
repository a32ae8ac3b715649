"""Vietnam's renumbering as data, in this one place, so old numbers still find their owners.

Source: Ministry of Information and Communications (Bộ Thông tin và Truyền thông).

* Landline area codes, Circular 22/2014/TT-BTTTT and Decision 2036/QĐ-BTTTT
  (21 Nov 2016): 59 of 63 provinces got new codes in three stages —
  11 Feb 2017 (13 provinces), 15 Apr 2017 (23), 17 Jun 2017 (23, including
  Hanoi 4→24 and Ho Chi Minh City 8→28) — each with a month of parallel
  dialling, the last ending in July–August 2017. Subscriber numbers did not
  change: Hanoi and HCMC keep 8 digits, every other province 7. Vĩnh Phúc
  (211), Phú Thọ (210), Hòa Bình (218) and Hà Giang (219) kept their codes.
* 11-digit mobile numbers moved to 10 digits on 15 Sep 2018 (same ministry's
  plan for the "01x" prefixes): the three-digit network code after the 0 was
  replaced, the seven-digit subscriber number kept.

Codes here are written without the trunk 0, as they appear at the start of the
national significant number (NSN): the old Hanoi number 04 3825 1234 is NSN
438251234, the new one 024 3825 1234 is NSN 2438251234.

The old and the new plans overlap: the pre-2017 Quảng Ninh landline 033 382 5123
has the same digits as today's Viettel mobile 033 382 5123, and pre-2017 HCMC
numbers (08 + 8 digits) look like today's 08x mobiles. A number that is valid
today therefore cannot be rewritten blindly; `legacy_to_current` and
`current_to_legacy` give the *other reading* and callers decide how much to
trust it (lookup uses it only when no exact match exists).
"""

from __future__ import annotations

from typing import NamedTuple


class AreaChange(NamedTuple):
    province: str
    old: str
    new: str
    stage: int  # 1: 11 Feb 2017, 2: 15 Apr 2017, 3: 17 Jun 2017


# Old code -> new code per province (59 rows), by stage.
AREA_CODE_CHANGES: tuple[AreaChange, ...] = (
    # Stage 1, from 11 Feb 2017.
    AreaChange("Sơn La", "22", "212", 1),
    AreaChange("Lai Châu", "231", "213", 1),
    AreaChange("Lào Cai", "20", "214", 1),
    AreaChange("Điện Biên", "230", "215", 1),
    AreaChange("Yên Bái", "29", "216", 1),
    AreaChange("Quảng Bình", "52", "232", 1),
    AreaChange("Quảng Trị", "53", "233", 1),
    AreaChange("Thừa Thiên Huế", "54", "234", 1),
    AreaChange("Quảng Nam", "510", "235", 1),
    AreaChange("Đà Nẵng", "511", "236", 1),
    AreaChange("Thanh Hóa", "37", "237", 1),
    AreaChange("Nghệ An", "38", "238", 1),
    AreaChange("Hà Tĩnh", "39", "239", 1),
    # Stage 2, from 15 Apr 2017.
    AreaChange("Quảng Ninh", "33", "203", 2),
    AreaChange("Bắc Giang", "240", "204", 2),
    AreaChange("Lạng Sơn", "25", "205", 2),
    AreaChange("Cao Bằng", "26", "206", 2),
    AreaChange("Tuyên Quang", "27", "207", 2),
    AreaChange("Thái Nguyên", "280", "208", 2),
    AreaChange("Bắc Kạn", "281", "209", 2),
    AreaChange("Hải Dương", "320", "220", 2),
    AreaChange("Hưng Yên", "321", "221", 2),
    AreaChange("Bắc Ninh", "241", "222", 2),
    AreaChange("Hải Phòng", "31", "225", 2),
    AreaChange("Hà Nam", "351", "226", 2),
    AreaChange("Thái Bình", "36", "227", 2),
    AreaChange("Nam Định", "350", "228", 2),
    AreaChange("Ninh Bình", "30", "229", 2),
    AreaChange("Cà Mau", "780", "290", 2),
    AreaChange("Bạc Liêu", "781", "291", 2),
    AreaChange("Cần Thơ", "710", "292", 2),
    AreaChange("Hậu Giang", "711", "293", 2),
    AreaChange("Trà Vinh", "74", "294", 2),
    AreaChange("An Giang", "76", "296", 2),
    AreaChange("Kiên Giang", "77", "297", 2),
    AreaChange("Sóc Trăng", "79", "299", 2),
    # Stage 3, from 17 Jun 2017.
    AreaChange("Hà Nội", "4", "24", 3),
    AreaChange("TP Hồ Chí Minh", "8", "28", 3),
    AreaChange("Đồng Nai", "61", "251", 3),
    AreaChange("Bình Thuận", "62", "252", 3),
    AreaChange("Bà Rịa - Vũng Tàu", "64", "254", 3),
    AreaChange("Quảng Ngãi", "55", "255", 3),
    AreaChange("Bình Định", "56", "256", 3),
    AreaChange("Phú Yên", "57", "257", 3),
    AreaChange("Khánh Hòa", "58", "258", 3),
    AreaChange("Ninh Thuận", "68", "259", 3),
    AreaChange("Kon Tum", "60", "260", 3),
    AreaChange("Đắk Nông", "501", "261", 3),
    AreaChange("Đắk Lắk", "500", "262", 3),
    AreaChange("Lâm Đồng", "63", "263", 3),
    AreaChange("Gia Lai", "59", "269", 3),
    AreaChange("Vĩnh Long", "70", "270", 3),
    AreaChange("Bình Phước", "651", "271", 3),
    AreaChange("Long An", "72", "272", 3),
    AreaChange("Tiền Giang", "73", "273", 3),
    AreaChange("Bình Dương", "650", "274", 3),
    AreaChange("Bến Tre", "75", "275", 3),
    AreaChange("Tây Ninh", "66", "276", 3),
    AreaChange("Đồng Tháp", "67", "277", 3),
)

# The four provinces whose codes did not change (code -> province).
UNCHANGED_AREA_CODES: dict[str, str] = {
    "210": "Phú Thọ",
    "211": "Vĩnh Phúc",
    "218": "Hòa Bình",
    "219": "Hà Giang",
}

# Old 11-digit mobile prefix (without the trunk 0) -> new 10-digit prefix, 15 Sep 2018.
MOBILE_PREFIX_CHANGES: dict[str, str] = {
    # MobiFone
    "120": "70",
    "121": "79",
    "122": "77",
    "126": "76",
    "128": "78",
    # VinaPhone
    "123": "83",
    "124": "84",
    "125": "85",
    "127": "81",
    "129": "82",
    # Viettel
    "162": "32",
    "163": "33",
    "164": "34",
    "165": "35",
    "166": "36",
    "167": "37",
    "168": "38",
    "169": "39",
    # Vietnamobile
    "186": "56",
    "188": "58",
    # Gmobile
    "199": "59",
}

MOBILE_SUBSCRIBER_DIGITS = 7
_BIG_CITIES = {"24", "28", "4", "8"}  # Hanoi and HCMC: 8-digit subscriber numbers

OLD_TO_NEW_AREA: dict[str, str] = {c.old: c.new for c in AREA_CODE_CHANGES}
NEW_TO_OLD_AREA: dict[str, str] = {c.new: c.old for c in AREA_CODE_CHANGES}
NEW_TO_OLD_MOBILE: dict[str, str] = {v: k for k, v in MOBILE_PREFIX_CHANGES.items()}

# Every geographic code in use today (the 59 new ones and the 4 kept).
CURRENT_AREA_CODES: frozenset[str] = frozenset(NEW_TO_OLD_AREA) | frozenset(UNCHANGED_AREA_CODES)
# Every code a landline could have been stored under, then or now.
ALL_AREA_CODES: frozenset[str] = CURRENT_AREA_CODES | frozenset(OLD_TO_NEW_AREA)


def subscriber_digits(area_code: str) -> int:
    """Length of a subscriber number behind `area_code` (old or new)."""
    return 8 if area_code in _BIG_CITIES else 7


def _split(nsn: str, codes: frozenset[str] | dict[str, str]) -> tuple[str, str] | None:
    """(code, subscriber) when `nsn` is one of `codes` followed by a subscriber number of
    the right length. Each plan's codes are prefix-free, so at most one split fits."""
    for n in (1, 2, 3):
        code, rest = nsn[:n], nsn[n:]
        if code in codes and len(rest) == subscriber_digits(code) and rest.isdigit():
            return code, rest
    return None


def split_current_landline(nsn: str) -> tuple[str, str] | None:
    """(area code, subscriber) of a landline written in today's plan."""
    return _split(nsn, CURRENT_AREA_CODES)


def split_old_landline(nsn: str) -> tuple[str, str] | None:
    """(old area code, subscriber) of a landline written in the pre-2017 plan."""
    return _split(nsn, OLD_TO_NEW_AREA)


def legacy_to_current(nsn: str) -> str | None:
    """Today's NSN for a number written in the old plan, or None if it is not one."""
    if len(nsn) == 3 + MOBILE_SUBSCRIBER_DIGITS and nsn[:3] in MOBILE_PREFIX_CHANGES:
        return MOBILE_PREFIX_CHANGES[nsn[:3]] + nsn[3:]
    old = split_old_landline(nsn)
    if old is not None:
        return OLD_TO_NEW_AREA[old[0]] + old[1]
    return None


def current_to_legacy(nsn: str) -> str | None:
    """The NSN this number had before renumbering, or None if it was not renumbered."""
    if len(nsn) == 2 + MOBILE_SUBSCRIBER_DIGITS and nsn[:2] in NEW_TO_OLD_MOBILE:
        return NEW_TO_OLD_MOBILE[nsn[:2]] + nsn[2:]
    new = split_current_landline(nsn)
    if new is not None and new[0] in NEW_TO_OLD_AREA:
        return NEW_TO_OLD_AREA[new[0]] + new[1]
    return None


def local_number_owners(subscriber: str) -> list[str]:
    """Every full NSN, old or new plan, that a landline subscriber number written without
    its area code could be: the area code plus the subscriber number."""
    return [
        code + subscriber
        for code in sorted(ALL_AREA_CODES)
        if subscriber_digits(code) == len(subscriber)
    ]
