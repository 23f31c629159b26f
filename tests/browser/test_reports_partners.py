"""Issue 13 in a browser: the report page (SVG charts with their tables,
readable without script) and a partner's page, at 1280 and 360 px, each
with axe-core's WCAG 2.1 A/AA rules and tap targets (a11y.audit), no
sideways scrolling of the page, and a screenshot."""

import pytest

import a11y
from test_accessibility import WIDTHS, fits, staff
from test_staff_flows import heading, open_page, path

try:
    from selenium.webdriver.common.by import By
except ImportError:  # the browser fixture skips every test, saying why
    pass


@pytest.mark.parametrize("width", WIDTHS)
def test_report_page(site, browser, width):
    d = staff(browser, site, "caseworker", WIDTHS[width])
    open_page(d, site, "/")
    assert d.find_elements(By.ID, "own-figures"), "no own figures on the start page"
    d.find_element(By.CSS_SELECTOR, "header a[href='/reports']").click()
    assert path(d) == "/reports"
    assert heading(d) == "Bericht für den Fördermittelgeber"
    charts = d.find_elements(By.CSS_SELECTOR, "main svg[role='img']")
    assert len(charts) >= 12
    for svg in charts[:3]:
        assert svg.get_attribute("aria-labelledby")
    fits(d, "report page")
    a11y.screenshot(d, f"reports-{width}")
    a11y.audit(d, "the report page")
    # a figure leads to its records
    d.find_element(By.CSS_SELECTOR, "#row-companies_contacted a[href^='/reports/records']").click()
    assert path(d) == "/reports/records"
    assert d.find_elements(By.CSS_SELECTOR, "#records li")
    a11y.audit(d, "the records behind a figure")


@pytest.mark.parametrize("width", WIDTHS)
def test_partner_pages(site, browser, width):
    d = staff(browser, site, "caseworker", WIDTHS[width])
    open_page(d, site, "/partners")
    assert heading(d) == "Netzwerkpartner"
    fits(d, "partners list")
    a11y.audit(d, "the partners list")
    d.find_element(By.CSS_SELECTOR, "main table a[href^='/partners/']").click()
    assert path(d).startswith("/partners/")
    fits(d, "partner page")
    a11y.screenshot(d, f"partner-{width}")
    a11y.audit(d, "a partner's page")
    open_page(d, site, "/partners/new")
    a11y.audit(d, "the new partner form")
