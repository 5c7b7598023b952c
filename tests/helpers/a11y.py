"""Accessibility checks in a real browser: axe-core (bundled by axe-playwright-python), a page's readiness,
keyboard walking and the visible focus."""

from axe_playwright_python.base import AXE_SCRIPT
from coloraide import Color

# WCAG 2.1 A and AA, as the issue asks; a violation of these impacts fails the test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"critical", "serious"}
MAX_TABS = 80


def settle(page) -> None:
    """Wait until the script run is over and every chart shown is drawn (axe reads the DOM as it is)."""
    page.locator('[data-test-script-state="notRunning"]').wait_for()
    page.wait_for_function(  # a chart in a tab not shown is drawn only when its tab is
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".every(chart => !chart.checkVisibility() || chart.querySelector('.main-svg'))"
    )
    page.wait_for_load_state("networkidle")


def axe_version(page) -> str:
    page.evaluate(AXE_SCRIPT)
    return page.evaluate("axe.version")


def violations(page) -> list[str]:
    """'rule (impact): node — why' for each critical or serious WCAG 2.1 A/AA violation on the page as it
    is. None is excused: axe-core finds none inside Streamlit's own widgets here (README, Accessibility)."""
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"{rule['id']} ({rule['impact']}): {node['html'][:120]} — {node['failureSummary']}"
        for rule in result["violations"]
        if rule["impact"] in FAILING_IMPACTS
        for node in rule["nodes"]
    ]


def sidebar_caption_contrasts(page) -> list[float]:
    """Contrast of each caption in the sidebar against the sidebar's background (axe leaves these
    "incomplete": the sidebar's layers hide the background from it)."""
    colours = page.evaluate(
        """() => {
            const sidebar = document.querySelector('[data-testid=stSidebar]');
            const background = getComputedStyle(sidebar).backgroundColor;
            return [...sidebar.querySelectorAll('[data-testid=stCaptionContainer]')].map(caption => {
                const style = getComputedStyle(caption);
                return [style.color, parseFloat(style.opacity), background];
            });
        }"""
    )
    contrasts = []
    for text, opacity, background in colours:
        seen = Color(text).set("alpha", lambda alpha, o=opacity: alpha * o)  # captions are see-through
        contrasts.append(Color.layer([seen, background]).contrast(background, method="wcag21"))
    return contrasts


def focused(page) -> dict:
    """What has the keyboard focus: its tag, test id (or its nearest ancestor's), the test ids around it,
    its text and outline width."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            const style = getComputedStyle(e);
            return {
                tag: e.tagName,
                testid: e.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
                inside: [...document.querySelectorAll('[data-testid]')].filter(a => a.contains(e))
                    .map(a => a.getAttribute('data-testid')),
                text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
                outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
            };
        }"""
    )


def tab_to(page, matches, backwards: bool = False) -> dict:
    """Press Tab (Shift+Tab) until the focused element matches; fails after MAX_TABS presses."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if matches(now):
            return now
    raise AssertionError(f"not reached with {MAX_TABS} presses of Tab; focus on {focused(page)}")
