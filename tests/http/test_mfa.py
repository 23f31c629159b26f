"""The second factor (issue 8, point 5): enrolment on /me/mfa with a QR
code and the secret, recovery codes, the log-in that needs the code (JSON:
one request with `otp`; HTML: a second step), codes that work once, wrong
codes throttled like passwords, an admin's reset, and the setting that
requires it. The codes are computed here from the secret, as an
authenticator app would (RFC 6238, HMAC-SHA-1, 30 s, 6 digits)."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest

from conftest import (DEMO, JSON, add_user, audit_items, clean_env, client, login, run_cli, seed_demo, unique_email,
                      user_id)

PASSWORD = "zweiter-faktor-2026"


def totp(secret_b32, at=None, digits=6):
    """The code an app shows for the base32 secret at time at (now)."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


def test_the_tests_own_totp_meets_rfc6238():
    """The helper above is right (RFC 6238, appendix B, SHA-1), so a
    failure below is the program's."""
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, at=59, digits=8) == "94287082"
    assert totp(secret, at=1111111109, digits=8) == "07081804"
    assert totp(secret, at=2000000000, digits=8) == "69279037"


@pytest.fixture(scope="module")
def site(server):
    return seed_demo(server)


def new_account(srv, role="caseworker"):
    email = unique_email("mfa")
    add_user(srv, email, PASSWORD, role=role)
    return email


def enrol(srv, s):
    """Turns the second factor on for s's account; returns (secret, the
    recovery codes, the time step used up by enrolling)."""
    r = s.get(srv.url + "/me/mfa", headers=JSON)
    assert r.status_code == 200, r.text
    secret = r.json()["secret"]
    now = time.time()
    r = s.post(srv.url + "/me/mfa", data={"code": totp(secret, now)}, headers={**JSON, "X-CSRF-Token": s.csrf})
    assert r.status_code == 200, r.text
    assert r.json()["enabled"] is True
    return secret, r.json()["recovery_codes"], int(now // 30)


def json_login(srv, email, password, **extra):
    s = client()
    r = s.post(srv.url + "/login", data={"email": email, "password": password, **extra}, headers=JSON)
    return s, r


def session_cookie(s):
    return any(c.name in ("sid", "__Host-sid") and c.value for c in s.cookies)


def test_enrolment_shows_a_secret_and_its_otpauth_address(site):
    email = new_account(site)
    s = login(site, email, PASSWORD)
    r = s.get(site.url + "/me/mfa", headers=JSON)
    assert r.status_code == 200
    body = r.json()
    assert re.fullmatch(r"[A-Z2-7]{32}", body["secret"])
    uri = body["otpauth_uri"]
    assert uri.startswith("otpauth://totp/azubimatch:")
    assert "secret=" + body["secret"] in uri and "issuer=azubimatch" in uri
    assert email.replace("@", "%40") in uri
    assert body["enabled"] is False
    # each visit a new secret; the QR code shows the latest
    again = s.get(site.url + "/me/mfa", headers=JSON).json()["secret"]
    assert again != body["secret"]
    qr = s.get(site.url + "/me/mfa/qr.svg")
    assert qr.status_code == 200 and qr.headers["Content-Type"] == "image/svg+xml"
    assert qr.text.startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"") and "<path" in qr.text
    assert qr.headers["Cache-Control"] == "no-store"
    # the page for people: QR code, the key in groups, the form
    page = s.get(site.url + "/me/mfa")
    assert page.status_code == 200
    assert '<img class="qr" src="/me/mfa/qr.svg"' in page.text
    assert 'autocomplete="one-time-code"' in page.text
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text).group(1)
    assert len(secret.split(" ")) == 8


def test_qr_code_needs_a_secret_shown_first(site):
    s = login(site, new_account(site), PASSWORD)
    assert s.get(site.url + "/me/mfa/qr.svg").status_code == 404
    assert client().get(site.url + "/me/mfa/qr.svg", headers=JSON).status_code == 401


def test_a_wrong_code_does_not_turn_it_on(site):
    email = new_account(site)
    s = login(site, email, PASSWORD)
    secret = s.get(site.url + "/me/mfa", headers=JSON).json()["secret"]
    wrong = totp(secret, time.time() + 300)
    for code in (wrong, "", "abc"):
        r = s.post(site.url + "/me/mfa", data={"code": code}, headers={**JSON, "X-CSRF-Token": s.csrf})
        assert r.status_code == 400, r.text
        assert "code" in r.json()["error"]["fields"]
    # the HTML page keeps the same secret, so the scanned one still works
    page = s.post(site.url + "/me/mfa", data={"code": wrong, "csrf_token": s.csrf})
    assert page.status_code == 400 and 'aria-invalid="true"' in page.text
    shown = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    assert shown == secret
    assert json_login(site, email, PASSWORD)[1].status_code == 200  # still no second factor


def test_log_in_needs_the_code_and_each_code_works_once(site):
    email = new_account(site)
    s = login(site, email, PASSWORD)
    secret, codes, step = enrol(site, s)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"(?:[0-9a-z]{4}-){5}[0-9a-z]{4}", c) for c in codes)

    # the password alone: 401 otp_required and no session
    c, r = json_login(site, email, PASSWORD)
    assert r.status_code == 401 and r.json()["error"]["code"] == "otp_required"
    assert not session_cookie(c)
    assert c.get(site.url + "/me", headers=JSON).status_code == 401
    # a wrong password with a right code is still a wrong password
    c, r = json_login(site, email, "falsch-falsch-2026", otp=totp(secret, (step + 1) * 30))
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"

    # the enrolment's own code is used up; the next step's code works once
    _, r = json_login(site, email, PASSWORD, otp=totp(secret, step * 30))
    assert r.status_code == 401 and r.json()["error"]["code"] == "otp_required"
    nxt = totp(secret, (step + 1) * 30)
    c, r = json_login(site, email, PASSWORD, otp=nxt)
    assert r.status_code == 200, r.text
    assert c.get(site.url + "/me", headers=JSON).json()["email"] == email
    _, r = json_login(site, email, PASSWORD, otp=nxt)
    assert r.status_code == 401 and r.json()["error"]["code"] == "otp_required"

    # a recovery code, typed any way, works once
    code = codes[3]
    c, r = json_login(site, email, PASSWORD, otp=code.upper().replace("-", " "))
    assert r.status_code == 200, r.text
    _, r = json_login(site, email, PASSWORD, otp=code)
    assert r.status_code == 401
    me = c.get(site.url + "/me/mfa", headers=JSON).json()
    assert me["enabled"] is True and me["recovery_codes_left"] == 9

    admin = login(site, *DEMO["admin"])
    uid = user_id(site, admin, email)
    logins = audit_items(site, admin, action="login", user_id=uid)
    assert {tuple(e["fields"] or []) for e in logins} >= {("otp",), ("recovery_code",)}
    failed = [e for e in audit_items(site, admin, action="login_failed", object_id=uid)
              if e["fields"] == ["otp"]]
    assert len(failed) >= 3
    assert [e for e in audit_items(site, admin, action="mfa_enable", object_id=uid)]


def test_browser_log_in_asks_for_the_code_on_a_second_page(site):
    email = new_account(site)
    secret, codes, step = enrol(site, login(site, email, PASSWORD))
    b = client()
    r = b.post(site.url + "/login", data={"email": email, "password": PASSWORD, "next": "/companies"},
               allow_redirects=False)
    assert r.status_code == 401
    assert not session_cookie(b)
    assert PASSWORD not in r.text  # the page carries a challenge, never the password
    token = re.search(r'name="mfa_token" value="([0-9a-f]{64})"', r.text).group(1)
    assert 'name="otp"' in r.text and 'value="/companies"' in r.text

    r = b.post(site.url + "/login", data={"mfa_token": token, "otp": "000000", "next": "/companies"},
               allow_redirects=False)
    assert r.status_code == 401 and 'name="otp"' in r.text and 'role="alert"' in r.text
    assert not session_cookie(b)
    r = b.post(site.url + "/login", data={"mfa_token": token, "otp": codes[0], "next": "/companies"},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/companies"
    assert session_cookie(b)
    assert b.get(site.url + "/me", headers=JSON).json()["email"] == email
    # the challenge is used up
    r = client().post(site.url + "/login", data={"mfa_token": token, "otp": codes[1]}, allow_redirects=False)
    assert r.status_code == 401 and 'name="password"' in r.text
    # an invented one leads back to the password
    r = client().post(site.url + "/login", data={"mfa_token": "ab" * 32, "otp": codes[1]},
                      allow_redirects=False)
    assert r.status_code == 401 and 'name="password"' in r.text


def test_wrong_codes_are_throttled_like_passwords(make_server):
    srv = seed_demo(make_server(env={"AZUBIMATCH_LOGIN_MAX_FAILURES": 3}))
    email = new_account(srv)
    secret, codes, step = enrol(srv, login(srv, email, PASSWORD))
    for i in range(3):
        _, r = json_login(srv, email, PASSWORD, otp="%06d" % i)
        assert r.status_code == 401 and r.json()["error"]["code"] == "otp_required"
    _, r = json_login(srv, email, PASSWORD, otp=codes[0])
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    # the password alone is refused too, before any session
    _, r = json_login(srv, email, PASSWORD)
    assert r.status_code == 429


def test_disabling_needs_a_current_code(site):
    email = new_account(site)
    s = login(site, email, PASSWORD)
    secret, codes, step = enrol(site, s)
    r = s.post(site.url + "/me/mfa/disable", data={"disable_code": "123456"},
               headers={**JSON, "X-CSRF-Token": s.csrf})
    assert r.status_code == 400 and "disable_code" in r.json()["error"]["fields"]
    page = s.post(site.url + "/me/mfa/disable", data={"disable_code": "123456", "csrf_token": s.csrf})
    assert page.status_code == 400
    assert 'aria-invalid="true" aria-describedby="disable_code-problem"' in page.text
    r = s.post(site.url + "/me/mfa/disable", data={"disable_code": codes[0]},
               headers={**JSON, "X-CSRF-Token": s.csrf})
    assert r.status_code == 200 and r.json()["enabled"] is False
    assert json_login(site, email, PASSWORD)[1].status_code == 200
    admin = login(site, *DEMO["admin"])
    uid = user_id(site, admin, email)
    assert audit_items(site, admin, action="mfa_disable", object_id=uid)
    assert audit_items(site, admin, action="mfa_disable_failed", object_id=uid)


def test_admin_resets_a_lost_phone(site):
    email = new_account(site)
    s = login(site, email, PASSWORD)
    enrol(site, s)
    admin = login(site, *DEMO["admin"])
    uid = user_id(site, admin, email)
    shown = admin.get(site.url + f"/admin/users/{uid}", headers=JSON).json()
    assert shown["mfa_enabled"] is True
    page = admin.get(site.url + f"/admin/users/{uid}")
    assert f'action="/admin/users/{uid}/mfa/reset"' in page.text

    cw = login(site, *DEMO["caseworker"])
    r = cw.post(site.url + f"/admin/users/{uid}/mfa/reset", headers={**JSON, "X-CSRF-Token": cw.csrf})
    assert r.status_code == 403
    r = admin.post(site.url + f"/admin/users/{uid}/mfa/reset", headers={**JSON, "X-CSRF-Token": admin.csrf})
    assert r.status_code == 200 and r.json()["mfa_enabled"] is False
    r = admin.post(site.url + "/admin/users/999999/mfa/reset", headers={**JSON, "X-CSRF-Token": admin.csrf})
    assert r.status_code == 404
    # the person's sessions ended; the password alone lets them in again
    assert s.get(site.url + "/me", headers=JSON).status_code == 401
    assert json_login(site, email, PASSWORD)[1].status_code == 200
    resets = audit_items(site, admin, action="mfa_reset", object_id=uid)
    assert len(resets) == 1 and resets[0]["user_id"] == user_id(site, admin, DEMO["admin"][0])


def test_the_setting_requires_it_for_staff(make_server):
    srv = seed_demo(make_server(env={"AZUBIMATCH_MFA_REQUIRED": "staff"}))
    email = new_account(srv)
    s = login(srv, email, PASSWORD)
    # nothing but setting it up (and one's account, and logging out)
    r = s.get(srv.url + "/companies", headers=JSON)
    assert r.status_code == 403 and r.json()["error"]["code"] == "mfa_required"
    r = s.get(srv.url + "/companies", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/me/mfa?required=1"
    page = s.get(srv.url + "/me/mfa?required=1")
    assert page.status_code == 200 and 'role="alert"' in page.text
    secret, codes, step = enrol(srv, s)
    assert s.get(srv.url + "/companies", headers=JSON).status_code == 200
    # it cannot be turned off
    r = s.post(srv.url + "/me/mfa/disable", data={"disable_code": codes[0]},
               headers={**JSON, "X-CSRF-Token": s.csrf})
    assert r.status_code == 403
    _, r = json_login(srv, email, PASSWORD)
    assert r.status_code == 401 and r.json()["error"]["code"] == "otp_required"


def test_the_setting_can_name_admins_alone(make_server):
    srv = seed_demo(make_server(env={"AZUBIMATCH_MFA_REQUIRED": "admins"}))
    cw = login(srv, *DEMO["caseworker"])
    assert cw.get(srv.url + "/companies", headers=JSON).status_code == 200
    admin = login(srv, *DEMO["admin"])
    r = admin.get(srv.url + "/admin/users", headers=JSON)
    assert r.status_code == 403 and r.json()["error"]["code"] == "mfa_required"


def test_a_bad_setting_stops_the_start(tmp_path):
    done = run_cli("serve", "--port", "0",
                   env=clean_env({"AZUBIMATCH_MFA_REQUIRED": "everyone", "AZUBIMATCH_DB": str(tmp_path / "x.db")}))
    assert done.returncode != 0
    assert "mfa_required: expected one of none, admins, staff; got 'everyone'" in done.stderr


def test_replacing_a_factor_needs_a_code_of_the_one_in_use(site):
    email = new_account(site)
    s = login(site, email, PASSWORD)
    secret, codes, step = enrol(site, s)
    other = json_login(site, email, PASSWORD, otp=codes[0])[0]  # another browser, logged in
    assert other.get(site.url + "/me", headers=JSON).status_code == 200
    new = s.get(site.url + "/me/mfa", headers=JSON).json()["secret"]
    h = {**JSON, "X-CSRF-Token": s.csrf}
    r = s.post(site.url + "/me/mfa", data={"code": totp(new)}, headers=h)
    assert r.status_code == 400 and "current_code" in r.json()["error"]["fields"]
    r = s.post(site.url + "/me/mfa", data={"code": totp(new), "current_code": "000000"}, headers=h)
    assert r.status_code == 400 and "current_code" in r.json()["error"]["fields"]
    # nothing changed: the old recovery codes still work
    r = s.post(site.url + "/me/mfa", data={"code": totp(new), "current_code": codes[1]}, headers=h)
    assert r.status_code == 200, r.text
    fresh = r.json()["recovery_codes"]
    assert not set(fresh) & set(codes)
    _, r = json_login(site, email, PASSWORD, otp=codes[2])
    assert r.status_code == 401  # the old codes went with the old factor
    assert other.get(site.url + "/me", headers=JSON).status_code == 401  # other sessions ended
    assert s.get(site.url + "/me", headers=JSON).status_code == 200     # this one stays
    admin = login(site, *DEMO["admin"])
    uid = user_id(site, admin, email)
    assert audit_items(site, admin, action="mfa_replace", object_id=uid)
    assert audit_items(site, admin, action="mfa_replace_failed", object_id=uid)


def test_one_code_sent_twice_at_once_lets_one_in(site):
    import concurrent.futures
    email = new_account(site)
    secret, codes, step = enrol(site, login(site, email, PASSWORD))
    code = totp(secret, (step + 1) * 30)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda _: json_login(site, email, PASSWORD, otp=code)[1].status_code, range(4)))
    assert sorted(statuses) == [200, 401, 401, 401], statuses


def test_the_code_page_is_not_kept_and_a_wrong_code_makes_no_session(site):
    email = new_account(site)
    secret, codes, step = enrol(site, login(site, email, PASSWORD))
    b = client()
    r = b.post(site.url + "/login", data={"email": email, "password": PASSWORD}, allow_redirects=False)
    assert r.status_code == 401 and r.headers["Cache-Control"] == "no-store"
    c, r = json_login(site, email, PASSWORD, otp="999999")
    assert r.status_code == 401 and not session_cookie(c)
    assert r.json()["error"]["fields"]["otp"]  # said beside the field: wrong, not missing
    _, r = json_login(site, email, PASSWORD)
    assert "fields" not in r.json()["error"]


def challenge_of(srv, email):
    r = client().post(srv.url + "/login", data={"email": email, "password": PASSWORD}, allow_redirects=False)
    assert r.status_code == 401
    return re.search(r'name="mfa_token" value="([0-9a-f]{64})"', r.text).group(1)


def second_step(srv, token, otp):
    return client().post(srv.url + "/login", data={"mfa_token": token, "otp": otp}, allow_redirects=False)


def test_a_challenge_ends_after_three_wrong_codes_and_with_the_sessions(make_server):
    srv = seed_demo(make_server(env={"AZUBIMATCH_LOGIN_MAX_FAILURES": 20}))
    email = new_account(srv)
    secret, codes, step = enrol(srv, login(srv, email, PASSWORD))
    token = challenge_of(srv, email)
    for _ in range(3):
        r = second_step(srv, token, "000000")
        assert r.status_code == 401 and 'name="otp"' in r.text
    r = second_step(srv, token, codes[0])
    assert r.status_code == 401 and 'name="password"' in r.text  # back to the password
    # an admin ending the account's sessions ends its half-done log-ins too
    token = challenge_of(srv, email)
    admin = login(srv, *DEMO["admin"])
    uid = user_id(srv, admin, email)
    r = admin.post(srv.url + f"/admin/users/{uid}/sessions", headers={**JSON, "X-CSRF-Token": admin.csrf})
    assert r.status_code == 200
    r = second_step(srv, token, codes[0])
    assert r.status_code == 401 and 'name="password"' in r.text
    r = second_step(srv, challenge_of(srv, email), codes[0])
    assert r.status_code == 303


def test_turning_off_what_is_not_on_is_a_conflict(site):
    s = login(site, new_account(site), PASSWORD)
    r = s.post(site.url + "/me/mfa/disable", data={"disable_code": "123456"},
               headers={**JSON, "X-CSRF-Token": s.csrf})
    assert r.status_code == 409


def test_throttled_disabling_is_audited(make_server):
    srv = seed_demo(make_server(env={"AZUBIMATCH_LOGIN_MAX_FAILURES": 2}))
    email = new_account(srv)
    s = login(srv, email, PASSWORD)
    enrol(srv, s)
    h = {**JSON, "X-CSRF-Token": s.csrf}
    for _ in range(2):
        assert s.post(srv.url + "/me/mfa/disable", data={"disable_code": "111111"}, headers=h).status_code == 400
    r = s.post(srv.url + "/me/mfa/disable", data={"disable_code": "111111"}, headers=h)
    assert r.status_code == 429
    admin = login(srv, *DEMO["admin"])
    assert audit_items(srv, admin, action="mfa_disable_throttled", object_id=user_id(srv, admin, email))


def test_an_admin_resets_others_not_themselves(site):
    admin = login(site, *DEMO["admin"])
    h = {**JSON, "X-CSRF-Token": admin.csrf}
    me = user_id(site, admin, DEMO["admin"][0])
    assert admin.post(site.url + f"/admin/users/{me}/mfa/reset", headers=h).status_code == 403
    plain = user_id(site, admin, DEMO["viewer"][0])
    assert admin.post(site.url + f"/admin/users/{plain}/mfa/reset", headers=h).status_code == 409


def test_before_enrolling_nothing_else_is_reachable(make_server):
    srv = seed_demo(make_server(env={"AZUBIMATCH_MFA_REQUIRED": "staff"}))
    s = login(srv, new_account(srv), PASSWORD)
    r = s.post(srv.url + "/companies", json={"name": "Gesperrt GmbH", "postal_code": "63065"},
               headers={**JSON, "X-CSRF-Token": s.csrf})
    assert r.status_code == 403 and r.json()["error"]["code"] == "mfa_required"
    # the public start page shows them as nobody in particular
    home = s.get(srv.url + "/")
    assert home.status_code == 200 and 'href="/login"' in home.text and "/followups" not in home.text
    assert s.get(srv.url + "/me", headers=JSON).status_code == 200
