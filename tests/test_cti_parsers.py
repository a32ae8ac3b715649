"""What phone systems send, read into call events: baresip's netstring JSON, the
generic CTI webhook, Asterisk AMI. Malformed, truncated, oversized or unknown input
is refused with a clear reason and never raises anything else (fuzzed)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cti import ami, baresip, netstring, webhook
from app.cti.events import CallState, Direction, EventError, number_from_uri

INCOMING = (
    b'{"event":true,"type":"CALL_INCOMING","class":"call","accountaor":"sip:101@127.0.0.1:5060",'
    b'"direction":"incoming","peeruri":"sip:0912345678@127.0.0.1:5062",'
    b'"peerdisplayname":"Nguy\xe1\xbb\x85n V\xc4\x83n An","id":"8eb09e62f3b18df0",'
    b'"param":"sip:0912345678@127.0.0.1:5062"}'
)


# --- netstrings ----------------------------------------------------------------------


def test_netstring_frames_split_anywhere_come_out_whole() -> None:
    stream = netstring.encode(b"hello") + netstring.encode(b"") + netstring.encode(INCOMING)
    for cut in range(1, len(stream)):
        d = netstring.Decoder()
        out = d.feed(stream[:cut]) + d.feed(stream[cut:])
        assert out == [b"hello", b"", INCOMING]


@pytest.mark.parametrize(
    "data",
    [
        b"abc:hello,",  # no digits
        b"5:hello;",  # not closed by a comma
        b"05:hello,",  # leading zero
        b"999999999:x",  # longer than allowed
        b"1234567",  # digits with no colon, past any allowed length
        b":hello,",
    ],
)
def test_broken_framing_is_an_error(data: bytes) -> None:
    with pytest.raises(netstring.NetstringError):
        netstring.Decoder().feed(data)


def test_oversized_payload_refused_before_it_is_read() -> None:
    d = netstring.Decoder(max_payload=100)
    with pytest.raises(netstring.NetstringError, match="exceeds"):
        d.feed(b"101:")


@given(st.binary(max_size=300))
@settings(max_examples=200)
def test_netstring_decoder_never_fails_otherwise(data: bytes) -> None:
    d = netstring.Decoder()
    try:
        frames = d.feed(data)
    except netstring.NetstringError:
        return
    for frame in frames:
        assert len(frame) <= netstring.MAX_PAYLOAD


@given(st.lists(st.binary(max_size=50), max_size=5))
def test_netstring_round_trip(payloads: list[bytes]) -> None:
    stream = b"".join(netstring.encode(p) for p in payloads)
    assert netstring.Decoder().feed(stream) == payloads


# --- baresip ---------------------------------------------------------------------------


def test_baresip_incoming_call() -> None:
    event = baresip.parse(INCOMING)
    assert not isinstance(event, baresip.Response) and event is not None
    assert event.state is CallState.RINGING
    assert event.direction is Direction.INBOUND
    assert event.number == "0912345678"
    assert event.name == "Nguyễn Văn An"
    assert event.called == "101"
    assert event.call_ref == "baresip:8eb09e62f3b18df0"


def _event(kind: str, **extra: Any) -> bytes:
    body = {
        "event": True,
        "type": kind,
        "class": "call",
        "accountaor": "sip:101@pbx",
        "direction": "incoming",
        "peeruri": "sip:0912345678@pbx",
        "id": "c1",
        **extra,
    }
    return json.dumps(body).encode()


def test_baresip_answer_and_close() -> None:
    answered = baresip.parse(_event("CALL_ESTABLISHED"))
    closed = baresip.parse(_event("CALL_CLOSED", param="Connection reset by user"))
    assert answered is not None and not isinstance(answered, baresip.Response)
    assert closed is not None and not isinstance(closed, baresip.Response)
    assert answered.state is CallState.ANSWERED and answered.agent == "101"
    assert closed.state is CallState.HANGUP and closed.cause == "Connection reset by user"


def test_baresip_other_events_and_responses() -> None:
    assert baresip.parse(_event("CALL_RTCP")) is None
    assert baresip.parse(b'{"event":true,"type":"REGISTER_OK","class":"register"}') is None
    response = baresip.parse(b'{"response":true,"ok":false,"data":"no call","token":"4"}')
    assert response == baresip.Response(False, "no call", "4")


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"[1,2]",
        b"\xff\xfe",
        b'{"type":"CALL_INCOMING"}',  # not flagged as an event
        b'{"event":true}',  # no type
        b'{"event":true,"type":"CALL_INCOMING","peeruri":"sip:1@x"}',  # no id
        _event("CALL_INCOMING", id="x" * 500),  # oversized id
        _event("CALL_INCOMING", peeruri=["not", "text"]),
        _event("CALL_INCOMING", peerdisplayname="An\x00\x1b[31m"),  # control characters
        b"[" * 100_000,  # nesting bomb
    ],
)
def test_baresip_garbage_refused(payload: bytes) -> None:
    with pytest.raises(EventError):
        baresip.parse(payload)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner),
        max_leaves=12,
    )
)
@settings(max_examples=150)
def test_baresip_parser_fuzz(value: object) -> None:
    for body in (value, {"event": True, "type": "CALL_INCOMING", "id": value, "peeruri": value}):
        with contextlib.suppress(EventError):
            baresip.parse(json.dumps(body).encode())


def test_command_frame() -> None:
    frame = baresip.command("accept", "", "7")
    assert netstring.Decoder().feed(frame) == [b'{"command": "accept", "params": "", "token": "7"}']


@pytest.mark.parametrize(
    ("uri", "number"),
    [
        ("sip:0912345678@pbx", "0912345678"),
        ("<sip:+84912345678@pbx;user=phone>", "+84912345678"),
        ("tel:+84912345678", "+84912345678"),
        ("sip:anonymous@anonymous.invalid", "anonymous"),
        ("0912345678", "0912345678"),
        (None, None),
        ("", None),
    ],
)
def test_number_from_uri(uri: str | None, number: str | None) -> None:
    assert number_from_uri(uri) == number


# --- webhook ---------------------------------------------------------------------------


def test_webhook_form_new_call() -> None:
    body = (
        b"event=newCall&from=0912345678&to=101&direction=in&callId=abc"
        b"&user%5B%5D=agent1&queue=sales"
    )
    event = webhook.parse_body(body, "application/x-www-form-urlencoded")
    assert event.state is CallState.RINGING
    assert (event.number, event.called, event.queue, event.agent) == (
        "0912345678",
        "101",
        "sales",
        "agent1",
    )
    assert event.call_ref == "webhook:abc"


def test_webhook_json_outbound_answer_and_hangup() -> None:
    out = webhook.parse_body(
        json.dumps(
            {
                "event": "answer",
                "from": "101",
                "to": "0912345678",
                "direction": "out",
                "callId": 77,
                "answeringNumber": "101",
            }
        ).encode(),
        "application/json; charset=utf-8",
    )
    assert out.state is CallState.ANSWERED and out.direction is Direction.OUTBOUND
    assert (out.number, out.called, out.agent, out.call_id) == ("0912345678", "101", "101", "77")
    hang = webhook.parse_body(b"event=hangup&callId=abc&cause=cancel", "")
    assert hang.state is CallState.HANGUP and hang.cause == "cancel"


@pytest.mark.parametrize(
    ("body", "ctype", "why"),
    [
        (b"event=transfer&callId=1", "", "unknown event"),
        (b"from=1&callId=1", "", "unknown event"),
        (b"event=newCall&from=1", "", "call_id"),
        (b"event=newCall&callId=1&direction=sideways", "", "direction"),
        (b"event=newCall&callId=1&from=" + b"9" * 100, "", "number"),
        (b"{not json", "application/json", "not JSON"),
        (b"[1]", "application/json", "not an object"),
        (b'{"event":"newCall","callId":{"a":1}}', "application/json", "call_id"),
        (b"\xff\xfe", "", "UTF-8"),
        (b"x" * (webhook.MAX_BODY + 1), "", "longer"),
    ],
)
def test_webhook_garbage_refused(body: bytes, ctype: str, why: str) -> None:
    with pytest.raises(EventError, match=why):
        webhook.parse_body(body, ctype)


WEBHOOK_KEYS = [
    "event",
    "from",
    "to",
    "direction",
    "callId",
    "user",
    "queue",
    "answeringNumber",
    "cause",
    "x",
]
ANY_VALUE = st.none() | st.booleans() | st.integers() | st.text(max_size=80)


@given(st.dictionaries(st.sampled_from(WEBHOOK_KEYS), ANY_VALUE | st.lists(st.text(max_size=5))))
@settings(max_examples=200)
def test_webhook_fields_fuzz(fields: dict[str, object]) -> None:
    try:
        event = webhook.parse_fields(fields)
    except EventError:
        return
    assert event.call_id and len(event.call_id) <= 120


@given(st.binary(max_size=400), st.sampled_from(["", "application/json"]))
@settings(max_examples=150)
def test_webhook_body_fuzz(body: bytes, ctype: str) -> None:
    with contextlib.suppress(EventError):
        webhook.parse_body(body, ctype)


# --- AMI --------------------------------------------------------------------------------


def ami_msg(**fields: str) -> bytes:
    return ("".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n").encode()


def test_ami_parser_and_tracker_follow_one_call() -> None:
    p = ami.Parser()
    stream = b"Asterisk Call Manager/7.0.3\r\n" + b"".join(
        [
            ami_msg(Response="Success", Message="Authentication accepted"),
            ami_msg(
                Event="Newchannel",
                Channel="PJSIP/trunk-00000001",
                CallerIDNum="0912345678",
                CallerIDName="An",
                Uniqueid="1700.1",
                Linkedid="1700.1",
                Exten="500",
            ),
            ami_msg(Event="QueueCallerJoin", Queue="sales", Linkedid="1700.1", Uniqueid="1700.1"),
            ami_msg(
                Event="Newchannel",
                Channel="PJSIP/102-00000002",
                Uniqueid="1700.2",
                Linkedid="1700.1",
            ),
            ami_msg(
                Event="DialBegin",
                DestChannel="PJSIP/102-00000002",
                Linkedid="1700.1",
                CallerIDNum="0912345678",
            ),
            ami_msg(
                Event="Newchannel",
                Channel="PJSIP/101-00000003",
                Uniqueid="1700.3",
                Linkedid="1700.1",
            ),
            ami_msg(
                Event="DialBegin",
                DestChannel="PJSIP/101-00000003",
                Linkedid="1700.1",
                CallerIDNum="0912345678",
                DestExten="101",
            ),
            ami_msg(Event="BridgeEnter", Channel="PJSIP/trunk-00000001", Linkedid="1700.1"),
            ami_msg(Event="BridgeEnter", Channel="PJSIP/101-00000003", Linkedid="1700.1"),
            ami_msg(
                Event="Hangup",
                Channel="PJSIP/101-00000003",
                Uniqueid="1700.3",
                Linkedid="1700.1",
                **{"Cause-txt": "Normal Clearing"},
            ),
            ami_msg(
                Event="Hangup", Channel="PJSIP/trunk-00000001", Uniqueid="1700.1", Linkedid="1700.1"
            ),
        ]
    )
    messages: list[dict[str, str]] = []
    for i in range(0, len(stream), 7):  # arriving in small pieces
        messages += p.feed(stream[i : i + 7])
    assert p.banner == "Asterisk Call Manager/7.0.3"
    tracker = ami.Tracker("101")
    events = [e for e in (tracker.handle(m) for m in messages) if e is not None]
    assert [e.state for e in events] == [CallState.RINGING, CallState.ANSWERED, CallState.HANGUP]
    ring = events[0]
    assert (ring.number, ring.name, ring.called, ring.queue) == ("0912345678", "An", "101", "sales")
    assert {e.call_ref for e in events} == {"ami:1700.1"}
    assert events[2].cause == "Normal Clearing"


def test_ami_tracker_ignores_other_extensions() -> None:
    tracker = ami.Tracker("101")
    msgs = [
        {"Event": "DialBegin", "DestChannel": "PJSIP/1010-1", "Linkedid": "9", "CallerIDNum": "1"},
        {"Event": "BridgeEnter", "Channel": "PJSIP/1010-1", "Linkedid": "9"},
        {"Event": "Hangup", "Channel": "PJSIP/x-1", "Uniqueid": "9", "Linkedid": "9"},
    ]
    assert [tracker.handle(m) for m in msgs] == [None, None, None]


@pytest.mark.parametrize(
    "stream",
    [
        b"HTTP/1.1 200 OK\r\n\r\n",
        b"Asterisk Call Manager/7\r\n" + b"Key: " + b"v" * (ami.MAX_MESSAGE + 10),
        b"x" * (ami.MAX_LINE + 10),
    ],
)
def test_ami_parser_refuses_what_is_not_ami(stream: bytes) -> None:
    with pytest.raises(ami.AmiError):
        ami.Parser().feed(stream)


def test_ami_action_refuses_header_injection() -> None:
    assert ami.action("Login", Username="u") == b"Action: Login\r\nUsername: u\r\n\r\n"
    with pytest.raises(ValueError):
        ami.action("Login", Username="u\r\nAction: Originate")


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                [
                    "Event",
                    "Linkedid",
                    "Uniqueid",
                    "Channel",
                    "DestChannel",
                    "DestExten",
                    "CallerIDNum",
                    "CallerIDName",
                    "Queue",
                    "Cause-txt",
                ]
            ),
            st.sampled_from(
                [
                    "Newchannel",
                    "DialBegin",
                    "BridgeEnter",
                    "Hangup",
                    "QueueCallerJoin",
                    "PJSIP/101-1",
                    "1",
                    "2",
                    "101",
                    "<unknown>",
                    "",
                ]
            )
            | st.text(max_size=90),
        ),
        max_size=12,
    )
)
@settings(max_examples=150)
def test_ami_tracker_fuzz(messages: list[dict[str, str]]) -> None:
    tracker = ami.Tracker("101")
    for m in messages:
        with contextlib.suppress(EventError):
            tracker.handle(m)


@given(st.binary(max_size=400))
@settings(max_examples=150)
def test_ami_parser_fuzz(data: bytes) -> None:
    p = ami.Parser()
    with contextlib.suppress(ami.AmiError):
        p.feed(b"Asterisk Call Manager/7\r\n" + data)
