"""The fixtures every test file shares (and only here): stores on a real SQLite file and,
when TEST_DATABASE_URL names one, a real PostgreSQL server; the file a command-line test's
store lives in; the store a dashboard test and the app under test both use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import streamlit as st
from sqlalchemy import Engine
from sqlmodel import SQLModel

from core import db as store_db
from core.ledger import samples
from core.profiles import profile_id
from tests.stores import KINDS, drop_pg_database, fresh_pg_database


@pytest.fixture(scope="session")
def _pg_engine() -> Iterator[Engine]:
    engine = store_db.create(fresh_pg_database())
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
        engine = store_db.create(f"sqlite:///{tmp_path / 'store.db'}")
        yield engine
        engine.dispose()
    else:
        engine = request.getfixturevalue("_pg_engine")
        _clear(engine)
        yield engine


@pytest.fixture
def profile(engine: Engine) -> int:
    return profile_id(engine)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The SQLite file a command-line test's store lives in (`tests.cli.run` points at it)."""
    return tmp_path / "cli.db"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A new, empty SQLite store that the app (through DATABASE_URL) and the test both use.

    The app keeps its engine in st.cache_resource and reads through st.cache_data, and
    `db.get_engine()` remembers the engine of the default URL: all are cleared, so every
    test starts on its own store.
    """
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    monkeypatch.delenv("RC_PROFILE", raising=False)
    monkeypatch.delenv("RC_LANG", raising=False)

    def forget() -> None:
        st.cache_resource.clear()
        st.cache_data.clear()
        store_db.get_engine.cache_clear()

    forget()
    yield store_db.get_engine()
    forget()


@pytest.fixture
def sample(store: Engine) -> Engine:
    """The app's store with the example data, as one click on the home page loads it."""
    samples.load_samples(store, profile_id(store))
    return store


@pytest.fixture(params=KINDS)
def bare(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database with no tables, to migrate one revision at a time."""
    if request.param == "sqlite":
        engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    url = fresh_pg_database("bare")
    engine = sa.create_engine(url)
    yield engine
    engine.dispose()
    drop_pg_database(url)
