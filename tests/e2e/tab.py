"""A browser tab whose every page load is checked with axe before the test goes on."""

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Locator, Page, Response

from tests.e2e.axe import Axe


class Tab:
    """A Playwright page plus navigation helpers that run axe after each load.

    Use visit() to open an address and click() or press() for anything that loads a new
    page (links, form submissions). Every load is recorded; unchecked() lists the loads
    that no accessibility check followed, and the fixture fails a test that leaves any.
    Other attributes (get_by_label, get_by_role, keyboard, ...) are the page's own.
    """

    def __init__(self, context: BrowserContext, axe: Axe, javascript: bool = True):
        self.context = context
        self.page = context.new_page()
        self.axe = axe
        self.javascript = javascript
        self.loads: list[str] = []
        self.checked = 0
        self.server_errors: list[str] = []
        self.page.on("load", self._loaded)
        self.page.on("response", self._responded)

    def __getattr__(self, name: str):
        return getattr(self.page, name)

    def visit(self, path: str) -> Response | None:
        """Open an address (relative to the live server) and check the page."""
        response = self.page.goto(path)
        self.check()
        return response

    def click(self, target: Locator) -> None:
        """Click something that loads a new page, wait for it and check it."""
        self.navigate(target.click)

    def press(self, target: Locator, key: str = "Enter") -> None:
        """Press a key that loads a new page, wait for it and check it."""
        self.navigate(lambda: target.press(key))

    def navigate(self, action: Callable[[], object]) -> None:
        """Run an action that loads a new page, wait for the load and check the page."""
        with self.page.expect_event("load"):
            action()
        self.check()

    def check(self) -> None:
        """Run axe on the current page."""
        self.checked = len(self.loads)
        self.axe.check(self.page, javascript=self.javascript)

    def unchecked(self) -> list[str]:
        """Pages loaded since the last accessibility check."""
        return self.loads[self.checked:]

    def _loaded(self, page: Page) -> None:
        self.loads.append(page.url)

    def _responded(self, response: Response) -> None:
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} "
                                      f"{response.url}")
