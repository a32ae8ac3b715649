"""Complaint routing: ordered rules, first match wins, as data an administrator edits.

A rule is {"conditions": {...}, "actions": {...}}. Conditions (all optional; a rule
with none is the catch-all):
  categories / subcategories  codes the agent chose (a category matches its children)
  keywords                    words or phrases found in the text, without diacritics
  tiers, segments, channels, kinds, suppliers   membership tests on the facts
  products                    words found in the product name
  hours                       {"from": "HH:MM", "to": "HH:MM"} local time-of-day window
`categories` and `keywords` are two ways to recognise the topic: the rule matches when
the chosen category is listed, or, when the agent gave no category, a keyword is in
the text. Every other condition must also hold.

Actions: department (a code, or "@supplier" for the supplier named in the facts),
sla_policy (a name), priority, assign ("round_robin", "least_loaded" or a user name),
tags. A rule without a department is a modifier (e.g. "VIP customers get high
priority"): its priority, SLA and tags apply, and matching goes on to the rule that
names the department.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from app.errors import UserError
from app.text import fold

CONDITION_KEYS = {
    "categories",
    "subcategories",
    "keywords",
    "tiers",
    "segments",
    "channels",
    "kinds",
    "suppliers",
    "products",
    "hours",
}
ACTION_KEYS = {"department", "sla_policy", "priority", "assign", "tags"}
PRIORITIES = ("low", "normal", "high", "urgent")


@dataclass(frozen=True)
class Facts:
    """What is known about a complaint when it is routed; anything may be missing."""

    kind: str | None = None
    category: str | None = None
    subcategory: str | None = None
    category_parents: tuple[str, ...] = ()
    channel: str | None = None
    text: str = ""
    tier: str | None = None
    segment: str | None = None
    product: str | None = None
    supplier: str | None = None
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class Rule:
    name: str
    conditions: Mapping[str, Any]
    actions: Mapping[str, Any]
    position: int = 0
    enabled: bool = True
    id: str | None = None


@dataclass
class Decision:
    department: str | None = None
    sla_policy: str | None = None
    priority: str | None = None
    assign: str | None = None
    tags: list[str] = field(default_factory=list)
    rule: str | None = None
    rule_id: str | None = None
    modifiers: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _words(values: Iterable[str]) -> list[str]:
    return [fold(v) for v in values if fold(v)]


def _contains_phrase(haystack: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", haystack) is not None


def _in_window(at: datetime, window: Mapping[str, str], tz: ZoneInfo) -> bool:
    local = at.astimezone(tz).time()
    start, end = time.fromisoformat(window["from"]), time.fromisoformat(window["to"])
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # wraps past midnight


def match(rule: Rule, facts: Facts, tz: ZoneInfo) -> list[str] | None:
    """Why the rule matches (one reason per condition), or None when it does not."""
    c = rule.conditions
    reasons: list[str] = []
    cats = set(c.get("categories") or ())
    subs = set(c.get("subcategories") or ())
    keywords = _words(c.get("keywords") or ())
    if cats or subs or keywords:
        chosen = {x for x in (facts.category, facts.subcategory, *facts.category_parents) if x}
        hit = sorted(chosen & (cats | subs))
        if hit:
            reasons.append(f"category {hit[0]}")
        elif not chosen and keywords:
            text = fold(facts.text)
            found = [k for k in keywords if _contains_phrase(text, k)]
            if not found:
                return None
            reasons.append(f"text mentions {found[0]!r}")
        else:
            return None
    for key, value in (
        ("tiers", facts.tier),
        ("segments", facts.segment),
        ("channels", facts.channel),
        ("kinds", facts.kind),
        ("suppliers", facts.supplier),
    ):
        allowed = c.get(key)
        if not allowed:
            continue
        if value is None or (value not in allowed and "*" not in allowed):
            return None
        reasons.append(f"{key[:-1]} {value}")
    products = _words(c.get("products") or ())
    if products:
        product = fold(facts.product or "")
        found = [p for p in products if _contains_phrase(product, p)]
        if not found:
            return None
        reasons.append(f"product {found[0]!r}")
    if c.get("hours"):
        if not _in_window(facts.at, c["hours"], tz):
            return None
        reasons.append(f"time {c['hours']['from']}–{c['hours']['to']}")
    return reasons or ["catch-all"]


def decide(rules: Sequence[Rule], facts: Facts, tz: str = "Asia/Ho_Chi_Minh") -> Decision:
    """Walk the enabled rules in order; modifiers accumulate, the first department wins."""
    zone = ZoneInfo(tz)
    decision = Decision()
    for rule in sorted((r for r in rules if r.enabled), key=lambda r: r.position):
        reasons = match(rule, facts, zone)
        if reasons is None:
            continue
        a = rule.actions
        department = a.get("department")
        if department == "@supplier":
            if not facts.supplier:
                continue  # a supplier rule cannot route a complaint naming no supplier
            department = facts.supplier
        if a.get("priority") and _rank(a["priority"]) > _rank(decision.priority):
            decision.priority = a["priority"]
        if a.get("sla_policy") and (department or decision.sla_policy is None):
            decision.sla_policy = a["sla_policy"]
        decision.tags.extend(t for t in a.get("tags") or () if t not in decision.tags)
        if not department:
            decision.modifiers.append(rule.name)
            decision.reasons.extend(reasons)
            continue
        decision.department = department
        decision.assign = a.get("assign")
        decision.rule, decision.rule_id = rule.name, rule.id
        decision.reasons.extend(reasons)
        break
    if decision.priority is None:
        decision.priority = "normal"
    return decision


def _rank(priority: str | None) -> int:
    return PRIORITIES.index(priority) if priority in PRIORITIES else -1


def validate(rules: Sequence[Rule], departments: Iterable[str], policies: Iterable[str]) -> None:
    """Reject rule sets that would route quietly to nowhere."""
    deps, pols = set(departments), set(policies)
    if not rules:
        raise UserError("a rule set needs at least the catch-all rule")
    for r in rules:
        unknown = set(r.conditions) - CONDITION_KEYS
        if unknown:
            raise UserError(f"rule {r.name!r}: unknown condition {sorted(unknown)[0]!r}")
        unknown = set(r.actions) - ACTION_KEYS
        if unknown:
            raise UserError(f"rule {r.name!r}: unknown action {sorted(unknown)[0]!r}")
        dep = r.actions.get("department")
        if dep and dep != "@supplier" and dep not in deps:
            raise UserError(f"rule {r.name!r}: no department with code {dep!r}")
        pol = r.actions.get("sla_policy")
        if pol and pol not in pols:
            raise UserError(f"rule {r.name!r}: no SLA policy named {pol!r}")
        if r.actions.get("priority") and r.actions["priority"] not in PRIORITIES:
            raise UserError(f"rule {r.name!r}: priority must be one of {', '.join(PRIORITIES)}")
        hours = r.conditions.get("hours")
        if hours:
            try:
                time.fromisoformat(hours["from"])
                time.fromisoformat(hours["to"])
            except (KeyError, TypeError, ValueError) as exc:
                raise UserError(f"rule {r.name!r}: hours need from/to as HH:MM") from exc
    last = sorted((r for r in rules if r.enabled), key=lambda r: r.position)
    if not last or last[-1].conditions or not last[-1].actions.get("department"):
        raise UserError("the last enabled rule must be a catch-all that names a department")


def dump_rules(rules: Sequence[Rule]) -> str:
    """The exchange file format: JSON, ordered, stable, human-diffable."""
    data = [
        {
            "name": r.name,
            "enabled": r.enabled,
            "conditions": dict(r.conditions),
            "actions": dict(r.actions),
        }
        for r in sorted(rules, key=lambda r: r.position)
    ]
    return json.dumps({"calldesk_routing_rules": 1, "rules": data}, ensure_ascii=False, indent=2)


def load_rules(text: str) -> list[Rule]:
    try:
        data = json.loads(text)
        items = data["rules"]
        return [
            Rule(
                name=str(item["name"]),
                conditions=dict(item.get("conditions") or {}),
                actions=dict(item.get("actions") or {}),
                position=(i + 1) * 10,
                enabled=bool(item.get("enabled", True)),
            )
            for i, item in enumerate(items)
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(f"not a CallDesk routing rules file: {exc}") from exc
