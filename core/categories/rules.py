"""Categories and rules in the store, on a connection (so an import can categorise inside
its own transaction) or on an engine (the public API the pages and commands call)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from core.categories.builtins import CATEGORY_KEYS, DEFAULT_RULES
from core.categories.matching import (
    FROM_RULE,
    FROM_USER,
    Rule,
    RuleMatcher,
    canonical_name,
    match_texts,
    normalise_keyword,
)
from core.models import Category, CategoryRule, Transaction
from core.versions import writing

CATEGORY_TABLE = Category.__table__
RULE_TABLE = CategoryRule.__table__
TRANSACTION_TABLE = Transaction.__table__


def _insert(conn: Connection, table: sa.Table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def category_ids(conn: Connection, profile_id: int, names: Iterable[str]) -> dict[str, int]:
    """Ids of the named categories, created as needed (safe against a concurrent creator)."""
    wanted = sorted({n for n in names if n})
    if not wanted:
        return {}
    found = _existing_categories(conn, profile_id, wanted)
    missing = [n for n in wanted if n not in found]
    if missing:
        conn.execute(
            _insert(conn, CATEGORY_TABLE).on_conflict_do_nothing(
                index_elements=["profile_id", "name"]
            ),
            [{"profile_id": profile_id, "name": n} for n in missing],
        )
        found.update(_existing_categories(conn, profile_id, missing))
    return found


def _existing_categories(conn: Connection, profile_id: int, names: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    c = CATEGORY_TABLE.c
    for start in range(0, len(names), 1000):
        chunk = names[start : start + 1000]
        query = sa.select(c.name, c.id).where(c.profile_id == profile_id, c.name.in_(chunk))
        found.update(dict(conn.execute(query).all()))
    return found


def ensure_defaults_on(conn: Connection, profile_id: int) -> bool:
    """Seed the built-in rules when the profile has no rules at all; True if it did.

    Like any rule change, past transactions are re-sorted by them.
    """
    r = RULE_TABLE.c
    if conn.execute(sa.select(r.id).where(r.profile_id == profile_id).limit(1)).first():
        return False
    ids = category_ids(conn, profile_id, CATEGORY_KEYS)
    conn.execute(
        _insert(conn, RULE_TABLE).on_conflict_do_nothing(index_elements=["profile_id", "keyword"]),
        [
            {"profile_id": profile_id, "keyword": keyword, "category_id": ids[name]}
            for keyword, name in DEFAULT_RULES
        ],
    )
    recategorise_on(conn, profile_id)
    return True


def rules_on(conn: Connection, profile_id: int) -> list[Rule]:
    r, c = RULE_TABLE.c, CATEGORY_TABLE.c
    query = (
        sa.select(r.id, r.keyword, c.name)
        .join(CATEGORY_TABLE, c.id == r.category_id)
        .where(r.profile_id == profile_id)
        .order_by(r.id)
    )
    return [Rule(*row) for row in conn.execute(query)]


def matcher_on(conn: Connection, profile_id: int) -> RuleMatcher:
    return RuleMatcher.from_rules(rules_on(conn, profile_id))


def recategorise_on(conn: Connection, profile_id: int, matcher: RuleMatcher | None = None) -> int:
    """Re-sort by the rules every transaction a rule categorised or none did; how many changed.

    A rule's category no rule gives any more is taken away (or replaced by the
    remaining rules' choice); the file's and a person's categories are left alone.
    """
    matcher = matcher if matcher is not None else matcher_on(conn, profile_id)
    x = TRANSACTION_TABLE.c
    query = sa.select(x.id, x.description, x.counterparty, x.source_category, x.category_id).where(
        x.profile_id == profile_id,
        sa.or_(x.category_id.is_(None), x.category_source == FROM_RULE),
    )
    rows = conn.execute(query).all()
    if not rows:
        return 0
    tids, descriptions, counterparties, sources, current = (
        np.array(column, dtype=object) for column in zip(*rows, strict=True)
    )
    found = matcher.match(match_texts(descriptions, counterparties, sources))
    ids = category_ids(conn, profile_id, set(found[pd.notna(found)]))
    updates = [
        {"tid": tid, "cid": cid, "source": None if cid is None else FROM_RULE}
        for tid, old, name in zip(tids, current, found, strict=True)
        if (cid := ids.get(name)) != old
    ]
    if updates:
        conn.execute(
            TRANSACTION_TABLE.update()
            .where(x.id == sa.bindparam("tid"), x.profile_id == profile_id)
            .values(category_id=sa.bindparam("cid"), category_source=sa.bindparam("source")),
            updates,
        )
    return len(updates)


# --- public API on an engine ------------------------------------------------------------


def ensure_defaults(engine: Engine, profile_id: int) -> bool:
    """Seed the built-in rules for a profile that has none. Idempotent.

    A profile keeps any rule it deleted: the built-ins come back only if every
    rule is gone.
    """
    with writing(engine, profile_id) as conn:
        return ensure_defaults_on(conn, profile_id)


def list_rules(engine: Engine, profile_id: int) -> list[Rule]:
    """(id, keyword, category) per rule, oldest first."""
    with engine.connect() as conn:
        return rules_on(conn, profile_id)


def add_rule(engine: Engine, profile_id: int, keyword: str, category: str) -> int:
    """Add (or re-point) a keyword rule, then re-sort past transactions by the rules.

    Returns how many past transactions changed category. A keyword the profile
    already has is moved to the new category, and so are the rows it had sorted.
    """
    keyword, name = normalise_keyword(keyword), canonical_name(category)
    if not keyword or not name:
        raise ValueError("a rule needs a keyword and a category")
    with writing(engine, profile_id) as conn:
        ensure_defaults_on(conn, profile_id)
        _upsert_rule(conn, profile_id, keyword, name)
        return recategorise_on(conn, profile_id)


def _upsert_rule(conn: Connection, profile_id: int, keyword: str, name: str) -> None:
    cid = category_ids(conn, profile_id, [name])[name]
    statement = _insert(conn, RULE_TABLE).values(
        profile_id=profile_id, keyword=keyword, category_id=cid
    )
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["profile_id", "keyword"], set_={"category_id": cid}
        )
    )


def delete_rule(engine: Engine, profile_id: int, rule_id: int) -> bool:
    """Remove a rule; True if it existed.

    The transactions it sorted are re-sorted by the remaining rules, or left
    uncategorised when none matches, so no row keeps a category no rule gives.
    """
    r = RULE_TABLE.c
    with writing(engine, profile_id) as conn:
        result = conn.execute(
            RULE_TABLE.delete().where(r.id == rule_id, r.profile_id == profile_id)
        )
        if result.rowcount == 0:
            return False
        recategorise_on(conn, profile_id)
        return True


def change_rules(
    engine: Engine,
    profile_id: int,
    moved: Mapping[int, str] | None = None,
    deleted: Iterable[int] = (),
) -> int:
    """Give rules a new category (rule id -> category) and delete rules, all at once.

    Then past transactions are re-sorted by the rules, as `add_rule` and
    `delete_rule` do; returns how many changed category. Ids that are not the
    profile's rules are ignored; a rule both moved and deleted is deleted.
    """
    gone = sorted({int(i) for i in deleted})
    names = {int(i): canonical_name(n) for i, n in (moved or {}).items() if int(i) not in gone}
    if not all(names.values()):
        raise ValueError("a rule needs a category")
    r = RULE_TABLE.c
    with writing(engine, profile_id) as conn:
        if names:
            ids = category_ids(conn, profile_id, names.values())
            conn.execute(
                RULE_TABLE.update()
                .where(r.id == sa.bindparam("rid"), r.profile_id == profile_id)
                .values(category_id=sa.bindparam("cid")),
                [{"rid": rid, "cid": ids[name]} for rid, name in names.items()],
            )
        for start in range(0, len(gone), 1000):
            conn.execute(
                RULE_TABLE.delete().where(
                    r.profile_id == profile_id, r.id.in_(gone[start : start + 1000])
                )
            )
        return recategorise_on(conn, profile_id)


def recategorise(engine: Engine, profile_id: int) -> int:
    """Re-sort the rule-sorted and uncategorised transactions; how many changed."""
    with writing(engine, profile_id) as conn:
        return recategorise_on(conn, profile_id)


def set_category(
    engine: Engine,
    profile_id: int,
    transaction_ids: Iterable[int],
    category: str | None,
    *,
    make_rule_from: str | None = None,
) -> int:
    """Categorise transactions by hand (None or "" clears the category).

    A category chosen here is the person's, which rules never change; a cleared
    one is open to the rules again. With `make_rule_from`, that keyword also
    becomes a rule for `category`, which re-sorts the other transactions rules
    may sort. Returns how many transactions were changed in all.
    """
    ids = sorted({int(i) for i in transaction_ids})
    name = canonical_name(category) if category else ""
    keyword = normalise_keyword(make_rule_from) if make_rule_from else ""
    x = TRANSACTION_TABLE.c
    changed = 0
    with writing(engine, profile_id) as conn:
        cid = category_ids(conn, profile_id, [name])[name] if name else None
        for start in range(0, len(ids), 1000):
            result = conn.execute(
                TRANSACTION_TABLE.update()
                .where(x.profile_id == profile_id, x.id.in_(ids[start : start + 1000]))
                .values(category_id=cid, category_source=None if cid is None else FROM_USER)
            )
            changed += result.rowcount
        if keyword and name:
            ensure_defaults_on(conn, profile_id)
            _upsert_rule(conn, profile_id, keyword, name)
            changed += recategorise_on(conn, profile_id)
    return changed


def category_names(engine: Engine, profile_id: int) -> list[str]:
    """Every category the profile has (built-ins included once seeded), sorted by name."""
    c = CATEGORY_TABLE.c
    with engine.connect() as conn:
        query = sa.select(c.name).where(c.profile_id == profile_id).order_by(c.name)
        return list(conn.execute(query).scalars())


def drop_unused_categories_on(conn: Connection, profile_id: int) -> int:
    """Delete categories no transaction and no rule refers to (e.g. after clearing data)."""
    c, r, x = CATEGORY_TABLE.c, RULE_TABLE.c, TRANSACTION_TABLE.c
    used_by_rule = sa.select(r.category_id).where(r.profile_id == profile_id)
    used_by_row = sa.select(x.category_id).where(
        x.profile_id == profile_id, x.category_id.is_not(None)
    )
    result = conn.execute(
        CATEGORY_TABLE.delete().where(
            c.profile_id == profile_id,
            c.id.not_in(used_by_rule),
            c.id.not_in(used_by_row),
        )
    )
    return result.rowcount
