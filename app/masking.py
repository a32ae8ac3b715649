"""Masked phone numbers and emails for supplier accounts.

A supplier works a complaint about its product but has no business keeping the
customer's number or address: it sees enough to recognise one when the customer
mentions it (country code, first digit, last three digits; the first letter and the
domain of an email) and never the whole. The same rules are written in SQL in
migration 0009 (`calldesk_mask_phone`, `calldesk_mask_email`) for the masked view.
"""

from __future__ import annotations

import re

DOT = "•"


def mask_phone(value: str) -> str:
    """`+84 912 345 678` -> `+84 9•• ••• 678`; national `0912345678` -> `09•• ••• 678`.

    Only the digits' count and the last three survive; grouping is fixed so the
    spacing of the original leaks nothing either."""
    text = value.strip()
    if not text:
        return text
    if DOT in text:
        return text  # already masked (read from the masked view)
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < 6:
        return DOT * max(len(digits), 3)
    prefix = ""
    if text.startswith("+"):
        # E.164: keep the country code when it is Vietnam's or one/two digits of others.
        cc = 2 if digits.startswith("84") else 1
        prefix, digits = "+" + digits[:cc] + " ", digits[cc:]
    elif digits.startswith("0"):
        prefix, digits = "0", digits[1:]
    head = digits[0] + DOT * (len(digits) - 4)  # the first digit and the last three show
    groups = [head[i : i + 3] for i in range(0, len(head), 3)]
    return prefix + " ".join(groups) + " " + digits[-3:]


def mask_email(value: str) -> str:
    """`nguyen.lan@example.com` -> `n•••@example.com`."""
    text = value.strip()
    if not text or DOT in text:
        return text
    local, at, domain = text.rpartition("@")
    if not at:
        return text[:1] + DOT * 3
    return (local[:1] or DOT) + DOT * 3 + "@" + domain


def mask_contact(kind: str, value: str) -> str:
    """Any contact point: phones and emails as above, social handles and accounts hidden
    but for their first character."""
    if kind == "phone":
        return mask_phone(value)
    if kind == "email":
        return mask_email(value)
    text = value.strip()
    return text[:1] + DOT * 3 if text else text


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of 8+ digits, optionally starting with + and split by spaces, dots or dashes.
_PHONE = re.compile(r"\+?\d(?:[ .\-]?\d){7,}")


def mask_text(text: str | None) -> str | None:
    """Free text (a complaint's description, a log comment) with any phone number or
    email in it masked: agents often type the callback number into the text."""
    if not text:
        return text
    text = _EMAIL.sub(lambda m: mask_email(m.group()), text)
    return _PHONE.sub(lambda m: mask_phone(m.group()), text)
