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

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from core import versions
from core.errors import CoachError
from core.settings import database_url

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """Let people paste the URL their host gives them; we drive PostgreSQL with psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
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

    def __init__(self, exc: OperationalError) -> None:
        super().__init__("store.unavailable", reason=" ".join(str(exc.orig or exc).split()))


@cache
def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for `url` (default: `DATABASE_URL` or the local file)."""
    return create(url or database_url())


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision: every entry point calls this, no manual step."""
    config = alembic_config()
    with engine.begin() as connection:
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
