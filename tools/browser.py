"""Playwright helpers shared by the browser test and the screenshots: a page that has finished
drawing, and a picture of all of it."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

# Anything still on its way: a script run, a spinner, a placeholder, a chart not yet drawn.
_BUSY = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') === 'running') return false;
  if (!document.querySelector('[data-testid=stMain] h1')) return false;
  if (document.querySelector('[data-testid=stSpinner], [data-testid=stSkeleton]')) return false;
  if (document.fonts.status !== 'loaded') return false;
  return [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
    .every(chart => chart.querySelector('.main-svg'));
}"""
# The page's own scrolling box (a table scrolls inside its frame and does not count).
_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
    document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0)"""


def settle(page: Page, quiet_ms: int = 400, timeout_ms: int = 60_000) -> None:
    """Wait until the run has ended and nothing is still drawing: the page's height holds
    still for `quiet_ms` (charts and tables size themselves after the run)."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=timeout_ms
    )
    page.wait_for_function(_BUSY, timeout=timeout_ms)
    height = -1
    while True:
        page.wait_for_timeout(quiet_ms)
        page.wait_for_function(_BUSY, timeout=timeout_ms)
        now = page.evaluate(_HEIGHT)
        if now == height:
            return
        height = now


def full_screenshot(page: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its own container, which `full_page` does
    not see, so the window is made as tall as the content for the picture."""
    size = page.viewport_size or {"width": 1280, "height": 1000}
    height = page.evaluate(_HEIGHT)
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 600), 16_000)})
    try:
        page.wait_for_timeout(300)  # charts redraw at the new size
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
