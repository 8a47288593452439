"""Alembic environment: runs on the connection `core.db.migrate` hands in, or on DATABASE_URL."""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import core.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from core.db import normalise_url
from core.settings import database_url

target_metadata = SQLModel.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with create_engine(normalise_url(database_url())).begin() as own:
        _run(own)
