"""Simultaneous writers on a brand-new store: one schema, one profile, one debt, no traceback.

Every racer is its own process, as twenty commands started at once are. They wait
for each other at a barrier before each step, so the steps really overlap: all
migrate an empty store at once, then all create the same new profile, then all
add the same debt. Runs on a SQLite file and, with TEST_DATABASE_URL, on a fresh
PostgreSQL database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from core import db
from core.i18n import t
from tests.stores import KINDS, drop_pg_database, fresh_pg_database

RACERS = int(os.environ.get("RC_RACERS", "12"))
ROOT = Path(__file__).resolve().parents[1]

RACER = """
import json, os, sys, time
from pathlib import Path

from core import db
from core.debts.store import add_debt
from core.errors import CoachError
from core.profiles import profile_id
from tests.factories import WEILIDAI

url, gate, racers = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])


def together(step):
    (gate / f"{step}.{os.getpid()}").touch()
    while len(list(gate.glob(f"{step}.*"))) < racers:
        time.sleep(0.005)


together("migrate")
engine = db.create(url)
together("profile")
profile = profile_id(engine, "家人")
together("debt")
try:
    debt, refused = add_debt(engine, profile, WEILIDAI), None
except CoachError as exc:
    debt, refused = None, exc.key
print(json.dumps({"profile": profile, "debt": debt, "refused": refused}))
"""


@pytest.fixture(params=KINDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with no tables at all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'new.db'}"
        return
    url = fresh_pg_database("race")
    yield url
    drop_pg_database(url)


def _counts(url: str) -> dict[str, object]:
    engine = sa.create_engine(db.normalise_url(url))
    with engine.connect() as conn:
        found = {
            table: conn.execute(sa.text(f'select count(*) from "{table}"')).scalar_one()
            for table in ("profile", "debt")
        }
        found["version"] = conn.execute(sa.text("select version_num from alembic_version")).all()
    engine.dispose()
    return found


def _head() -> str:
    return ScriptDirectory.from_config(db.alembic_config()).get_current_head()


def test_racers_on_a_new_store_end_with_one_of_everything(empty_url, tmp_path):
    gate = tmp_path / "gate"
    gate.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", RACER, empty_url, str(gate), str(RACERS)]
    racers = [
        subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(RACERS)
    ]
    outcomes = []
    for racer in racers:
        out, err = racer.communicate(timeout=300)
        assert (racer.returncode, err.decode()) == (0, ""), err.decode()
        outcomes.append(json.loads(out))
    assert len({o["profile"] for o in outcomes}) == 1
    winners = [o for o in outcomes if o["debt"] is not None]
    assert len(winners) == 1
    assert {o["refused"] for o in outcomes if o["debt"] is None} == {"debts.reason_name_taken"}
    assert _counts(empty_url) == {"profile": 1, "debt": 1, "version": [(_head(),)]}


def test_twenty_commands_at_once_on_an_empty_store(empty_url, tmp_path):
    """The command line itself: one adds the debt, the others say it is already listed."""
    env = {**os.environ, "DATABASE_URL": empty_url, "RC_LANG": "en", "RC_PROFILE": "家人"}
    add = ["debts", "add", "--name", "微粒贷", "--balance", "20000", "--apr", "18.25"]
    command = [sys.executable, "-m", "core.cli", *add, "--min-payment", "1800"]
    runs = [
        subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(20)
    ]
    results = [(run.wait(timeout=300), *map(bytes.decode, run.communicate())) for run in runs]
    taken = t("debts.invalid", "en", field=t("debts.field_name", "en"), reason=t(
        "debts.reason_name_taken", "en", name="微粒贷"
    ))  # fmt: skip
    assert sorted(code for code, _, _ in results) == [0] + [1] * 19
    assert [err for code, _, err in results if code == 1] == [taken + "\n"] * 19
    assert _counts(empty_url) == {"profile": 1, "debt": 1, "version": [(_head(),)]}
