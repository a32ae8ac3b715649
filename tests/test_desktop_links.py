"""tel:/callto: links: the number a clicked link carries reaches the pop unchanged, and
`calldesk open LINK` (the desktop entry's command) pops the open window or starts one."""

from __future__ import annotations

import argparse
import json
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.cli.main import main
from app.dial_uri import DialUriError, is_dial_uri, number_from_uri
from tests.test_pop_protocol import fake_window  # noqa: F401  (fixture)

# What a phone number looks like inside a link: digits, an optional leading +, and the
# visual separators RFC 3966 allows (the phone parser ignores them later).
digits = st.text(alphabet="0123456789", min_size=1, max_size=15)
separators = st.sampled_from(["", "-", ".", " ", "(", ")"])
numbers = st.builds(
    lambda plus, parts, seps: plus + "".join(p + s for p, s in zip(parts, seps, strict=False)),
    st.sampled_from(["", "+"]),
    st.lists(digits, min_size=1, max_size=4),
    st.lists(separators, min_size=4, max_size=4),
).map(str.strip)
params = st.lists(
    st.sampled_from(
        ["phone-context=+84", "phone-context=example.vn", "ext=101", "isub=7", "postd=pp22"]
    ),
    max_size=3,
)


@given(
    number=numbers,
    scheme=st.sampled_from(["tel:", "TEL:", "Tel:", "callto:", "callto://", "CallTo:"]),
    extra=params,
    encode=st.booleans(),
)
@example(number="+84912345678", scheme="tel:", extra=["phone-context=+84"], encode=True)
def test_a_link_gives_back_the_number_it_holds(
    number: str, scheme: str, extra: list[str], encode: bool
) -> None:
    body = quote(number, safe="") if encode else number
    link = scheme + body + "".join(";" + p for p in extra)
    assert is_dial_uri(link)
    assert number_from_uri(link) == number


@given(st.text(min_size=1).filter(lambda t: not is_dial_uri(t)))
def test_plain_caller_ids_pass_through(text: str) -> None:
    assert number_from_uri(text) == text.strip()


@pytest.mark.parametrize(
    ("link", "number"),
    [
        ("tel:+84-912-345-678;phone-context=example.vn", "+84-912-345-678"),
        ("tel:%2B84%20912%20345%20678", "+84 912 345 678"),
        ("callto://+84912345678/", "+84912345678"),
        ("callto:0912345678?subject=order", "0912345678"),
        ("  tel:0912345678  ", "0912345678"),
        ("0912 345 678", "0912 345 678"),
        ("anonymous", "anonymous"),
    ],
)
def test_links_seen_in_the_wild(link: str, number: str) -> None:
    assert number_from_uri(link) == number


@pytest.mark.parametrize("link", ["tel:", "tel:;phone-context=+84", "callto://", "tel:%20"])
def test_a_link_without_a_number_is_refused(link: str) -> None:
    with pytest.raises(DialUriError, match="holds no number"):
        number_from_uri(link)


def test_pop_takes_a_tel_link(
    fake_window: list[bytes],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["pop", "tel:%2B84-912-345-678;phone-context=+84"]) == 0
    assert json.loads(fake_window[-1])["number"] == "+84-912-345-678"
    assert main(["pop", "callto://0912345678"]) == 0
    assert json.loads(fake_window[-1])["number"] == "0912345678"
    assert main(["pop", "tel:;phone-context=+84"]) == 2
    assert capsys.readouterr().err.strip() == (
        "calldesk: error: the link 'tel:;phone-context=+84' holds no number"
    )


def test_open_pops_the_window_already_open(fake_window: list[bytes]) -> None:  # noqa: F811
    started: list[argparse.Namespace] = []
    assert main(["open", "tel:+84912345678"], gui=lambda a: started.append(a) or 0) == 0
    assert json.loads(fake_window[-1]) == {"type": "pop", "number": "+84912345678"}
    assert started == []  # no second window


def test_open_without_a_window_starts_one_and_pops_after_login() -> None:
    started: list[argparse.Namespace] = []
    assert main(["open", "callto:0912345678"], gui=lambda a: started.append(a) or 0) == 0
    assert len(started) == 1
    assert started[0].pending_pop.number == "0912345678"


def test_open_without_a_link_just_opens() -> None:
    started: list[argparse.Namespace] = []
    assert main(["open"], gui=lambda a: started.append(a) or 0) == 0
    assert len(started) == 1 and started[0].pending_pop is None
