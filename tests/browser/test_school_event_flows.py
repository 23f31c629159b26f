"""Issue 11, the leftovers, in a real headless Chromium: a sign-up link's
flyer printed to PDF (one A4 page, the QR code large enough to scan, only
the flyer), the contact-teacher form's problems at their fields, an
event's participant removed after asking, and a school deleted after
asking. axe-core checks every page state."""

import base64
import json
import re
import urllib.request

import a11y
from test_staff_flows import DEMO, DESKTOP, PHONE, button, click, field, field_box, heading, link, open_page, path, \
    type_into

try:
    from selenium.webdriver.common.by import By
except ImportError:  # the browser fixture skips every test, saying why
    pass

CM = 96 / 2.54  # CSS pixels in a centimetre


def api(site, role="caseworker"):
    """(get, post) for JSON calls as the demo account of role."""
    email, password, _ = DEMO[role]
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    req = urllib.request.Request(site.url + "/login", data=f"email={email}&password={password}".encode(),
                                 headers={"Accept": "application/json"})
    csrf = json.loads(opener.open(req).read())["csrf_token"]

    def get(p):
        return json.loads(opener.open(urllib.request.Request(site.url + p, headers={"Accept": "application/json"})).read())

    def post(p, body):
        r = urllib.request.Request(site.url + p, data=json.dumps(body).encode(), method="POST",
                                   headers={"Accept": "application/json", "Content-Type": "application/json",
                                            "X-CSRF-Token": csrf})
        return json.loads(opener.open(r).read())
    return get, post


def logged_in(site, browser, size=DESKTOP, role="caseworker"):
    email, password, _ = DEMO[role]
    d = browser()
    d.set_window_size(*size)
    open_page(d, site, "/login")
    type_into(d, "E-Mail", email)
    type_into(d, "Passwort", password)
    click(d, button(d, "Anmelden"))
    return d


def pdf_pages(pdf):
    """The number of page objects in a PDF (not the /Pages tree node)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


# ---- the flyer, printed ---------------------------------------------------------------

def test_flyer_prints_on_one_a4_page(site, browser):
    get, post = api(site)
    school = post("/schools", {"name": "Gewerblich-technische Schulen der Stadt Offenbach am Main "
                                       "(Berufliche Schule mit einem sehr langen Namen)", "kind": "berufliche_schule"})
    made = post(f"/schools/{school['id']}/links", {"label": "Klasse 10 Berufsfachschule Elektrotechnik, Gruppe B",
                                                   "expires": "2099-12-31"})
    where = f"/schools/{school['id']}/links/{made['id']}/flyer"
    for size in (DESKTOP, PHONE):  # printing does not depend on the window
        d = logged_in(site, browser, size)
        open_page(d, site, where)
        assert d.execute_script("const i = document.querySelector('img.flyer-qr');"
                                "return i.complete && i.naturalWidth > 0 && i.currentSrc.endsWith('/qr.svg');")
        pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": 21 / 2.54, "paperHeight": 29.7 / 2.54, "preferCSSPageSize": True,
            "printBackground": False})["data"])
        assert pdf.startswith(b"%PDF"), pdf[:20]
        assert pdf_pages(pdf) == 1, f"the flyer prints on {pdf_pages(pdf)} pages"
        # in print: only the flyer, the QR code at least 5 cm wide and square, black on white
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            got = d.execute_script("""
                const shown = s => [...document.querySelectorAll(s)].filter(
                    e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length;
                const qr = document.querySelector('img.flyer-qr').getBoundingClientRect();
                const body = getComputedStyle(document.body);
                return {header: shown('header.site-header'), footer: shown('footer.site-footer'),
                        nav: shown('nav'), buttons: shown('main button, main form'), back: shown('.no-print'),
                        w: qr.width, h: qr.height, color: body.color, bg: body.backgroundColor,
                        text: document.querySelector('.flyer').innerText};""")
        finally:
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        assert got["header"] == got["footer"] == got["nav"] == got["buttons"] == got["back"] == 0, got
        assert got["w"] >= 5 * CM and abs(got["w"] - got["h"]) < 1, got
        assert got["color"] == "rgb(0, 0, 0)" and got["bg"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), got
        assert made["url"] in got["text"].replace("\n", "")
        # and without print emulation the page still has its way back
        assert d.find_element(By.CSS_SELECTOR, ".no-print a").is_displayed()


# ---- the contact-teacher form, a participant and a school removed -------------------------

def test_teacher_form_participant_and_school_removed(site, browser):
    get, post = api(site)
    school = post("/schools", {"name": "Friedrich-Ebert-Schule Browsertest", "kind": "realschule",
                               "postal_code": "63065"})
    pupil = post("/candidates", {"first_name": "Selin", "last_name": "Browsertest", "birth_date": "2009-02-03",
                                 "postal_code": "63069", "school_id": school["id"]})
    event = post("/events", {"title": "Speed-Dating Browsertest", "date": "2099-05-04",
                             "kind": "school_meets_business", "school_ids": [school["id"]]})
    for size in (DESKTOP, PHONE):
        d = logged_in(site, browser, size)
        open_page(d, site, f"/schools/{school['id']}")
        click_summary = d.find_element(By.XPATH, "//summary[normalize-space(.)='Lehrkraft hinzufügen']")
        click_summary.click()
        type_into(d, "Klasse", "8a")
        type_into(d, "E-Mail", "frau-kaya-at-schule")
        click(d, d.find_element(By.XPATH, "//form[contains(@action, '/teachers')]//button[@type='submit']"))
        a11y.audit(d, "the school's page with a refused teacher form")
        name = field(d, "Name")
        assert name.get_attribute("aria-invalid") == "true"
        assert "t-name-problem" in name.get_attribute("aria-describedby")
        assert field_box(d, "Name").find_element(By.CSS_SELECTOR, ".problem").is_displayed()
        assert field(d, "Klasse").get_attribute("value") == "8a"
        assert field(d, "E-Mail").get_attribute("aria-invalid") == "true"

    # a participant added by typing the name, then removed after asking
    d = logged_in(site, browser)
    open_page(d, site, f"/events/{event['id']}")
    type_into(d, "Bewerber/in (Name oder Nummer)", "Selin Browsertest")
    click(d, d.find_element(By.XPATH, "//form[@id='add-participant']//button[not(@aria-hidden)]"))
    assert "Teilnahme gespeichert." in d.find_element(By.CSS_SELECTOR, "[role=status]").text
    a11y.audit(d, "the event's page with a participant")
    click(d, d.find_element(By.XPATH, "//main//a[starts-with(normalize-space(.), 'entfernen')]"))
    assert heading(d) == "Teilnahme entfernen"
    a11y.audit(d, "the question before a participant is removed")
    click(d, button(d, "Ja, Teilnahme entfernen"))
    assert path(d) == f"/events/{event['id']}"
    assert "Teilnahme entfernt." in d.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert get(f"/events/{event['id']}")["participants"] == []

    # the school deleted after asking; the pupil stays
    open_page(d, site, f"/schools/{school['id']}")
    click(d, link(d, "Löschen", scope="//main"))
    assert heading(d) == "Schule löschen"
    a11y.audit(d, "the question before a school is deleted")
    click(d, button(d, "Ja, Schule endgültig löschen"))
    assert path(d) == "/schools"
    assert "Die Schule ist gelöscht." in d.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert get(f"/candidates/{pupil['id']}")["school_id"] is None
