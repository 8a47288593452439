"""A collection contact as the user records it, and the flags the app derives itself.

The log is evidence: the user states what happened (who, where, what was said, and
conduct such as threats); the app adds what the times alone show — a contact between
22:00 and 08:00, or more than three calls from one company in a day (industry rules,
GB/T 45251-2025) — so the user never has to know those rules to be protected by them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from core.errors import CoachError
from core.i18n import t

KINDS = ("visit", "call", "message")
# What the user may flag, in the order exports spell them out.
CONDUCT_FLAGS = (
    "threats",
    "insults",
    "entered",
    "refused_to_leave",
    "contacted_others",
    "public",
    "impersonation",
)
# What the app flags from the times.
NIGHT, TOO_MANY_CALLS = "night", "too_many_calls"
TIME_FLAGS = (NIGHT, TOO_MANY_CALLS)
NIGHT_FROM, NIGHT_UNTIL = dt.time(22, 0), dt.time(8, 0)
CALLS_A_DAY = 3
# The store's column size for each text field.
LIMITS = {
    "place": 200,
    "collector": 100,
    "company": 200,
    "id_number": 50,
    "phone": 50,
    "said": 2000,
    "witness_name": 100,
    "follow_up": 1000,
}
# Control codes a workbook or a document cannot hold; tab and line ends stay.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WHEN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$")


class ContactInvalid(CoachError):
    """One field of a contact is impossible; the message names the field and why."""

    def __init__(self, field: str, key: str, **params: object) -> None:
        self.field = field
        super().__init__(key, **params)

    def message(self, lang: str = "en") -> str:
        return t(
            "contacts.invalid",
            lang,
            field=t(f"contacts.field_{self.field}", lang),
            reason=t(self.key, lang, **self.params),
        )


@dataclass(frozen=True)
class ContactEntry:
    """One visit, call or message, as the user tells it. `when` is local time."""

    when: dt.datetime
    kind: str
    place: str = ""
    collector: str = ""
    company: str = ""
    id_shown: bool = False
    id_number: str = ""
    phone: str = ""
    notice_given: bool = False
    said: str = ""
    witness: bool = False
    witness_name: str = ""
    follow_up: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactRecord(ContactEntry):
    """A stored version. `entry` numbers the contact; a correction is a new `version`
    of the same entry, and every version stays."""

    entry: int = 0
    version: int = 1
    recorded_at: dt.datetime | None = None


def parse_when(text: str) -> dt.datetime:
    """'YYYY-MM-DD HH:MM' as typed (full-width digits too); ContactInvalid otherwise."""
    found = _WHEN.match(unicodedata.normalize("NFKC", text).strip())
    try:
        if found:
            return dt.datetime(*(int(part) for part in found.groups()))
    except ValueError:
        pass
    raise ContactInvalid("when", "contacts.reason_when", value=text)


def validate(entry: ContactEntry, now: dt.datetime | None = None) -> ContactEntry:
    """The entry cleaned (text trimmed, control codes removed, flags in their order), or
    ContactInvalid naming the first impossible field."""
    if entry.kind not in KINDS:
        raise ContactInvalid("kind", "contacts.reason_kind", value=entry.kind)
    if entry.when > (now or dt.datetime.now()):
        raise ContactInvalid("when", "contacts.reason_future")
    unknown = [f for f in entry.flags if f not in CONDUCT_FLAGS]
    if unknown:
        raise ContactInvalid("flags", "contacts.reason_flag", value=unknown[0])
    texts = {}
    for field, limit in LIMITS.items():
        text = CONTROL.sub("", str(getattr(entry, field))).strip()
        if len(text) > limit:
            raise ContactInvalid(field, "contacts.reason_too_long", max=limit)
        texts[field] = text
    flags = tuple(f for f in CONDUCT_FLAGS if f in entry.flags)
    return replace(entry, when=entry.when.replace(second=0, microsecond=0), flags=flags, **texts)


def at_night(when: dt.datetime) -> bool:
    return when.time() >= NIGHT_FROM or when.time() < NIGHT_UNTIL


def _caller(record: ContactRecord) -> str:
    return " ".join(record.company.casefold().split())


def time_flags(records: Iterable[ContactRecord]) -> dict[int, tuple[str, ...]]:
    """The flags the times show, by entry: at night; one of more than three calls on one
    day from one company (calls with no company named count as one caller)."""
    records = list(records)
    calls = Counter((r.when.date(), _caller(r)) for r in records if r.kind == "call")
    flags = {}
    for r in records:
        found = []
        if at_night(r.when):
            found.append(NIGHT)
        if r.kind == "call" and calls[(r.when.date(), _caller(r))] > CALLS_A_DAY:
            found.append(TOO_MANY_CALLS)
        flags[r.entry] = tuple(found)
    return flags


def all_flags(record: ContactRecord, derived: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    """What the user flagged, then what the app found, in a fixed order."""
    return record.flags + derived.get(record.entry, ())


def flag_names(flags: Sequence[str], lang: str) -> str:
    """Flags spelled out in `lang`, e.g. '威胁、夜间（22:00–08:00）'."""
    return t("contacts.flag_separator", lang).join(t(f"contacts.flag_{f}", lang) for f in flags)


def sorted_by_time(records: Iterable[ContactRecord]) -> list[ContactRecord]:
    return sorted(records, key=lambda r: (r.when, r.entry, r.version))


def latest_versions(records: Iterable[ContactRecord]) -> list[ContactRecord]:
    """The latest version of each contact, by time."""
    latest: dict[int, ContactRecord] = {}
    for r in records:
        if r.entry not in latest or r.version > latest[r.entry].version:
            latest[r.entry] = r
    return sorted_by_time(latest.values())
