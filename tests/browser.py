"""Real headless Chromium for page tests (maps, server pages), driven with Playwright.

Import the fixture into a conftest.py beside the tests that need it::

    from browser import chromium_context  # noqa: F401  (tests/ is on sys.path via tests/conftest.py)

and open pages with :func:`open_page`, which records console errors, page errors, dialogs and
every request that would leave the machine (anything but file:, data:, blob:, about: and
loopback HTTP), aborting the latter. Tests then assert the report is clean.

Chromium is Debian's (``.ci/system-deps`` installs it), never a Playwright download: the
context is launched with ``executable_path`` and a fresh ``--user-data-dir`` in the test's
temporary folder.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("MEDKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def is_local(url: str) -> bool:
    """True for a URL that stays on this machine."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOOPBACK_HOSTS


@dataclass
class PageReport:
    """What a page did besides rendering: every item is a test failure unless the test expects it."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors] + [f"page error: {m}" for m in self.page_errors]
                + [f"dialog opened: {m}" for m in self.dialogs]
                + [f"request leaving the machine: {u}" for u in self.external_requests])


def launch(user_data_dir: Path):  # type: ignore[no-untyped-def]
    """Start Chromium with a fresh profile; returns (playwright, context): stop both when done."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        context = playwright.chromium.launch_persistent_context(
            str(user_data_dir), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900}, offline=False,
        )
    except Exception:
        playwright.stop()
        raise
    return playwright, context


def open_page(context, url: str, report: PageReport | None = None, wait_until: str = "load"):  # type: ignore[no-untyped-def]
    """A new page at ``url`` whose console errors, dialogs and outbound requests go into ``report``."""
    report = report if report is not None else PageReport()
    page = context.new_page()
    page.on("console", lambda msg: report.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: report.page_errors.append(str(exc)))

    def on_dialog(dialog):  # type: ignore[no-untyped-def]
        report.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def route(route):  # type: ignore[no-untyped-def]
        if is_local(route.request.url):
            route.continue_()
        else:
            report.external_requests.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.goto(url, wait_until=wait_until)
    return page, report


def wait_for(page, expression: str, timeout_s: float = 30.0, interval_s: float = 0.02):  # type: ignore[no-untyped-def]
    """Poll ``expression`` in the page until it is truthy; return its value.

    Playwright's ``wait_for_function`` compiles its predicate inside the page, which a page whose
    Content-Security-Policy forbids ``eval`` (MedKG's maps do) refuses; ``page.evaluate`` goes
    through the debugging protocol and is not subject to the page's policy.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expression!r} still false after {timeout_s} s")
        page.wait_for_timeout(interval_s * 1000)


_shared: dict[str, object] = {"users": 0}


@pytest.fixture(scope="session")
def chromium_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One headless Debian Chromium per test session, with its own fresh profile.

    Several conftest.py files import this fixture, which makes one fixture per folder; Playwright's
    sync API can run only one instance per thread, so they share a single browser, closed when
    the last of them is torn down.
    """
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make system-deps` (.ci/system-deps installs it)")
    if "context" not in _shared:
        _shared["playwright"], _shared["context"] = launch(tmp_path_factory.mktemp("chromium-profile"))
    _shared["users"] = int(_shared["users"]) + 1  # type: ignore[call-overload]
    try:
        yield _shared["context"]
    finally:
        _shared["users"] = int(_shared["users"]) - 1  # type: ignore[call-overload]
        if _shared["users"] == 0:
            _shared.pop("context").close()  # type: ignore[attr-defined]
            _shared.pop("playwright").stop()  # type: ignore[attr-defined]
