"""The one place that opens the database, keeps its schema current and scopes sessions.

Which database comes from `core.settings.database_url`. Two ways in, each for its kind
of work:

- SQLAlchemy Core on a connection (`engine.begin()`) for bulk and aggregate work: imports,
  monthly figures, transaction lists, category rules. Thousands of rows move as plain
  tuples or DataFrames, and a figure is summed by the database, never row by row in ORM
  objects.
- SQLModel sessions (`session_scope`) for editing one record at a time through its
  model: debts, profiles, and the records later features keep (payments, reminders,
  contacts). Validation lives in the model's dataclass, and a session is one unit of work.

Every write moves its profile's data version on (`core.versions`), which is what the
caches are keyed on: `versions.writing(engine, profile_id)` is `engine.begin()` that
does so, `session_scope(engine, writes_to=profile_id)` the same for a session.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from core import versions
from core.errors import CoachError
from core.settings import database_url

MIGRATIONS = Path(__file__).parent / "migrations"
# The advisory lock migrations hold on PostgreSQL ("recovery" in ASCII)
MIGRATION_LOCK = 0x7265636F76657279
# How long SQLite waits for another writer (a migration, an import) before giving up
SQLITE_BUSY_MS = 30_000


def normalise_url(url: str) -> str:
    """Let people paste the URL their host gives them; we drive PostgreSQL with psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create(url: str) -> Engine:
    """A new engine on `url`, schema brought up to date. Tests use this directly."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    versions.watch(engine)  # after migrating: a migration's writes are no data change
    return engine


class StoreUnavailable(CoachError):
    """The database cannot be opened. The driver's reason can span lines (psycopg
    adds "Is the server running…"), so it is folded onto one."""

    def __init__(self, exc: DBAPIError) -> None:
        super().__init__("store.unavailable", reason=_one_line(exc))


class StoreFailed(CoachError):
    """The database is there but refused one piece of work (a number too large, a full
    disk): said as such, since "cannot open the database" would send the user looking
    in the wrong place. The transaction was rolled back, so nothing changed."""

    def __init__(self, exc: DBAPIError) -> None:
        super().__init__("safety.store_failed", reason=_one_line(exc))


def _one_line(exc: DBAPIError) -> str:
    return " ".join(str(exc.orig or exc).split())


# PostgreSQL error classes that mean the server cannot be reached or will not let us in:
# connection exception, invalid authorisation, no such database, shutting down,
# too many connections.
_PG_CANNOT_CONNECT = ("08", "28", "3D", "57P", "53300")
# SQLite primary result codes that mean the file cannot be opened or read as a database
_SQLITE_CANNOT_OPEN = {3, 10, 11, 14, 23, 26}  # PERM IOERR CORRUPT CANTOPEN AUTH NOTADB


def store_error(exc: DBAPIError) -> CoachError:
    """What to tell the user about a database error: StoreUnavailable when the database
    cannot be reached or opened, StoreFailed for anything else it refused."""
    orig = exc.orig
    if exc.connection_invalidated or orig is None:
        return StoreUnavailable(exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return StoreUnavailable(exc) if code & 0xFF in _SQLITE_CANNOT_OPEN else StoreFailed(exc)
    state = getattr(orig, "sqlstate", "")
    # psycopg gives no SQLSTATE when it never reached the server
    if state is None or state.startswith(_PG_CANNOT_CONNECT):
        return StoreUnavailable(exc)
    return StoreFailed(exc)


@cache
def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for `url` (default: `DATABASE_URL` or the local file)."""
    return create(url or database_url())


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision: every entry point calls this, no manual step.

    One migrator at a time: twenty commands started at once on an empty store would
    otherwise all create the same tables. On PostgreSQL a transaction-level advisory lock
    queues them; on SQLite an exclusive transaction does. Whoever comes second finds the
    schema current and has nothing to do. A store already current (every start but the
    first) is only read: no lock, so a start never waits for a long import to finish.
    """
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(MIGRATION_LOCK)))
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN EXCLUSIVE")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def session_scope(engine: Engine, writes_to: int | None = None) -> Iterator[Session]:
    """One unit of work: committed if the block ends normally, rolled back if it raises.

    `writes_to`: the profile whose records it changes; its data version moves on with it.
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            if writes_to is not None:
                session.flush()
                versions.bump(session.connection(), writes_to)
            session.commit()
        except BaseException:
            session.rollback()
            raise
