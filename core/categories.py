"""Categories and the keyword rules that give transactions one.

Names are stored in one canonical form. The built-in categories are stored under
their short Chinese names (餐饮, 交通, 住房…); `CATEGORY_KEYS` maps each to a stable
key and `display_name(name, lang)` shows it in the reader's language (catalogue key
`budget.category_<key>`). A category a file or a person brings (衣服, "Coffee") is
stored as written and shown as written. A file category that is a built-in under
another name (Food, 餐饮美食, Transportation…) is stored as the built-in.

How a transaction gets its category, in order:

1. the file's own category (`source_category`) when the file has a real one
   (WeChat's 交易类型 and Alipay's 即时到账交易 say how money moved, not what for,
   so they are not categories);
2. otherwise the profile's keyword rules, matched against description,
   counterparty and the file's category text, case-insensitively. When several
   keywords match, the longest wins (more specific), then the newest rule.
   A keyword starting with a Latin letter or digit only matches at the start of a
   word: "rent" finds "Rent" and "rental", never "current".
3. by hand (`set_category`), which rules never undo.

Each transaction records which of these gave its category (`category_source`:
file, rule or user). Adding, changing or removing a rule re-sorts every
transaction a rule categorised or none did, so past records follow the rules;
the file's own categories and a person's choices are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from core.i18n import LANGUAGES, t
from core.models import Category, CategoryRule, Transaction

CATEGORY_TABLE = Category.__table__
RULE_TABLE = CategoryRule.__table__
TRANSACTION_TABLE = Transaction.__table__
NAME_LIMIT = 100
# Transaction.category_source values
FROM_FILE, FROM_RULE, FROM_USER = "file", "rule", "user"


@dataclass(frozen=True)
class BuiltIn:
    key: str
    name: str  # the stored, canonical name
    keywords: tuple[str, ...]
    aliases: tuple[str, ...] = ()  # other names a file may use for it


BUILT_INS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "food", "餐饮",
        ("美团", "饿了么", "外卖", "超市", "餐厅", "饭店", "餐馆", "食堂", "早餐", "午餐",
         "晚餐", "午饭", "晚饭", "小吃", "快餐", "咖啡", "奶茶", "瑞幸", "星巴克", "肯德基",
         "麦当劳", "盒马", "买菜", "菜市场", "钱大妈", "生鲜", "水果", "面包", "便利店",
         "美宜佳", "restaurant", "grocery", "groceries", "supermarket", "cafe", "coffee",
         "starbucks", "mcdonald", "kfc", "dining", "takeout", "food"),
        ("food", "food & dining", "dining", "dining out", "restaurants", "groceries",
         "coffee", "coffee shops", "fast food", "餐饮美食", "饮食", "伙食"),
    ),
    BuiltIn(
        "transport", "交通",
        ("滴滴", "地铁", "公交", "加油", "中石化", "中石油", "出租车", "打车", "高铁",
         "火车票", "12306", "机票", "航空", "停车", "高速", "哈啰", "美团单车", "共享单车",
         "uber", "lyft", "metro", "subway", "taxi", "fuel", "gas station", "gasoline",
         "parking", "railway", "airline"),
        ("transport", "transportation", "auto & transport", "gas & fuel", "gas", "fuel",
         "交通出行", "出行", "汽车"),
    ),
    BuiltIn(
        "housing", "住房",
        ("房租", "租金", "物业", "水电", "水费", "电费", "燃气", "煤气", "暖气", "房贷",
         "rent", "utilities", "electricity", "water bill", "mortgage", "landlord"),
        ("housing", "home", "rent", "utilities", "住房物业", "居住", "住房", "房租", "租房",
         "水电燃气", "水电费", "物业费"),
    ),
    BuiltIn(
        "phone", "通讯",
        ("话费", "移动", "联通", "电信", "流量", "宽带", "手机充值", "phone", "mobile",
         "internet", "broadband"),
        ("phone", "phone & internet", "mobile phone", "internet", "充值缴费", "通信"),
    ),
    BuiltIn(
        "debt", "还款",
        ("微粒贷", "还款", "借呗", "花呗", "信用卡", "白条", "分期", "网贷", "贷款", "借款",
         "loan", "repayment", "credit card", "installment"),
        ("debt", "debt repayment", "loans", "loan payment", "信用借还", "还贷"),
    ),
    BuiltIn(
        "salary", "工资",
        ("工资", "薪", "奖金", "绩效", "salary", "payroll", "paycheck", "wages"),
        ("salary", "paycheck", "wages", "income", "工资收入", "薪资"),
    ),
    BuiltIn(
        "shopping", "购物",
        ("淘宝", "天猫", "京东", "拼多多", "唯品会", "闲鱼", "百货", "商场", "服装", "amazon",
         "walmart", "costco", "ikea", "shopping", "clothing"),
        ("shopping", "clothing", "clothes", "日用百货", "服饰装扮", "网购"),
    ),
    BuiltIn(
        "medical", "医疗",
        ("医院", "药店", "药房", "诊所", "门诊", "挂号", "体检", "牙科", "pharmacy",
         "hospital", "clinic", "doctor", "dental", "medical"),
        ("medical", "health", "healthcare", "health & fitness", "pharmacy", "drugstore",
         "医疗健康", "医疗保健"),
    ),
    BuiltIn(
        "education", "教育",
        ("学费", "培训", "课程", "辅导", "补习", "书店", "教材", "幼儿园", "tuition",
         "school", "course", "textbook"),
        ("education", "教育培训", "学习"),
    ),
    BuiltIn(
        "entertainment", "娱乐",
        ("电影", "影院", "游戏", "ktv", "爱奇艺", "腾讯视频", "优酷", "视频会员",
         "网易云音乐", "门票", "movie", "cinema", "netflix", "spotify", "concert"),
        ("entertainment", "文化休闲", "休闲娱乐"),
    ),
    BuiltIn(
        "insurance", "保险",
        ("保险", "保费", "insurance"),
        ("insurance", "保险"),
    ),
    BuiltIn(
        "gifts", "人情",
        ("红包", "礼金", "份子", "gift"),
        ("gifts", "gifts & donations", "人情往来", "转账红包"),
    ),
)  # fmt: skip

# canonical name -> stable key, for translation of the built-ins
CATEGORY_KEYS: dict[str, str] = {b.name: b.key for b in BUILT_INS}
# every built-in's (keyword, category) pair, in the order of BUILT_INS
DEFAULT_RULES: tuple[tuple[str, str], ...] = tuple(
    (keyword, b.name) for b in BUILT_INS for keyword in b.keywords
)
# A file may name a built-in by any of its names, including how the app shows it.
_ALIASES: dict[str, str] = {
    alias.casefold(): b.name
    for b in BUILT_INS
    for alias in (
        b.name,
        b.key,
        *b.aliases,
        *(t(f"budget.category_{b.key}", lang) for lang in LANGUAGES),
    )
}
# What a bill prints in its "type" column to say how money moved, not what it was for.
TRADE_TYPES = frozenset(
    {
        "商户消费", "即时到账交易", "担保交易", "支付宝担保交易", "转账", "扫二维码付款",
        "二维码收款", "零钱充值", "零钱提现", "零钱通", "群收款", "退款", "其他", "其它",
        "other", "misc", "miscellaneous", "uncategorized", "uncategorised", "未分类", "/",
    }
)  # fmt: skip
# Layouts whose "category" column is always such a transaction type.
TYPE_ONLY_LAYOUTS = frozenset({"wechat"})


@dataclass(frozen=True)
class Rule:
    id: int
    keyword: str
    category: str


def display_name(name: str, lang: str) -> str:
    """A category as the reader should see it: built-ins translated, others as written."""
    key = CATEGORY_KEYS.get(name)
    return t(f"budget.category_{key}", lang) if key else name


def canonical_name(text: str) -> str:
    """The stored form of a category name: a built-in by any of its names, else as written."""
    text = re.sub(r"\s+", " ", text).strip()[:NAME_LIMIT]
    return _ALIASES.get(text.casefold(), text)


def normalise_keyword(keyword: str) -> str:
    return re.sub(r"\s+", " ", keyword).strip().lower()[:NAME_LIMIT]


# --- matching -------------------------------------------------------------------------


class RuleMatcher:
    """Keyword rules applied to a whole column of texts at once.

    Each distinct text is examined once; only keywords whose first character
    occurs in the text are tried, so hundreds of rules cost little.
    """

    def __init__(self, rules: Iterable[tuple[str, str]]) -> None:
        # rules in priority order already: the first keyword that matches wins
        self._rank: dict[str, int] = {}
        self._category: dict[str, str] = {}
        self._by_first: dict[str, list[str]] = {}
        for keyword, category in rules:
            keyword = normalise_keyword(keyword)
            if not keyword or keyword in self._rank:
                continue
            self._rank[keyword] = len(self._rank)
            self._category[keyword] = category
            self._by_first.setdefault(keyword[0], []).append(keyword)
        self._firsts = frozenset(self._by_first)
        self._word_start = {
            k: re.compile(r"(?<![a-z0-9])" + re.escape(k))
            for k in self._rank
            if k[0].isascii() and k[0].isalnum()
        }

    @classmethod
    def from_rules(cls, rules: Iterable[Rule]) -> RuleMatcher:
        """Longest keyword first; among equally long ones the newest rule."""
        ordered = sorted(rules, key=lambda r: (-len(r.keyword), -r.id))
        return cls((r.keyword, r.category) for r in ordered)

    def __bool__(self) -> bool:
        return bool(self._rank)

    def match_one(self, text: str | None) -> str | None:
        if not text:
            return None
        text = text.lower()
        best: str | None = None
        for first in self._firsts.intersection(text):
            for keyword in self._by_first[first]:
                if keyword not in text:
                    continue
                pattern = self._word_start.get(keyword)
                if pattern is not None and not pattern.search(text):
                    continue
                if best is None or self._rank[keyword] < self._rank[best]:
                    best = keyword
        return None if best is None else self._category[best]

    def match(self, texts: Sequence[str] | np.ndarray | pd.Series) -> np.ndarray:
        """The matching category per text (object array, None where no rule matches)."""
        codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
        table = np.empty(len(uniques) + 1, dtype=object)
        table[:-1] = [self.match_one(u) for u in uniques]
        table[-1] = None
        return table[codes]


def match_texts(
    description: np.ndarray | pd.Series,
    counterparty: np.ndarray | pd.Series,
    source_category: np.ndarray | pd.Series,
) -> np.ndarray:
    """The text the rules look at: description, counterparty and the file's category."""
    sep = np.array(" \x1f ", dtype=object)
    return (
        np.asarray(description, dtype=object)
        + sep
        + np.asarray(counterparty, dtype=object)
        + sep
        + np.asarray(source_category, dtype=object)
    )


def file_categories(source_category: np.ndarray | pd.Series, layout: str) -> np.ndarray:
    """The file's own category per row in canonical form; None where it has no real one."""
    values = np.asarray(source_category, dtype=object)
    if layout in TYPE_ONLY_LAYOUTS:
        return np.full(len(values), None, dtype=object)
    codes, uniques = pd.factorize(values)
    table = np.empty(len(uniques) + 1, dtype=object)
    table[:-1] = [_usable(u) for u in uniques]
    table[-1] = None
    return table[codes]


def _usable(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    name = canonical_name(value)
    if not name or name.casefold() in TRADE_TYPES:
        return None
    return name


def categorise_frame(
    rows: pd.DataFrame, layout: str, matcher: RuleMatcher
) -> tuple[np.ndarray, np.ndarray]:
    """Each import row's category name and where it came from (None for neither).

    The file's own category (FROM_FILE) wins, else the rules' (FROM_RULE); the
    source is stored so that a later rule change redoes only the rules' choices.
    """
    chosen = file_categories(rows["source_category"], layout)
    missing = np.flatnonzero(pd.isna(chosen))
    source = np.empty(len(chosen), dtype=object)
    source.fill(FROM_FILE)  # one shared str (np.full would make one per row)
    source[missing] = None
    if len(missing) and matcher:
        texts = match_texts(
            rows["description"].to_numpy(dtype=object)[missing],
            rows["counterparty"].to_numpy(dtype=object)[missing],
            rows["source_category"].to_numpy(dtype=object)[missing],
        )
        found = matcher.match(texts)
        chosen[missing] = found
        source[missing[pd.notna(found)]] = FROM_RULE
    return chosen, source


# --- store, on a connection (so an import can do it inside its own transaction) -----


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
    with engine.begin() as conn:
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
    with engine.begin() as conn:
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
    with engine.begin() as conn:
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
    with engine.begin() as conn:
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
    with engine.begin() as conn:
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
    with engine.begin() as conn:
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
