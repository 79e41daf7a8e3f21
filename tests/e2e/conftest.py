"""Browser tests: a live server on a scratch database, headless Chromium and axe-core."""

import email
import os
import shutil
import time
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.e2e.axe import AXE_PATH, Axe
from tests.e2e.flows import sign_in_as_admin, sign_in_as_facilitator
from tests.e2e.server import start_live_server
from tests.e2e.tab import Tab

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000  # a bound against hangs, generous for a busy two-core machine
expect.set_options(timeout=TIMEOUT_MS)  # assertions wait as long as actions (5 s by default)


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


def _missing_tools() -> list[str]:
    missing = []
    if not shutil.which("chromium"):
        missing.append("Chromium (apt-get install chromium)")
    if not AXE_PATH.is_file():
        missing.append(f"axe-core at {AXE_PATH} (npm ci)")
    return missing


@pytest.fixture(scope="session")
def chromium_path():
    """The system Chromium; the browser tests skip without it, and fail on CI."""
    missing = _missing_tools()
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser(chromium_path):
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    server = start_live_server(tmp_path_factory.mktemp("e2e"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def axe(browser, live_server):
    checker = Axe(browser, live_server.url)
    yield checker
    checker.close()


@pytest.fixture
def open_tab(browser, live_server, axe):
    """Factory: a tab in a new browser context (its own cookies), JavaScript on or off."""
    tabs = []

    def open_(javascript: bool = True, storage_state: dict | None = None) -> Tab:
        tab = _new_tab(browser, live_server, axe, javascript, storage_state)
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        tab.context.close()
    for tab in tabs:
        assert not tab.server_errors, f"server errors: {tab.server_errors}"
        assert not tab.unchecked(), f"pages loaded without an axe check: {tab.unchecked()}"


def _new_tab(browser, live_server, axe, javascript=True, storage_state=None) -> Tab:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript,
                                  locale="en-GB", storage_state=storage_state)
    context.set_default_timeout(TIMEOUT_MS)
    return Tab(context, axe, javascript=javascript)


@pytest.fixture(scope="session")
def admin_session(browser, live_server, axe) -> dict:
    """The cookies of a signed-in administrator, for tests that start signed in."""
    tab = _new_tab(browser, live_server, axe)
    try:
        sign_in_as_admin(tab)
        return tab.context.storage_state()
    finally:
        tab.context.close()


@pytest.fixture(scope="module")
def facilitator_tab(browser, live_server, axe):
    """A signed-in facilitator's tab that the tests of a module share to set up rounds."""
    tab = _new_tab(browser, live_server, axe)
    sign_in_as_facilitator(tab)
    yield tab
    tab.context.close()
    assert not tab.server_errors, f"server errors: {tab.server_errors}"
    assert not tab.unchecked(), f"pages loaded without an axe check: {tab.unchecked()}"


@pytest.fixture
def tab(open_tab) -> Tab:
    """A tab with JavaScript, in a fresh browser context."""
    return open_tab()


@pytest.fixture
def inbox(live_server):
    """A function returning the newest e-mail sent to an address."""

    def newest(address: str) -> EmailMessage:
        # Some messages leave after the response has been sent (invitations, password
        # resets): wait for them, with a bound that does not depend on the machine's speed.
        deadline = time.monotonic() + 60
        while True:
            messages = [email.message_from_bytes(path.read_bytes(), policy=policy.default)
                        for path in sorted(live_server.mail_dir.glob("*.eml"))]
            to_address = [m for m in messages if m["To"] == address]
            if to_address or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert to_address, f"no e-mail was sent to {address}"
        return to_address[-1]

    return newest

