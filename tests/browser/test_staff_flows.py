"""Staff flows through the real UI in headless Chromium: what a person sees
and does, found by label text, visible text and name attributes.

Every test starts its own browser(s) with an empty profile; the server (with
the demo accounts) is shared by the module, so tests that change an account
use one of their own, made with `azubimatch user add`.
"""

import itertools
from urllib.parse import urlsplit

import pytest

import a11y

try:
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # the browser fixture skips every test, saying why
    pass

WAIT = 10
# e-mail, password, name as `azubimatch seed demo` makes them
DEMO = {
    "admin": ("admin@azubimatch.example", "demo-admin-2026", "Aylin Demir"),
    "caseworker": ("beratung@azubimatch.example", "demo-beratung-2026", "Jonas Weber"),
    "viewer": ("lesen@azubimatch.example", "demo-lesen-2026", "Mira Schulz"),
}
PHONE = (360, 800)
DESKTOP = (1280, 900)
_serial = itertools.count(1)


# --- helpers: find things the way a person does --------------------------------

def xpath_text(s):
    """s as an XPath string literal (German text has no quotes, but be safe)."""
    if "'" not in s:
        return f"'{s}'"
    return "concat('" + "', \"'\", '".join(s.split("'")) + "')"


def field(d, label):
    """The form control labelled label (by <label for>, or a label around it)."""
    labels = d.find_elements(By.XPATH, f"//label[normalize-space(.)={xpath_text(label)}]")
    assert labels, f"no field labelled {label!r} on {d.current_url}"
    target = labels[0].get_attribute("for")
    if target:
        return d.find_element(By.ID, target)
    return labels[0].find_element(By.XPATH, ".//input|.//select|.//textarea")


def field_box(d, label):
    """The element around one field: its label, control, hint and problem text."""
    return field(d, label).find_element(By.XPATH, "./ancestor::*[contains(concat(' ', @class, ' '), ' field ')][1]")


def button(d, text, scope="//main"):
    found = d.find_elements(By.XPATH, f"{scope}//button[normalize-space(.)={xpath_text(text)}]")
    assert found, f"no button {text!r} on {d.current_url}"
    return found[0]


def link(d, text, scope="/"):
    found = d.find_elements(By.XPATH, f"{scope}/descendant::a[normalize-space(.)={xpath_text(text)}]")
    assert found, f"no link {text!r} on {d.current_url}"
    return found[0]


def type_into(d, label, text):
    el = field(d, label)
    el.clear()
    el.send_keys(text)
    return el


def path(d):
    return urlsplit(d.current_url).path


def header(d):
    return d.find_element(By.CSS_SELECTOR, "header")


def heading(d):
    return d.find_element(By.TAG_NAME, "h1").text.strip()


def alert_text(d):
    return " ".join(e.text for e in d.find_elements(By.CSS_SELECTOR, "[role=alert]"))


def navigates(d, action):
    """Runs action (a click) and waits until the browser shows a new page.
    The new page is known by a fresh window object: asking Chromium about the
    old <html> node while it swaps documents sometimes fails with "Node with
    given id does not belong to the document", which made waiting for
    staleness flaky (about one run in five)."""
    d.execute_script("window.__azubimatchOldPage = true")
    action()

    def new_page(x):
        try:
            return x.execute_script("return !window.__azubimatchOldPage && document.readyState === 'complete'")
        except WebDriverException:  # between two documents
            return False

    try:
        WebDriverWait(d, WAIT).until(new_page)
    except TimeoutException:
        pytest.fail(f"clicking did not lead to a new page (still {d.current_url}); "
                    f"invalid fields: {invalid_fields(d)}")
    # every page a click leads to is checked for accessibility
    a11y.audit(d, f"the page after a click ({heading_or_title(d)!r})")


def invalid_fields(d):
    """name -> the browser's validation message, for fields it would not send."""
    return d.execute_script(
        "const out = {};"
        "for (const el of document.querySelectorAll('input, select, textarea'))"
        "  if (!el.checkValidity()) out[el.name] = el.validationMessage;"
        "return out;")


def click(d, element):
    navigates(d, element.click)


def open_page(d, site, where):
    d.get(site.url + where)
    WebDriverWait(d, WAIT).until(lambda x: x.execute_script("return document.readyState") == "complete")
    a11y.audit(d, f"the page {where} ({heading_or_title(d)!r})")


def heading_or_title(d):
    """The page's h1, or its title: which page a message is about."""
    found = d.find_elements(By.TAG_NAME, "h1")
    return found[0].text.strip() if found else d.title


def log_in(d, email, password):
    """Fills in the log-in form shown now and sends it."""
    assert heading(d) == "Anmelden", f"not on the log-in form but {d.current_url}: {heading(d)!r}"
    type_into(d, "E-Mail", email)
    type_into(d, "Passwort", password)
    click(d, button(d, "Anmelden"))


def log_in_from_start(d, site, email, password):
    """Opens the start page, clicks "Anmelden" in the header and logs in."""
    open_page(d, site, "/")
    click(d, link(d, "Anmelden", scope="//header"))
    assert path(d) == "/login"
    log_in(d, email, password)


def log_out(d):
    click(d, button(d, "Abmelden", scope="//header"))


def is_logged_in_as(d, name):
    return name in header(d).text and bool(d.find_elements(By.XPATH, "//header//button[normalize-space(.)='Abmelden']"))


def no_horizontal_scroll(d):
    return d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")


def add_account(site, name, role="caseworker"):
    """A fresh account made on the command line: (email, password, name)."""
    n = next(_serial)
    email, password = f"konto{n}@azubimatch.example", f"erstes-passwort-{n:04d}"
    done = site.cli("user", "add", "--email", email, "--name", name, "--role", role, input=password + "\n")
    assert done.returncode == 0, done.stderr
    return email, password, name


def save_png(d, name):
    """A screenshot under build/screenshots/ (see a11y.screenshot)."""
    return a11y.screenshot(d, name.removesuffix(".png"))


# --- 1. start page ---------------------------------------------------------------

def test_start_page_is_german_styled_and_fits_phone_and_desktop(site, browser):
    d = browser()
    d.set_window_size(*DESKTOP)
    open_page(d, site, "/")
    assert heading(d) == "Ausbildung gemeinsam möglich machen"
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de"
    assert "azubimatch" in d.title
    # the stylesheet arrived and applies: coloured header, no default serif page
    bg = d.execute_script("return getComputedStyle(document.querySelector('header')).backgroundColor")
    assert bg not in ("transparent", "rgba(0, 0, 0, 0)"), f"header has no background ({bg}): CSS not applied"
    sheets = d.execute_script("return [...document.styleSheets].map(s => s.href && s.cssRules.length)")
    assert any(sheets), f"no stylesheet with rules loaded: {sheets}"
    for text in ("Für Betriebe", "Für junge Menschen", "Für das Team"):
        assert d.find_elements(By.XPATH, f"//main//h2[normalize-space(.)='{text}']"), f"card {text!r} missing"
    assert link(d, "Anmelden", scope="//header").is_displayed()

    scroll, inner = no_horizontal_scroll(d)
    assert scroll <= inner, f"desktop: page is {scroll}px wide in a {inner}px window"
    # the three cards sit side by side on a desktop
    tops = d.execute_script("return [...document.querySelectorAll('.card')].map(c => c.getBoundingClientRect().top)")
    assert len(set(round(t) for t in tops)) == 1, f"cards not in one row on desktop: {tops}"

    d.set_window_size(*PHONE)
    open_page(d, site, "/")
    scroll, inner = no_horizontal_scroll(d)
    assert inner <= PHONE[0], f"window did not shrink to phone width (innerWidth {inner})"
    assert scroll <= inner, f"phone: page is {scroll}px wide in a {inner}px window (horizontal scrollbar)"
    # nothing important sticks out to the right or is cut off
    wide = d.execute_script(
        "return [...document.querySelectorAll('header *, main *, footer *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
        ".map(e => e.tagName + '.' + e.className)")
    assert not wide, f"elements wider than the phone screen: {wide}"
    assert link(d, "Anmelden", scope="//header").is_displayed()
    save_png(d, "start-phone.png")


# --- 2. log-in -----------------------------------------------------------------------

def test_log_in_shows_name_in_header(site, browser):
    d = browser()
    email, password, name = DEMO["admin"]
    log_in_from_start(d, site, email, password)
    assert path(d) == "/", f"after log-in: {d.current_url}"
    assert is_logged_in_as(d, name), f"header after log-in: {header(d).text!r}"
    assert not d.find_elements(By.XPATH, "//header//a[normalize-space(.)='Anmelden']"), "still offers 'Anmelden'"
    # staying logged in on the next page
    open_page(d, site, "/about")
    assert is_logged_in_as(d, name)


def test_wrong_password_shows_error_and_keeps_email(site, browser):
    d = browser()
    email, _, name = DEMO["caseworker"]
    open_page(d, site, "/")
    click(d, link(d, "Anmelden", scope="//header"))
    log_in(d, email, "falsches-passwort")
    assert path(d) == "/login", d.current_url
    assert "E-Mail-Adresse oder Passwort ist falsch." in d.find_element(By.TAG_NAME, "main").text
    assert field(d, "E-Mail").get_attribute("value") == email
    assert field(d, "Passwort").get_attribute("value") == ""
    assert not is_logged_in_as(d, name)
    assert link(d, "Anmelden", scope="//header").is_displayed()


# --- 3. deep link --------------------------------------------------------------------

def test_deep_link_returns_to_accounts_after_log_in(site, browser):
    d = browser()
    d.set_window_size(*DESKTOP)
    open_page(d, site, "/admin/users")
    assert path(d) == "/login", f"logged out, /admin/users led to {d.current_url}"
    assert heading(d) == "Anmelden"
    email, password, name = DEMO["admin"]
    log_in(d, email, password)
    assert path(d) == "/admin/users", f"after log-in: {d.current_url}"
    assert heading(d) == "Konten"
    table = d.find_element(By.CSS_SELECTOR, "main table")
    columns = [th.text.strip() for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert columns == ["Name", "E-Mail", "Rolle", "Status"]
    rows = {tr.find_element(By.CSS_SELECTOR, "td").text: [td.text for td in tr.find_elements(By.CSS_SELECTOR, "td")]
            for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert rows.get(name) == [name, email, "Administration", "aktiv"], rows
    assert rows.get("Jonas Weber", [None, None, None])[2] == "Beratung", rows
    assert rows.get("Mira Schulz", [None, None, None])[2] == "Nur lesen", rows
    scroll, inner = no_horizontal_scroll(d)
    assert scroll <= inner, f"accounts list is {scroll}px wide in a {inner}px window"
    save_png(d, "accounts-desktop.png")


def test_viewer_cannot_open_accounts(site, browser):
    d = browser()
    email, password, name = DEMO["viewer"]
    log_in_from_start(d, site, email, password)
    assert not d.find_elements(By.XPATH, "//header//a[normalize-space(.)='Konten']"), "viewer is offered 'Konten'"
    open_page(d, site, "/admin/users")
    assert "Berechtigung" in d.find_element(By.TAG_NAME, "main").text, d.find_element(By.TAG_NAME, "main").text
    assert not d.find_elements(By.CSS_SELECTOR, "main table")


# --- 4. admin creates an account --------------------------------------------------

def test_admin_creates_account_with_errors_first(site, browser):
    d = browser()
    email, password, _ = DEMO["admin"]
    log_in_from_start(d, site, email, password)
    click(d, link(d, "Konten", scope="//header"))
    click(d, link(d, "Neues Konto", scope="//main"))
    assert path(d) == "/admin/users/new"
    assert heading(d) == "Neues Konto"

    type_into(d, "E-Mail", "lena.kaya-at-example")
    type_into(d, "Name", "Lena Kaya")
    type_into(d, "Passwort", "kurz")
    # the browser itself stops this (type=email, minlength); the server must
    # say the same for a browser that sends it anyway
    blocked = invalid_fields(d)
    assert set(blocked) >= {"email", "password"}, f"browser would send the form: {blocked}"
    d.execute_script("document.querySelector('main form.stacked').noValidate = true")
    click(d, button(d, "Konto anlegen"))

    assert path(d) in ("/admin/users", "/admin/users/new"), d.current_url
    assert heading(d) == "Neues Konto", "the form is not shown again"
    email_box, password_box = field_box(d, "E-Mail"), field_box(d, "Passwort")
    assert "ist keine gültige E-Mail-Adresse" in email_box.text, f"e-mail field: {email_box.text!r}"
    assert "Das Passwort braucht mindestens 10 Zeichen." in password_box.text, f"password field: {password_box.text!r}"
    assert "has-problem" in email_box.get_attribute("class")
    assert "has-problem" in password_box.get_attribute("class")
    assert field(d, "Name").get_attribute("value") == "Lena Kaya", "typed name lost"
    assert field(d, "E-Mail").get_attribute("value") == "lena.kaya-at-example", "typed e-mail lost"
    assert field(d, "Passwort").get_attribute("value") == "", "password sent back to the browser"
    assert "Name" not in [b.find_element(By.TAG_NAME, "label").text for b in
                          d.find_elements(By.CSS_SELECTOR, ".field.has-problem")], "name marked wrong"

    new_email = f"lena.kaya{next(_serial)}@azubimatch.example"
    type_into(d, "E-Mail", new_email)
    type_into(d, "Passwort", "ein-gutes-langes-passwort")
    click(d, button(d, "Konto anlegen"))
    assert path(d).startswith("/admin/users/") and path(d).rsplit("/", 1)[1].isdigit(), d.current_url
    assert heading(d) == "Lena Kaya"
    assert new_email in d.find_element(By.TAG_NAME, "main").text
    assert field(d, "Darf sich anmelden").is_selected()

    click(d, link(d, "← Konten", scope="//main"))
    row = d.find_elements(By.XPATH, f"//main//tr[td[normalize-space(.)='{new_email}']]")
    assert row, "new account missing from the list"
    assert [td.text for td in row[0].find_elements(By.TAG_NAME, "td")] == ["Lena Kaya", new_email, "Beratung", "aktiv"]


# --- 5. admin disables an account --------------------------------------------------

def test_disabled_account_cannot_log_in(site, browser):
    email, password, name = add_account(site, "Sven Sperre")
    # the account works at first, in its own browser
    other = browser()
    log_in_from_start(other, site, email, password)
    assert is_logged_in_as(other, name), "new account could not log in at all"

    d = browser()
    admin_email, admin_password, _ = DEMO["admin"]
    log_in_from_start(d, site, admin_email, admin_password)
    open_page(d, site, "/admin/users")
    click(d, link(d, name, scope="//main"))
    box = field(d, "Darf sich anmelden")
    assert box.is_selected()
    box.click()
    assert not box.is_selected()
    click(d, button(d, "Speichern"))
    assert heading(d) == name
    assert not field(d, "Darf sich anmelden").is_selected(), "still ticked after saving"
    open_page(d, site, "/admin/users")
    row = d.find_element(By.XPATH, f"//main//tr[td[normalize-space(.)='{email}']]")
    assert "gesperrt" in row.text

    # the other browser's session has ended ...
    open_page(other, site, "/me")
    assert path(other) == "/login", f"disabled account still sees {other.current_url}"
    # ... and a new log-in fails, in a separate session too
    log_in(other, email, password)
    assert path(other) == "/login"
    assert "E-Mail-Adresse oder Passwort ist falsch." in alert_text(other)
    fresh = browser()
    log_in_from_start(fresh, site, email, password)
    assert path(fresh) == "/login"
    assert "E-Mail-Adresse oder Passwort ist falsch." in alert_text(fresh)
    assert not is_logged_in_as(fresh, name)


# --- 6. changing one's own password ------------------------------------------------

def test_user_changes_own_password(site, browser):
    email, old_password, name = add_account(site, "Paula Passwort", role="viewer")
    new_password = "neues-passwort-mit-satz"
    d = browser()
    log_in_from_start(d, site, email, old_password)
    click(d, link(d, name, scope="//header"))
    assert path(d) == "/me"
    assert heading(d) == "Mein Konto"

    # a wrong current password is refused, next to that field
    type_into(d, "Aktuelles Passwort", "nicht-das-passwort")
    type_into(d, "Neues Passwort", new_password)
    click(d, button(d, "Passwort ändern"))
    assert "Das aktuelle Passwort stimmt nicht." in field_box(d, "Aktuelles Passwort").text

    type_into(d, "Aktuelles Passwort", old_password)
    type_into(d, "Neues Passwort", new_password)
    click(d, button(d, "Passwort ändern"))
    assert path(d) == "/me", d.current_url
    assert "Ihr Passwort wurde geändert." in d.find_element(By.TAG_NAME, "main").text
    assert is_logged_in_as(d, name), "changing the password logged this browser out"

    log_out(d)
    assert not is_logged_in_as(d, name), f"header after Abmelden: {header(d).text!r}"
    assert path(d) == "/login"
    log_in(d, email, old_password)
    assert "E-Mail-Adresse oder Passwort ist falsch." in alert_text(d), "old password still works"
    log_in(d, email, new_password)
    assert is_logged_in_as(d, name), "new password does not work"
