"""Issue 12 in a real headless Chromium: a caseworker proposes a pupil from
a post's match list, writes a note for the company, moves the proposal on
the board (a plain form, no script), makes the company's link, the company
opens it on a phone, sees the anonymised profile and invites the pupil to
an interview; the answer waits on the caseworker's start page and the
placement shows it. axe-core checks every page state."""

import re

import a11y
from test_school_event_flows import api, logged_in
from test_staff_flows import PHONE, button, click, field, heading, link, open_page, path, type_into

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError:  # the browser fixture skips every test, saying why
    pass


def test_proposal_moved_shared_and_answered_by_the_company(site, browser):
    get, post = api(site)
    company = post("/companies", {"name": "Autohaus Browser am Main", "postal_code": "63065",
                                  "email": "ausbildung@autohaus-browser.example", "confirm_duplicate": "1"})
    job = post("/posts", {"company_id": company["id"], "occupation_id": 1, "title": "Kfz-Mechatroniker/in 2027",
                          "places": 1, "start_date": "2027-08-01", "status": "open"})
    pupil = post("/candidates", {"first_name": "Leyla", "last_name": "Nachname-Geheim", "birth_date": "2009-06-01",
                                 "postal_code": "63067", "certificate": "mittlere_reife", "languages": ["de", "ar"],
                                 "desired_occupations": [1], "email": "leyla@example.org", "privacy_consent": True})

    # the caseworker finds the pupil in the post's match list and proposes her
    d = logged_in(site, browser)
    open_page(d, site, f"/posts/{job['id']}")
    click(d, link(d, "Passende Bewerberinnen und Bewerber", scope="//main"))
    assert path(d) == f"/posts/{job['id']}/matches"
    a11y.screenshot(d, "post-matches")
    row = d.find_element(By.XPATH, "//main//tr[.//a[contains(., 'Nachname-Geheim')]]")
    assert "Wunschberuf Nr. 1" in row.text
    click(d, row.find_element(By.XPATH, ".//button[starts-with(normalize-space(.), 'Vorschlagen')]"))
    assert re.fullmatch(r"/placements/\d+", path(d))
    assert "Vorschlag angelegt." in d.find_element(By.CSS_SELECTOR, "[role=status]").text
    placement = {"id": int(path(d).rsplit("/", 1)[1])}
    type_into(d, "Notiz für den Betrieb", "Hat ein Praktikum in einer Werkstatt gemacht.")
    click(d, button(d, "Notiz speichern"))
    assert "Notiz gespeichert." in d.find_element(By.CSS_SELECTOR, "[role=status]").text

    open_page(d, site, "/placements")
    a11y.screenshot(d, "placements-board")
    column = d.find_element(By.CSS_SELECTOR, "section[aria-labelledby='col-proposed']")
    card = column.find_element(By.XPATH, ".//li[.//a[contains(., 'Leyla')]]")
    Select(card.find_element(By.TAG_NAME, "select")).select_by_visible_text("Beworben")
    click(d, card.find_element(By.TAG_NAME, "button"))
    assert path(d) == f"/placements/{placement['id']}"
    assert "Vermittlung verschoben." in d.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "Beworben" in d.find_element(By.ID, "stage-heading").text

    click(d, button(d, "Link für den Betrieb erstellen"))
    assert heading(d) == "Link für den Betrieb"
    url = field(d, "Link").get_attribute("value")
    assert re.search(r"/p/[A-Za-z0-9_-]{32}$", url)
    assert link(d, "ausbildung@autohaus-browser.example").get_attribute("href") == \
        "mailto:ausbildung@autohaus-browser.example"

    # the company, on a phone, without an account
    c = browser()
    c.set_window_size(*PHONE)
    open_page(c, site, url[url.index("/p/"):])
    a11y.screenshot(c, "company-answer-phone")
    text = c.find_element(By.TAG_NAME, "main").text
    assert "Leyla" in text and "Hat ein Praktikum in einer Werkstatt gemacht." in text
    assert "Nachname-Geheim" not in c.page_source and "leyla@example.org" not in c.page_source
    assert c.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    # an invitation without a date is refused at the message field
    c.find_element(By.CSS_SELECTOR, "input[name=answer][value=interview]").click()
    click(c, button(c, "Antwort senden"))
    problem = c.find_element(By.ID, "message-problem").text
    assert problem == "Bitte einen Termin oder eine Nachricht angeben."
    assert field(c, "Nachricht an die Beratung").get_attribute("aria-invalid") == "true"
    assert c.find_element(By.CSS_SELECTOR, "input[name=answer][value=interview]").is_selected()
    type_into(c, "Nachricht an die Beratung", "Mittwoch, 9. Dezember, 14 Uhr")
    click(c, button(c, "Antwort senden"))
    assert heading(c) == "Vielen Dank für Ihre Antwort"

    # the caseworker's start page shows the answer until the placement is opened
    open_page(d, site, "/")
    answers = d.find_element(By.CSS_SELECTOR, "[aria-labelledby=answers-heading]")
    assert "Einladung zum Gespräch" in answers.text and "Mittwoch, 9. Dezember, 14 Uhr" in answers.text
    click(d, answers.find_element(By.XPATH, ".//a[contains(., 'Leyla')]"))
    assert "Vorstellungsgespräch" in d.find_element(By.ID, "stage-heading").text
    history = d.find_element(By.ID, "history").find_element(By.XPATH, "following-sibling::ol[1]").text
    assert "der Betrieb (über den Link)" in history
    open_page(d, site, "/")
    assert "Keine neuen Antworten." in d.find_element(By.CSS_SELECTOR, "[aria-labelledby=answers-heading]").text
    assert get(f"/placements/{placement['id']}")["stage"] == "interview"
