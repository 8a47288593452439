"""Keyword rules: the built-ins, the matcher, and re-sorting past transactions by them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from core.categories.builtins import CATEGORY_KEYS, DEFAULT_RULES
from core.categories.matching import Rule, RuleMatcher, canonical_name, display_name
from core.categories.rules import (
    add_rule,
    category_names,
    change_rules,
    delete_rule,
    ensure_defaults,
    list_rules,
    recategorise,
    set_category,
)
from core.i18n import t
from core.models import Category, CategoryRule, Transaction
from core.profiles import profile_id
from tests.factories import commit

D = dt.date(2026, 3, 5)


def category_of(engine: Engine, profile: int) -> dict[str, str | None]:
    """description -> category name, for the profile's transactions."""
    x, c = Transaction.__table__.c, Category.__table__.c
    query = (
        sa.select(x.description, c.name)
        .select_from(Transaction.__table__.outerjoin(Category.__table__, c.id == x.category_id))
        .where(x.profile_id == profile)
    )
    with engine.connect() as conn:
        return dict(conn.execute(query).all())


def source_of(engine: Engine, profile: int) -> dict[str, str | None]:
    """description -> where its category came from (file, rule, user; None if it has none)."""
    x = Transaction.__table__.c
    with engine.connect() as conn:
        query = sa.select(x.description, x.category_source).where(x.profile_id == profile)
        return dict(conn.execute(query).all())


def rule_id(engine: Engine, profile: int, keyword: str) -> int:
    return next(r.id for r in list_rules(engine, profile) if r.keyword == keyword)


def ids_by_description(engine: Engine, profile: int) -> dict[str, int]:
    x = Transaction.__table__.c
    with engine.connect() as conn:
        query = sa.select(x.description, x.id).where(x.profile_id == profile)
        return dict(conn.execute(query).all())


# --- pure ------------------------------------------------------------------------------


def test_built_ins_have_names_in_both_languages():
    assert CATEGORY_KEYS["餐饮"] == "food"
    assert CATEGORY_KEYS["还款"] == "debt"
    for name, key in CATEGORY_KEYS.items():
        assert t(f"budget.category_{key}", "zh") == name
        assert display_name(name, "zh") == name
    assert display_name("餐饮", "en") == "Food"
    assert display_name("交通", "en") == "Transport"
    assert display_name("衣服", "en") == "衣服"  # the user's own, shown as written


def test_default_rules_cover_the_common_words():
    rules = dict(DEFAULT_RULES)
    for keyword, name in [
        ("美团", "餐饮"), ("饿了么", "餐饮"), ("外卖", "餐饮"), ("超市", "餐饮"),
        ("restaurant", "餐饮"), ("grocery", "餐饮"), ("滴滴", "交通"), ("地铁", "交通"),
        ("公交", "交通"), ("加油", "交通"), ("uber", "交通"), ("metro", "交通"),
        ("房租", "住房"), ("物业", "住房"), ("水电", "住房"), ("rent", "住房"),
        ("utilities", "住房"), ("话费", "通讯"), ("移动", "通讯"), ("联通", "通讯"),
        ("电信", "通讯"), ("phone", "通讯"), ("微粒贷", "还款"), ("还款", "还款"),
        ("借呗", "还款"), ("花呗", "还款"), ("信用卡", "还款"), ("loan", "还款"),
        ("repayment", "还款"), ("工资", "工资"), ("薪", "工资"), ("salary", "工资"),
        ("payroll", "工资"),
    ]:  # fmt: skip
        assert rules[keyword] == name, keyword
    assert len(rules) == len(DEFAULT_RULES)  # no keyword twice


def test_canonical_names():
    assert canonical_name("Food") == "餐饮"
    assert canonical_name("  food ") == "餐饮"
    assert canonical_name("餐饮美食") == "餐饮"
    assert canonical_name("Debt repayment") == "还款"
    assert canonical_name("衣服") == "衣服"
    assert canonical_name("Gifts & red packets") == "人情"  # as the English page shows it
    assert canonical_name("Pharmacy") == "医疗" and canonical_name("Gas") == "交通"
    assert [canonical_name(n) for n in ("房租", "水电燃气", "Clothing", "Income")] == [
        "住房", "住房", "购物", "工资",
    ]  # fmt: skip
    assert canonical_name("Coffee") == "餐饮"
    assert canonical_name("Piano lessons") == "Piano lessons"  # not a built-in: kept as is


def test_matcher_longest_keyword_wins_and_ignores_case():
    matcher = RuleMatcher.from_rules(
        [
            Rule(1, "美团", "餐饮"),
            Rule(2, "美团单车", "交通"),
            Rule(3, "uber", "交通"),
            Rule(4, "uber eats", "餐饮"),
        ]
    )
    found = matcher.match(
        np.array(["美团外卖", "美团单车月卡", "UBER trip", "Uber Eats order", "nothing", None])
    )
    assert found.tolist() == ["餐饮", "交通", "交通", "餐饮", None, None]


def test_latin_keywords_match_only_at_a_word_start():
    matcher = RuleMatcher([("rent", "住房")])
    texts = ["Rent March", "rental car", "current account", "parent", "房租 rent"]
    assert matcher.match(texts).tolist() == ["住房", "住房", None, None, "住房"]


def test_same_length_keywords_newest_rule_wins():
    matcher = RuleMatcher.from_rules([Rule(1, "京东", "购物"), Rule(2, "家电", "电器")])
    assert matcher.match_one("京东家电") == "电器"


# --- store ------------------------------------------------------------------------------


def test_ensure_defaults_is_idempotent_and_respects_deletions(engine, profile):
    assert ensure_defaults(engine, profile) is True
    assert ensure_defaults(engine, profile) is False
    rules = list_rules(engine, profile)
    assert len(rules) == len(DEFAULT_RULES)
    assert {(r.keyword, r.category) for r in rules} == set(DEFAULT_RULES)
    first = rules[0]
    assert delete_rule(engine, profile, first.id) is True
    ensure_defaults(engine, profile)
    assert first.id not in {r.id for r in list_rules(engine, profile)}
    assert set(CATEGORY_KEYS) <= set(category_names(engine, profile))


def test_add_rule_sorts_past_rows_but_not_the_files_or_a_persons(engine, profile):
    commit(
        engine,
        profile,
        [
            {"description": "老王小卖部 烟"},
            {"description": "老王小卖部 水", "category": "日用"},  # the file's own
            {"description": "老王小卖部 糖"},  # set by hand below
            {"description": "别的店"},
        ],
    )
    by_hand = ids_by_description(engine, profile)["老王小卖部 糖"]
    set_category(engine, profile, [by_hand], "零食")
    assert add_rule(engine, profile, "老王小卖部", "购物") == 1
    assert category_of(engine, profile) == {
        "老王小卖部 烟": "购物",
        "老王小卖部 水": "日用",
        "老王小卖部 糖": "零食",
        "别的店": None,
    }
    assert source_of(engine, profile) == {
        "老王小卖部 烟": "rule",
        "老王小卖部 水": "file",
        "老王小卖部 糖": "user",
        "别的店": None,
    }
    assert ("老王小卖部", "购物") in {(r.keyword, r.category) for r in list_rules(engine, profile)}


def test_changing_a_rule_resorts_the_rows_rules_sorted(engine, profile):
    commit(
        engine,
        profile,
        [
            {"description": "老王小卖部 烟"},
            {"description": "老王小卖部 水"},
            {"description": "老王小卖部 酒", "category": "日用"},  # the file's own
            {"description": "老王小卖部 糖"},  # set by hand below
        ],
    )
    set_category(engine, profile, [ids_by_description(engine, profile)["老王小卖部 糖"]], "零食")
    assert add_rule(engine, profile, "老王小卖部", "购物") == 2
    # re-pointing the keyword moves what it sorted
    assert add_rule(engine, profile, "老王小卖部", "杂货") == 2
    # a more specific rule takes its rows from the broader one
    assert add_rule(engine, profile, "老王小卖部 烟", "烟酒") == 1
    assert category_of(engine, profile) == {
        "老王小卖部 烟": "烟酒",
        "老王小卖部 水": "杂货",
        "老王小卖部 酒": "日用",
        "老王小卖部 糖": "零食",
    }
    assert source_of(engine, profile) == {
        "老王小卖部 烟": "rule",
        "老王小卖部 水": "rule",
        "老王小卖部 酒": "file",
        "老王小卖部 糖": "user",
    }


def test_removing_a_rule_unsorts_its_rows_or_leaves_them_to_the_remaining_rules(engine, profile):
    commit(
        engine,
        profile,
        [
            {"description": "星巴克 月饼券"},
            {"description": "阿姨家政 3月"},
            {"description": "阿姨家政 4月", "category": "家政"},  # the file's own
            {"description": "阿姨家政 5月"},  # set by hand below
        ],
    )
    set_category(engine, profile, [ids_by_description(engine, profile)["阿姨家政 5月"]], "家务")
    add_rule(engine, profile, "星巴克 月饼", "礼品")
    add_rule(engine, profile, "阿姨家政", "家政")
    assert category_of(engine, profile)["星巴克 月饼券"] == "礼品"
    assert category_of(engine, profile)["阿姨家政 3月"] == "家政"
    assert delete_rule(engine, profile, rule_id(engine, profile, "星巴克 月饼")) is True
    assert delete_rule(engine, profile, rule_id(engine, profile, "阿姨家政")) is True
    assert category_of(engine, profile) == {
        "星巴克 月饼券": "餐饮",  # the built-in 星巴克 rule again
        "阿姨家政 3月": None,
        "阿姨家政 4月": "家政",
        "阿姨家政 5月": "家务",
    }
    assert source_of(engine, profile) == {
        "星巴克 月饼券": "rule",
        "阿姨家政 3月": None,
        "阿姨家政 4月": "file",
        "阿姨家政 5月": "user",
    }


def test_built_ins_coming_back_sort_past_rows_again(engine, profile):
    commit(engine, profile, [{"description": "星巴克"}])
    with engine.begin() as conn:
        conn.execute(CategoryRule.__table__.delete().where(CategoryRule.profile_id == profile))
    assert recategorise(engine, profile) == 1
    assert category_of(engine, profile) == {"星巴克": None}
    # the next import finds no rules and seeds the built-ins, which sort the past too
    commit(engine, profile, [{"description": "别的"}])
    assert category_of(engine, profile) == {"星巴克": "餐饮", "别的": None}


def test_change_rules_moves_and_deletes_at_once_and_counts_the_rows_resorted(engine, profile):
    commit(
        engine,
        profile,
        [
            {"description": "老王小卖部 烟"},
            {"description": "老王小卖部 水", "category": "日用"},  # the file's own
            {"description": "老王小卖部 糖"},  # set by hand below
            {"description": "阿姨家政 3月"},
            {"description": "星巴克 月饼券"},
        ],
    )
    set_category(engine, profile, [ids_by_description(engine, profile)["老王小卖部 糖"]], "零食")
    add_rule(engine, profile, "老王小卖部", "购物")
    add_rule(engine, profile, "阿姨家政", "家政")
    add_rule(engine, profile, "星巴克 月饼", "礼品")
    shop, home, cake = (
        rule_id(engine, profile, k) for k in ("老王小卖部", "阿姨家政", "星巴克 月饼")
    )
    before = len(list_rules(engine, profile))
    # the shop's rule moves to a new category (by an alias: "Food" is 餐饮), the home
    # rule is both moved and deleted (deleted wins), the cake rule is deleted; another
    # profile's rule id is ignored
    other = profile_id(engine, "other")
    add_rule(engine, other, "神秘店", "神秘")
    theirs = rule_id(engine, other, "神秘店")
    changed = change_rules(
        engine, profile, {shop: "Food", home: "保洁", theirs: "我的"}, [home, cake, theirs]
    )
    assert changed == 3
    assert category_of(engine, profile) == {
        "老王小卖部 烟": "餐饮",
        "老王小卖部 水": "日用",
        "老王小卖部 糖": "零食",
        "阿姨家政 3月": None,
        "星巴克 月饼券": "餐饮",  # the built-in 星巴克 rule again
    }
    assert source_of(engine, profile)["老王小卖部 烟"] == "rule"
    rules = {r.keyword: r.category for r in list_rules(engine, profile)}
    assert rules["老王小卖部"] == "餐饮"
    assert "阿姨家政" not in rules and "星巴克 月饼" not in rules
    assert len(rules) == before - 2
    assert "保洁" not in category_names(engine, profile)
    assert {r.keyword for r in list_rules(engine, other)} >= {"神秘店"}
    # nothing to do is nothing changed
    assert change_rules(engine, profile) == 0
    assert change_rules(engine, profile, {shop: "餐饮"}) == 0


def test_change_rules_refuses_an_empty_category(engine, profile):
    add_rule(engine, profile, "老王小卖部", "购物")
    shop = rule_id(engine, profile, "老王小卖部")
    with pytest.raises(ValueError, match="category"):
        change_rules(engine, profile, {shop: "  "})
    assert {r.keyword: r.category for r in list_rules(engine, profile)}["老王小卖部"] == "购物"


def test_add_rule_with_a_known_keyword_repoints_it(engine, profile):
    ensure_defaults(engine, profile)
    add_rule(engine, profile, "美团", "外卖")
    rules = {r.keyword: r.category for r in list_rules(engine, profile)}
    assert rules["美团"] == "外卖"
    assert len(rules) == len(DEFAULT_RULES)


def test_set_category_with_make_rule_from(engine, profile):
    commit(
        engine,
        profile,
        [{"description": "阿姨家政 3月"}, {"description": "阿姨家政 4月"}, {"description": "x"}],
    )
    ids = ids_by_description(engine, profile)
    changed = set_category(
        engine, profile, [ids["阿姨家政 3月"]], "家政", make_rule_from="阿姨家政"
    )
    assert changed == 2
    assert category_of(engine, profile) == {
        "阿姨家政 3月": "家政",
        "阿姨家政 4月": "家政",
        "x": None,
    }
    assert source_of(engine, profile) == {"阿姨家政 3月": "user", "阿姨家政 4月": "rule", "x": None}
    # later imports use the new rule too
    commit(engine, profile, [{"description": "阿姨家政 5月"}])
    assert category_of(engine, profile)["阿姨家政 5月"] == "家政"
    # clearing by hand
    set_category(engine, profile, [ids["x"]], "Food")
    assert (category_of(engine, profile)["x"], source_of(engine, profile)["x"]) == ("餐饮", "user")
    set_category(engine, profile, [ids["x"]], None)
    assert (category_of(engine, profile)["x"], source_of(engine, profile)["x"]) == (None, None)


def test_recategorise_after_deleting_and_readding(engine, profile):
    commit(engine, profile, [{"description": "星巴克"}])
    assert category_of(engine, profile) == {"星巴克": "餐饮"}
    set_category(engine, profile, list(ids_by_description(engine, profile).values()), None)
    assert recategorise(engine, profile) == 1
    assert recategorise(engine, profile) == 0


def test_rules_and_categories_are_per_profile(engine, profile):
    other = profile_id(engine, "other")
    add_rule(engine, other, "神秘店", "神秘")
    commit(engine, profile, [{"description": "神秘店"}])
    assert category_of(engine, profile) == {"神秘店": None}
    assert "神秘" not in category_names(engine, profile)
    assert "神秘" in category_names(engine, other)
    theirs = next(r for r in list_rules(engine, other) if r.keyword == "神秘店")
    assert delete_rule(engine, profile, theirs.id) is False
    # set_category cannot touch another profile's rows
    commit(engine, other, [{"description": "他们的"}])
    their_id = ids_by_description(engine, other)["他们的"]
    assert set_category(engine, profile, [their_id], "我的") == 0
    assert category_of(engine, other)["他们的"] is None
