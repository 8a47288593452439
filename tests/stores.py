"""The two stores every store test runs on: a real SQLite file and, when
TEST_DATABASE_URL names one, a real PostgreSQL server."""

from __future__ import annotations

import os

import pytest

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
