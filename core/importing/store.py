"""Writing a previewed file to the store: all or nothing, duplicates left out, categorised.

One database transaction holds the whole import: the batch record, every row,
any category or default rule it needed. If anything fails, nothing stays.
Rows the profile already has (same fingerprint) are offered with
INSERT … ON CONFLICT DO NOTHING, so re-importing a file, or an export that
overlaps an earlier one, adds nothing twice. A file whose exact bytes the
profile imported before adds nothing at all, even read with other columns
(which change the fingerprints). On PostgreSQL the rows reach the server by
COPY into a temporary table first (see `_copy_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.categories.matching import categorise_frame
from core.categories.rules import category_ids, ensure_defaults_on, matcher_on
from core.importing.errors import ImportRefused, RowError
from core.importing.memory import preview_remembered, remember_on
from core.importing.pairs import pair_batch
from core.importing.preview import ImportPreview
from core.importing.reading import Reading
from core.importing.rows import cycles_paused
from core.importing.values import per_distinct
from core.models import ImportBatch, Transaction
from core.versions import writing

BATCH_TABLE = ImportBatch.__table__
TRANSACTION_TABLE = Transaction.__table__
# Rows per executemany round (SQLite).
CHUNK_ROWS = 20_000
# PostgreSQL: the session's staging table for `_copy_rows`, gone at commit or rollback
STAGING = "import_staging"
# SQLite page cache while a file is written (negative: KiB), 64 MiB instead of 2
SQLITE_CACHE_KIB = -65_536


@dataclass
class ImportReport:
    file_name: str
    layout: str
    imported: int
    duplicates: int
    skipped: int
    invalid: list[RowError] = field(default_factory=list)
    batch_id: int | None = None
    # when the profile first imported these exact bytes, if it had: nothing was added
    already_imported_at: dt.datetime | None = None
    # bank rows found to be the same money as a platform's row (or a card's repayment
    # line) and so counted once: see core.importing.pairs
    paired: int = 0


def import_file(
    engine: Engine,
    profile_id: int,
    file_name: str,
    data: bytes,
    *,
    skip_invalid: bool = False,
    mapping: dict[str, str] | None = None,
    reading: Reading | None = None,
) -> ImportReport:
    """Read `data` (as remembered for its layout, unless `mapping` or `reading` says how)
    and write its transactions; see `commit_preview` for the rules."""
    if mapping is not None:
        reading = (reading or Reading()).with_(mapping=mapping)
    preview, _ = preview_remembered(engine, profile_id, file_name, data, reading)
    return commit_preview(engine, profile_id, preview, skip_invalid=skip_invalid)


def commit_preview(
    engine: Engine, profile_id: int, preview: ImportPreview, *, skip_invalid: bool = False
) -> ImportReport:
    """Write a preview's rows for `profile_id` in one transaction.

    Refuses the whole file (ImportRefused `import.refused_invalid_rows`, nothing
    written) when some rows could not be read, unless `skip_invalid`, which
    imports the readable rows and reports the others in `invalid`.

    A file the profile has imported before (the same content hash) adds nothing
    and reports every row as a duplicate, whatever column mapping it is read
    with now: a different mapping gives other fingerprints, and the rows would
    otherwise all come in twice. `already_imported_at` says when it came first.
    """
    if preview.invalid and not skip_invalid:
        raise ImportRefused(
            "import.refused_invalid_rows", file=preview.file_name, count=len(preview.invalid)
        )
    rows = preview.rows
    offered = len(rows)
    if offered:
        # the same fingerprint twice in one file is one transaction listed twice
        repeated = rows["fingerprint"].duplicated()
        if repeated.any():  # else no copy of a million rows for nothing
            rows = rows[~repeated]
    with writing(engine, profile_id) as conn:
        earlier = _first_import_of(conn, profile_id, preview.content_hash)
        if earlier is not None:
            rows = rows.iloc[:0]
        ensure_defaults_on(conn, profile_id)
        names, sources = categorise_frame(rows, preview.layout, matcher_on(conn, profile_id))
        ids = category_ids(conn, profile_id, set(names[pd.notna(names)]))
        batch_id = _insert_batch(conn, profile_id, preview, offered, skip_invalid)
        with cycles_paused():
            imported = (
                _insert_rows(conn, profile_id, batch_id, rows, names, sources, ids)
                if len(rows)
                else 0
            )
        duplicates = offered - imported
        paired = pair_batch(conn, profile_id, batch_id) if imported else 0
        if earlier is None:  # a file already imported changes nothing, its reading neither
            remember_on(conn, profile_id, preview)
        b = BATCH_TABLE.c
        conn.execute(
            BATCH_TABLE.update()
            .where(b.id == batch_id)
            .values(imported=imported, duplicates=duplicates)
        )
    return ImportReport(
        file_name=preview.file_name,
        layout=preview.layout,
        imported=imported,
        duplicates=duplicates,
        skipped=preview.skipped,
        invalid=list(preview.invalid),
        batch_id=batch_id,
        already_imported_at=earlier,
        paired=paired,
    )


def _first_import_of(conn: Connection, profile_id: int, content_hash: str) -> dt.datetime | None:
    """When the profile first imported a file with these exact bytes, or None.

    On PostgreSQL, a transaction-scoped lock on (profile, hash) first: a second
    import of the same file waits for the first to commit, then finds its batch.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(
            sa.select(
                sa.func.pg_advisory_xact_lock(
                    sa.cast(profile_id, sa.Integer), sa.func.hashtext(content_hash)
                )
            )
        )
    b = BATCH_TABLE.c
    return conn.execute(
        sa.select(sa.func.min(b.created_at)).where(
            b.profile_id == profile_id, b.content_hash == content_hash
        )
    ).scalar_one()


def _insert_batch(
    conn: Connection, profile_id: int, preview: ImportPreview, offered: int, skip_invalid: bool
) -> int:
    result = conn.execute(
        BATCH_TABLE.insert().values(
            profile_id=profile_id,
            file_name=preview.file_name[:255],
            content_hash=preview.content_hash,
            layout=preview.layout,
            imported=0,
            duplicates=offered,
            skipped=preview.skipped,
            invalid=len(preview.invalid) if skip_invalid else 0,
            created_at=dt.datetime.now(dt.UTC),
        )
    )
    return int(result.inserted_primary_key[0])


def _insert_rows(
    conn: Connection,
    profile_id: int,
    batch_id: int,
    rows: pd.DataFrame,
    names: np.ndarray,
    sources: np.ndarray,
    ids: dict[str, int],
) -> int:
    """Bulk insert, skipping fingerprints the profile has; the number actually inserted.

    The values are converted a column at a time, with no per-row ORM or bind
    processing, and CHUNK_ROWS rows at a time, so a million rows never exist as
    Python tuples all at once. SQLite: the Core statement (INSERT … ON CONFLICT DO
    NOTHING) is compiled once and each chunk goes to sqlite3's executemany.
    PostgreSQL: `_copy_rows`.
    """
    sqlite = conn.dialect.name == "sqlite"
    dates = rows["date"].to_numpy(dtype=object)
    if sqlite:  # how SQLAlchemy stores a Date in SQLite: ISO text
        dates = per_distinct(dates, lambda day: day.isoformat() if day is not None else None)
    codes, uniques = pd.factorize(names)
    columns = {
        "profile_id": None,
        "batch_id": None,
        "date": dates,
        "amount_cents": rows["amount_cents"].to_numpy(dtype=np.int64),
        **{
            name: rows[name].to_numpy(dtype=object, na_value=None)
            for name in ("kind", "description", "counterparty", "source_category")
        },
        "category_id": np.array([*(ids.get(u) for u in uniques), None], dtype=object)[codes],
        "category_source": sources,
        "fingerprint": rows["fingerprint"].to_numpy(dtype=object, na_value=None),
    }
    constant = {"profile_id": profile_id, "batch_id": batch_id}

    def chunks(order: list[str]):
        """Each CHUNK_ROWS rows as a tuple per row, columns in `order`."""
        for start in range(0, len(rows), CHUNK_ROWS):
            stop = min(start + CHUNK_ROWS, len(rows))
            yield list(
                zip(
                    *(
                        [constant[key]] * (stop - start)
                        if key in constant
                        else columns[key][start:stop].tolist()
                        for key in order
                    ),
                    strict=True,
                )
            )

    if sqlite:
        # the two ids every row shares written into the statement, not bound row by row
        shared = {key: sa.literal_column(str(int(value))) for key, value in constant.items()}
        statement = (
            sqlite_insert(TRANSACTION_TABLE)
            .values(shared)
            .on_conflict_do_nothing(index_elements=["profile_id", "fingerprint"])
        )
        # compiled once; plain tuples straight to sqlite3's executemany
        varying = [key for key in columns if key not in constant]
        compiled = statement.compile(dialect=conn.dialect, column_keys=varying)
        # a larger page cache for the duration: six indexes are updated per row
        cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql(f"PRAGMA cache_size={SQLITE_CACHE_KIB}")
        try:
            for records in chunks(list(compiled.positiontup)):
                conn.exec_driver_sql(compiled.string, records)
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size={int(cache)}")
    else:
        _copy_rows(conn, list(columns), chunks(list(columns)))
    x = TRANSACTION_TABLE.c
    counted = sa.select(sa.func.count()).where(x.batch_id == batch_id)
    return int(conn.execute(counted).scalar_one())


def _copy_rows(conn: Connection, names: list[str], chunks: Iterable[list[tuple]]) -> None:
    """PostgreSQL: COPY the rows into a temporary table, then one INSERT … SELECT.

    A row-at-a-time INSERT costs a statement per row; COPY streams them, and the
    single INSERT … ON CONFLICT DO NOTHING keeps the duplicate rule (and its
    safety against a concurrent import of the same rows). The staging table is
    created inside this transaction with the table's column types but none of its
    constraints, so a missing value fails in the INSERT like any statement's error;
    it is dropped at commit, and with everything else on rollback.
    """
    columns = ", ".join(f'"{name}"' for name in names)
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {STAGING} ON COMMIT DROP AS "
        f'SELECT {columns} FROM "{TRANSACTION_TABLE.name}" WITH NO DATA'
    )
    copy_sql = f"COPY {STAGING} ({columns}) FROM STDIN"
    # the driver's own connection, in the transaction this Connection began
    driver = conn.connection.driver_connection
    error = conn.dialect.loaded_dbapi.Error
    try:
        with driver.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for records in chunks:
                for row in records:
                    copy.write_row(row)
    except error as failed:  # as SQLAlchemy reports a statement's error (e.g. a NUL byte)
        raise sa.exc.DBAPIError.instance(copy_sql, None, failed, error) from failed
    conn.exec_driver_sql(
        f'INSERT INTO "{TRANSACTION_TABLE.name}" ({columns}) SELECT {columns} FROM {STAGING} '
        "ON CONFLICT (profile_id, fingerprint) DO NOTHING"
    )
