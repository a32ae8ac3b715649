"""One search box for the customer directory: names without diacritics, phone
fragments, emails, external ids and ticket numbers, on the databases' own text search.

Results are customers ordered by (name_key, id) and paged by keyset, like the plain
directory list, so the GUI pages through a million matches the way it pages rows.

Names match word by word: every query word must start a word of the folded name, in
any order ("nguyen van an", "an nguyen", "ng v a" all find "Nguyễn Văn An"). Sorting
every match by name is what would make that slow ("nguyen" matches four customers in
ten), so pages are read in name order from indexes instead.

SQLite (FTS5 over name_key split into first word and rest, migration 0002), in at most
three steps:

1. ask the text index for the matches, capped at SPARSE_CAP: usually there are
   fewer, and they are fetched whole and sorted;
2. otherwise the matches are many, and most of them are names that *start* with the
   query in order ("nguyen van h..."): one contiguous range of the (name_key, id)
   index, read in order;
3. the other matches (words in another order or later in the name) are few again
   and fetched through the text index, or, when they too are many, found by walking
   the name index in order with the words as a filter.

PostgreSQL (the word table customer_words of migration 0004: every word after the
first of each active customer's name, keyed (word, name_key, customer_id)): the
matches are split by which query word starts the name. Names starting with query word
F hold every other query word after their first word, so under each such word they are
one in-order range of the table's key (F's block of names); names starting with no
query word are under every query word. Each part is read from the cheapest of those
ranges, in name order, only as far as a page needs.

Phone numbers: a whole number goes through app.lookup, so old-plan and local numbers
are found; digits typed with the trunk 0 or a + are the beginning of a number
("0912 3"), other digits a fragment anywhere in it ("8251234", trigram indexes over
contact_points.value_norm). Emails are matched from their beginning.
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import phonenumbers
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    func,
    literal_column,
    not_,
    or_,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.types import Uuid

from app import lookup as lookup_mod
from app import phones
from app.text import fold
from db.engine import Database
from db.models import ContactPoint, Customer, Ticket

Key = tuple[str, uuid.UUID]

# A match set of at most this many customers is fetched whole and sorted; a bigger
# one is read in name order from the index instead.
SPARSE_CAP = 5_000
# How many index entries a walk may read before the text index is asked instead.
WALK_BUDGET = 20_000
# Customers found by a contact fragment are sorted up to this many; beyond it the
# directory is walked in name order.
CONTACT_CAP = 8_000
# The beginning of a contact ("0912", "ketoan@"), by how many contact points match:
# - up to PREFIX_PROBE_CAP, each customer is looked up by id and the few sorted;
# - up to PREFIX_CAP, the name index is read in order, each entry tested against the
#   matching ids, read once from the (value_norm, kind, customer_id) index (0011);
# - beyond, the name index is read in order, each entry probing its own contact points
#   (_walk_having).
# A page needs 200 / density entries of the name index. Measured at 1M customers, a
# lookup by id costs as much as 60 entries on PostgreSQL, 15 on SQLite: the first two
# meet between 2,000 and 4,000 matches. The ids cost about 0.5 us a match to read, a
# probe 4 to 6 us an entry: the last two meet near 50,000 matches on PostgreSQL (nearer
# 35,000 on SQLite); "+8490" has 55,000, a page of them 6,000 entries.
PREFIX_PROBE_CAP = 3_000
PREFIX_CAP = 50_000
MIN_PHONE_DIGITS = 4
_TOP = "\U0010ffff"  # sorts after every character: [w, w + _TOP) holds all strings starting w
_TICKET = re.compile(r"^(?:#|t-?|cd-?)?(\d{1,9})$", re.IGNORECASE)
_PHONEISH = re.compile(r"^\+?[\d\s.\-/()]+$")

C = Customer.__table__
CP = ContactPoint.__table__
T = Ticket.__table__
_FULL = C.alias("full")  # the row behind a walked index entry (made once: aliases cost)


@dataclass(frozen=True)
class Query:
    """What a search box text asks for."""

    text: str
    words: tuple[str, ...]  # folded name words
    phone_start: str | None  # "+84912": the beginning of a stored E.164
    phone_fragment: str | None  # "8251234": digits anywhere in a stored number
    full_phone: str | None  # the text when it is a whole phone number: goes through lookup
    email: str | None  # an email or its beginning, lower-case
    external_ids: tuple[str, ...]
    ticket: int | None


def parse_query(q: str, region: str = phones.DEFAULT_REGION) -> Query:
    s = q.strip()
    words: tuple[str, ...] = ()
    start = fragment = full_phone = email = None
    m = _TICKET.match(s)
    ticket = int(m.group(1)) if m else None
    if "@" in s:
        email = lookup_mod.normalize_email(s)
    elif _PHONEISH.match(s):
        digits = phones.clean(s)
        if phones.parse(s, region) is not None or phones.local_number(s) is not None:
            full_phone = s
        if len(digits.lstrip("+")) >= MIN_PHONE_DIGITS:
            if digits.startswith("+"):
                start = digits
            elif digits.startswith("0") and not digits.startswith("00"):
                cc = phonenumbers.country_code_for_region(region)
                start = f"+{cc}{digits[1:]}" if cc else None
            else:
                fragment = digits
    else:
        words = tuple(fold(s).split())
    ext = tuple(dict.fromkeys(v for v in (s, s.upper(), s.lower()) if v))
    return Query(s, words, start, fragment, full_phone, email, ext, ticket)


# --- building blocks ---------------------------------------------------------------------


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _word_in(column: Any, w: str) -> ColumnElement[bool]:
    """`w` starts some word of `column`."""
    e = _like_escape(w)
    return or_(column.like(f"{e}%", escape="\\"), column.like(f"% {e}%", escape="\\"))


def _starts(column: Any, prefix: str) -> ColumnElement[bool]:
    """`column` starts with `prefix`: an index range (any collation keeps a prefix's
    strings inside [prefix, prefix + U+10FFFF)) checked exactly by LIKE."""
    return and_(
        column >= prefix,
        column < prefix + _TOP,
        column.like(f"{_like_escape(prefix)}%", escape="\\"),
    )


def _fts_phrase(w: str) -> str:
    return '"' + w.replace('"', '""') + '"'


def _keyed(where: Sequence[ColumnElement[bool]], after: Key | None, limit: int) -> Select[Any]:
    stmt = select(C.c.name_key, C.c.id).where(*where, C.c.merged_into_id.is_(None))
    if after is not None:
        stmt = stmt.where(tuple_(C.c.name_key, C.c.id) > tuple_(*after))
    return stmt.order_by(C.c.name_key, C.c.id).limit(limit)


def _rows(conn: Connection, stmt: Select[Any]) -> list[Key]:
    return [(row[0], row[1]) for row in conn.execute(stmt)]


def _walk(
    conn: Connection, where: Sequence[ColumnElement[bool]], after: Key | None, limit: int
) -> list[Key]:
    """Walk the name index in order with `where` (conditions on name_key and id only,
    so the walk reads the index, not the table) and drop merged customers afterwards;
    they are rare, so a few extra candidates almost always fill the page in one round."""
    out: list[Key] = []
    cursor = after
    while len(out) < limit:
        want = limit - len(out) + 32
        inner = select(C.c.name_key, C.c.id).where(*where)
        if cursor is not None:
            inner = inner.where(tuple_(C.c.name_key, C.c.id) > tuple_(*cursor))
        sub = inner.order_by(C.c.name_key, C.c.id).limit(want).subquery()
        stmt = (
            select(sub.c.name_key, sub.c.id, _FULL.c.merged_into_id)
            .join(_FULL, _FULL.c.id == sub.c.id)
            .order_by(sub.c.name_key, sub.c.id)
        )
        rows = conn.execute(stmt).all()
        out += [(r[0], r[1]) for r in rows if r[2] is None]
        if len(rows) < want:
            break
        cursor = (rows[-1][0], rows[-1][1])
    return out[:limit]


def _json_values(values: list[Any]) -> Select[Any]:
    """SELECT value FROM json_each(?): a list of any length as one bound parameter."""
    table = func.json_each(bindparam("members", json.dumps(values))).table_valued("value")
    return select(table.c.value)


def _member_of(conn: Connection, members: list[Any], rowids: bool) -> ColumnElement[bool]:
    """Customers in `members` (SQLite rowids or stored ids, or PostgreSQL UUIDs)."""
    if conn.dialect.name == "sqlite":
        if rowids:
            return literal_column("customers.rowid").in_(_json_values(members))
        # Compared as SQLite stores them: 32 hex digits.
        return C.c.id.in_(_json_values([m.hex if isinstance(m, uuid.UUID) else m for m in members]))
    # A set join, not `id = ANY(array)`: that compares each row with the whole array.
    return C.c.id.in_(select(func.unnest(bindparam("members", members, type_=ARRAY(Uuid())))))


def _capped(conn: Connection, stmt: Select[Any], cap: int) -> list[Any]:
    """First `cap` rows of `stmt` through PostgreSQL's trigram indexes: the planner may
    not pick them for a LIMITed query it believes dense, and a full scan is what this
    path exists to avoid."""
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
    try:
        return list(conn.execute(stmt.limit(cap)).all())
    finally:
        conn.exec_driver_sql("SET LOCAL enable_seqscan TO DEFAULT")
        conn.exec_driver_sql("SET LOCAL enable_indexscan TO DEFAULT")


def _fts(conn: Connection, match: str, cap: int) -> list[Any]:
    sql = "SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? LIMIT ?"
    return [r[0] for r in conn.exec_driver_sql(sql, (match, cap))]


# --- names -------------------------------------------------------------------------------


def _fetch(
    conn: Connection,
    fts: str,
    where: Sequence[ColumnElement[bool]],
    after: Key | None,
    limit: int,
) -> list[Key] | None:
    """One page of the customers matching `where`, found through the SQLite FTS5 query
    `fts`; None when they are more than SPARSE_CAP: then walking the name index in order
    is the better way."""
    rowids = _fts(conn, fts, SPARSE_CAP + 1)
    if len(rowids) > SPARSE_CAP:
        return None
    if not rowids:
        return []
    member = _member_of(conn, rowids, rowids=True)
    return _rows(conn, _keyed([member, *where], after, limit))


def _name_keys(conn: Connection, words: Sequence[str], after: Key | None, limit: int) -> list[Key]:
    if conn.dialect.name != "sqlite":
        return _pg_name_keys(conn, words, after, limit)
    matches = and_(*[_word_in(C.c.name_key, w) for w in words])
    first = words[0]
    phrase = " ".join(words)
    in_order = _starts(C.c.name_key, phrase)
    starts_first = _starts(C.c.name_key, first)
    fts_others = "".join(f" AND {_fts_phrase(w)}*" for w in words[1:])

    # 1. Few matches: fetch them all and sort.
    every = " AND ".join(_fts_phrase(w) + "*" for w in words)
    page = _fetch(conn, every, [matches], after, limit)
    if page is not None:
        return page

    # 2. Many: those that start with the query, in order, are one range of the index.
    out = _walk(conn, [in_order], after, limit)

    # 3a. Matches whose first word is not the first query word's: that word is then
    # later in the name, where a family name rarely is (the name-rest indexes).
    later = [matches, not_(starts_first)]
    page = _fetch(conn, f"rest : {_fts_phrase(first)}*{fts_others}", later, after, limit)
    out += _walk(conn, later, after, limit) if page is None else page

    # 3b. Names that start with the first word but go on differently ("nguyen thi van
    # anh" for "nguyen van an"): the first word's range of the index around the in-order
    # block, walked with the words as filter, as far as a budget allows.
    if len(words) > 1:
        around = [(first, phrase), (phrase + _TOP, first + _TOP)]  # the block minus P0
        hits: list[Key] = []
        complete = True
        for lo, hi in around:
            span = and_(C.c.name_key >= lo, C.c.name_key < hi)
            got, complete = _bounded_walk(conn, [span, matches], after, limit - len(hits))
            hits += got
            if not complete or len(hits) >= limit:
                break
        if not complete:
            differently = [starts_first, not_(in_order), matches]
            page = _fetch(
                conn, f"first : {_fts_phrase(first)}*{fts_others}", differently, after, limit
            )
            hits = _walk(conn, differently, after, limit) if page is None else page
        out += hits
    return out


def _bounded_walk(
    conn: Connection, where: Sequence[ColumnElement[bool]], after: Key | None, limit: int
) -> tuple[list[Key], bool]:
    """A walk that reads at most WALK_BUDGET index entries; says whether it finished
    (filled the page or reached the end) or stopped at the budget."""
    probe = select(C.c.name_key, C.c.id).where(*where[:1])
    if after is not None:
        probe = probe.where(tuple_(C.c.name_key, C.c.id) > tuple_(*after))
    probe = probe.order_by(C.c.name_key, C.c.id).offset(WALK_BUDGET - 1).limit(1)
    stop = conn.execute(probe).first()
    if stop is None:
        return _walk(conn, where, after, limit), True
    hits = _walk(conn, [*where, tuple_(C.c.name_key, C.c.id) <= tuple_(stop[0], stop[1])],
                 after, limit)  # fmt: skip
    return hits, len(hits) == limit


# --- names on PostgreSQL: the word table ---------------------------------------------------

# customer_words (migration 0004): (word, name_key, customer_id) for every word after the
# first of each active customer's name, word sorted by byte (COLLATE "C"). The queries
# are SQL text: composing them as Core statements cost more than running them.
# Sources of candidates are counted up to this many rows: one at or under it is cheap to
# read whatever the filter; above it the longest query word is the guess. Names that
# start with no query word are usually none at all, and proving that reads a whole
# source, so those sources are counted further.
PG_COUNT_CAP = 1_000
PG_COUNT_CAP_ANYWHERE = 10_000


def _nonredundant(words: Sequence[str]) -> list[str]:
    """The query words without those that begin another one: a word of the name that
    the longer one starts, the shorter one starts too."""
    out: list[str] = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        if not any(o.startswith(w) for o in out):
            out.append(w)
    return out


class _Sql:
    """SQL text and its parameters, built together."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def p(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"

    def word_in(self, w: str) -> str:
        """`w` starts a word of the row's name (app.search._word_in)."""
        e = _like_escape(w)
        return f"(cw.name_key LIKE {self.p(e + '%')} OR cw.name_key LIKE {self.p('% ' + e + '%')})"

    def starts(self, prefix: str) -> str:
        return (
            f"(cw.name_key >= {self.p(prefix)} AND cw.name_key < {self.p(prefix + _TOP)} "
            f"AND cw.name_key LIKE {self.p(_like_escape(prefix) + '%')})"
        )

    def block(self, block: str | None, after: Key | None) -> str | None:
        """Rows whose name starts with `block` (any when None) after `after`; None when
        the block lies wholly before `after`. One lower bound only: the index range
        starts at whichever is later."""
        conds = ["TRUE"]
        lower = after
        if block is not None:
            if after is not None and after[0] >= block + _TOP:
                return None
            conds.append(f"cw.name_key < {self.p(block + _TOP)}")
            conds.append(f"cw.name_key LIKE {self.p(_like_escape(block) + '%')}")
            if after is None or after[0] < block:
                conds.append(f"cw.name_key >= {self.p(block)}")
                lower = None
        if lower is not None:
            key, cid = self.p(lower[0]), self.p(lower[1])
            conds.append(f"(cw.name_key, cw.customer_id) > ({key}, {cid})")
        return " AND ".join(conds)

    def words(self, name: str, w: str) -> str:
        """A recursive CTE of the distinct words starting with `w`, found by skipping
        through the index (one descent per word, read lazily)."""
        lo, hi = self.p(w), self.p(w + _TOP)
        return (
            f"{name}(word) AS (SELECT min(word) FROM customer_words WHERE word >= {lo} "
            f"AND word < {hi} UNION ALL SELECT (SELECT min(cw.word) FROM customer_words cw "
            f"WHERE cw.word > {name}.word AND cw.word < {hi}) FROM {name} "
            f"WHERE {name}.word IS NOT NULL)"
        )


def _prepared(conn: Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    """Rows of `sql` as a server-side prepared statement: planning these statements (a
    CTE per source) costs more than running them, and their shape repeats."""
    raw: Any = conn.connection.dbapi_connection
    with raw.cursor() as cur:
        cur.execute(sql, params, prepare=True)
        return list(cur.fetchall())


def _pg_counts(conn: Connection, sources: Sequence[tuple[str, str | None]]) -> list[int]:
    """Rows of each (word, block) source, counted up to PG_COUNT_CAP + 1 (without a
    block PG_COUNT_CAP_ANYWHERE + 1), in one query; word by word, so that the block is a
    range of the index under each word."""
    q = _Sql()
    ctes, counts = [], []
    caps = {True: q.p(PG_COUNT_CAP + 1), False: q.p(PG_COUNT_CAP_ANYWHERE + 1)}
    for i, (w, block) in enumerate(sources):
        cap = caps[block is not None]
        ctes.append(q.words(f"w{i}", w))
        counts.append(
            f"(SELECT count(*) FROM (SELECT 1 FROM w{i} CROSS JOIN LATERAL (SELECT 1 "
            f"FROM customer_words cw WHERE cw.word = w{i}.word AND {q.block(block, None)} "
            f"LIMIT {cap}) r LIMIT {cap}) s{i})"
        )
    sql = f"WITH RECURSIVE {', '.join(ctes)} SELECT {', '.join(counts)}"
    return [int(n) for n in _prepared(conn, sql, q.params)[0]]


class _Page:
    """The parts of one page as one statement: each part a SELECT of (name_key, id) in
    name order, LIMITed, all merged by UNION and cut to the page (one round trip)."""

    def __init__(self, after: Key | None, limit: int) -> None:
        self.q = _Sql()
        self.after, self.limit = after, limit
        self.n = self.q.p(limit)
        self.ctes: list[str] = []
        self.parts: list[str] = []

    def rest(self, w: str, block: str | None, where: Sequence[Callable[[_Sql], str]]) -> None:
        """The active customers with a word after the first that starts with `w`, whose
        name starts with `block` (any when None) and matches `where`.

        Each distinct word starting with `w` is one in-order range of the primary key
        (and the block a range inside it): each range is read only until it has given
        a page, and the pages are merged."""
        q = self.q
        conds = q.block(block, self.after)
        if conds is None:
            return
        name = f"w{len(self.ctes)}"
        self.ctes.append(q.words(name, w))
        like = q.p(_like_escape(w) + "%")
        filters = "".join(f" AND {f(q)}" for f in where)
        self.parts.append(
            f"(SELECT r.name_key, r.customer_id FROM {name} CROSS JOIN LATERAL ("
            "SELECT cw.name_key, cw.customer_id FROM customer_words cw "
            f"WHERE cw.word = {name}.word AND cw.word LIKE {like} AND {conds}{filters} "
            f"ORDER BY cw.name_key, cw.customer_id LIMIT {self.n}) r)"
        )

    def starting(self, w: str) -> None:
        """The active customers whose name starts with `w`: a range of the name index."""
        q = self.q
        keyset = ""
        if self.after is not None:
            keyset = f" AND (c.name_key, c.id) > ({q.p(self.after[0])}, {q.p(self.after[1])})"
        self.parts.append(
            "(SELECT c.name_key, c.id FROM customers c WHERE "
            f"c.name_key >= {q.p(w)} AND c.name_key < {q.p(w + _TOP)} "
            f"AND c.name_key LIKE {q.p(_like_escape(w) + '%')} "
            f"AND c.merged_into_id IS NULL{keyset} ORDER BY c.name_key, c.id LIMIT {self.n})"
        )

    def keys(self, conn: Connection) -> list[Key]:
        if not self.parts:
            return []
        with_ = f"WITH RECURSIVE {', '.join(self.ctes)} " if self.ctes else ""
        sql = f"{with_}{' UNION '.join(self.parts)} ORDER BY 1, 2 LIMIT {self.n}"
        return [(r[0], r[1]) for r in _prepared(conn, sql, self.q.params)]


def _pg_name_keys(
    conn: Connection, words: Sequence[str], after: Key | None, limit: int
) -> list[Key]:
    """Names on PostgreSQL: the matches are split by which query word starts the name.

    - Names starting with query word F: when F is the only word, one range of the name
      index; otherwise every other query word starts a word after the first, so they
      are in the word table under that word, inside F's block of names.
    - Names starting with no query word: in the word table under every query word.
    Each part is read from the source (word and block) with the fewest rows.
    """
    ws = _nonredundant(words)
    page = _Page(after, limit)

    def matching(*but: str) -> list[Callable[[_Sql], str]]:
        """The query words other than `but` (those the source itself guarantees)."""
        return [functools.partial(_Sql.word_in, w=w) for w in ws if w not in but]

    if len(ws) == 1:
        (w,) = ws

        def elsewhere(q: _Sql) -> str:
            return f"NOT {q.starts(w)}"

        page.starting(w)
        page.rest(w, None, [elsewhere])
        return page.keys(conn)
    sources: list[tuple[str, str | None]] = [(r, f) for f in ws for r in ws if r != f]
    sources += [(w, None) for w in ws]
    counts = dict(zip(sources, _pg_counts(conn, sources), strict=True))

    def cheapest(options: list[tuple[str, str | None]]) -> tuple[str, str | None]:
        return min(options, key=lambda o: (counts[o], -len(o[0]), o[0]))

    for f in ws:
        w, _ = cheapest([(r, f) for r in ws if r != f])
        if counts[(w, f)]:
            page.rest(w, f, matching(w, f))
    w, _ = cheapest([(w, None) for w in ws])
    if counts[(w, None)]:

        def nowhere(q: _Sql) -> str:
            return " AND ".join(f"NOT {q.starts(f)}" for f in ws)

        page.rest(w, None, [*matching(w), nowhere])
    return page.keys(conn)


# --- contacts, external ids, tickets -----------------------------------------------------


def _contact_keys(
    conn: Connection,
    kind: str,
    needle: str,
    fragment: bool,
    after: Key | None,
    limit: int,
) -> list[Key]:
    """Customers with a `kind` contact point whose value starts with `needle`, or holds
    it anywhere when `fragment` (then found through the trigram indexes)."""
    if fragment:
        pattern = f"%{_like_escape(needle)}%"
        like = and_(CP.c.kind == kind, CP.c.value_norm.like(pattern, escape="\\"))
        trigram: str | None = f"%{needle}%"
    else:
        like = and_(CP.c.kind == kind, _starts(CP.c.value_norm, needle))
        trigram = None

    # What a walk tests each customer's own contact points with: the same matches, in
    # terms no index of values can serve, so that the probe reads the customer's entries
    # of (customer_id, kind, value_norm). Given the value range, PostgreSQL misjudges it
    # narrow and scans every value with the beginning for each customer ("sales@":
    # 1.9 s a page at 1M customers).
    if fragment:
        own = like
    else:
        own = and_(CP.c.kind == kind, func.substr(CP.c.value_norm, 1, len(needle)) == needle)

    sqlite = conn.dialect.name == "sqlite"
    if not fragment:
        n = _count_upto(conn, like, PREFIX_CAP)
        if n > PREFIX_CAP:
            # A short number start ("+8491"): too many to collect; a page of them is
            # found within a few thousand customers of the directory, probed in turn.
            return _walk_having(conn, own, after, limit)
        if n > PREFIX_PROBE_CAP:
            # "0912", "ketoan@": thousands. The name index in order, each entry tested
            # against the matching customers' ids, hashed once per query.
            return _walk_among(conn, select(CP.c.customer_id).where(like), after, limit)
    if sqlite and trigram is not None:
        sql = (
            "SELECT DISTINCT cp.customer_id FROM contact_points cp WHERE cp.rowid IN "
            "(SELECT rowid FROM contact_points_fts WHERE value_norm LIKE ?) LIMIT ?"
        )
        found = [r[0] for r in conn.exec_driver_sql(sql, (trigram, CONTACT_CAP + 1))]
    else:
        stmt = select(CP.c.customer_id).where(like).distinct()
        if sqlite or trigram is None:
            found = [r[0] for r in conn.execute(stmt.limit(CONTACT_CAP + 1))]
        else:
            found = [r[0] for r in _capped(conn, stmt, CONTACT_CAP + 1)]
    if not found:
        return []
    if len(found) <= CONTACT_CAP:
        member = _member_of(conn, found, rowids=False)
        return _rows(conn, _keyed([member], after, limit))
    # Very many (a short fragment): walk the directory in name order instead.
    return _walk_having(conn, own, after, limit)


def _count_upto(conn: Connection, like: ColumnElement[bool], cap: int) -> int:
    """How many contact points match `like` (a kind and a value range), counted up to
    `cap` + 1 in the (value_norm, kind, customer_id) index alone."""
    inner = select(literal_column("1")).select_from(CP).where(like).limit(cap + 1).subquery()
    return int(conn.execute(select(func.count()).select_from(inner)).scalar_one())


def _walk_among(conn: Connection, members: Select[Any], after: Key | None, limit: int) -> list[Key]:
    """Customers whose id `members` (a query of ids) returns, in name order: the name
    index walked with the ids as a filter. Both engines would rather run `id IN
    (members)` as one primary key probe per member and a sort (as slow as the probes
    in Python). On PostgreSQL `IS TRUE` keeps it a subquery, hashed once and tested
    per index entry; on SQLite the unary + keeps the primary key out of it, and the
    subquery becomes one temporary index, probed per entry."""
    if conn.dialect.name == "sqlite":
        inside = literal_column("+customers.id").in_(members)  # C, unaliased in _walk
    else:
        inside = C.c.id.in_(members).is_(True)
    return _walk(conn, [inside], after, limit)


def _walk_having(
    conn: Connection, own: ColumnElement[bool], after: Key | None, limit: int
) -> list[Key]:
    """Customers in name order with a contact point matching `own` (conditions on
    contact_points): the name index walked in order, each entry probing its customer's
    contact points in the (customer_id, kind, value_norm) index, both read from the
    index alone. A scalar subquery, not EXISTS or IN: those the planners may turn into
    gathering every contact point with a common prefix first (the slow part at 1M
    customers); a correlated scalar subquery stays one probe per entry, and the walk
    stops once a page is found."""
    probe: Select[Any] = select(literal_column("1")).where(CP.c.customer_id == C.c.id, own)
    probe = probe.limit(1)
    return _walk(conn, [probe.scalar_subquery().is_not(None)], after, limit)


def _redirected_ids(conn: Connection, where: ColumnElement[bool]) -> set[uuid.UUID]:
    """Customers found through `where`, a merged one replaced by the one it went into."""
    rows = conn.execute(select(C.c.merged_into_id, C.c.id).where(where).limit(50))
    return {row[0] or row[1] for row in rows}


def _other_keys(
    conn: Connection, db: Database, q: Query, after: Key | None, limit: int
) -> list[Key]:
    out: list[Key] = []
    if q.phone_start is not None:
        out += _contact_keys(conn, "phone", q.phone_start, False, after, limit)
    if q.phone_fragment is not None:
        out += _contact_keys(conn, "phone", q.phone_fragment, True, after, limit)
    if q.email:
        out += _contact_keys(conn, "email", q.email, False, after, limit)
    small: set[uuid.UUID] = set()
    if q.full_phone is not None:
        small.update(m.customer_id for m in lookup_mod.lookup(db, q.full_phone).matches)
    if q.external_ids:
        small |= _redirected_ids(conn, C.c.external_id.in_(q.external_ids))
    if q.ticket is not None:
        owners = select(T.c.customer_id).where(T.c.number == q.ticket)
        small |= _redirected_ids(conn, C.c.id.in_(owners))
    if small:
        out += _rows(conn, _keyed([C.c.id.in_(small)], after, limit))
    return out


# --- the box -----------------------------------------------------------------------------


def page_keys(
    db: Database,
    query: str,
    after: Key | None = None,
    limit: int = 200,
    region: str = phones.DEFAULT_REGION,
) -> list[Key]:
    """(name_key, id) of one page of customers matching `query`, in name order; pass the
    last key of a page as `after` for the next. Supplier accounts may not search."""
    with db.engine.connect() as conn:
        return page_keys_on(conn, db, query, after, limit, region)


def page_keys_on(
    conn: Connection,
    db: Database,
    query: str,
    after: Key | None = None,
    limit: int = 200,
    region: str = phones.DEFAULT_REGION,
) -> list[Key]:
    """page_keys on a connection the caller holds (one checkout for a whole page)."""
    from app import permissions  # search is imported by merge and customers: stay a leaf

    permissions.require(db, permissions.Action.VIEW_CUSTOMERS)
    q = parse_query(query, region)
    if not q.text:
        return []
    found: list[Key] = []
    if q.words:
        found += _name_keys(conn, q.words, after, limit)
    found += _other_keys(conn, db, q, after, limit)
    return sorted(set(found))[:limit]


def search(db: Database, query: str, limit: int = 50) -> list[uuid.UUID]:
    """Ids of the first `limit` customers matching `query`, in name order."""
    return [cid for _key, cid in page_keys(db, query, None, limit)]
