"""The caseworker's company flow through the real UI in headless Chromium:
start page, new company, edit with mistakes, search and filter, contact
person, activity with follow-up, duplicate warning, deletion, and what a
viewer may see. Found by label text, visible text and name attributes, as a
person finds them.

The module shares one seeded server (12 demo companies with activities). The
tests run in file order; "Kfz-Werkstatt Öztürk" is made by the first test
that needs it (normally the creation test) and reused by the later ones, so
each test also runs alone (`-k`).
"""

import datetime
import re

from test_staff_flows import (DEMO, click, DESKTOP, PHONE, button, field, field_box, heading, link,
                              no_horizontal_scroll, open_page, path, save_png, type_into, xpath_text)

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError:  # the browser fixture skips every test, saying why
    pass

OZTURK = "Kfz-Werkstatt Öztürk"
OZTURK_SWAPPED = "Öztürk Kfz-Werkstatt"
PLZ = "63069"
_made = {}  # name -> company path, for companies later tests reuse


# --- helpers -----------------------------------------------------------------------

def main_text(d):
    return d.find_element(By.TAG_NAME, "main").text


def choose(d, label, visible):
    Select(field(d, label)).select_by_visible_text(visible)


def chosen(d, label):
    return Select(field(d, label)).first_selected_option.text.strip()


def fact(d, term):
    """The text of the <dd> after the <dt> term on a company page."""
    found = d.find_elements(By.XPATH, f"//main//dl[contains(@class,'facts')]/dt[normalize-space(.)={xpath_text(term)}]"
                                      "/following-sibling::dd[1]")
    assert found, f"no fact {term!r} on {d.current_url}"
    return found[0].text.strip()


def company_id(d):
    m = re.fullmatch(r"/companies/(\d+)", path(d))
    assert m, f"not on a company page but {d.current_url}"
    return int(m.group(1))


def log_in_as(browser, site, who, size=DESKTOP):
    """A new browser, logged in as a demo account through the header's "Anmelden"."""
    d = browser()
    d.set_window_size(*size)
    email, password, name = DEMO[who]
    open_page(d, site, "/")
    click(d, link(d, "Anmelden", scope="//header"))
    assert heading(d) == "Anmelden", d.current_url
    type_into(d, "E-Mail", email)
    type_into(d, "Passwort", password)
    click(d, button(d, "Anmelden"))
    assert name in d.find_element(By.TAG_NAME, "header").text, f"{who} not logged in: {d.current_url}"
    return d


def open_new_company_form(d):
    """Betriebe (header) -> Neuer Betrieb."""
    click(d, link(d, "Betriebe", scope="//header"))
    assert path(d) == "/companies", d.current_url
    click(d, link(d, "Neuer Betrieb", scope="//main"))
    assert path(d) == "/companies/new", d.current_url
    assert heading(d) == "Neuer Betrieb"


def fill_company(d, name, plz, industry=None, chamber=None, status=None, languages=None):
    type_into(d, "Name", name)
    type_into(d, "Postleitzahl", plz)
    if industry is not None:
        type_into(d, "Branche", industry)
    if chamber is not None:
        choose(d, "Kammer", chamber)
    if status is not None:
        choose(d, "Ausbildungsstand", status)
    for language in languages or ():
        # languages are ticked by their names, the region's first
        box = d.find_element(By.XPATH, "//fieldset[legend[normalize-space(.)='Sprachen']]"
                                       f"//label[normalize-space(.)={xpath_text(language)}]/input")
        if not box.is_selected():
            box.click()


def create_ozturk(d):
    """Makes "Kfz-Werkstatt Öztürk" through the form; returns its path."""
    open_new_company_form(d)
    fill_company(d, OZTURK, PLZ, industry="Kfz-Reparatur", chamber="Handwerkskammer", status="interessiert",
                 languages=("Türkisch", "Deutsch"))
    assert field(d, "Ort").get_attribute("value") == ""
    click(d, button(d, "Speichern"))
    company_id(d)
    assert heading(d) == OZTURK, f"after saving: {heading(d)!r} ({d.current_url})"
    _made[OZTURK] = path(d)
    return path(d)


def ozturk_page(d, site):
    """Opens Kfz-Werkstatt Öztürk's page, making the company first if no test has."""
    if OZTURK not in _made:
        create_ozturk(d)
    else:
        open_page(d, site, _made[OZTURK])
    assert heading(d) == OZTURK
    return company_id(d)


def set_date(d, label, day):
    """Types a date into a date field as its user would: day, month and year
    in the order the browser's own locale shows them (headless Chromium runs
    with an en-US UI locale whatever --lang says, so that is MM/DD/YYYY here,
    TT.MM.JJJJ in a German Chromium)."""
    order = d.execute_script("return new Intl.DateTimeFormat().formatToParts(new Date(2026, 10, 25))"
                             ".map(p => p.type).filter(t => ['day', 'month', 'year'].includes(t))")
    parts = {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": f"{day.year:04d}"}
    el = field(d, label)
    el.send_keys("".join(parts[p] for p in order))
    assert el.get_attribute("value") == day.isoformat(), \
        f"{label}: typed {day} in {order} order, field holds {el.get_attribute('value')!r}"


def list_rows(d):
    """name -> row text for the companies list shown now."""
    return {tr.find_element(By.CSS_SELECTOR, "td a").text.strip(): tr.text
            for tr in d.find_elements(By.CSS_SELECTOR, "main table tbody tr")}


def total(d):
    m = re.search(r"Anzahl: (\d+)", main_text(d))
    assert m, f"no 'Anzahl' on {d.current_url}"
    return int(m.group(1))


def due_rows(d):
    return d.find_elements(By.CSS_SELECTOR, "main table tbody tr")


# --- 1. start page -------------------------------------------------------------------

def test_start_page_counts_due_followups_and_links_to_them(site, browser):
    d = log_in_as(browser, site, "caseworker")
    assert path(d) == "/"
    assert heading(d).startswith("Guten Tag"), heading(d)
    number = d.find_elements(By.CSS_SELECTOR, "main .big-number")
    assert number, "no due-follow-up number on the start page"
    card = number[0].find_element(By.XPATH, "./ancestor::article[1]")
    assert "Fällige Wiedervorlagen" in card.text, card.text
    due = int(number[0].text.strip())
    assert due > 0, "the demo caseworker has no due follow-ups"

    click(d, link(d, "Zu den Wiedervorlagen", scope="//main"))
    assert path(d) == "/followups", d.current_url
    assert heading(d) == "Wiedervorlagen"
    today = datetime.date.today().isoformat()
    assert re.search(r"Heute ist \w+, \d+\. \w+ \d{4}", main_text(d)), main_text(d)[:300]
    current = d.find_element(By.CSS_SELECTOR, "main nav.tabs a[aria-current='page']")
    assert current.text.strip() == "Fällig und überfällig", current.text
    m = re.search(r"Anzahl: (\d+)", main_text(d))
    assert m, f"no count: {main_text(d)[:300]!r}"
    assert int(m.group(1)) == due, f"start page says {due} due, /followups says {m.group(1)}"
    assert len(due_rows(d)) == min(due, 25), f"{len(due_rows(d))} rows for {due} due follow-ups"
    # nothing listed lies in the future; the overdue ones are marked
    for tr in due_rows(d):
        when = tr.find_element(By.TAG_NAME, "time").get_attribute("datetime")
        assert when <= today, f"follow-up {when} listed as due on {today}"
        assert ("überfällig" in tr.text) == (when < today), tr.text


# --- 2.+3. new company, town from postal code; edit with mistakes ---------------------

def test_new_company_gets_town_from_postal_code_and_edit_shows_problems(site, browser):
    d = log_in_as(browser, site, "caseworker")
    create_ozturk(d)
    assert fact(d, "Ort") == f"{PLZ} Offenbach Stadt Offenbach", f"Ort: {fact(d, 'Ort')!r}"
    assert fact(d, "Kammer") == "Handwerkskammer"
    assert fact(d, "Ausbildungsstand") == "interessiert"
    assert fact(d, "Branche") == "Kfz-Reparatur"
    assert sorted(fact(d, "Sprachen").split()) == ["Deutsch", "Türkisch"], fact(d, "Sprachen")
    assert fact(d, "Zuständig") == DEMO["caseworker"][2], "the new company is not the creator's"

    # mistakes in the edit form: German problems next to the fields, typed values kept
    click(d, link(d, "Bearbeiten", scope="//main"))
    assert heading(d) == "Betrieb bearbeiten"
    assert field(d, "Ort").get_attribute("value") == "Offenbach"
    type_into(d, "Postleitzahl", "6306")
    type_into(d, "E-Mail", "werkstatt-oeztuerk.de")
    type_into(d, "Telefon", "069 123 456")
    click(d, button(d, "Speichern"))
    assert heading(d) == "Betrieb bearbeiten", f"mistakes were saved: {d.current_url}"
    plz_box, mail_box = field_box(d, "Postleitzahl"), field_box(d, "E-Mail")
    assert "Bitte eine fünfstellige Postleitzahl angeben" in plz_box.text, plz_box.text
    assert "ist keine gültige E-Mail-Adresse" in mail_box.text, mail_box.text
    assert "has-problem" in plz_box.get_attribute("class") and "has-problem" in mail_box.get_attribute("class")
    problems = [b.find_element(By.TAG_NAME, "label").text for b in d.find_elements(By.CSS_SELECTOR, ".has-problem")]
    assert sorted(problems) == ["E-Mail", "Postleitzahl"], f"fields marked wrong: {problems}"
    assert field(d, "Postleitzahl").get_attribute("value") == "6306"
    assert field(d, "E-Mail").get_attribute("value") == "werkstatt-oeztuerk.de"
    assert field(d, "Telefon").get_attribute("value") == "069 123 456"
    assert field(d, "Name").get_attribute("value") == OZTURK

    type_into(d, "Postleitzahl", PLZ)
    type_into(d, "E-Mail", "info@werkstatt-oeztuerk.de")
    click(d, button(d, "Speichern"))
    assert path(d) == _made[OZTURK], f"after fixing: {d.current_url}"
    status = d.find_element(By.CSS_SELECTOR, "main [role='status']")
    assert status.text.strip() == "Die Änderungen sind gespeichert.", status.text
    assert fact(d, "E-Mail") == "info@werkstatt-oeztuerk.de"
    assert fact(d, "Telefon") == "069 123 456"
    assert fact(d, "Ort") == f"{PLZ} Offenbach Stadt Offenbach", f"Ort after edit: {fact(d, 'Ort')!r}"


# --- 4. search without umlauts, filter ---------------------------------------------------

def test_search_without_umlauts_and_filter_by_status(site, browser):
    d = log_in_as(browser, site, "caseworker")
    ozturk_page(d, site)
    click(d, link(d, "Betriebe", scope="//header"))
    everything = total(d)
    assert everything >= 13, f"only {everything} companies listed"

    type_into(d, "Suchen", "ozturk")
    click(d, button(d, "Filtern"))
    rows = list_rows(d)
    assert OZTURK in rows, f"'ozturk' did not find {OZTURK}: {list(rows)}"
    assert total(d) < everything, "the search did not narrow the list"
    assert "Bäckerei Yılmaz" not in rows

    # the search stays in the box; a status that does not fit empties the list
    assert field(d, "Suchen").get_attribute("value") == "ozturk"
    choose(d, "Ausbildungsstand", "bildet aus")
    click(d, button(d, "Filtern"))
    assert OZTURK not in list_rows(d)
    assert "Keine Betriebe gefunden." in main_text(d)

    # the status alone narrows the whole list to that status
    click(d, link(d, "Filter zurücksetzen", scope="//main"))
    assert total(d) == everything and field(d, "Suchen").get_attribute("value") == ""
    choose(d, "Ausbildungsstand", "interessiert")
    click(d, button(d, "Filtern"))
    rows = list_rows(d)
    assert 0 < total(d) < everything, f"filter 'interessiert': {total(d)} of {everything}"
    assert OZTURK in rows and "Bäckerei Yılmaz" in rows, list(rows)
    badges = [b.text for b in d.find_elements(By.CSS_SELECTOR, "main tbody .badge")]
    assert badges and set(badges) == {"interessiert"}, f"badges after filtering: {badges}"
    assert chosen(d, "Ausbildungsstand") == "interessiert", "the filter forgot its choice"

    open_page(d, site, "/companies")
    scroll, inner = no_horizontal_scroll(d)
    assert scroll <= inner, f"companies list is {scroll}px wide in a {inner}px window"
    save_png(d, "companies-list-desktop.png")


# --- 5. contact person ---------------------------------------------------------------------

def test_add_contact_person(site, browser):
    d = log_in_as(browser, site, "caseworker")
    cid = ozturk_page(d, site)
    before = [li.text for li in d.find_elements(By.CSS_SELECTOR, "main ul.contacts > li")]
    assert not any("Mehmet Öztürk" in c for c in before), before

    d.find_element(By.XPATH, "//main//summary[normalize-space(.)='Ansprechperson hinzufügen']").click()
    form = d.find_element(By.XPATH, "//main//form[contains(@action, '/contacts')]")
    labels = [lb.text.strip() for lb in form.find_elements(By.TAG_NAME, "label")]
    assert "Name" in labels and "Funktion" in labels, f"the add-contact form has no fields, only labels {labels}"
    for label, value in (("Name", "Mehmet Öztürk"), ("Funktion", "Inhaber"), ("Telefon", "069 123 457")):
        el = form.find_element(By.XPATH, f".//label[normalize-space(.)={xpath_text(label)}]/following-sibling::input")
        el.send_keys(value)
    click(d, form.find_element(By.XPATH, ".//button[normalize-space(.)='Ansprechperson hinzufügen']"))
    assert company_id(d) == cid, d.current_url
    contacts = [li.text for li in d.find_elements(By.CSS_SELECTOR, "main ul.contacts > li")]
    assert [c for c in contacts if "Mehmet Öztürk" in c and "Inhaber" in c and "069 123 457" in c], contacts
    assert len(contacts) == len(before) + 1, contacts
    # "entfernen" asks first, on a page of its own, and then removes this company's contact
    remove = d.find_elements(By.XPATH, "//main//ul[contains(@class,'contacts')]/li[contains(., 'Mehmet Öztürk')]"
                                       "//a[starts-with(normalize-space(.), 'entfernen')]")
    assert remove and re.search(rf"/companies/{cid}/contacts/\d+/delete$", remove[0].get_attribute("href")), \
        f"'entfernen' leads to {remove[0].get_attribute('href') if remove else None!r}"
    click(d, remove[0])
    assert heading(d) == "Ansprechperson entfernen?", heading(d)
    assert "Mehmet Öztürk" in main_text(d)
    click(d, button(d, "Ja, entfernen"))
    assert company_id(d) == cid, d.current_url
    status = d.find_element(By.CSS_SELECTOR, "main [role='status']")
    assert status.text.strip() == "Die Ansprechperson ist entfernt.", status.text
    contacts = [li.text for li in d.find_elements(By.CSS_SELECTOR, "main ul.contacts > li")]
    assert not [c for c in contacts if "Mehmet Öztürk" in c], contacts


# --- 6. activity with follow-up, done --------------------------------------------------------

def test_activity_with_follow_up_then_done(site, browser):
    d = log_in_as(browser, site, "caseworker")
    cid = ozturk_page(d, site)
    today = datetime.date.today()

    # the form is folded away under its summary, as a person finds it
    summary = d.find_element(By.XPATH, "//summary[contains(., 'Aktivität erfassen')]")
    assert summary.find_element(By.XPATH, "..").get_attribute("open") is None
    summary.click()
    choose(d, "Art", "Beratung")
    set_date(d, "Datum", today)
    type_into(d, "Betreff", "Erstberatung Ausbildungsberechtigung")
    for topic in ("Ausbildungsberechtigung", "Förderung"):
        box = field(d, topic)
        box.click()
        assert box.is_selected(), topic
    set_date(d, "Wiedervorlage", today)
    click(d, button(d, "Aktivität speichern"))
    assert company_id(d) == cid, f"after saving the activity: {d.current_url}"
    first = d.find_elements(By.CSS_SELECTOR, "main ol.timeline > li")
    assert first, "no timeline after saving an activity"
    head = first[0].find_element(By.CSS_SELECTOR, ".timeline-head").text
    assert "Beratung" in head and "Erstberatung Ausbildungsberechtigung" in head, f"top of timeline: {head!r}"
    assert first[0].find_element(By.TAG_NAME, "time").get_attribute("datetime") == today.isoformat()
    tags = [t.text for t in first[0].find_elements(By.CSS_SELECTOR, ".tag")]
    assert sorted(tags) == ["Ausbildungsberechtigung", "Förderung"], tags
    assert "Jonas Weber" in first[0].text and "Wiedervorlage" in first[0].text, first[0].text
    assert "erledigt" not in first[0].text
    d.execute_script("window.scrollTo(0, 0)")  # saving jumps to #activities; show the page's head
    save_png(d, "company-page-desktop.png")

    click(d, link(d, "Wiedervorlagen", scope="//header"))
    mine = [tr for tr in d.find_elements(By.CSS_SELECTOR, "main tbody tr") if OZTURK in tr.text]
    assert len(mine) == 1, f"/followups rows for {OZTURK}: {[tr.text for tr in mine]}"
    assert "Erstberatung Ausbildungsberechtigung" in mine[0].text
    assert "überfällig" not in mine[0].text, "a follow-up for today is marked overdue"
    before = int(re.search(r"Anzahl: (\d+)", main_text(d)).group(1))
    # the button says "Erledigt" and, to a screen reader, which follow-up
    done = button(d, "Erledigt: Erstberatung Ausbildungsberechtigung",
                  scope="//main//tr[.//a[normalize-space(.)=" + xpath_text(OZTURK) + "]]")
    action = done.find_element(By.XPATH, "./ancestor::form[1]").get_attribute("action")
    assert re.search(r"/followups/\d+/done$", action), f"'Erledigt' posts to {action!r}"
    click(d, done)
    assert path(d) == "/followups", f"after 'Erledigt': {d.current_url}"
    assert not [tr for tr in d.find_elements(By.CSS_SELECTOR, "main tbody tr") if OZTURK in tr.text], \
        "the follow-up is still listed after 'Erledigt'"
    assert int(re.search(r"Anzahl: (\d+)", main_text(d)).group(1)) == before - 1
    status = d.find_element(By.CSS_SELECTOR, "main [role='status']")
    assert status.text.startswith("Die Wiedervorlage ist erledigt."), status.text
    # a click on the wrong row is undone from the same notice
    click(d, status.find_element(By.XPATH, ".//button[normalize-space(.)='Rückgängig machen']"))
    assert [tr for tr in d.find_elements(By.CSS_SELECTOR, "main tbody tr") if OZTURK in tr.text], \
        "the follow-up is not back after 'Rückgängig machen'"
    done = button(d, "Erledigt: Erstberatung Ausbildungsberechtigung",
                  scope="//main//tr[.//a[normalize-space(.)=" + xpath_text(OZTURK) + "]]")
    click(d, done)

    open_page(d, site, _made[OZTURK])
    assert "(erledigt)" in d.find_element(By.CSS_SELECTOR, "main ol.timeline > li").text


# --- 7.+8. duplicate warning, then delete the duplicate -----------------------------------

def test_duplicate_warning_then_delete_the_duplicate(site, browser):
    d = log_in_as(browser, site, "caseworker")
    original = ozturk_page(d, site)

    open_new_company_form(d)
    fill_company(d, OZTURK_SWAPPED, PLZ, industry="Kfz-Reparatur")
    click(d, button(d, "Speichern"))
    assert heading(d) == "Neuer Betrieb", f"created without a warning: {d.current_url}"
    warn = d.find_elements(By.CSS_SELECTOR, "main .notice-warn")
    assert warn, f"no duplicate warning; main: {main_text(d)[:300]!r}"
    assert "ähneln Ihrer Eingabe" in warn[0].text, warn[0].text
    same = link(d, OZTURK, scope="//main//*[contains(@class,'notice-warn')]")
    assert same.get_attribute("href").endswith(f"/companies/{original}"), same.get_attribute("href")
    assert field(d, "Name").get_attribute("value") == OZTURK_SWAPPED
    assert field(d, "Postleitzahl").get_attribute("value") == PLZ
    assert field(d, "Branche").get_attribute("value") == "Kfz-Reparatur"

    box = field(d, "Nein, trotzdem neu anlegen")
    assert not box.is_selected()
    box.click()
    click(d, button(d, "Speichern"))
    assert heading(d) == OZTURK_SWAPPED, f"not created after confirming: {d.current_url}"
    second = company_id(d)
    assert second != original

    click(d, link(d, "Löschen", scope="//main"))
    assert path(d) == f"/companies/{second}/delete", d.current_url
    assert heading(d) == "Betrieb löschen"
    assert OZTURK_SWAPPED in main_text(d)
    click(d, button(d, "Ja, endgültig löschen"))
    assert path(d) == "/companies", f"after deleting: {d.current_url}"
    rows = list_rows(d)
    assert OZTURK_SWAPPED not in rows, "deleted company still listed"
    assert OZTURK in rows, "the original went too"
    open_page(d, site, f"/companies/{second}")
    assert "Diese Seite gibt es nicht." in main_text(d)


# --- 9. viewer --------------------------------------------------------------------------

def test_viewer_sees_companies_without_write_buttons(site, browser):
    d = log_in_as(browser, site, "viewer")
    assert not d.find_elements(By.XPATH, "//main//a[normalize-space(.)='Neuer Betrieb']"), "start page offers it"
    click(d, link(d, "Betriebe", scope="//header"))
    assert path(d) == "/companies"
    rows = list_rows(d)
    assert "Bäckerei Yılmaz" in rows, list(rows)
    actions = [e.text for e in d.find_elements(By.CSS_SELECTOR, "main a, main button")]
    assert "Neuer Betrieb" not in actions, "viewer is offered 'Neuer Betrieb'"

    click(d, link(d, "Bäckerei Yılmaz", scope="//main//table"))
    company_id(d)
    assert heading(d) == "Bäckerei Yılmaz"
    assert fact(d, "Ort") == "63065 Offenbach Stadt Offenbach", fact(d, "Ort")
    assert "Emine Yılmaz" in main_text(d), "contacts not shown to the viewer"
    assert d.find_elements(By.CSS_SELECTOR, "main ol.timeline > li"), "activities not shown to the viewer"
    actions = [e.text.strip() for e in d.find_elements(By.CSS_SELECTOR, "main a, main button, main summary")]
    for hidden in ("Bearbeiten", "Löschen", "entfernen", "Aktivität speichern", "Ansprechperson hinzufügen"):
        assert hidden not in actions, f"viewer is offered {hidden!r}"
    assert not d.find_elements(By.CSS_SELECTOR, "main form[method=post]"), "viewer gets a form that writes"


# --- 10. the new-company form on a phone -------------------------------------------------

def test_new_company_form_fits_a_phone(site, browser):
    d = log_in_as(browser, site, "caseworker", size=PHONE)
    open_page(d, site, "/companies/new")
    assert heading(d) == "Neuer Betrieb"
    scroll, inner = no_horizontal_scroll(d)
    assert inner <= PHONE[0], f"window did not shrink to phone width (innerWidth {inner})"
    assert scroll <= inner, f"phone: form is {scroll}px wide in a {inner}px window (scrolls sideways)"
    wide = d.execute_script(
        "return [...document.querySelectorAll('main input, main select, main textarea, main button, main label')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
        ".map(e => e.tagName + '#' + (e.id || e.name || e.textContent.trim().slice(0, 20)))")
    assert not wide, f"form controls stick out on the right: {wide}"
    save_png(d, "company-form-phone.png")
