"""Editing SLA targets and business calendars: validated as the SLA clock reads them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app import sla_admin, ticket_options, tickets
from app.errors import UserError
from app.tickets import ConflictError, TicketInput
from db.engine import Database
from tests.ticket_fixtures import reference

MON_9 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 09:00 in Ho Chi Minh City


@pytest.fixture
def ref_db(db: Database) -> Database:
    reference(db)
    return db


def test_spans_parse_and_format() -> None:
    assert sla_admin.parse_spans("8:00-12:00, 13:30–17:30") == [
        ("08:00", "12:00"),
        ("13:30", "17:30"),
    ]
    assert sla_admin.parse_spans("  ") == []
    assert sla_admin.format_spans([("08:00", "12:00")]) == "08:00–12:00"
    with pytest.raises(UserError, match="HH:MM-HH:MM"):
        sla_admin.parse_spans("8h-17h")


def test_new_targets_apply_to_new_tickets(ref_db: Database) -> None:
    row = next(p for p in sla_admin.policies(ref_db) if p.name == "24 hours")
    assert (row.first_response_minutes, row.resolution_minutes, row.calendar) == (
        60,
        1440,
        "Vietnam",
    )
    sla_admin.save_policy(ref_db, "24 hours", 30, 8 * 60, expected_version=row.version)
    t = tickets.create_ticket(ref_db, TicketInput(kind="complaint", text="giao hang tre"), at=MON_9)
    assert t.sla_policy == "24 hours"
    assert t.resolution_due == datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # one business day
    with pytest.raises(ConflictError, match="changed by someone else"):
        sla_admin.save_policy(ref_db, "24 hours", 45, 480, expected_version=row.version)
    with pytest.raises(UserError, match="after the resolution"):
        sla_admin.save_policy(ref_db, "24 hours", 600, 480)
    with pytest.raises(UserError, match="no SLA policy"):
        sla_admin.save_policy(ref_db, "nope", 60, 480)


def test_calendar_hours_and_holidays(ref_db: Database) -> None:
    cal = sla_admin.calendars(ref_db)[0]
    hours = dict(cal.hours)
    hours[5] = [("08:00", "12:00")]
    saved = sla_admin.save_calendar(
        ref_db,
        cal.name,
        cal.timezone,
        hours,
        [date(2026, 11, 24), *cal.holidays],
        expected_version=cal.version,
    )
    assert saved.hours[5] == [("08:00", "12:00")]
    assert date(2026, 11, 24) in saved.holidays
    # Tuesday is now a holiday: 24 business hours from Monday 09:00 end on Friday 09:00.
    t = tickets.create_ticket(ref_db, TicketInput(kind="complaint", text="giao hang tre"), at=MON_9)
    assert t.resolution_due == datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
    with pytest.raises(UserError, match="end before they start"):
        sla_admin.save_calendar(ref_db, cal.name, cal.timezone, {0: [("17:00", "08:00")]}, [])
    with pytest.raises(UserError, match="at least one day"):
        sla_admin.save_calendar(ref_db, cal.name, cal.timezone, {}, [])
    with pytest.raises(UserError, match="unknown time zone"):
        sla_admin.save_calendar(ref_db, cal.name, "Mars/Olympus", hours, [])
    with pytest.raises(ConflictError):
        sla_admin.save_calendar(ref_db, cal.name, cal.timezone, hours, [], expected_version=1)


def test_ticket_options_offer_the_category_tree_and_suppliers(ref_db: Database) -> None:
    opts = ticket_options.load(ref_db)
    assert [c.code for c in opts.children("delivery")] == ["delivery.late"]
    assert "delivery.late" not in [c.code for c in opts.top_categories()]
    assert [d.code for d in opts.suppliers()] == ["SUP_SAOMAI"]
    assert opts.department_name("QUALITY") == "Quality"
    assert "24 hours" in opts.policies
