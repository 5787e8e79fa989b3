"""Real-browser tests: Debian's Chromium driven by Playwright against a live server on loopback.

One server and one browser per process for the whole run (starting either costs seconds; a
test costs less), a fresh browser context (cookies, storage, viewport) for every page a test opens.

The server is werkzeug's, in a thread of this process, serving an app made like `demo_app` and
seeded as `flask seed demo` seeds a development database: the demo directory, the four demo
accounts and their six months of helpline activity. In-process rather than a subprocess because
the app keeps the suite's fixed clock (`NOW`, a callable a command line cannot pass), starts
without a second Python and its imports, and its database can be read by a test to check what
a journey saved.

Every page a test loads must be checked with axe-core (`browsing.axe_check`): the `pages`
fixture fails a test that loaded one it did not check. A failing test leaves a screenshot and
the HTML of each of its pages in build/browser-failures/.
"""

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

from knowledge.directory.indexing import rebuild_search_index
from knowledge.extensions import db
from tests.browser.browsing import AXE_SCRIPT, LOADED, PHONE, ROOT, LoadedPages, Person
from tests.conftest import make_app

CHROMIUM = Path("/usr/bin/chromium")
FAILURES = ROOT / "build" / "browser-failures"

# Playwright waits up to this long for an element or a page. A page here takes well under a
# second; five is room for a busy CI machine without letting a hang go unnoticed for long.
TIMEOUT_MS = 5_000


def pytest_collection_modifyitems(items) -> None:
    """With pytest-xdist (`make test` runs `-n 2 --dist loadgroup`) each file's browser tests
    stay on one worker, so a worker starts its live server and Chromium once however many
    files it is given. One group for all of them was the whole run's critical path: a chain of
    five and a half minutes on one worker while the other ran out of work."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group(f"browser-{item.path.stem}"))


class QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


@dataclass
class LiveServer:
    url: str
    app: Flask


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    app = make_app(tmp_path_factory.mktemp("browser"))
    with app.app_context():
        db.create_all()
        result = app.test_cli_runner().invoke(args=["seed", "demo"])
        assert result.exit_code == 0, result.output
        rebuild_search_index()
        db.session.remove()
    # Port 0: the system picks a free port, so two runs on one machine never collide.
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Fail, not skip: CI installs Chromium (make system-packages), so a missing one is a broken
    # machine, and skipped browser tests would let accessibility regressions land unseen.
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}: run "
            "`apt-get install chromium` (`make test` does, through `make system-packages`).",
            pytrace=False,
        )
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing ({AXE_SCRIPT}): run `npm ci`.", pytrace=False)
    with sync_playwright() as playwright:
        # Playwright's own browser download cannot reach its server from here; Debian's can.
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


call_failed = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[call_failed] = report.failed
    return report


@dataclass
class Pages:
    """Opens pages, each in a browser context of its own, and keeps them for the end of the
    test: the axe bookkeeping, or the failure report."""

    browser: Browser
    base_url: str
    opened: list[Page] = field(default_factory=list)

    def open(self, viewport=PHONE, javascript: bool = True, **options) -> Page:
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport=viewport,
            java_script_enabled=javascript,
            locale="en-GB",
            timezone_id="Europe/London",
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        loaded = LOADED[page] = LoadedPages(javascript)
        page.on("load", lambda: loaded.urls.append(page.url))
        self.opened.append(page)
        return page


@pytest.fixture
def pages(browser, live_server, request) -> Iterator[Pages]:
    opened = Pages(browser, live_server.url)
    yield opened
    try:
        if request.node.stash.get(call_failed, False):
            save_failure(request.node.name, opened.opened)
        else:
            unchecked = [url for page in opened.opened for url in LOADED[page].unchecked()]
            assert not unchecked, f"pages loaded without an axe check: {unchecked}"
    finally:
        for page in opened.opened:
            LOADED.pop(page).close()
            page.context.close()


@pytest.fixture
def phone(pages) -> Page:
    """A 360px-wide phone, JavaScript on."""
    return pages.open(PHONE)


def save_failure(test_name: str, opened: list[Page]) -> None:
    FAILURES.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", test_name)
    for number, page in enumerate(opened):
        if page.is_closed():
            continue
        name = f"{stem}-{number}" if len(opened) > 1 else stem
        try:
            page.screenshot(path=FAILURES / f"{name}.png", full_page=True)
            (FAILURES / f"{name}.html").write_text(page.content(), encoding="utf-8")
        except Exception as problem:  # a crashed page must not hide the test's own failure
            (FAILURES / f"{name}.txt").write_text(f"could not save the page: {problem}\n")


@pytest.fixture(params=["mouse", "keyboard"])
def person(request, pages) -> Person:
    """Someone on a 360px phone, once with the mouse and once with the keyboard alone."""
    return Person(pages.open(PHONE), keyboard=request.param == "keyboard")
