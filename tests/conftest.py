"""Store fixtures: every store test runs on a real SQLite file and, when
TEST_DATABASE_URL names one, on a real PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import SQLModel

from core import db
from core.profiles import profile_id
from tests.stores import KINDS, PG_URL


def _worker_database(url: str) -> str:
    """One database per xdist worker, so parallel workers never share rows."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    base = sa.make_url(db.normalise_url(url))
    name = f"{base.database}_{worker}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _pg_engine() -> Iterator[Engine]:
    engine = db.create(_worker_database(PG_URL))
    yield engine
    engine.dispose()


def _clear(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(SQLModel.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture(params=KINDS)
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    """A migrated, empty store: a fresh SQLite file, or the worker's PostgreSQL database."""
    if request.param == "sqlite":
        engine = db.create(f"sqlite:///{tmp_path / 'store.db'}")
        yield engine
        engine.dispose()
    else:
        engine = request.getfixturevalue("_pg_engine")
        _clear(engine)
        yield engine


@pytest.fixture
def profile(engine: Engine) -> int:
    return profile_id(engine)
