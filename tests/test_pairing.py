"""Pairing a bank row with the platform row of the same purchase: pure rules."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.importing.pairing import PLATFORM, REPAYMENT, Pair, find_pairs


def frame(*rows: tuple) -> pd.DataFrame:
    """Rows of (id, day of September 2026, cents, kind, text, layout)."""
    return pd.DataFrame(
        [(i, dt.date(2026, 9, day), cents, kind, text, layout)
         for i, day, cents, kind, text, layout in rows],
        columns=["id", "date", "amount_cents", "kind", "text", "layout"],
    )  # fmt: skip


def test_a_card_charge_through_wechat_pairs_with_the_wechat_purchase():
    rows = frame(
        (1, 3, -3550, "expense", "财付通-美团外卖", "card"),
        (2, 2, -3550, "expense", "美团外卖 午饭", "wechat"),
        (3, 2, -3550, "expense", "午饭", "alipay"),  # same amount, another platform
    )
    assert find_pairs(rows) == [Pair(1, 2, PLATFORM)]


@pytest.mark.parametrize(("day", "paired"), [(1, True), (3, True), (4, False), (6, False)])
def test_within_two_days_only(day, paired):
    rows = frame(
        (1, 1, -1000, "expense", "支付宝-淘宝", "account"),
        (2, day, -1000, "expense", "淘宝 纸巾", "alipay"),
    )
    assert bool(find_pairs(rows)) is paired


def test_amounts_must_match_to_the_cent_and_a_refund_pairs_with_a_refund():
    rows = frame(
        (1, 5, -1000, "expense", "支付宝-淘宝", "card"),
        (2, 5, -1001, "expense", "淘宝", "alipay"),
        (3, 6, 1000, "expense", "退款 支付宝-淘宝", "card"),
        (4, 6, 1000, "expense", "退款-淘宝", "alipay"),
    )
    assert find_pairs(rows) == [Pair(3, 4, PLATFORM)]


def test_each_row_pairs_once_with_the_nearest_day():
    rows = frame(
        (1, 5, -500, "expense", "财付通-早餐", "account"),
        (2, 6, -500, "expense", "财付通-早餐", "account"),
        (3, 4, -500, "expense", "早餐", "wechat"),
        (4, 6, -500, "expense", "早餐", "wechat"),
    )
    assert find_pairs(rows) == [Pair(1, 3, PLATFORM), Pair(2, 4, PLATFORM)]


def test_a_top_up_from_the_bank_pairs_with_wechats_neutral_top_up():
    rows = frame(
        (1, 5, -20000, "expense", "网上支付 财付通", "account"),
        (2, 5, -20000, "transfer", "零钱充值", "wechat"),
    )
    assert find_pairs(rows) == [Pair(1, 2, PLATFORM)]


def test_a_card_repayment_from_the_bank_pairs_with_the_cards_repayment_line():
    rows = frame(
        (1, 8, -150000, "expense", "信用卡转账还款", "account"),
        (2, 10, 150000, "transfer", "银联转账还款", "card"),
        (3, 9, 150000, "transfer", "还款", "card"),
    )
    assert find_pairs(rows) == [Pair(1, 3, REPAYMENT)]


def test_rows_of_the_same_kind_of_file_and_neutral_bank_rows_never_pair():
    rows = frame(
        (1, 5, -500, "expense", "财付通-早餐", "account"),
        (2, 5, -500, "expense", "财付通-早餐", "card"),
        (3, 5, 34567, "transfer", "财付通还款", "card"),
        (4, 5, -34567, "transfer", "信用卡还款", "wechat"),
        (5, 5, -500, "expense", "早餐", "budget"),
    )
    assert find_pairs(rows) == []
