"""The dashboard in a real browser: `streamlit run dashboard/app.py` as a subprocess on a fresh
SQLite store, driven by Playwright through Debian's Chromium, as a person uses it.

Budget page with the sample data → English → import a WeChat bill → payoff plan, counting the
repayments the budget already makes. What the pages show is compared with the message
catalogue and with what `core` reads back from the same store.

Without /usr/bin/chromium (or Playwright) the test is skipped with the reason; with
CI_REQUIRE_BROWSER=1 (set by .ci/run, which installs Chromium) it fails instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest

from core import db
from core.debts.store import list_debts
from core.i18n import t
from core.ledger import budget
from core.ledger.transactions import transactions
from core.money import display, to_cents
from core.months import Month
from core.planner.request import plan_request
from core.profiles import profile_id
from tests.filemakers import wechat_csv, wechat_record

try:
    from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
except ImportError:  # the dev extra is not installed
    sync_playwright = None

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
]
REQUIRED = os.environ.get("CI_REQUIRE_BROWSER") == "1"
START_TIMEOUT_S = 60
WAIT_MS = 30_000  # the first page waits for the sample data to load; a busy CI machine is slow

# An older bill: spending in a month before the sample's, so the three months the plan's budget
# is averaged from stay the sample's whatever today's date. Its failed payment is left out.
BILL_NAME = "微信支付账单.csv"
BILL_RECORDS = [
    wechat_record(
        dt.datetime(2026, 4, 3, 12, 5), "商户消费", "阿强面馆", "牛肉面", "支出", "23.50"
    ),
    wechat_record(dt.datetime(2026, 4, 5, 8, 30), "商户消费", "街角咖啡", "拿铁", "支出", "18.00"),
    wechat_record(
        dt.datetime(2026, 4, 6, 19, 0), "商户消费", "阿强面馆", "饺子", "支出", "30.00", "支付失败"
    ),
]


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason}; CI_REQUIRE_BROWSER=1 says the browser test must run", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started: it leads its own process group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Server(NamedTuple):
    base: str  # http://127.0.0.1:<port>
    store_url: str  # the app's DATABASE_URL
    log: Path  # what streamlit printed


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real app on a free port over a new, empty SQLite store."""
    folder = tmp_path_factory.mktemp("browser")
    store_url = f"sqlite:///{folder / 'store.db'}"
    port = _free_port()
    log_path = folder / "streamlit.log"
    env = {**os.environ, "DATABASE_URL": store_url}
    env.pop("RC_PROFILE", None)
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with code {process.returncode} before answering; "
                    f"its output ({log_path}):\n{log_path.read_text(errors='replace')[-3000:]}"
                )
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit did not answer {base}/_stcore/health within {START_TIMEOUT_S} s; "
                    f"its output ({log_path}):\n{log_path.read_text(errors='replace')[-3000:]}"
                )
            time.sleep(0.2)
        yield Server(base, store_url, log_path)
    finally:
        _stop(process)


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


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    expect.set_options(timeout=WAIT_MS)
    yield page
    context.close()


# --- what a person sees ---------------------------------------------------------------------


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


def settled(page: Page) -> None:
    """Wait for the script run to end: what it shows is all there (a traceback included)."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning")


def no_exception(page: Page, where: str) -> None:
    settled(page)
    shown = page.get_by_test_id("stException").all_inner_texts()
    assert not shown, f"a traceback on {where}:\n" + "\n".join(shown)


def nav_link(page: Page, name: str, lang: str) -> Locator:
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=t(f"nav.{name}", lang))


def message_pattern(key: str, lang: str, field: str, value: str) -> re.Pattern[str]:
    """The catalogue message `key` with its `{field}` as the regex `value`, matched whole."""
    marker = "\x00"
    before, after = t(key, lang, **{field: marker}).split(marker)
    return re.compile(f"^{re.escape(before)}{value}{re.escape(after)}$")


MONEY = r"¥[\d,]+(?:\.\d\d)?"  # as a page writes yuan: ¥2969, ¥2,969 or ¥2,969.00


def cents(text: str) -> int:
    return to_cents(Decimal(text.removeprefix("¥").replace(",", "")))


def money_pattern(amount: int) -> re.Pattern[str]:
    """`amount` (cents) written in any of the ways MONEY allows, matched whole."""
    yuan, fen = divmod(amount, 100)
    decimals = f"\\.{fen:02d}" if fen else r"(?:\.00)?"
    return re.compile(f"^¥(?:{yuan}|{yuan:,}){decimals}$")


def full_screenshot(page: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its own container, which `full_page` does
    not see, so the window is made as tall as the content for the picture."""
    size = page.viewport_size or {"width": 1280, "height": 1000}
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
            ...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stMain] *')]
                .map(e => e.scrollHeight))"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 600), 16_000)})
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)


@contextlib.contextmanager
def screenshot_on_failure(page: Page, path: Path) -> Iterator[None]:
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            full_screenshot(page, path)
        raise


# --- the flow -------------------------------------------------------------------------------


def test_budget_language_import_and_plan_in_a_real_browser(
    page: Page, server: Server, tmp_path: Path
) -> None:
    """`page` comes first: without a browser, the test stops before starting the server."""
    base, store_url = server.base, server.store_url
    shot = tmp_path / "plan-page.png"
    seen = f"(screenshot: {shot}; server log: {server.log})"
    with screenshot_on_failure(page, shot):
        # (1) First visit: the sample data loads and the budget page shows it, in Chinese.
        page.goto(f"{base}/")
        expect(title(page), seen).to_have_text(t("budget_page.title", "zh"))
        expect(page.get_by_test_id("stMetric").first, seen).to_be_visible()
        engine = db.get_engine(store_url)
        profile = profile_id(engine)
        latest = budget.monthly(engine, profile)[-1]
        surplus = metric(page, t("budget_page.surplus_of", "zh", month=latest.month))
        expect(surplus, seen).to_have_text(display(latest.surplus))
        no_exception(page, f"the budget page {seen}")

        # (2) English, from the sidebar.
        page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
        page.get_by_role("option", name="English", exact=True).click()
        expect(title(page), seen).to_have_text(t("budget_page.title", "en"))
        surplus = metric(page, t("budget_page.surplus_of", "en", month=latest.month))
        expect(surplus, seen).to_have_text(display(latest.surplus))

        # (3) Import a WeChat bill: preview, confirm, report; the rows are in the store.
        before = len(transactions(engine, profile))
        nav_link(page, "import", "en").click()
        expect(title(page), seen).to_have_text(t("import_page.title", "en"))
        page.locator("input[type=file]").set_input_files(
            {"name": BILL_NAME, "mimeType": "text/csv", "buffer": wechat_csv(BILL_RECORDS)}
        )
        understood = t(
            "import_page.understood",
            "en",
            layout=t("import_page.layout_wechat", "en"),
            rows=2,
            sheets=1,
            skipped=1,
        )
        expect(page.get_by_text(plain(understood), exact=True), seen).to_be_visible()
        page.get_by_role("button", name=t("import_page.confirm", "en", rows=2)).click()
        report = t("import_page.report", "en", imported=2, duplicates=0, skipped=1)
        done = page.get_by_test_id("stAlertContentSuccess").filter(has_text=report)
        expect(done, seen).to_have_text(report)
        no_exception(page, f"the import page {seen}")
        assert len(transactions(engine, profile)) == before + 2
        noodles = transactions(engine, profile, search="阿强面馆")
        assert noodles["amount_cents"].tolist() == [-2350], "the failed payment was not left out"
        coffee = transactions(engine, profile, search="街角咖啡")
        assert coffee["amount_cents"].tolist() == [-1800]
        assert budget.monthly(engine, profile)[0].month == "2026-04"

        # (4) The payoff plan: the sample budget is short of the sample debts' minimums, so
        # the page shares it out fairly; counting the repayments it already makes gives a
        # plan, debt-free in a month.
        debts = list_debts(engine, profile)
        assert debts, "the sample debts are in the store"
        average = budget.average_surplus(engine, profile)
        repaid = budget.average_debt_payments(engine, profile)
        assert average is not None and repaid, "the sample has a surplus and repayments"
        nav_link(page, "plan", "en").click()
        expect(title(page), seen).to_have_text(t("plan_page.title", "en"))
        budget_slider = page.get_by_test_id("stSlider").filter(
            has=page.get_by_text(t("plan_page.budget", "en"), exact=True)
        )
        slider_value = budget_slider.get_by_test_id("stSliderThumbValue")
        expect(slider_value, seen).to_have_text(re.compile(f"^{MONEY}$"))
        start_budget = cents(slider_value.inner_text())
        assert abs(start_budget - average) < 100, f"starts at the average surplus {seen}"
        short = plan_request(engine, profile, "avalanche", budget=start_budget)
        short_plan = short.compare().plans["avalanche"]
        assert {d.name for d in short.debts} == {d.name for d in debts}
        assert not short_plan.feasible, seen
        assert short_plan.problem.kind == "below_minimums", seen
        split = short.split()
        expect(page.get_by_text(t("split.title", "en"), exact=True), seen).to_be_visible()
        agreed = split.accepted
        expect(metric(page, t("split.accepted_title", "en")), seen).to_have_text(
            Month(agreed.debt_free).text("en") if agreed.feasible else t("split.never", "en")
        )
        expect(page.get_by_test_id("stAlertContentError"), seen).to_have_count(0)

        offer = page.get_by_role(
            "button", name=message_pattern("plan_page.use_repayments", "en", "amount", MONEY)
        )
        expect(offer, seen).to_be_visible()
        offered = cents(re.search(MONEY, offer.inner_text()).group())
        assert abs(offered - (average + repaid)) <= 100, f"surplus plus repayments {seen}"
        offer.click()
        expect(slider_value, seen).to_have_text(money_pattern(offered))
        request = plan_request(engine, profile, "avalanche", budget=offered)
        expected = request.compare().plans["avalanche"]
        assert expected.feasible, seen
        debt_free = metric(page, t("plan_page.debt_free", "en"))
        expect(debt_free, seen).to_have_text(Month(expected.debt_free).text("en"))
        no_exception(page, f"the plan page {seen}")
        expect(page.get_by_test_id("stAlertContentError"), seen).to_have_count(0)
        full_screenshot(page, shot)
    assert shot.stat().st_size > 0
