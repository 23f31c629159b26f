"""A staff member turns on the second factor in the browser, as they would
with a phone: reads the key off /me/mfa, enters the app's code, notes the
recovery codes, and from then on logs in on two pages. Every page passes
axe-core (open_page and click check it)."""

import base64
import hashlib
import hmac
import re
import struct
import time

from selenium.webdriver.common.by import By

import a11y
from test_staff_flows import (add_account, button, click, field_box, heading, is_logged_in_as, link, log_in,
                              log_in_from_start, log_out, open_page, path, type_into)


def totp(secret_b32, at=None):
    """The code an authenticator app shows (RFC 6238, SHA-1, 30 s, 6 digits)."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return str((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 10 ** 6).zfill(6)


def test_turn_on_the_second_factor_and_log_in_with_a_code(site, browser):
    email, password, name = add_account(site, "Mila Zwei", role="caseworker")
    d = browser()
    log_in_from_start(d, site, email, password)
    open_page(d, site, "/me")
    click(d, link(d, "Zwei-Faktor-Anmeldung (Authenticator-App)", scope="//main"))
    assert path(d) == "/me/mfa" and heading(d) == "Zwei-Faktor-Anmeldung"
    qr = d.find_element(By.CSS_SELECTOR, "main img.qr")
    assert qr.get_attribute("alt") and d.execute_script("return arguments[0].naturalWidth > 0", qr), "no QR code"
    a11y.screenshot(d, "mfa-setup")
    secret = d.find_element(By.CSS_SELECTOR, "main code.secret").text.replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret

    # a wrong code is refused beside the field; the key stays the same
    type_into(d, "Code, den die App jetzt zeigt", "000000")
    click(d, button(d, "Einschalten"))
    assert "Der Code stimmt nicht" in field_box(d, "Code, den die App jetzt zeigt").text
    assert d.find_element(By.CSS_SELECTOR, "main code.secret").text.replace(" ", "") == secret

    now = time.time()
    type_into(d, "Code, den die App jetzt zeigt", totp(secret, now))
    click(d, button(d, "Einschalten"))
    assert "Die Zwei-Faktor-Anmeldung ist eingeschaltet." in d.find_element(By.CSS_SELECTOR, "main [role='status']").text
    codes = [c.text for c in d.find_elements(By.CSS_SELECTOR, "main ul.recovery-codes code")]
    assert len(codes) == 10 and all(re.fullmatch(r"(?:[0-9a-z]{4}-){5}[0-9a-z]{4}", c) for c in codes), codes
    a11y.screenshot(d, "mfa-recovery-codes")

    log_out(d)
    log_in(d, email, password)
    # the password was right: a second page asks for the code, no session yet
    assert heading(d) == "Anmelden" and not is_logged_in_as(d, name)
    assert "Code aus der Authenticator-App" in d.find_element(By.TAG_NAME, "main").text
    assert not d.find_elements(By.CSS_SELECTOR, "main input[type='password']"), "the code page asks for the password"
    a11y.screenshot(d, "login-code")
    type_into(d, "Code aus der Authenticator-App", "123456")
    click(d, button(d, "Bestätigen"))
    box = field_box(d, "Code aus der Authenticator-App")
    assert "Der Code stimmt nicht" in box.text
    assert d.find_element(By.ID, "otp").get_attribute("aria-invalid") == "true"
    # a recovery code, typed with spaces, lets one in
    type_into(d, "Code aus der Authenticator-App", codes[0].replace("-", " ").upper())
    click(d, button(d, "Bestätigen"))
    assert is_logged_in_as(d, name), "the recovery code did not log in"
    assert path(d) == "/"
