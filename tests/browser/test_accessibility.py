"""Every main page state, at a desktop's 1280 px and a phone's 360 px, as a
person and as machines see it: axe-core's WCAG 2.1 A and AA rules and tap
targets of 24 px (a11y.audit), no sideways scrolling, and a screenshot of
each under build/screenshots/. Also what the checks alone cannot see: the
phone's folded filters, the table rows readable without a horizontal scroll,
fields tied to their problems, the legal pages linked from every page.

The module shares one seeded server (the demo companies and accounts).
"""

import re

import pytest

import a11y
from test_staff_flows import (DEMO, DESKTOP, PHONE, button, click, field, heading, link, log_in,
                              no_horizontal_scroll, open_page, path, type_into)

try:
    from selenium.webdriver.common.by import By
except ImportError:  # the browser fixture skips every test, saying why
    pass

WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


def sized(browser, size):
    d = browser()
    d.set_window_size(*size)
    inner = d.execute_script("return window.innerWidth")
    assert inner <= size[0], f"window did not shrink to {size[0]} px (innerWidth {inner})"
    return d


def shown(d, el):
    """Whether el is rendered for the person (also inside a closed <details>,
    which Selenium's is_displayed does not see)."""
    return d.execute_script("return arguments[0].checkVisibility({contentVisibilityAuto: true, "
                            "visibilityProperty: true})", el)


def fits(d, what):
    scroll, inner = no_horizontal_scroll(d)
    assert scroll <= inner, f"{what}: the page is {scroll} px wide in a {inner} px window (scrolls sideways)"


def staff(browser, site, who, size):
    d = sized(browser, size)
    open_page(d, site, "/login")
    log_in(d, *DEMO[who][:2])
    assert DEMO[who][2] in d.find_element(By.TAG_NAME, "header").text, f"{who} not logged in"
    return d


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages(site, browser, width):
    d = sized(browser, WIDTHS[width])
    open_page(d, site, "/")
    assert heading(d) == "Ausbildung gemeinsam möglich machen"
    fits(d, "start page")
    a11y.screenshot(d, "start")
    # the start page offers only what exists: every link on it leads to a page
    hrefs = {a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "main a[href], footer a[href]")}
    for href in sorted(hrefs):
        if "/lang/" in href:
            continue
        open_page(d, site, href.removeprefix(site.url))
        assert "Diese Seite gibt es nicht." not in d.find_element(By.TAG_NAME, "main").text, f"{href} is a 404"
    open_page(d, site, "/")
    for name, title in (("impressum", "Impressum"), ("datenschutz", "Datenschutz")):
        click(d, link(d, title, scope="//footer"))
        assert path(d) == f"/{name}" and heading(d) == title, d.current_url
        fits(d, title)
        a11y.screenshot(d, name)

    open_page(d, site, "/login")
    assert heading(d) == "Anmelden"
    a11y.screenshot(d, "login")
    log_in(d, DEMO["caseworker"][0], "falsches-passwort")
    assert "E-Mail-Adresse oder Passwort ist falsch." in d.find_element(By.TAG_NAME, "main").text
    fits(d, "log-in with an error")
    a11y.screenshot(d, "login-error")


@pytest.mark.parametrize("width", WIDTHS)
def test_companies_list_and_filters(site, browser, width):
    d = staff(browser, site, "caseworker", WIDTHS[width])
    click(d, link(d, "Betriebe", scope="//header"))
    assert path(d) == "/companies"
    nav = link(d, "Betriebe", scope="//header")
    assert nav.get_attribute("aria-current") == "page", "the header does not mark where the person is"
    fits(d, "companies list")
    rows = d.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert rows, "no companies listed"
    # every row's cells lie inside the window: read without scrolling sideways
    inner = d.execute_script("return window.innerWidth")
    for tr in rows:
        right = d.execute_script("return Math.max(...[...arguments[0].cells].map(c => c.getBoundingClientRect().right))",
                                 tr)
        assert right <= inner + 0.5, f"a row reaches {right} px in a {inner} px window: {tr.text[:60]!r}"
    summary = d.find_element(By.XPATH, "//main//details[contains(@class,'filter-panel')]/summary")
    search = field(d, "Suchen")
    if width == "phone":
        # the results come first: the filters wait behind one control, above the table
        assert shown(d, summary) and not shown(d, search), "the filters are not folded on a phone"
        table_top = d.find_element(By.CSS_SELECTOR, "main table").rect["y"]
        assert table_top < 600, f"the results start {table_top} px down the phone's screen"
        a11y.screenshot(d, "companies")
        summary.click()
        assert shown(d, search), "the fold does not open"
        a11y.audit(d, "the companies list with its filters opened")
    else:
        assert shown(d, search), "the filters are folded on a desktop"
        a11y.screenshot(d, "companies")
    type_into(d, "Suchen", "a")
    click(d, button(d, "Filtern"))
    assert "(1 aktiv)" in d.find_element(By.CSS_SELECTOR, "main .filter-panel summary").get_attribute("textContent")
    fits(d, "filtered list")
    a11y.screenshot(d, "companies-filtered")

    # sorting by a column header, then reversing it
    open_page(d, site, "/companies")
    header = d.find_element(By.XPATH, "//main//thead//th[.//a[starts-with(normalize-space(.), 'Ort')]]")
    d.execute_script("arguments[0].querySelector('a').click()", header)
    assert "sort=postal_code" in d.current_url
    header = d.find_element(By.XPATH, "//main//thead//th[.//a[starts-with(normalize-space(.), 'Ort')]]")
    assert header.get_attribute("aria-sort") == "ascending"
    a11y.audit(d, "the list sorted by a header")


@pytest.mark.parametrize("width", WIDTHS)
def test_company_page_form_with_errors_and_404(site, browser, width):
    d = staff(browser, site, "caseworker", WIDTHS[width])
    open_page(d, site, "/companies?q=yilmaz")
    click(d, link(d, "Bäckerei Yılmaz", scope="//main//table"))
    assert heading(d) == "Bäckerei Yılmaz"
    tel = d.find_elements(By.XPATH, "//main//dd/a[starts-with(@href, 'tel:')]")
    assert tel and re.fullmatch(r"tel:\+?\d+", tel[0].get_attribute("href")), "the phone number is no tel: link"
    fits(d, "company page")
    a11y.screenshot(d, "company")
    # the folded forms opened are page states too
    for summary in d.find_elements(By.CSS_SELECTOR, "main details.add > summary"):
        summary.click()
    a11y.audit(d, "the company page with its forms opened")

    open_page(d, site, "/companies/new")
    type_into(d, "Name", "Test-Betrieb Barrierefrei")
    type_into(d, "Postleitzahl", "6306")
    type_into(d, "E-Mail", "kein-at-zeichen")
    d.execute_script("document.querySelector('main form').noValidate = true")
    click(d, button(d, "Speichern"))
    assert heading(d) == "Neuer Betrieb", "the mistakes were saved"
    for label in ("Postleitzahl", "E-Mail"):
        el = field(d, label)
        assert el.get_attribute("aria-invalid") == "true", f"{label} is not marked invalid"
        described = (el.get_attribute("aria-describedby") or "").split()
        texts = [d.find_element(By.ID, i).text for i in described]
        assert any("gültig" in t or "Postleitzahl" in t for t in texts), f"{label}: its problem is not tied to it: {texts}"
    assert field(d, "Name").get_attribute("aria-invalid") is None, "a good field is marked invalid"
    fits(d, "form with errors")
    a11y.screenshot(d, "company-form-errors")

    open_page(d, site, "/gibt-es-nicht")
    assert "Diese Seite gibt es nicht." in d.find_element(By.TAG_NAME, "main").text
    assert DEMO["caseworker"][2] in d.find_element(By.TAG_NAME, "header").text, "404 without the logged-in header"
    a11y.screenshot(d, "not-found")

    open_page(d, site, "/followups")
    fits(d, "follow-ups")
    a11y.screenshot(d, "followups")


@pytest.mark.parametrize("width", WIDTHS)
def test_admin_pages(site, browser, width):
    d = staff(browser, site, "admin", WIDTHS[width])
    for where, name in (("/admin/users", "accounts"), ("/admin/users/new", "account-new"), ("/admin/audit", "audit")):
        open_page(d, site, where)
        a11y.screenshot(d, name)


# contrast of two CSS colours "rgb(r, g, b)" (WCAG relative luminance)
CONTRAST_JS = """
function lum(c) {
  const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && !/rgba\\(.*,\\s*0\\)$/.test(c) && c !== 'transparent') return c;
  }
  return 'rgb(255, 255, 255)';
}
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_focus_ring_and_field_borders_stand_out(site, browser, width):
    """WCAG 1.4.11 and 2.4.7, which axe-core does not measure: the focus ring
    of everything reached with Tab, and the border of every field, have a
    contrast of at least 3:1 with what is around them."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    d = staff(browser, site, "caseworker", WIDTHS[width])
    for where in ("/companies/new", "/companies", "/"):
        open_page(d, site, where)
        if where == "/companies" and width == "phone":
            d.find_element(By.CSS_SELECTOR, "main details.filter-panel > summary").click()
        weak = d.execute_script(CONTRAST_JS + """
            const out = [];
            for (const el of document.querySelectorAll('main input:not([type=hidden]):not([type=checkbox]), main select, main textarea')) {
              if (!el.checkVisibility()) continue;
              const s = getComputedStyle(el);
              const c = contrast(s.borderTopColor, background(el.parentElement));
              if (c < 3) out.push(`${el.name}: border ${c.toFixed(2)}:1`);
            }
            return out;""")
        assert not weak, f"{where}: field borders under 3:1: {weak}"
        d.execute_script("document.activeElement && document.activeElement.blur()")
        seen, weak = set(), []
        for _ in range(60):
            ActionChains(d).send_keys(Keys.TAB).perform()
            info = d.execute_script(CONTRAST_JS + """
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const s = getComputedStyle(el);
                const ring = parseFloat(s.outlineWidth) >= 2 && s.outlineStyle !== 'none';
                return {what: el.tagName + ' ' + (el.textContent || el.name || '').trim().slice(0, 25),
                        ring: ring, contrast: ring ? contrast(s.outlineColor, background(el.parentElement)) : 0};""")
            if not info or info["what"] in seen:
                break
            seen.add(info["what"])
            if not info["ring"] or info["contrast"] < 3:
                weak.append(f"{info['what']}: ring {info['ring']}, {info['contrast']:.2f}:1")
        assert len(seen) > 5, f"{where}: Tab reached only {seen}"
        assert not weak, f"{where}: focus rings missing or under 3:1: {weak}"
