"""`make screenshots`: every page of the dashboard, on the example data, at desktop and phone
width, in Chinese and English, written to docs/screenshots/<page>-<lang>-<width>.png.

The app runs as a subprocess over a throwaway SQLite store holding the example data (as the
home page's one click loads it, with the plan page's offer to count its repayments taken);
Debian's Chromium draws it through Playwright, a phone's
browser at 390 px. Each browser asks for its language the way a person's browser does (its
locale), so nothing is clicked first.

    python -m tools.screenshots [--port 8518] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from tools.appserver import CHROMIUM, CHROMIUM_ARGS, ROOT, running_app

OUT = ROOT / "docs" / "screenshots"
WIDTHS = {1280: 900, 390: 844}  # width: the window's height (a laptop, a phone)
# A phone's browser, so the pages look as they do on one (Streamlit tells by the user agent)
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
LOCALES = {"zh": "zh-CN", "en": "en-US"}
DEFAULT_PAGE = "home"  # the page at "/" is saved under this name


def page_names(page, base: str) -> dict[str, str]:
    """Each page's name (its URL path, `home` for the default) and URL, in menu order, read
    from the sidebar menu: whatever pages the app has, all of them."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    pages = {}
    for href in (link.get_attribute("href") for link in links.all()):
        path = urlsplit(href or "").path.strip("/")
        pages[path or DEFAULT_PAGE] = f"{base}/{path}"
    return pages


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import expect, sync_playwright

    from core import db
    from core.ledger import samples
    from core.ledger.budget import average_debt_payments
    from core.planner.request import budget_with_repayments, plan_request
    from core.preferences import PlanChoices, save_plan_choices
    from core.profiles import profile_id
    from tools.browser import full_screenshot, settle

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=None, help="default: a free port")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    written = 0
    with (
        tempfile.TemporaryDirectory(prefix="rc-screens-") as folder,
        running_app(Path(folder), args.port) as app,
        sync_playwright() as playwright,
    ):
        engine = db.get_engine(app.store_url)
        profile = profile_id(engine)
        samples.load_samples(engine, profile)  # the home page's one click
        # and the plan page's offer taken: the example family's repayments counted, so the
        # pictures show a plan that clears
        offered = plan_request(engine, profile, "avalanche")
        with_repaid = budget_with_repayments(offered, average_debt_payments(engine, profile))
        save_plan_choices(engine, profile, PlanChoices(budget=with_repaid))
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        expect.set_options(timeout=60_000)
        for lang, locale in LOCALES.items():
            for width, height in WIDTHS.items():
                phone = width < 768
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    locale=locale,
                    is_mobile=phone,
                    has_touch=phone,
                    **({"user_agent": PHONE_AGENT} if phone else {}),
                )
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.goto(f"{app.base}/")
                settle(page)
                if width >= 768:
                    pages = page_names(page, app.base)
                for name, url in pages.items():
                    page.goto(url)
                    settle(page)
                    path = args.out / f"{name}-{lang}-{width}.png"
                    full_screenshot(page, path)
                    written += 1
                    print(f"{path.relative_to(ROOT)}", flush=True)
                context.close()
        browser.close()
    print(f"{written} screenshots in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
