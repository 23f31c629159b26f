"""The caseworker's daily work in the browser: a follow-up moved to next
week and handed to a colleague, an activity corrected, and the admin's
audit log read in words. Every page passes axe-core at desktop and phone
sizes (open_page and click check it) and fits a phone without sideways
scrolling."""

import datetime

import pytest
from selenium.webdriver.common.by import By

import a11y
from test_companies_flow import choose, log_in_as, set_date
from test_staff_flows import (DESKTOP, PHONE, button, click, heading, link, no_horizontal_scroll, open_page,
                              path, type_into)


def fits(d, what):
    scroll, inner = no_horizontal_scroll(d)
    assert scroll <= inner, f"{what}: {scroll} px wide in a {inner} px window"


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_move_a_follow_up_and_correct_an_activity(site, browser, size):
    d = log_in_as(browser, site, "caseworker", size)
    open_page(d, site, "/followups?when=all")
    fits(d, "follow-ups")
    rows = d.find_elements(By.CSS_SELECTOR, "main tbody tr")
    assert rows, "the demo caseworker has no open follow-ups"
    subject = rows[0].find_elements(By.TAG_NAME, "td")[2].text.split(" (")[0].split(": ")[-1]
    click(d, rows[0].find_element(By.XPATH, ".//a[starts-with(normalize-space(.), 'Verschieben oder übergeben')]"))
    assert heading(d) == "Wiedervorlage verschieben oder übergeben"
    fits(d, "move a follow-up")
    a11y.screenshot(d, "followup-move")
    next_week = datetime.date.today() + datetime.timedelta(days=7)
    d.find_element(By.ID, "m-day").clear()
    set_date(d, "Neues Datum", next_week)
    choose(d, "Wiedervorlage für", "Aylin Demir" if size == DESKTOP else "Jonas Weber")
    click(d, button(d, "Speichern"))
    assert path(d) == "/followups"
    assert d.find_element(By.CSS_SELECTOR, "main [role='status']").text.strip() == "Die Wiedervorlage ist geändert."

    # correct an activity from its company's timeline
    open_page(d, site, "/companies")
    click(d, d.find_element(By.CSS_SELECTOR, "main tbody tr a"))
    edit = d.find_elements(By.XPATH, "//main//ol[contains(@class,'timeline')]//a[starts-with(normalize-space(.), 'Bearbeiten')]")
    if not edit:
        pytest.skip("the first company has no activity to correct")
    click(d, edit[0])
    assert heading(d) == "Aktivität bearbeiten"
    fits(d, "activity form")
    a11y.screenshot(d, "activity-edit")
    field = d.find_element(By.ID, "a-subject")
    field.clear()
    field.send_keys("Korrigierter Betreff")
    click(d, button(d, "Aktivität speichern"))
    assert d.find_element(By.CSS_SELECTOR, "main [role='status']").text.strip() == \
        "Die Änderungen an der Aktivität sind gespeichert."
    assert "Korrigierter Betreff" in d.find_element(By.CSS_SELECTOR, "main ol.timeline").text


def test_the_admin_reads_the_audit_log_in_words(site, browser):
    d = log_in_as(browser, site, "admin", PHONE)
    open_page(d, site, "/admin/audit")
    fits(d, "audit log")
    choose(d, "Aktion", "angemeldet")
    click(d, button(d, "Filtern"))
    cells = [td.text for td in d.find_elements(By.CSS_SELECTOR, "main tbody tr td:nth-child(3)")]
    assert cells and set(cells) == {"angemeldet"}, cells
    who = d.find_elements(By.CSS_SELECTOR, "main tbody tr td:nth-child(2) a")
    assert who and who[0].get_attribute("href").rsplit("/admin/users/", 1)[1].isdigit()
    a11y.screenshot(d, "audit-log")
