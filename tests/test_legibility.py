"""Legibility at common screens: every page and presentation mode at 1024x768, 1280x720, 1366x768 and
1920x1080, measured in the browser (element boxes, not screenshots): chart titles, sources and tick labels
inside their plot, no two tick labels of an axis overlapping, no card label cut or word broken mid-word."""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from browser_support import APP_TIMEOUT_MS, artifacts_dir, launch_chromium, open_app, registered_pages

pytestmark = pytest.mark.browser

SIZES = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080)]
# Measured on a warehouse built from ../shared/data (docs/legibility.md): every page and presentation
# mode are legible at all four sizes. Each page is loaded once, at the first size, then the window is
# resized to the others, as a user resizes it or plugs in a projector: the app lays nothing out from the
# window's size on the server (charts are laid out for the narrowest chart, presentation mode for
# 1024x768); plotly and the page's CSS redraw in the browser, and each size is measured once every chart
# has been redrawn at its new width.
PAGES = registered_pages()
PRESENTED = ["overview-ratifications", "overview-theme-heatmap", "overview-map"]

# Every problem found on the page, as readable strings (empty list = legible).
PROBLEMS_JS = """() => {
  const problems = [];
  const box = el => el.getBoundingClientRect();
  const inside = (inner, outer) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1 &&
                                   inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
                            Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot').forEach((plot, index) => {
    const svg = plot.querySelector('svg.main-svg');
    if (!svg) return;
    const frame = box(svg);
    const name = (plot._fullLayout && plot._fullLayout.title && plot._fullLayout.title.text || 'chart ' + index)
                 .replace(/<[^>]*>/g, ' ').slice(0, 50);
    plot.querySelectorAll('.gtitle, .annotation-text, .xtick text, .ytick text, .g-xtitle text, .g-ytitle text')
        .forEach(text => {
      const b = box(text);
      if (b.width > 0 && !inside(b, frame)) problems.push(`${name}: '${text.textContent.slice(0, 40)}' outside the chart`);
    });
    ['xtick', 'ytick'].forEach(kind => {
      const ticks = Array.from(plot.querySelectorAll(`.${kind} text`)).map(t => [t.textContent, box(t)])
                         .filter(([, b]) => b.width > 0);
      for (let i = 0; i < ticks.length; i++) for (let j = i + 1; j < ticks.length; j++)
        if (overlap(ticks[i][1], ticks[j][1]))
          problems.push(`${name}: tick labels '${ticks[i][0]}' and '${ticks[j][0]}' overlap`);
    });
  });
  document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetricLabel"] *').forEach(el => {
    if (el.children.length === 0 && el.scrollWidth > el.clientWidth + 1)
      problems.push(`metric label '${el.textContent}' cut`);
  });
  const words = el => {   // a word laid out over two lines is broken mid-word
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, text = node.textContent;
      const re = /\\S+/g; let match;
      while ((match = re.exec(text))) {
        const range = document.createRange();
        range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (lines.size > 1) problems.push(`'${match[0]}' broken over two lines`);
      }
    }
  };
  document.querySelectorAll('[data-testid="stMain"] [data-testid="stVerticalBlockBorderWrapper"] strong, ' +
                            '[data-testid="stMain"] [data-testid="stColumn"] strong, ' +   // cards (Streamlit 1.67)
                            '[data-testid="stMain"] [data-testid="stMetricLabel"], ' +
                            '[data-testid="stMain"] h1, [data-testid="stMain"] h2').forEach(words);
  return problems;
}"""


@pytest.fixture(scope="module")
def server(real_server):
    return real_server


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


# True once every chart has been drawn again at its container's width after a resize (Streamlit draws a
# chart at least 150 px wide: an Overview card's sparkline at 1280 px is 150 px in a 145 px card; a chart
# in a closed expander has no width and is not waited for).
REDRAWN_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')).every(
  plot => !plot._fullLayout || plot.getBoundingClientRect().width === 0
          || Math.abs(plot._fullLayout.width - Math.max(150, plot.getBoundingClientRect().width)) < 2)"""


def at_each_size(chromium, url: str, timeout_ms: int = APP_TIMEOUT_MS):
    """The page at `url` loaded at the first size, then the window resized to each of the others: yields
    (page, size) at each, once every chart has been redrawn at its new width."""
    first = SIZES[0]
    context = chromium.new_context(viewport={"width": first[0], "height": first[1]}, locale="en-GB")
    try:
        page = context.new_page()
        open_app(page, url, timeout_ms)
        for size in SIZES:
            if size != first:
                page.set_viewport_size({"width": size[0], "height": size[1]})
                page.wait_for_function(REDRAWN_JS, timeout=30_000)
            page.wait_for_timeout(500)     # plotly lays out its text after the first paint
            yield page, size
    finally:
        context.close()


def problems_at_sizes(chromium, url: str, shot: str) -> dict[str, list[str]]:
    """'WIDTHxHEIGHT' -> the problems found there, for the page at `url` at each size (at_each_size), with a
    screenshot at each."""
    found = {}
    for page, (width, height) in at_each_size(chromium, url):
        name = f"{width}x{height}"
        page.screenshot(path=str(artifacts_dir() / f"{shot}-{name}.png"))
        problems = page.evaluate(PROBLEMS_JS)
        if problems:
            found[name] = sorted(set(problems))
    return found


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{size}: {problem}" for size, problems in found.items() for problem in problems)


@pytest.mark.parametrize("app_page", PAGES, ids=[page.name for page in PAGES])
def test_every_page_is_legible_at_every_size(server, chromium, app_page):
    found = problems_at_sizes(chromium, server.url(app_page.address), shot=f"legible-{app_page.name}")
    assert found == {}, report(found)


@pytest.mark.parametrize("chart_id", PRESENTED)
def test_presentation_mode_is_legible_at_every_size(server, chromium, chart_id):
    found = problems_at_sizes(chromium, server.url("", present=chart_id), shot=f"present-{chart_id}")
    assert found == {}, report(found)


def test_the_check_catches_overlapping_ticks_and_a_word_broken_mid_word(chromium):
    context = chromium.new_context(viewport={"width": 400, "height": 300})
    try:
        page = context.new_page()
        page.set_content("""<div data-testid="stMain"><div data-testid="stVerticalBlockBorderWrapper">
          <strong style="display:block;width:40px;word-break:break-all">Kazakhstan</strong></div>
          <div class="js-plotly-plot"><svg class="main-svg" width="300" height="100">
            <g class="xtick"><text x="10" y="50">Convention</text></g>
            <g class="xtick"><text x="30" y="50">Covenant</text></g></svg></div></div>""")
        problems = page.evaluate(PROBLEMS_JS)
    finally:
        context.close()
    assert "'Kazakhstan' broken over two lines" in problems
    assert "chart 0: tick labels 'Convention' and 'Covenant' overlap" in problems
