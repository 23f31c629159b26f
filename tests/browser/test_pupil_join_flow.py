"""A pupil signs up on a phone (360 px) through the link of a demo school:
the form with mistakes first (problems tied to their fields), then under 16
with a parent's consent, the confirmation; and the staff pages of issue 11
(schools, a link's flyer, the pool, a candidate, events, the attendance
list) at phone and desktop size. axe-core checks every page state."""

import datetime
import json
import re
import urllib.request

from test_staff_flows import (DEMO, DESKTOP, PHONE, button, click, field, heading, link, no_horizontal_scroll,
                              open_page, path, save_png, type_into)

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError:  # the browser fixture skips every test, saying why
    pass


def demo_link(site):
    """The URL path of the first demo school's open sign-up link, read as a caseworker would (JSON API)."""
    email, password, _ = DEMO["caseworker"]
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    req = urllib.request.Request(site.url + "/login", data=f"email={email}&password={password}".encode(),
                                 headers={"Accept": "application/json"})
    opener.open(req).read()
    def get(p):
        return json.loads(opener.open(urllib.request.Request(site.url + p, headers={"Accept": "application/json"})).read())
    school = get("/schools")["items"][0]
    links = get(f"/schools/{school['id']}")["links"]
    return "/join/" + links[0]["token"], school


def fits(d):
    scroll, inner = no_horizontal_scroll(d)
    assert scroll <= inner, f"{d.current_url} scrolls sideways at {inner} px ({scroll})"


def test_pupil_joins_on_a_phone(site, browser):
    where, school = demo_link(site)
    d = browser()
    d.set_window_size(*PHONE)
    open_page(d, site, where)
    assert heading(d) == "Anmeldung für die Ausbildungssuche"
    assert school["name"] in d.find_element(By.TAG_NAME, "main").text
    fits(d)
    save_png(d, "join-phone")
    # mistakes first: 14 years old, no parent, no consent
    born = datetime.date.today().replace(year=datetime.date.today().year - 14) - datetime.timedelta(days=40)
    type_into(d, "Vorname", "Selin")
    type_into(d, "Nachname", "Arslan")
    d.execute_script("arguments[0].value = arguments[1]", field(d, "Geburtsdatum"), born.isoformat())
    type_into(d, "Telefon", "0151 23456789")
    type_into(d, "Postleitzahl", "63069")
    type_into(d, "Wunsch 1", "Friseur/-in")
    click(d, button(d, "Anmelden"))
    assert "aria-invalid" in d.page_source
    for name in ["parent_name", "parental_consent", "privacy_consent"]:
        el = d.find_element(By.NAME, name)
        assert el.get_attribute("aria-invalid") == "true", name
        problem = el.get_attribute("aria-describedby").split()[-1]
        assert d.find_element(By.ID, problem).text, name
    fits(d)
    save_png(d, "join-phone-problems")
    # what was typed stays
    assert field(d, "Vorname").get_attribute("value") == "Selin"
    assert field(d, "Wunsch 1").get_attribute("value") == "Friseur/-in"
    type_into(d, "Name eines Elternteils", "Sevgi Arslan")
    type_into(d, "Telefon der Eltern", "069 9876543")
    d.find_element(By.NAME, "parental_consent").click()
    d.find_element(By.NAME, "privacy_consent").click()
    click(d, button(d, "Anmelden"))
    assert heading(d) == "Geschafft!", d.current_url
    assert re.fullmatch(r"/join/[A-Za-z0-9_-]+/thanks", path(d))
    fits(d)
    save_png(d, "join-phone-thanks")


def test_staff_pages_of_the_pool(site, browser):
    email, password, name = DEMO["caseworker"]
    where, school = demo_link(site)
    for size in (DESKTOP, PHONE):
        d = browser()
        d.set_window_size(*size)
        open_page(d, site, "/login")
        type_into(d, "E-Mail", email)
        type_into(d, "Passwort", password)
        click(d, button(d, "Anmelden"))
        for page in ["/schools", f"/schools/{school['id']}", f"/schools/{school['id']}/edit", "/schools/new",
                     "/candidates", "/candidates/new", "/events", "/events/new"]:
            open_page(d, site, page)
            fits(d)
        open_page(d, site, f"/schools/{school['id']}")
        flyer = d.find_element(By.XPATH, "//main//a[contains(@href, '/flyer')]").get_attribute("href")
        open_page(d, site, flyer.replace(site.url, ""))
        assert d.find_element(By.CSS_SELECTOR, "img.flyer-qr")
        fits(d)
        open_page(d, site, "/candidates")
        click(d, d.find_element(By.XPATH, "//main//table//tbody//a"))
        assert re.fullmatch(r"/candidates/\d+", path(d))
        fits(d)
        open_page(d, site, "/events")
        click(d, d.find_element(By.XPATH, "//main//table//tbody//a"))
        event = path(d)
        fits(d)
        open_page(d, site, event + "/attendance")
        fits(d)
        open_page(d, site, event + "/edit")
        fits(d)
        save_png(d, f"event-edit-{size[0]}")
