"""The dashboard in a real browser: `streamlit run dashboard/app.py` as a subprocess on a fresh
SQLite store, driven by Playwright through Debian's Chromium, as a new user goes through it.

The journey: an empty app (three steps) → the example data loaded and cleared → a WeChat bill
and a budget workbook imported → the figures on the budget and home pages → two debts added,
one overdue → the plan changed and its workbook downloaded and opened → English, kept on a
reload → the menu on a phone. What the pages show is compared with the message catalogue and
with what `core` reads back from the same store.

Without /usr/bin/chromium (or Playwright) the test is skipped with the reason; with
CI_REQUIRE_BROWSER=1 (set by .ci/run, which installs Chromium) it fails instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from core import db
from core.debts.store import list_debts
from core.home import sources as home
from core.i18n import t
from core.ledger import budget, samples
from core.ledger.transactions import transactions
from core.money import display
from core.months import Month
from core.planner.request import plan_request
from core.preferences import plan_choices
from core.profiles import profile_id
from tests.filemakers import wechat_csv, wechat_record, xlsx_bytes
from tools.appserver import CHROMIUM, CHROMIUM_ARGS, App, AppFailed, running_app

try:
    import openpyxl
    from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

    from tools.browser import full_screenshot, settle
except ImportError:  # the dev extra is not installed
    sync_playwright = None

REQUIRED = os.environ.get("CI_REQUIRE_BROWSER") == "1"
WAIT_MS = 30_000  # a busy CI machine is slow
# A phone's browser: Streamlit closes its menu after a choice on a phone (by the user agent)
PHONE = {
    "viewport": {"width": 375, "height": 740},
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
    ),
    "is_mobile": True,
    "has_touch": True,
}

TODAY = dt.date.today()
LAST = Month.current(TODAY) - 1  # last month, where the bill and the workbook put their rows


def _day(month: Month, day: int) -> dt.date:
    return dt.date(month.year, month.number, day)


# A WeChat bill of last month: a noodle lunch, a coffee and a payment that failed (left out).
BILL_NAME = "微信支付账单.csv"
BILL = wechat_csv(
    [
        wechat_record(
            dt.datetime.combine(_day(LAST, 3), dt.time(12, 5)),
            "商户消费", "阿强面馆", "牛肉面", "支出", "23.50",
        ),
        wechat_record(
            dt.datetime.combine(_day(LAST, 5), dt.time(8, 30)),
            "商户消费", "街角咖啡", "拿铁", "支出", "18.00",
        ),
        wechat_record(
            dt.datetime.combine(_day(LAST, 6), dt.time(19, 0)),
            "商户消费", "阿强面馆", "饺子", "支出", "30.00", "支付失败",
        ),
    ]
)  # fmt: skip
# A family's budget workbook with both 项目 (what) and 类别 (category), over the three
# months the plan's budget is averaged from.
WORKBOOK_NAME = "家庭账本.xlsx"
WINDOW = budget.average_window(TODAY)
WORKBOOK = xlsx_bytes(
    {
        "账本": [
            ["日期", "项目", "类别", "收入", "支出"],
            *(
                row
                for month in WINDOW
                for row in (
                    [_day(month, 10), f"{month.number}月工资", "工资", 9000, None],
                    [_day(month, 1), "房租", "住房", None, 2800],
                    [_day(month, 12), "买菜", "餐饮", None, 1500],
                )
            ),
        ]
    }
)
# the workbook's surplus each month: 9000 - 2800 - 1500; last month also the bill's 41.50
SURPLUS = dict.fromkeys(WINDOW, 470000) | {LAST: 470_000 - 4_150}


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason}; CI_REQUIRE_BROWSER=1 says the browser test must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        _unavailable("Playwright is not installed (pip install -e '.[dev]')")
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The real app on a free port over a new, empty SQLite store (`browser` first: without
    one, the test stops before starting the server)."""
    try:
        with running_app(tmp_path_factory.mktemp("browser")) as running:
            yield running
    except AppFailed as exc:
        pytest.fail(str(exc), pytrace=False)


@contextlib.contextmanager
def opened(browser: Browser, shots: Path, name: str, **options) -> Iterator[Page]:
    """A new browser (its own cookies and session) with a page; its picture on failure."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 1000}, **options})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    expect.set_options(timeout=WAIT_MS)
    try:
        yield page
    except BaseException:
        with contextlib.suppress(Exception):
            full_screenshot(page, shots / f"{name}.png")
        raise
    finally:
        context.close()


# --- what a person sees and does ------------------------------------------------------------


def plain(markdown: str) -> str:
    """A catalogue string as the page shows it: without the markdown emphasis."""
    return markdown.replace("**", "")


def title(page: Page) -> Locator:
    return page.locator("h1")


def metric(page: Page, label: str) -> Locator:
    """The value of the metric labelled exactly `label`."""
    box = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    )
    return box.get_by_test_id("stMetricValue")


def button(page: Page | Locator, label: str) -> Locator:
    return page.get_by_role("button", name=label, exact=True)


def text_box(where: Page | Locator, label: str) -> Locator:
    """The text box labelled `label` on the page, or inside a part of it (a form)."""
    page = where if isinstance(where, Page) else where.page
    widget = where.get_by_test_id("stTextInput").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
    )
    return widget.locator("input")


def no_exception(page: Page, where: str) -> None:
    settle(page)
    shown = page.get_by_test_id("stException").all_inner_texts()
    assert not shown, f"a traceback on {where}:\n" + "\n".join(shown)


def go(page: Page, name: str, lang: str) -> None:
    """Choose page `name` in the menu."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=t(f"nav.{name}", lang)).click()
    title_key = "home_page.title" if name == "home" else f"{name}_page.title"
    expect(title(page)).to_have_text(t(title_key, lang))
    no_exception(page, f"the {name} page")


def upload(page: Page, name: str, content: bytes, mime: str) -> None:
    page.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": content}
    )
    settle(page)


# --- the journey ------------------------------------------------------------------------------


def test_a_new_user_from_an_empty_app_to_a_plan_in_a_real_browser(
    browser: Browser, app: App, tmp_path: Path
) -> None:
    engine = db.get_engine(app.store_url)
    seen = f"(server log: {app.log}; screenshots on failure in {tmp_path})"
    # (0) A first visit speaks the browser's language: English for an English browser.
    with opened(browser, tmp_path, "english", locale="en-GB") as page:
        page.goto(app.base)
        expect(title(page), seen).to_have_text(t("home_page.title", "en"))
    with opened(browser, tmp_path, "desktop", locale="zh-CN") as page:
        # (1) An empty app follows the browser's language and shows three steps to start.
        page.goto(app.base)
        expect(title(page), seen).to_have_text(t("home_page.title", "zh"))
        no_exception(page, "the empty home page")
        start = page.get_by_role("heading", name=t("home_page.start_title", "zh"))
        expect(start, seen).to_be_visible()
        profile = profile_id(engine)
        assert budget.monthly(engine, profile) == [], "nothing was loaded unasked"

        # (2) The example data, one click away; clearing it asks first.
        button(page, t("home_page.try_sample", "zh")).click()
        expect(metric(page, t("home_page.owed", "zh")), seen).to_be_visible()
        owed = sum(d.balance_cents for d in list_debts(engine, profile))
        assert owed > 0
        expect(metric(page, t("home_page.owed", "zh")), seen).to_have_text(display(owed))
        assert samples.showing_samples(engine, profile)
        button(page, t("budget_page.clear_sample", "zh")).click()
        expect(page.get_by_text(t("home_page.clear_confirm", "zh")), seen).to_be_visible()
        button(page, t("home_page.clear_yes", "zh")).click()
        expect(start, seen).to_be_visible()
        assert not samples.showing_samples(engine, profile)
        assert list_debts(engine, profile) == [] and budget.monthly(engine, profile) == []

        # (3) A WeChat bill and a budget workbook: previewed, confirmed, in the store.
        go(page, "import", "zh")
        upload(page, BILL_NAME, BILL, "text/csv")
        understood = t(
            "import_page.understood",
            "zh",
            layout=t("import_page.layout_wechat", "zh"),
            rows=2,
            skipped=1,
        )
        expect(page.get_by_text(plain(understood), exact=True), seen).to_be_visible()
        button(page, t("import_page.confirm", "zh", rows=2)).click()
        report = t("import_page.report", "zh", imported=2, duplicates=0, skipped=1)
        expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text=report)).to_be_visible()
        upload(page, WORKBOOK_NAME, WORKBOOK, "application/octet-stream")
        rows = 3 * len(WINDOW)
        button(page, t("import_page.confirm", "zh", rows=rows)).click()
        report = t("import_page.report", "zh", imported=rows, duplicates=0, skipped=0)
        expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text=report)).to_be_visible()
        no_exception(page, "the import page")
        noodles = transactions(engine, profile, search="阿强面馆")
        assert noodles["amount_cents"].tolist() == [-2350], "the failed payment was left out"
        groceries = transactions(engine, profile, search="买菜")
        # 类别 is the category, 项目 the description
        assert set(groceries["category"]) == {"餐饮"} and set(groceries["description"]) == {"买菜"}

        # (4) The figures: last month's surplus, the three months' average, on the budget page
        # and on the home page.
        go(page, "budget", "zh")
        label = t("budget_page.surplus_of", "zh", month=LAST.text("zh"))
        expect(metric(page, label), seen).to_have_text(display(SURPLUS[LAST]))
        average = budget.average_surplus(engine, profile)
        assert average == round(sum(SURPLUS.values()) / 3)
        expect(
            page.get_by_text(plain(t("budget_page.next_positive", "zh", amount=display(average))))
        ).to_be_visible()
        go(page, "home", "zh")
        label = t("home_page.month_last", "zh", month=LAST.text("zh"))
        expect(metric(page, label), seen).to_have_text(display(SURPLUS[LAST]))
        step = home.standing(engine, profile).next_step
        assert step.key == "home.step_add_debts"
        expect(page.get_by_role("heading", name=step.title("zh")), seen).to_be_visible()

        # (5) Two debts, one overdue since a date typed in; every figure in the table.
        go(page, "debts", "zh")
        add_debt(page, "信用卡", balance="6800", minimum="300", rate="18")
        add_debt(
            page,
            "微粒贷",
            balance="15000",
            minimum="1260",
            rate="18.25",
            overdue_since="2026-10-15",
            penalty="27.375",
        )
        stored = {d.name: d for d in list_debts(engine, profile)}
        assert set(stored) == {"信用卡", "微粒贷"}
        assert stored["微粒贷"].overdue_since == dt.date(2026, 10, 15)
        assert stored["微粒贷"].penalty_apr == Decimal("27.375")
        # the table (drawn on a canvas; its cells are in an accessible table behind it)
        table = page.get_by_test_id("stDataFrame").first

        def cells(role: str, name: str, exact: bool = True) -> Locator:
            return table.get_by_role(role, name=name, exact=exact, include_hidden=True)

        expect(cells("columnheader", t("debts_page.col_penalty", "zh"))).to_have_count(1)
        days = (TODAY - dt.date(2026, 10, 15)).days
        status = t("debts_page.overdue_badge", "zh", date=dt.date(2026, 10, 15), days=days)
        expect(cells("gridcell", status)).to_have_count(1)
        expect(cells("gridcell", "27.375", exact=False)).to_have_count(1)
        total = sum(d.balance_cents for d in stored.values())
        expect(metric(page, t("debts_page.total", "zh")), seen).to_have_text(display(total))

        # (6) The plan: smallest balance first, a budget typed to the cent; the headline is
        # what core plans; the choices are kept in the profile.
        go(page, "plan", "zh")
        page.get_by_test_id("stRadio").get_by_text(t("plan.strategy_snowball", "zh")).click()
        settle(page)
        typed = text_box(page, t("plan_page.budget_typed", "zh"))
        typed.fill("3200.50")
        typed.press("Enter")
        settle(page)
        expect(page.get_by_test_id("stSliderThumbValue").first).to_have_text(display(320_050))
        choices = plan_choices(engine, profile)
        assert (choices.strategy, choices.budget) == ("snowball", 320_050)
        expected = plan_request(engine, profile, "snowball", budget=320_050).compare()
        chosen = expected.plans["snowball"]
        assert chosen.feasible
        debt_free = metric(page, t("plan_page.debt_free", "zh"))
        expect(debt_free, seen).to_have_text(Month(chosen.debt_free).text("zh"))
        no_exception(page, "the plan page")

        # (7) The workbook: downloaded, opened, its summary the plan's figures.
        with page.expect_download(timeout=90_000) as download:  # built on click, on a busy machine
            button(page, t("plan_page.download", "zh")).click()
        book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert book.sheetnames[0] == t("plan.sheet_summary", "zh")
        summary = {row[0].value: row for row in book.worksheets[0].iter_rows(min_row=2, max_row=4)}
        first = summary[t("plan.strategy_snowball", "zh")]
        assert first[1].value == chosen.months and first[2].value == chosen.debt_free
        assert Decimal(str(first[3].value)) * 100 == chosen.total_interest

        # (8) English, chosen in the menu and kept on a reload.
        page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
        page.get_by_role("option", name="English", exact=True).click()
        expect(title(page), seen).to_have_text(t("plan_page.title", "en"))
        page.reload()
        expect(title(page), seen).to_have_text(t("plan_page.title", "en"))
        expect(metric(page, t("plan_page.debt_free", "en"))).to_have_text(
            Month(chosen.debt_free).text("en")
        )
        assert plan_choices(engine, profile).strategy == "snowball"

    # (9) On a phone, a new visit: English from the profile, and the menu closes after a choice.
    with opened(browser, tmp_path, "phone", locale="zh-CN", **PHONE) as phone:
        phone.goto(app.base)
        expect(title(phone), seen).to_have_text(t("home_page.title", "en"))
        sidebar = phone.get_by_test_id("stSidebar")
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        phone.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
        go(phone, "debts", "en")
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        # the table keeps to its frame: the page itself never scrolls sideways
        wide = phone.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= 375, f"the page is {wide} px wide on a 375 px phone"
        full_screenshot(phone, tmp_path / "phone-debts.png")


def add_debt(
    page: Page, name: str, *, balance: str, minimum: str, rate: str, **overdue: str
) -> None:
    """The new-debt form as a person fills it in (the annual rate; `overdue_since` and
    `penalty` tick the overdue box and open its details)."""
    form = page.get_by_test_id("stForm").first
    text_box(form, t("debts.field_name", "zh")).fill(name)
    text_box(form, t("debts.field_balance", "zh")).fill(balance)
    text_box(form, t("debts.field_min_payment", "zh")).fill(minimum)
    rate_kind = form.get_by_role("radiogroup", name=t("debts_page.rate_kind", "zh"))
    rate_kind.get_by_text(t("debts.field_apr", "zh")).click()
    text_box(form, t("debts_page.rate", "zh")).fill(rate)
    if overdue:
        form.get_by_test_id("stCheckbox").get_by_text(t("debts_page.is_overdue", "zh")).click()
        details = form.get_by_test_id("stExpander").filter(
            has_text=t("debts_page.overdue_details", "zh")
        )
        if details.locator("details").get_attribute("open") is None:
            details.locator("summary").click()
        since = details.get_by_test_id("stDateInput").locator("input")
        since.fill(overdue["overdue_since"])
        since.press("Enter")
        penalty_kind = form.get_by_role("radiogroup", name=t("debts_page.penalty_kind", "zh"))
        penalty_kind.get_by_text(t("debts.field_apr", "zh")).click()
        text_box(form, t("debts_page.penalty_rate", "zh")).fill(overdue["penalty"])
    button(form, t("debts_page.add", "zh")).click()
    settle(page)
    expect(page.get_by_test_id("stToast").filter(has_text=name)).to_be_visible()
    no_exception(page, "the debts page")
