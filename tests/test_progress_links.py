"""Imported transactions as payments: what is proposed, one-click linking, one payment
per transaction (held by the database), and the budget left as it was."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core.debts.entry import DebtEntry, DebtRecord
from core.errors import CoachError
from core.importing.store import import_file
from core.ledger import budget, transactions
from core.progress import history, links
from core.progress.balances import Anchor, DebtHistory
from core.progress.history import PAYMENT
from core.progress.payments import void_payment
from tests.filemakers import wechat_csv, wechat_record
from tests.test_progress import HUABEI, WEILIDAI, add, noon, pay

D = dt.date
TODAY = D(2026, 3, 1)
CARD = DebtEntry("信用卡", 680_000, Decimal(18), 30_000, lender="招商银行")


def history_of(entry: DebtEntry) -> DebtHistory:
    record = DebtRecord(**vars(entry), id=1)
    added = Anchor(D(2026, 1, 5), noon(D(2026, 1, 5)), entry.balance_cents)
    return DebtHistory(record, (added,), ())


def bill(*lines: tuple) -> bytes:
    return wechat_csv(list(lines))


def line(day: int, kind: str, who: str, goods: str, direction: str, yuan: str, month: int = 2):
    return wechat_record(dt.datetime(2026, month, day, 7, 18), kind, who, goods, direction, yuan)


FEBRUARY = bill(
    line(15, "微粒贷还款", "微众银行", "/", "支出", "1260.00"),
    line(16, "信用卡还款", "招商银行", "/", "/", "300.00"),
    line(17, "商户消费", "美团", "午饭", "支出", "35.00"),
    line(18, "转账", "房东", "/", "支出", "1260.00"),  # a minimum's amount, but no repayment
    line(19, "商户消费", "某网贷", "还款", "支出", "205.00"),  # a repayment near 花呗's minimum
    line(3, "微粒贷还款", "微众银行", "/", "支出", "1260.00", month=1),  # before the debt
)


@pytest.fixture
def debts(engine, profile):
    ids = {
        "微粒贷": add(engine, profile, WEILIDAI),
        "花呗": add(engine, profile, HUABEI),
        "信用卡": add(engine, profile, CARD),
    }
    assert import_file(engine, profile, "微信账单.csv", FEBRUARY).imported == 6
    return ids


def proposed(engine, profile):
    return {
        (p.line.source_category, p.line.counterparty, p.line.amount): [
            (c.name, c.reasons) for c in p.candidates
        ]
        for p in links.proposals(engine, profile, TODAY)
    }


def test_likely_repayments_are_proposed_for_the_right_debt(engine, profile, debts):
    assert proposed(engine, profile) == {
        ("商户消费", "某网贷", 20_500): [("花呗", ("category", "amount"))],
        ("信用卡还款", "招商银行", 30_000): [("信用卡", ("name", "category", "amount"))],
        ("微粒贷还款", "微众银行", 126_000): [("微粒贷", ("name", "category", "amount"))],
    }
    newest = links.proposals(engine, profile, TODAY)
    assert [p.line.day for p in newest] == [D(2026, 2, 19), D(2026, 2, 16), D(2026, 2, 15)]


def test_linking_records_the_payment_and_leaves_the_budget_as_it_was(engine, profile, debts):
    before = budget.monthly(engine, profile)
    (wechat,) = [p for p in links.proposals(engine, profile, TODAY) if p.line.amount == 126_000]
    done = links.link(engine, profile, wechat.line.id, debts["微粒贷"], now=noon(TODAY))
    february = 1_500_000 + 22_813 - 126_000  # February's interest came first
    assert done.balance == february + 21_243  # and March's on 1 March, today
    assert [m.kind for m in done.reached] == ["first_payment"]
    (payment,) = history.load(engine, profile)[0].payments
    assert (payment.day, payment.amount, payment.transaction_id) == (
        D(2026, 2, 15), 126_000, wechat.line.id
    )  # fmt: skip
    assert payment.note == "微粒贷还款 · 微众银行"
    assert budget.monthly(engine, profile) == before
    assert wechat.line.id not in {p.line.id for p in links.proposals(engine, profile, TODAY)}


def test_one_transaction_pays_one_live_payment_held_by_the_database(engine, profile, debts):
    (wechat,) = [p for p in links.proposals(engine, profile, TODAY) if p.line.amount == 126_000]
    first = links.link(engine, profile, wechat.line.id, debts["微粒贷"], now=noon(TODAY))
    with pytest.raises(CoachError) as again:
        links.link(engine, profile, wechat.line.id, debts["花呗"], now=noon(TODAY))
    assert again.value.key == "progress.already_linked"
    with pytest.raises(IntegrityError), engine.begin() as conn:  # even written by hand
        conn.execute(
            PAYMENT.insert().values(
                profile_id=profile, debt_id=debts["花呗"], date=D(2026, 2, 15), amount_cents=1,
                note="", transaction_id=wechat.line.id, created_at=noon(TODAY), void_note="",
            )
        )  # fmt: skip
    # voided, the payment keeps its link for the record and the transaction is free again
    void_payment(engine, profile, first.id, "wrong debt", now=noon(TODAY))
    assert wechat.line.id in {p.line.id for p in links.proposals(engine, profile, TODAY)}
    links.link(engine, profile, wechat.line.id, debts["微粒贷"], now=noon(TODAY))
    kept = history.load(engine, profile)[0].payments
    assert [(p.transaction_id, p.live) for p in kept] == [
        (wechat.line.id, False),
        (wechat.line.id, True),
    ]


def test_a_payment_entered_by_hand_is_matched_not_counted_twice(engine, profile, debts):
    by_hand = pay(engine, profile, debts["微粒贷"], D(2026, 2, 14), 126_000)
    (wechat,) = [p for p in links.proposals(engine, profile, TODAY) if p.line.amount == 126_000]
    (candidate,) = wechat.candidates
    assert candidate.payment_id == by_hand.id
    done = links.link(engine, profile, wechat.line.id, debts["微粒贷"],
                      payment_id=candidate.payment_id, now=noon(TODAY))  # fmt: skip
    assert by_hand.balance == 1_500_000 + 22_813 - 126_000
    assert done.id == by_hand.id and done.balance == by_hand.balance + 21_243  # March's
    (payment,) = history.load(engine, profile)[0].payments
    assert payment.transaction_id == wechat.line.id


def test_dismissed_lines_and_paid_off_debts_are_proposed_no_more(engine, profile, debts):
    (odd,) = [p for p in links.proposals(engine, profile, TODAY) if p.line.amount == 20_500]
    links.dismiss(engine, profile, odd.line.id)
    links.dismiss(engine, profile, odd.line.id)  # twice is harmless
    pay(engine, profile, debts["信用卡"], D(2026, 2, 10), 690_200)  # cleared before its line
    assert {p.line.amount for p in links.proposals(engine, profile, TODAY)} == {126_000}


def test_a_repayment_word_counts_where_the_category_says_otherwise():
    debt = history_of(DebtEntry("网贷", 100_000, Decimal(0), 20_000))
    words = links.Line(1, D(2026, 2, 10), 19_000, "loan repayment", "Bank", "", "其他")
    none = links.Line(2, D(2026, 2, 10), 19_000, "rent", "Landlord", "", "其他")
    far = links.Line(3, D(2026, 2, 10), 30_000, "还款", "某平台", "", "其他")
    (proposal,) = links.propose([words, none, far], [debt], TODAY)
    assert proposal.line.id == 1 and proposal.candidates[0].reasons == ("words", "amount")


def test_equally_likely_debts_are_all_offered(engine, profile):
    add(engine, profile, DebtEntry("网贷A", 100_000, Decimal(0), 20_000))
    add(engine, profile, DebtEntry("网贷B", 100_000, Decimal(0), 20_000))
    import_file(engine, profile, "w.csv", bill(line(10, "还款", "某平台", "/", "支出", "200.00")))
    (proposal,) = links.proposals(engine, profile, TODAY)
    assert proposal.unsure and [c.name for c in proposal.candidates] == ["网贷A", "网贷B"]


def test_what_cannot_be_linked_is_refused(engine, profile, debts):
    with engine.connect() as conn:
        lunch = conn.execute(
            sa.text('select id from "transaction" where counterparty = :c'), {"c": "美团"}
        ).scalar_one()
    with pytest.raises(CoachError) as missing:
        links.link(engine, profile, 999_999, debts["微粒贷"], now=noon(TODAY))
    assert missing.value.key == "progress.no_transaction"
    rows = transactions.transactions(engine, profile).itertuples()
    january = next(row.id for row in rows if row.date == D(2026, 1, 3))  # before the debt
    with pytest.raises(CoachError) as early:
        links.link(engine, profile, january, debts["微粒贷"], now=noon(TODAY))
    assert early.value.key == "progress.reason_before_debt"
    with pytest.raises(CoachError):
        links.dismiss(engine, profile + 1, lunch)  # another profile's record


def test_clearing_imported_records_unlinks_and_keeps_the_payment(engine, profile, debts):
    (wechat,) = [p for p in links.proposals(engine, profile, TODAY) if p.line.amount == 126_000]
    links.link(engine, profile, wechat.line.id, debts["微粒贷"], now=noon(TODAY))
    transactions.clear_data(engine, profile)
    (payment,) = history.load(engine, profile)[0].payments
    assert (payment.amount, payment.transaction_id, payment.live) == (126_000, None, True)
