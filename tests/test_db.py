import sqlalchemy as sa

from core import db
from core.profiles import profile_id, profile_names


def test_schema_is_current_on_open(engine):
    tables = set(sa.inspect(engine).get_table_names())
    assert {"profile", "transaction", "importbatch", "category", "categoryrule", "debt"} <= tables
    with engine.connect() as conn:
        assert conn.execute(sa.text("select version_num from alembic_version")).scalar() == "0002"


def test_migrate_twice_is_harmless(engine):
    db.migrate(engine)
    db.migrate(engine)


def test_profiles_are_created_once_and_kept_apart(engine):
    first = profile_id(engine)
    assert profile_id(engine) == first
    other = profile_id(engine, "family")
    assert other != first
    assert profile_names(engine) == ["default", "family"]


def test_sqlite_file_runs_in_wal_mode_with_foreign_keys(tmp_path):
    engine = db.create(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_default_url_is_a_file_in_the_data_folder_unless_database_url_is_set(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert db.default_url().startswith("sqlite:///")
    assert db.default_url().endswith("recovery-coach.db")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@h/d")
    assert db.normalise_url(db.default_url()) == "postgresql+psycopg://u:p@h/d"
