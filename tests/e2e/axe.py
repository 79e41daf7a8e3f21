"""Accessibility checks with axe-core, failing on serious and critical violations."""

from pathlib import Path

from playwright.sync_api import Browser, Page

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
RUN_AXE = "options => axe.run(document, options)"


class AccessibilityError(AssertionError):
    """A page has serious or critical accessibility violations."""


class Axe:
    """Runs axe-core in a page and raises AccessibilityError on blocking violations.

    The pages send a Content-Security-Policy that forbids inline scripts, so axe is
    injected with page.evaluate(), which goes through the DevTools protocol. A page
    without JavaScript cannot run axe: its HTML is checked in a page of the same site
    that has JavaScript.
    """

    def __init__(self, browser: Browser, base_url: str):
        self.source = AXE_PATH.read_text(encoding="utf-8")
        self.browser = browser
        self.base_url = base_url
        self._mirror: Page | None = None

    def check(self, page: Page, javascript: bool = True) -> None:
        target = page if javascript else self._mirror_of(page)
        violations = self._blocking_violations(target)
        if violations:
            raise AccessibilityError(describe(page.url, violations))

    def close(self) -> None:
        if self._mirror is not None:
            self._mirror.context.close()
            self._mirror = None

    def _blocking_violations(self, page: Page) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(self.source)
        options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
        results = page.evaluate(RUN_AXE, options)
        return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]

    def _mirror_of(self, page: Page) -> Page:
        if self._mirror is None:
            context = self.browser.new_context(base_url=self.base_url)
            context.set_default_timeout(30_000)  # generous: busy machines
            self._mirror = context.new_page()
        self._mirror.goto("/healthz")
        self._mirror.set_content(page.content())
        return self._mirror


def describe(url: str, violations: list[dict]) -> str:
    """A readable list of violations: rule, impact, help text and the elements concerned."""
    lines = [f"{len(violations)} serious or critical accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                     f" <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    {_selector(node['target'])}")
    return "\n".join(lines)


def _selector(target: list) -> str:
    return " >> ".join(" ".join(part) if isinstance(part, list) else part for part in target)
