"""Browser tests: a real headless Chromium, driven by Selenium, against a real
`azubimatch serve` process.

The server harness (Server, BIN, REPO) is the one in tests/http/conftest.py,
loaded here under its own module name; pytest imports every conftest.py as
the module "conftest", so a plain `import conftest` would find this file.

    site       one seeded server per test module (demo accounts loaded)
    browser    a factory: browser() starts a fresh Chromium with its own
               profile (no shared cookies); all are closed after the test

Without Chromium, chromedriver or Selenium the tests are skipped, never
errors. Selenium is given the driver's path, so it never tries to download
one (Selenium Manager needs the network).
"""

import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

_HTTP_CONFTEST = Path(__file__).resolve().parent.parent / "http" / "conftest.py"
_spec = importlib.util.spec_from_file_location("azubimatch_http_harness", _HTTP_CONFTEST)
harness = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = harness
_spec.loader.exec_module(harness)


def pytest_collection(session):
    """The HTTP tests do `from conftest import ...`. In a run such as
    `pytest tests/http tests/browser` this file is imported after theirs and
    takes the name "conftest"; give the name back to their conftest module
    before any test module is imported. (Returns None: collection goes on.)"""
    current = sys.modules.get("conftest")
    if current is None or Path(getattr(current, "__file__", "")).resolve() != Path(__file__).resolve():
        return
    for plugin in session.config.pluginmanager.get_plugins():
        if Path(getattr(plugin, "__file__", None) or "/nonexistent").resolve() == _HTTP_CONFTEST:
            sys.modules["conftest"] = plugin
            return


CHROMIUM = os.environ.get("AZUBIMATCH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("AZUBIMATCH_CHROMEDRIVER", "/usr/bin/chromedriver")

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--lang=de-DE",
)


def _missing_browser():
    """Why the browser tests cannot run here, or None."""
    try:
        import selenium.webdriver  # noqa: F401  (only: is it there?)
    except ImportError:
        return "Selenium is not installed (Debian: python3-selenium; run with /usr/bin/python3)"
    for what, path in (("Chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{what} not found at {path} (Debian: chromium, chromium-driver)"
    return None


@pytest.fixture(scope="session")
def browser_available():
    why = _missing_browser()
    if why:
        pytest.skip(why)


@pytest.fixture(scope="module")
def site(browser_available, tmp_path_factory):
    """A running server whose database has the demo accounts."""
    if not harness.BIN.exists():
        pytest.fail(f"no server binary at {harness.BIN} (make build/san/azubimatch)")
    srv = harness.Server(tmp_path_factory.mktemp("browser-server"))
    seeded = srv.cli("seed", "demo")
    if seeded.returncode != 0:
        srv.close()
        pytest.fail(f"seed demo failed: {seeded.stderr}")
    yield srv
    srv.close()


def _start_chromium(profile):
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument("--window-size=1280,900")
    # a German member of staff: the server picks the language by Accept-Language
    options.add_experimental_option("prefs", {"intl.accept_languages": "de-DE,de"})
    try:
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    except WebDriverException as e:
        pytest.fail(f"Chromium did not start: {e.msg}")
    driver.set_page_load_timeout(20)
    return driver


@pytest.fixture
def browser(browser_available):
    """browser() -> a new WebDriver with a fresh profile; closed after the test."""
    started = []

    def make():
        profile = tempfile.mkdtemp(prefix="azubimatch-chromium-")
        driver = _start_chromium(profile)
        started.append((driver, profile))
        return driver

    yield make
    for driver, profile in started:
        try:
            driver.quit()
        finally:
            shutil.rmtree(profile, ignore_errors=True)
