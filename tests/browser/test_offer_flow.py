"""Companies bring their posts in (issue 10), through the real UI in
headless Chromium: a company owner fills in the public offer form on a
phone (360 px), makes mistakes, picks the occupation from suggestions
without any script, adds a second post and sends the offer; a caseworker
finds it in the review queue, confirms the company and publishes it; young
people find it on the job board on a phone. Every page state is checked
with axe-core and for tap targets (a11y.audit, through open_page and
click) and must not scroll sideways; screenshots of the main states go to
build/screenshots/.

The module shares one seeded server (demo accounts, companies, posts and
two offers waiting)."""

import json
import re

import pytest
import requests

import a11y
from test_staff_flows import (DEMO, DESKTOP, PHONE, button, click, field, heading, link, log_in, navigates,
                              no_horizontal_scroll, open_page, path, type_into)

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:  # the browser fixture skips every test, saying why
    pass


def sized(browser, size):
    d = browser()
    d.set_window_size(*size)
    assert d.execute_script("return window.innerWidth") <= size[0]
    return d


def fits(d, what):
    scroll, inner = no_horizontal_scroll(d)
    assert scroll <= inner, f"{what}: the page is {scroll} px wide in a {inner} px window (scrolls sideways)"


def main_text(d):
    return d.find_element(By.TAG_NAME, "main").text


def send_button(d):
    """The form's visible "Angebot senden" (the one at the end of the form)."""
    found = d.find_elements(By.CSS_SELECTOR, "main form .form-actions button[type=submit]")
    assert found and found[0].text.strip() == "Angebot senden", [b.text for b in found]
    return found[0]


def problem_of(d, el):
    """The problem text a field points to with aria-describedby, or ''."""
    assert el.get_attribute("aria-invalid") == "true", f"{el.get_attribute('name')} is not marked invalid"
    texts = []
    for ref in (el.get_attribute("aria-describedby") or "").split():
        found = d.find_elements(By.ID, ref)
        if found and "problem" in (found[0].get_attribute("class") or ""):
            texts.append(found[0].text.strip())
    return " ".join(texts)


def staff_session(site, who="caseworker"):
    s = requests.Session()
    r = s.post(site.url + "/login", data={"email": DEMO[who][0], "password": DEMO[who][1]},
               headers={"Accept": "application/json"})
    assert r.status_code == 200
    s.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return s


def test_a_company_offers_two_posts_on_a_phone(site, browser):
    d = sized(browser, PHONE)
    open_page(d, site, "/")
    click(d, link(d, "Platz anbieten", scope="//header"))
    assert path(d) == "/offer" and heading(d) == "Ausbildungsplatz anbieten"
    fits(d, "the offer form")
    a11y.screenshot(d, "offer-form")

    type_into(d, "Name des Betriebs", "Schneiderei Çelik")
    type_into(d, "Telefon", "069 12 34 56")
    type_into(d, "Ansprechperson (Ihr Name)", "Songül Çelik")
    type_into(d, "Postleitzahl", "63069")
    # typed loosely: the form asks which occupation is meant (no script: buttons)
    type_into(d, "Beruf", "Elektroniker")
    click(d, send_button(d))
    assert path(d) == "/offer" and heading(d) == "Ausbildungsplatz anbieten"
    fits(d, "the offer form with its problems")
    a11y.screenshot(d, "offer-form-problems")
    occupation = d.find_element(By.ID, "p1-occupation")
    assert "Diesen Beruf kennen wir nicht" in problem_of(d, occupation)
    consent = field(d, "Ich habe den Hinweis zum Datenschutz gelesen und bin einverstanden.")
    assert "Datenschutz" in problem_of(d, consent)
    assert d.find_element(By.ID, "name").get_attribute("value") == "Schneiderei Çelik"   # nothing typed is lost
    picks = d.find_elements(By.CSS_SELECTOR, "main .suggestions button[name=pick]")
    assert picks and all("Elektroniker" in p.text for p in picks), [p.text for p in picks]
    chosen = picks[0].text.strip()
    click(d, picks[0])
    assert d.find_element(By.ID, "p1-occupation").get_attribute("value") == chosen

    # a second post, found by its abbreviation
    click(d, button(d, "Noch einen Ausbildungsplatz eintragen"))
    assert len(d.find_elements(By.CSS_SELECTOR, "main fieldset.offer-post")) == 2
    assert d.find_element(By.ID, "p1-occupation").get_attribute("value") == chosen
    second = d.find_element(By.ID, "p2-occupation")
    assert d.find_element(By.CSS_SELECTOR, "label[for=p2-occupation]").text.strip() == "Beruf"
    second.send_keys("kfz")
    d.find_element(By.ID, "p2-places").clear()
    d.find_element(By.ID, "p2-places").send_keys("2")
    fits(d, "the offer form with two posts")
    box = field(d, "Ich habe den Hinweis zum Datenschutz gelesen und bin einverstanden.")
    if not box.is_selected():
        box.click()
    # Enter in a field sends the offer (the form's first button is "send")
    navigates(d, lambda: d.find_element(By.ID, "contact_name").send_keys(Keys.ENTER))
    assert path(d) == "/offer/sent", f"not sent: {main_text(d)[:400]}"
    assert heading(d) == "Vielen Dank!" and "So geht es weiter" in main_text(d)
    fits(d, "the confirmation")
    a11y.screenshot(d, "offer-sent")

    # it waits for review, and is not on the board yet
    s = staff_session(site)
    queue = s.get(site.url + "/offers", headers={"Accept": "application/json"}).json()["items"]
    mine = [o for o in queue if o["name"] == "Schneiderei Çelik"]
    assert len(mine) == 1 and mine[0]["posts_count"] == 2 and mine[0]["status"] == "pending"
    offer = s.get(site.url + f"/offers/{mine[0]['id']}", headers={"Accept": "application/json"}).json()
    assert sorted(p["occupation_name"] for p in offer["posts"]) == sorted([chosen, "Kraftfahrzeugmechatroniker/-in"])
    board = requests.get(site.url + "/jobs", params={"q": "Çelik"}, headers={"Accept": "application/json"}).json()
    assert board["total"] == 0


def test_a_caseworker_confirms_and_publishes_an_offer(site, browser):
    d = sized(browser, DESKTOP)
    open_page(d, site, "/login")
    log_in(d, *DEMO["caseworker"][:2])
    waiting = int(d.find_element(By.ID, "offers-pending").text)
    assert waiting >= 1
    click(d, link(d, "Angebote prüfen", scope="//main"))
    assert path(d) == "/offers"
    # the demo's bakery, typed without ı: the duplicate rules found it
    click(d, link(d, "Baeckerei Yilmaz", scope="//main"))
    assert "vielleicht schon bekannt" in main_text(d) and "Bäckerei Yılmaz" in main_text(d)
    a11y.screenshot(d, "offer-review")
    click(d, button(d, "Ja, derselbe Betrieb"))
    assert "Der Betrieb ist bestätigt." in d.find_element(By.CSS_SELECTOR, "[role=status]").text
    click(d, button(d, "Annehmen und veröffentlichen"))
    assert "Das Angebot ist angenommen" in d.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "angenommen" in main_text(d)
    post_link = d.find_element(By.CSS_SELECTOR, "main ul.contacts li a")
    title = post_link.text.strip()
    click(d, post_link)
    assert heading(d) == title and "offen" in main_text(d)
    click(d, link(d, "Auf der Stellenbörse ansehen", scope="//main"))
    assert re.fullmatch(r"/jobs/\d+", path(d)) and heading(d) == title
    # one fewer waits
    open_page(d, site, "/")
    assert int(d.find_element(By.ID, "offers-pending").text) == waiting - 1


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_young_people_find_a_post_on_the_job_board(site, browser, size):
    d = sized(browser, size)
    open_page(d, site, "/")
    click(d, link(d, "Ausbildungsplätze", scope="//header"))
    assert path(d) == "/jobs"
    fits(d, "the job board")
    type_into(d, "Was möchten Sie lernen?", "kfz")
    type_into(d, "In der Nähe von (Postleitzahl)", "63110")
    click(d, button(d, "Suchen"))
    fits(d, "the job board's results")
    cards = d.find_elements(By.CSS_SELECTOR, "main li.job-card")
    assert cards and any("Kraftfahrzeugmechatroniker" in c.text for c in cards), [c.text for c in cards]
    a11y.screenshot(d, "jobs")
    click(d, cards[0].find_element(By.TAG_NAME, "a"))
    fits(d, "a job's page")
    assert "So bewerben Sie sich" in main_text(d)
    ld = json.loads(d.find_element(By.CSS_SELECTOR, "script[type='application/ld+json']").get_attribute("textContent"))
    assert ld["@type"] == "JobPosting" and ld["title"] == heading(d)
    a11y.screenshot(d, "job")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_staff_pages_of_posts_offers_and_occupations(site, browser, size):
    d = sized(browser, size)
    open_page(d, site, "/login")
    log_in(d, *DEMO["caseworker"][:2])
    for where in ("/posts", "/posts?status=open&area=kreis", "/occupations", "/occupations?q=kfz", "/offers",
                  "/offers?all=1"):
        open_page(d, site, where)
        fits(d, where)
    open_page(d, site, "/posts")
    click(d, d.find_elements(By.CSS_SELECTOR, "main table.list tbody td.cell-main a")[0])
    fits(d, "a post's page")
    a11y.screenshot(d, "post")
    click(d, link(d, "Bearbeiten", scope="//main"))
    fits(d, "a post's form")
    type_into(d, "Plätze", "0")
    click(d, button(d, "Speichern"))
    assert "Bitte eine ganze Zahl" in d.find_element(By.ID, "places-problem").text
    fits(d, "a post's form with a problem")
    open_page(d, site, "/occupations?q=kfz")
    click(d, link(d, "Kraftfahrzeugmechatroniker/-in", scope="//main"))
    fits(d, "an occupation's page")
    open_page(d, site, "/offers?all=1")
    click(d, d.find_elements(By.CSS_SELECTOR, "main table.list tbody td.cell-main a")[0])
    fits(d, "an offer's page")
