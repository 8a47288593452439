"""The example data a new user can look around with, one click to load and one to clear.

The sample files live in the repository's `sample_data/` folder. `make run` loads them
on a store's first start (`recovery-coach init --first-start`), so a new user sees the app
at work; the home page of an empty store offers them again. They are imported like any
other file, and the profile records when (`Profile.sample_loaded_at`), so once cleared
they never come back unasked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine

from core.categories.rules import drop_unused_categories_on
from core.debts.sheet import import_debt_sheet, read_debt_sheet
from core.debts.store import delete_unchanged, list_debts
from core.importing.store import ImportReport, import_file
from core.models import ImportBatch, Profile, Transaction
from core.versions import bump, writing

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
# The sample family's debts, in a folder of their own so they are not read as bills.
SAMPLE_DEBTS = SAMPLE_DIR / "debts" / "debts.csv"
SAMPLE_SUFFIXES = (".xlsx", ".xls", ".csv")
PROFILE = Profile.__table__
BATCH = ImportBatch.__table__
TX = Transaction.__table__


def sample_files(folder: Path = SAMPLE_DIR) -> list[Path]:
    """Every spreadsheet in the sample folder, by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)


def sample_hashes(folder: Path = SAMPLE_DIR) -> set[str]:
    """Content hashes of the sample files, as import batches record them."""
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in sample_files(folder)}


def load_samples(engine: Engine, profile_id: int) -> list[ImportReport]:
    """Import every sample file for the profile (each all or nothing; duplicates
    skipped), and the sample debts, so the plan has something to show too. All or
    nothing as a whole: if any part fails, what the others brought is cleared again,
    so the next click starts from where the user was."""
    try:
        reports = [
            import_file(engine, profile_id, path.name, path.read_bytes(), skip_invalid=True)
            for path in sample_files()
        ]
        import_debt_sheet(engine, profile_id, SAMPLE_DEBTS.name, SAMPLE_DEBTS.read_bytes())
    except BaseException:
        clear_samples(engine, profile_id)
        raise
    with writing(engine, profile_id) as conn:
        conn.execute(
            PROFILE.update()
            .where(PROFILE.c.id == profile_id)
            .values(sample_loaded_at=dt.datetime.now(dt.UTC))
        )
    return reports


def load_on_first_start(engine: Engine, profile_id: int) -> bool:
    """Load the samples if this profile was never offered them and has nothing of its own.
    True if loaded. The profile is marked first (one UPDATE … WHERE sample_loaded_at IS
    NULL), so two starts at once load them once; if loading fails the mark is lifted."""
    p = PROFILE.c
    with engine.begin() as conn:
        claimed = conn.execute(
            PROFILE.update()
            .where(p.id == profile_id, p.sample_loaded_at.is_(None))
            .values(sample_loaded_at=dt.datetime.now(dt.UTC))
        ).rowcount
        owned = conn.execute(sa.select(TX.c.id).where(TX.c.profile_id == profile_id).limit(1))
        has_records = owned.first() is not None
        if claimed:  # every later start finds it taken: no write, no new version
            bump(conn, profile_id)
    if not claimed or has_records or list_debts(engine, profile_id):
        return False
    try:
        load_samples(engine, profile_id)
    except BaseException:
        # The mark is lifted first, so a failure while tidying up still allows a retry.
        with engine.begin() as conn:
            conn.execute(PROFILE.update().where(p.id == profile_id).values(sample_loaded_at=None))
        raise
    return True


def _sample_batches(profile_id: int) -> sa.Select:
    b = BATCH.c
    return sa.select(b.id).where(
        b.profile_id == profile_id, b.content_hash.in_(sorted(sample_hashes()))
    )


def showing_samples(engine: Engine, profile_id: int) -> bool:
    """Whether any of the profile's transactions came from the sample files.

    The sample batches first (a few rows, by content hash): usually there are none
    and no transaction is looked at. Else one row of theirs, by the batch index.
    """
    x = TX.c
    with engine.connect() as conn:
        batches = conn.execute(_sample_batches(profile_id)).scalars().all()
        if not batches:
            return False
        query = sa.select(x.id).where(x.batch_id.in_(batches)).limit(1)
        return conn.execute(query).first() is not None


def clear_samples(engine: Engine, profile_id: int) -> int:
    """Delete what the sample files brought (rows and their batches, and the sample
    debts the user has not changed); the user's own stay.

    Rules stay; categories nothing refers to any more go. Returns rows deleted.
    """
    delete_unchanged(
        engine, profile_id, read_debt_sheet(SAMPLE_DEBTS.name, SAMPLE_DEBTS.read_bytes())
    )
    x, b = TX.c, BATCH.c
    with writing(engine, profile_id) as conn:
        batches = [row.id for row in conn.execute(_sample_batches(profile_id))]
        if not batches:
            return 0
        deleted = conn.execute(
            TX.delete().where(x.profile_id == profile_id, x.batch_id.in_(batches))
        ).rowcount
        conn.execute(BATCH.delete().where(b.profile_id == profile_id, b.id.in_(batches)))
        drop_unused_categories_on(conn, profile_id)
    return deleted
