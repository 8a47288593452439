"""The two stores every store test runs on: a real SQLite file and, when
TEST_DATABASE_URL names one, a real PostgreSQL server."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from core.db import normalise_url

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
KINDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not PG_URL, reason="TEST_DATABASE_URL is not set: PostgreSQL leg skipped"
        ),
    ),
]


def fresh_pg_database(label: str = "") -> str:
    """The URL of a new, empty database beside TEST_DATABASE_URL's, one per xdist worker so
    parallel workers never share rows (one a run left behind is dropped first)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    base = sa.make_url(normalise_url(PG_URL))
    name = "_".join(part for part in (base.database, label, worker) if part)
    _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    _on_server(f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)')


def _on_server(*statements: str) -> None:
    admin = sa.create_engine(sa.make_url(normalise_url(PG_URL)), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for statement in statements:
            conn.execute(sa.text(statement))
    admin.dispose()
