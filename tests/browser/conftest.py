"""Playwright against Debian's Chromium (browser downloads are impossible here).

Checks use Playwright's auto-waiting `expect`: it retries until the page shows what is
expected (or the timeout passes), so a test never reads a page that is still loading."""

import os
import re

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
TIMEOUT_MS = 10_000
DEMO_PASSWORD = "sentra-demo-2026"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def at(path: str) -> re.Pattern:
    """A whole URL on the live server whose path (and fragment) match `path`, a regex.
    Anchored at both ends: `at("/")` is the home page, not any URL ending in a slash."""
    return re.compile(rf"^https?://[^/]+{path}$")


HOME = at("/")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _unhashed_static_names(settings):
    # live_server serves static files from the finders, which know no hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def new_phone(browser, live_server):
    """Opens a fresh browser page at phone width, speaking Indonesian, in its own context
    (its own cookies: another person on another phone). Closed after the test."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport=PHONE, locale="id-ID", base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def phone(new_phone):
    """A fresh browser page at phone width, speaking Indonesian."""
    return new_phone()


@pytest.fixture
def demo_accounts(transactional_db, reference_data):
    from sentra import demo

    return demo.seed_organisation()


def submit_login(page, username, password=DEMO_PASSWORD):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()


def log_in(page, username, password=DEMO_PASSWORD):
    """Log in and wait until the home page is reached."""
    submit_login(page, username, password)
    expect(page).to_have_url(HOME)


def flash(page, text):
    """The message the server flashed at the top of the page, containing `text`."""
    return page.locator("#content > .alert").filter(has_text=text)
