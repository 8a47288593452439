"""The data version: a counter per profile that every write moves on, in its own transaction.

Whatever is computed from a profile's records (the dashboard's cached reads, the
month totals) is keyed on it, so a change made by any process (the command line,
a second server, another session) is seen by every other one at its next read.

Writers open their transaction with `writing(engine, profile_id)` (or call
`bump(conn, profile_id)` inside their own; `core.db.session_scope` takes the
profile as `writes_to`). A writer that forgets cannot leave a stale cache
behind: `watch` (installed on every engine by `core.db.create`) notices a
transaction that wrote to any table without bumping, and at its commit moves
every profile's version on. That costs other profiles a
recomputation, nothing worse, so new writers should still bump their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, event

from core.models import DataVersion, MonthTotal, Profile

VERSION = DataVersion.__table__
PROFILE = Profile.__table__
# Tables whose writes change no figure: this module's own, and the caches kept under it.
UNWATCHED = frozenset({VERSION.name, MonthTotal.__table__.name})
_WRITE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[\"`]?(\w+)",
    re.IGNORECASE,
)
_WROTE = "rc_wrote"  # connection info: the transaction wrote to a watched table
_BUMPED = "rc_bumped"  # connection info: it bumped a version itself


@contextmanager
def writing(engine: Engine, profile_id: int) -> Iterator[Connection]:
    """`engine.begin()` for a write to the profile's records: at the end, before the
    commit, its version moves on (last, so the version row is locked only briefly)."""
    with engine.begin() as conn:
        yield conn
        bump(conn, profile_id)


def bump(conn: Connection, profile_id: int) -> None:
    """Move `profile_id`'s version on, in `conn`'s transaction (commit makes it seen)."""
    v = VERSION.c
    if conn.execute(VERSION.update().where(v.profile_id == profile_id).values(
        version=v.version + 1
    )).rowcount == 0:  # fmt: skip
        conn.execute(VERSION.insert().values(profile_id=profile_id, version=1))
    conn.info[_BUMPED] = True


def current(conn: Connection, profile_id: int) -> int:
    """The profile's version now (0 before its first write)."""
    v = VERSION.c
    found = conn.execute(sa.select(v.version).where(v.profile_id == profile_id)).scalar()
    return int(found or 0)


def version(engine: Engine, profile_id: int) -> int:
    with engine.connect() as conn:
        return current(conn, profile_id)


def bump_all(conn: Connection) -> None:
    """Move every profile's version on: what a write that named no profile gets."""
    v = VERSION.c
    missing = sa.select(PROFILE.c.id, sa.literal(0)).where(
        PROFILE.c.id.not_in(sa.select(v.profile_id))
    )
    conn.execute(VERSION.insert().from_select(["profile_id", "version"], missing))
    conn.execute(VERSION.update().values(version=v.version + 1))


def watch(engine: Engine) -> None:
    """Make every transaction on `engine` that writes a watched table bump a version."""
    event.listen(engine, "begin", _forget)
    event.listen(engine, "after_cursor_execute", _note_write)
    event.listen(engine, "commit", _before_commit)
    event.listen(engine, "rollback", _forget)


def _note_write(conn, cursor, statement, _parameters, _context, _executemany) -> None:
    """A statement that changed rows (or cannot say how many: -1) of a watched table."""
    if cursor.rowcount == 0:  # e.g. a claim that found its row taken, a duplicate skipped
        return
    match = _WRITE.match(statement)
    if match and match[1].lower() not in UNWATCHED:
        conn.info[_WROTE] = True


def _before_commit(conn: Connection) -> None:
    """SQLAlchemy calls this just before the database commit, still in the transaction."""
    if conn.info.get(_WROTE) and not conn.info.get(_BUMPED):
        bump_all(conn)
    _forget(conn)


def _forget(conn: Connection) -> None:
    conn.info.pop(_WROTE, None)
    conn.info.pop(_BUMPED, None)
