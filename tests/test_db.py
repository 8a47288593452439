import datetime as dt

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from core import db, settings
from core.categories.rules import add_rule, set_category
from core.debts.store import add_debt
from core.importing.store import import_file
from core.profiles import profile_id, profile_names
from tests import factories
from tests.filemakers import csv_bytes

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def test_schema_is_current_on_open(engine):
    tables = set(sa.inspect(engine).get_table_names())
    assert {"profile", "transaction", "importbatch", "category", "categoryrule", "debt"} <= tables
    head = ScriptDirectory.from_config(db.alembic_config()).get_current_head()
    with engine.connect() as conn:
        assert conn.execute(sa.text("select version_num from alembic_version")).scalar() == head


def everything(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, so two snapshots compare whole."""
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return {
            name: sorted((tuple(row) for row in conn.execute(table.select())), key=repr)
            for name, table in meta.tables.items()
        }


def test_migrate_twice_is_harmless(engine):
    db.migrate(engine)
    me = profile_id(engine)
    data = csv_bytes([
        ("日期", "说明", "类别", "金额"),
        ("2026-03-01", "工资", "工资", "8000.00"),
        ("2026-03-02", "美团外卖 午饭", "", "-35.50"),
        ("2026-03-03", "星巴克 拿铁", "", "-30.00"),
    ])  # fmt: skip
    assert import_file(engine, me, "账本.csv", data).imported == 3
    add_rule(engine, me, "星巴克", "咖啡")
    with engine.connect() as conn:
        lunch = conn.execute(
            sa.text('select id from "transaction" where description = :d'), {"d": "美团外卖 午饭"}
        ).scalar_one()
    # chosen by hand, though a rule says the same: a backfill run again would call it the rule's
    set_category(engine, me, [lunch], "餐饮")
    overdue = factories.debt(overdue_since=dt.date(2026, 1, 5))
    add_debt(engine, me, overdue)
    before = everything(engine)
    assert before["transaction"] and before["debt"] and before["categoryrule"]

    db.migrate(engine)

    head = ScriptDirectory.from_config(db.alembic_config()).get_current_head()
    with engine.connect() as conn:
        assert conn.execute(sa.text("select version_num from alembic_version")).scalar() == head
    assert everything(engine) == before


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


def test_database_url_is_a_file_in_the_data_folder_unless_database_url_is_set(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert settings.database_url().startswith("sqlite:///")
    assert settings.database_url().endswith("recovery-coach.db")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@h/d")
    assert db.normalise_url(settings.database_url()) == "postgresql+psycopg://u:p@h/d"


# --- migrating a store that has data ---------------------------------------------------


def alembic(engine: Engine, step, revision: str) -> None:
    config = db.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        step(config, revision)


def insert(conn: sa.Connection, table: sa.Table, **values) -> int:
    return conn.execute(table.insert().values(**values)).inserted_primary_key[0]


def fill_at_0002(engine: Engine) -> dict[str, int]:
    """A 0002 store with rows categorised every way 0002 could; profile ids by name."""
    meta = sa.MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as conn:
        me = insert(conn, t["profile"], name="default", created_at=NOW)
        other = insert(conn, t["profile"], name="other", created_at=NOW)
        cat = {
            (p, n): insert(conn, t["category"], profile_id=p, name=n)
            for p in (me, other)
            for n in ("餐饮", "交通", "衣服", "零食", "日用")
        }
        for p, keyword, name in [
            (me, "星巴克", "餐饮"), (me, "滴滴", "交通"), (other, "老王小卖部", "零食"),
        ]:  # fmt: skip
            insert(conn, t["categoryrule"], profile_id=p, keyword=keyword, category_id=cat[p, name])
        batch = {
            (p, layout): insert(
                conn, t["importbatch"], profile_id=p, file_name="f", content_hash="0" * 64,
                layout=layout, imported=0, duplicates=0, skipped=0, invalid=0, created_at=NOW,
            )
            for p in (me, other)
            for layout in ("budget", "wechat")
        }  # fmt: skip
        rows = [
            (me, "budget", "冬天的外套", "衣服", "衣服"),  # the file's
            (me, "budget", "午饭", "Food", "餐饮"),  # the file's, stored as the built-in
            (me, "budget", "水", "日用", "零食"),  # the file said 日用, a person changed it
            (me, "budget", "星巴克 拿铁", "", "餐饮"),  # the rule's
            (me, "wechat", "滴滴快车", "商户消费", "交通"),  # the rule's: a type is no category
            (me, "wechat", "纸巾", "日用", "日用"),  # WeChat's column is never a category
            (me, "budget", "老王小卖部 糖", "", "零食"),  # no rule of this profile gives it
            (me, "budget", "星巴克 月饼", "", "零食"),  # the rule says 餐饮: a person's choice
            (me, "budget", "别的", "", None),
            (other, "budget", "老王小卖部 烟", "", "零食"),  # their rule's
        ]
        for i, (p, layout, description, source, name) in enumerate(rows):
            insert(
                conn, t["transaction"], profile_id=p, batch_id=batch[p, layout],
                date=NOW.date(), amount_cents=-100, kind="expense", description=description,
                counterparty="", source_category=source,
                category_id=cat[p, name] if name else None, fingerprint=str(i),
            )  # fmt: skip
    return {"default": me, "other": other}


def sources(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        query = sa.text('select description, category_source from "transaction"')
        return dict(conn.execute(query).all())


def test_0003_backfills_category_source_on_a_store_with_data(bare):
    alembic(bare, command.upgrade, "0002")
    profiles = fill_at_0002(bare)
    alembic(bare, command.upgrade, "0003")
    assert sources(bare) == {
        "冬天的外套": "file",
        "午饭": "file",
        "水": "user",
        "星巴克 拿铁": "rule",
        "滴滴快车": "rule",
        "纸巾": "user",
        "老王小卖部 糖": "user",
        "星巴克 月饼": "user",
        "别的": None,
        "老王小卖部 烟": "rule",
    }
    # from now on (today's code, on today's schema) a rule change moves the rule's rows only
    alembic(bare, command.upgrade, "head")
    assert add_rule(bare, profiles["default"], "星巴克", "咖啡") == 1
    alembic(bare, command.downgrade, "0002")
    assert "category_source" not in {c["name"] for c in sa.inspect(bare).get_columns("transaction")}
    alembic(bare, command.upgrade, "head")
    assert sources(bare)["星巴克 拿铁"] == "rule"
