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
