"""The messages of app/ in the user's language.

app/ has no Qt (the CLI runs it too), so its UserError texts are English sentences.
Everything the GUI shows of them goes through `user_text`. Each catalog entry is the
English shape of one message as raised in app/, its f-string fields written %1, %2...;
the .ts translates that shape and the values the message carried (names, numbers,
ticket numbers) are put back as they came. A few placeholders hold a code or a
message of their own (a role, a ticket status, what a role may not do, the system's
reason), which are shown in the user's language too. A message no entry matches is
shown as it came, in English. tests/ui/test_app_messages.py fails on any raise site in
app/ whose message has no entry here.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui import labels

CONTEXT = "AppMessages"

_MESSAGES = (
    # accounts, users, permissions (auth, users, permissions, queues, presence, audit)
    QT_TRANSLATE_NOOP("AppMessages", "a user name is required"),
    QT_TRANSLATE_NOOP("AppMessages", "the password must have at least 6 characters"),
    QT_TRANSLATE_NOOP("AppMessages", "unknown role %1"),
    QT_TRANSLATE_NOOP("AppMessages", "unknown role %1; one of %2"),
    QT_TRANSLATE_NOOP("AppMessages", "an administrator already exists; log in instead"),
    QT_TRANSLATE_NOOP("AppMessages", "no active user %1"),
    QT_TRANSLATE_NOOP("AppMessages", "no user %1"),
    QT_TRANSLATE_NOOP("AppMessages", "no such user"),
    QT_TRANSLATE_NOOP(
        "AppMessages",
        "%1 has not signed in on this workstation while the server answered (recently "
        "enough), so cannot sign in while it is unreachable",
    ),
    QT_TRANSLATE_NOOP("AppMessages", "the user %1 already exists"),
    QT_TRANSLATE_NOOP("AppMessages", "wrong user name or password"),
    QT_TRANSLATE_NOOP("AppMessages", "a %1 user needs a department"),
    QT_TRANSLATE_NOOP("AppMessages", "that user no longer exists"),
    QT_TRANSLATE_NOOP("AppMessages", "%1 was changed by someone else meanwhile; reload"),
    QT_TRANSLATE_NOOP("AppMessages", "you cannot deactivate or demote yourself"),
    QT_TRANSLATE_NOOP("AppMessages", "%1 (%2) may not %3"),
    QT_TRANSLATE_NOOP("AppMessages", "%1 may not %2: it belongs to another department"),
    QT_TRANSLATE_NOOP("AppMessages", "%1 may not open the %2 queue"),
    QT_TRANSLATE_NOOP("AppMessages", "status must be one of %1"),
    # customers, caller log, merge, interactions
    QT_TRANSLATE_NOOP("AppMessages", "no customer %1"),
    QT_TRANSLATE_NOOP("AppMessages", "no customer %1 (give its id or external id)"),
    QT_TRANSLATE_NOOP("AppMessages", "a customer needs a name"),
    QT_TRANSLATE_NOOP("AppMessages", "kind must be person or organization"),
    QT_TRANSLATE_NOOP("AppMessages", "tier must be one of %1"),
    QT_TRANSLATE_NOOP("AppMessages", "cannot edit %1"),
    QT_TRANSLATE_NOOP("AppMessages", "this customer no longer exists"),
    QT_TRANSLATE_NOOP("AppMessages", "that customer no longer exists"),
    QT_TRANSLATE_NOOP("AppMessages", "the customer was changed by someone else meanwhile"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "%1 was changed by someone else (you had version %2, it is now %3)"
    ),
    QT_TRANSLATE_NOOP(
        "AppMessages", "%1 is not a phone number, email or handle that can be stored"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "a call needs a reference"),
    QT_TRANSLATE_NOOP("AppMessages", "that call is no longer in the log"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "the number of this call was withheld; there is nothing to attach"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "a customer cannot be merged into itself"),
    QT_TRANSLATE_NOOP("AppMessages", "customer %1 was itself merged into %2"),
    QT_TRANSLATE_NOOP("AppMessages", "customer %1 was already merged into %2"),
    QT_TRANSLATE_NOOP(
        "AppMessages",
        "one of the customers was changed at another workstation meanwhile; reload and merge again",
    ),
    QT_TRANSLATE_NOOP("AppMessages", "channel must be one of %1"),
    QT_TRANSLATE_NOOP("AppMessages", "direction must be inbound or outbound"),
    QT_TRANSLATE_NOOP("AppMessages", "satisfaction is a rating from 1 to 5"),
    QT_TRANSLATE_NOOP("AppMessages", "an interaction cannot end before it starts"),
    # tickets
    QT_TRANSLATE_NOOP("AppMessages", "no ticket %1"),
    QT_TRANSLATE_NOOP("AppMessages", "not a ticket number: %1 (expected e.g. T-000123 or 123)"),
    QT_TRANSLATE_NOOP("AppMessages", "no category %1; known: %2"),
    QT_TRANSLATE_NOOP("AppMessages", "no department with code %1"),
    QT_TRANSLATE_NOOP("AppMessages", "kind must be one of %1"),
    QT_TRANSLATE_NOOP("AppMessages", "priority must be one of %1"),
    QT_TRANSLATE_NOOP("AppMessages", "a ticket needs a subject or a text"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "ticket %1 was changed by someone else (you had version %2, it is now %3)"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "an empty comment says nothing"),
    QT_TRANSLATE_NOOP("AppMessages", "a transfer needs a reason"),
    QT_TRANSLATE_NOOP("AppMessages", "unknown field %1; known: %2"),
    QT_TRANSLATE_NOOP("AppMessages", "a %1 ticket cannot become %2"),
    QT_TRANSLATE_NOOP("AppMessages", "ticket %1 is already with %2"),
    QT_TRANSLATE_NOOP("AppMessages", "a ticket cannot be merged into itself"),
    QT_TRANSLATE_NOOP("AppMessages", "ticket %1 is already merged"),
    QT_TRANSLATE_NOOP("AppMessages", "ticket %1 was merged into another one"),
    # changes kept offline that the server refused (outbox)
    QT_TRANSLATE_NOOP(
        "AppMessages", "the ticket is not on the server (was its creation discarded?)"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "this CallDesk does not know the operation %1"),
    QT_TRANSLATE_NOOP("AppMessages", "ticket %1 was merged into another one meanwhile"),
    QT_TRANSLATE_NOOP("AppMessages", "ticket %1 was %2 meanwhile"),
    QT_TRANSLATE_NOOP(
        "AppMessages",
        "this change waited longer than the server remembers applied changes, so it may "
        "have arrived already: check, enter it again if it is missing, and discard it",
    ),
    # routing rules, SLA policies, business calendars
    QT_TRANSLATE_NOOP("AppMessages", "a rule set needs at least the catch-all rule"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "the last enabled rule must be a catch-all that names a department"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "rule %1: unknown condition %2"),
    QT_TRANSLATE_NOOP("AppMessages", "rule %1: unknown action %2"),
    QT_TRANSLATE_NOOP("AppMessages", "rule %1: no department with code %2"),
    QT_TRANSLATE_NOOP("AppMessages", "rule %1: no SLA policy named %2"),
    QT_TRANSLATE_NOOP("AppMessages", "rule %1: priority must be one of %2"),
    QT_TRANSLATE_NOOP("AppMessages", "rule %1: hours need from/to as HH:MM"),
    QT_TRANSLATE_NOOP("AppMessages", "not a CallDesk routing rules file: %1"),
    QT_TRANSLATE_NOOP("AppMessages", "no SLA policy named %1"),
    QT_TRANSLATE_NOOP("AppMessages", "SLA policy %1: the reopen window is 0 to 365 days"),
    QT_TRANSLATE_NOOP("AppMessages", "SLA policy %1: targets must be at least one minute"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "SLA policy %1: the first response cannot be due after the resolution"
    ),
    QT_TRANSLATE_NOOP(
        "AppMessages",
        "SLA policy %1 was changed by someone else (you had version %2, it is now %3)",
    ),
    QT_TRANSLATE_NOOP("AppMessages", "working hours %1: write them as HH:MM-HH:MM"),
    QT_TRANSLATE_NOOP("AppMessages", "unknown time zone %1"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "calendar %1: a calendar needs working hours on at least one day"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "calendar %1: %2"),
    QT_TRANSLATE_NOOP("AppMessages", "no business calendar named %1"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "calendar %1 was changed by someone else (you had version %2, it is now %3)"
    ),
    # app.business_time.CalendarError, shown inside "calendar %1: %2"
    QT_TRANSLATE_NOOP("AppMessages", "weekday %1 is not 0 (Monday) to 6 (Sunday)"),
    QT_TRANSLATE_NOOP("AppMessages", "working hours %1–%2 end before they start"),
    QT_TRANSLATE_NOOP("AppMessages", "working hours overlap on weekday %1"),
    QT_TRANSLATE_NOOP("AppMessages", "the calendar has no working hours in the next ten years"),
    # KPI settings and periods
    QT_TRANSLATE_NOOP("AppMessages", "service-level seconds must be 1-3600, not %1"),
    QT_TRANSLATE_NOOP("AppMessages", "service-level target must be between 0 and 1, not %1"),
    QT_TRANSLATE_NOOP("AppMessages", "short-abandon seconds must be 0-600, not %1"),
    QT_TRANSLATE_NOOP("AppMessages", "FCR window must be 1-90 days, not %1"),
    QT_TRANSLATE_NOOP("AppMessages", "empty date"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "%1 is not a date (2026-03-01) or a date-time (2026-03-01T08:00+07:00)"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "--to (%1) must be after --from (%2)"),
    # telephony
    QT_TRANSLATE_NOOP("AppMessages", "after-call work cannot be negative"),
    QT_TRANSLATE_NOOP("AppMessages", "that call is no longer in the list"),
    QT_TRANSLATE_NOOP("AppMessages", "Asterisk AMI needs the agent's extension to follow"),
    QT_TRANSLATE_NOOP("AppMessages", "Asterisk AMI needs a user name"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "no AMI secret: save it in the settings or set CALLDESK_AMI_SECRET"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "the CTI webhook needs a token; set one in the settings"),
    QT_TRANSLATE_NOOP("AppMessages", "cannot listen on %1:%2: %3"),
    # the database
    QT_TRANSLATE_NOOP("AppMessages", "not a database URL: %1"),
    QT_TRANSLATE_NOOP("AppMessages", "cannot use database %1: %2"),
    QT_TRANSLATE_NOOP("AppMessages", "cannot reach the database at %1: %2"),
    # files: CSV import and export, rules files
    QT_TRANSLATE_NOOP("AppMessages", "%1 is a folder, not a CSV file"),
    QT_TRANSLATE_NOOP("AppMessages", "%1 is a folder; give a file name such as customers.csv"),
    QT_TRANSLATE_NOOP("AppMessages", "folder %1 does not exist"),
    QT_TRANSLATE_NOOP("AppMessages", "%1: no such file"),
    QT_TRANSLATE_NOOP("AppMessages", "cannot read %1: %2"),
    QT_TRANSLATE_NOOP("AppMessages", "cannot write %1: %2"),
    QT_TRANSLATE_NOOP("AppMessages", "%1 is empty: it needs a header line and rows"),
    QT_TRANSLATE_NOOP("AppMessages", "%1: line %2: not valid CSV: %3"),
    QT_TRANSLATE_NOOP("AppMessages", "%1: column %2 appears twice in the header"),
    QT_TRANSLATE_NOOP(
        "AppMessages",
        "%1: missing required column(s) %2; the first line must be a header such as %3",
    ),
    QT_TRANSLATE_NOOP(
        "AppMessages",
        "%1 is not UTF-8 text: line %2, byte %3 of the file (0x%4) can't be decoded; "
        "save it as 'CSV UTF-8' and import again",
    ),
    # the command line (app/cli) and the demo data
    QT_TRANSLATE_NOOP("AppMessages", "--limit must be a positive number"),
    QT_TRANSLATE_NOOP("AppMessages", "%1 wants a date like 2026-11-30, not %2"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "--region %1 is not a two-letter country code such as VN or US"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "no CTI source configured; pass --source baresip|webhook|ami"),
    QT_TRANSLATE_NOOP("AppMessages", "--agents must be between 1 and 1000"),
    QT_TRANSLATE_NOOP("AppMessages", "--calls-per-hour must be above 0 and at most 100000"),
    QT_TRANSLATE_NOOP("AppMessages", "--minutes must be above 0 and at most a week"),
    QT_TRANSLATE_NOOP("AppMessages", "--speed cannot be negative"),
    QT_TRANSLATE_NOOP("AppMessages", "--port must be 0-65535"),
    QT_TRANSLATE_NOOP("AppMessages", "--customers must be zero or more"),
    QT_TRANSLATE_NOOP("AppMessages", "--exec must be the path of the calldesk executable"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "desktop entries are for Linux desktops; see build/README.md for Windows"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "--to must be after --from"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "no subcommand given (see --help); start the GUI with `calldesk`"
    ),
    QT_TRANSLATE_NOOP(
        "AppMessages", "`calldesk open` needs the CallDesk window; run the calldesk executable"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "the number in %1 is too long"),
    QT_TRANSLATE_NOOP(
        "AppMessages", "NUMBER is empty; pass the caller id (or 'anonymous' when withheld)"
    ),
    QT_TRANSLATE_NOOP("AppMessages", "--%1 is longer than %2 characters"),
    QT_TRANSLATE_NOOP("AppMessages", "the CallDesk window refused the call: %1"),
    QT_TRANSLATE_NOOP("AppMessages", 'stdin must be a JSON object such as {"text": "..."}'),
    QT_TRANSLATE_NOOP("AppMessages", "stdin is not JSON: %1"),
    QT_TRANSLATE_NOOP("AppMessages", "the demo agents agent1... are missing or inactive"),
    QT_TRANSLATE_NOOP(
        "AppMessages",
        "demo customers of seed %1 are already in this database (e.g. %2); "
        "use another --seed or a fresh database",
    ),
    QT_TRANSLATE_NOOP("AppMessages", "the number of customers must be zero or more"),
    QT_TRANSLATE_NOOP("AppMessages", "the demo ran out of phone numbers with prefix 0%1"),
)

# Values that fill a placeholder above: what a role may not do (app.permissions._DENIED)
# and the system's reasons a port or a file cannot be opened (Linux, then Windows).
_WORDS = (
    QT_TRANSLATE_NOOP("AppMessages", "look up customers"),
    QT_TRANSLATE_NOOP("AppMessages", "change customer data"),
    QT_TRANSLATE_NOOP("AppMessages", "merge customers"),
    QT_TRANSLATE_NOOP("AppMessages", "export customers"),
    QT_TRANSLATE_NOOP("AppMessages", "import customers"),
    QT_TRANSLATE_NOOP("AppMessages", "log interactions"),
    QT_TRANSLATE_NOOP("AppMessages", "create tickets"),
    QT_TRANSLATE_NOOP("AppMessages", "see this ticket"),
    QT_TRANSLATE_NOOP("AppMessages", "work this ticket"),
    QT_TRANSLATE_NOOP("AppMessages", "transfer this ticket"),
    QT_TRANSLATE_NOOP("AppMessages", "assign tickets"),
    QT_TRANSLATE_NOOP("AppMessages", "change priorities, SLA policies or merge tickets"),
    QT_TRANSLATE_NOOP("AppMessages", "see other departments' queues"),
    QT_TRANSLATE_NOOP("AppMessages", "run the escalation"),
    QT_TRANSLATE_NOOP("AppMessages", "change routing rules"),
    QT_TRANSLATE_NOOP("AppMessages", "change SLA policies and business hours"),
    QT_TRANSLATE_NOOP("AppMessages", "see KPIs"),
    QT_TRANSLATE_NOOP("AppMessages", "read the audit log"),
    QT_TRANSLATE_NOOP("AppMessages", "manage users"),
    QT_TRANSLATE_NOOP("AppMessages", "Address already in use"),
    QT_TRANSLATE_NOOP("AppMessages", "Permission denied"),
    QT_TRANSLATE_NOOP("AppMessages", "Cannot assign requested address"),
    QT_TRANSLATE_NOOP("AppMessages", "No such file or directory"),
    QT_TRANSLATE_NOOP(
        "AppMessages",
        "Only one usage of each socket address (protocol/network address/port) "
        "is normally permitted",
    ),
    QT_TRANSLATE_NOOP(
        "AppMessages",
        "An attempt was made to access a socket in a way forbidden by its access permissions",
    ),
)

# Placeholders whose value is a stored code or a message itself: "role" and "status" are
# shown with ui.labels' words, "text" goes through user_text (a phrase of _WORDS or a
# whole message). Every other value is shown exactly as it came.
_VALUES: dict[str, dict[int, str]] = {
    "%1 (%2) may not %3": {2: "role", 3: "text"},
    "%1 may not %2: it belongs to another department": {2: "text"},
    "a %1 user needs a department": {1: "role"},
    "a %1 ticket cannot become %2": {1: "status", 2: "status"},
    "ticket %1 was %2 meanwhile": {2: "status"},
    "calendar %1: %2": {2: "text"},
    "cannot listen on %1:%2: %3": {3: "text"},
    "cannot read %1: %2": {2: "text"},
    "cannot write %1: %2": {2: "text"},
}

_PLACEHOLDER = re.compile(r"%(\d)")


@cache
def _catalog() -> tuple[frozenset[str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Fixed texts, and the shaped ones as patterns, the longest fixed wording first
    (so "no customer %1 (give its id...)" is tried before "no customer %1")."""
    texts = [str(t) for t in (*_MESSAGES, *_WORDS)]
    shaped = sorted(
        (t for t in texts if _PLACEHOLDER.search(t)),
        key=lambda t: -len(_PLACEHOLDER.sub("", t)),
    )
    patterns = tuple((re.compile(_PLACEHOLDER.sub("(.*?)", re.escape(t)), re.S), t) for t in shaped)
    return frozenset(t for t in texts if not _PLACEHOLDER.search(t)), patterns


def match(message: str) -> tuple[str, tuple[str, ...]] | None:
    """The catalog entry `message` was made from and the values it carried, or None."""
    fixed, patterns = _catalog()
    if message in fixed:
        return message, ()
    for pattern, template in patterns:
        if found := pattern.fullmatch(message):
            return template, found.groups()
    return None


def user_text(error: BaseException | str) -> str:
    """What an app error (or its message) says, in the user's language; the English
    text when the catalog has no entry for it."""
    text = str(error).strip()
    if not text and isinstance(error, BaseException):
        return type(error).__name__
    found = match(text)
    if found is None:
        return text
    template, values = found
    kinds = _VALUES.get(template, {})

    def value(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return _shown(kinds.get(n), values[n - 1]) if n <= len(values) else m.group(0)

    return _PLACEHOLDER.sub(value, QCoreApplication.translate(CONTEXT, template))


def user_line(error: BaseException | str) -> str:
    """`user_text` in one line, for a status line or a label."""
    return (user_text(error).splitlines() or [""])[0]


def _shown(kind: str | None, value: str) -> str:
    if kind == "role":
        return labels.role(value).lower()
    if kind == "status":
        return labels.ticket_status(value).lower()
    if kind == "text":
        return user_text(value)
    return value
