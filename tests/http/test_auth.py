"""Log-in, sessions, CSRF, throttling and the web-security headers of the
staff side, seen from a browser and from a JSON client."""

import html
import json
import re
import shutil
import sqlite3
import subprocess
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from conftest import (DEMO, JSON, REPO, Server, TlsServer, add_user, audit_items, client, login, login_status,
                      seed_demo, unique_email, user_id)

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
CSP = ("default-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
PASSWORD = "richtig-geheim-2026"
ADMIN, ADMIN_PW = DEMO["admin"]


# --- helpers -----------------------------------------------------------------

@pytest.fixture(scope="module")
def site(server):
    """The module's server with the demo accounts."""
    return seed_demo(server)


def new_account(srv, role="caseworker"):
    """A fresh account (through `user add`); its e-mail."""
    email = unique_email(role)
    add_user(srv, email, PASSWORD, role=role)
    return email


def set_cookies(r):
    """Every Set-Cookie header of a response, unmerged."""
    return r.raw.headers.getlist("Set-Cookie")


def sid_cookie(r):
    """(value, set of lower-case attributes) of the sid cookie r sets last
    (the one a browser keeps), or None."""
    found = None
    for header in set_cookies(r):
        parts = [p.strip() for p in header.split(";")]
        for name in ("sid=", "__Host-sid="):  # the prefixed name over TLS
            if parts[0].startswith(name):
                found = parts[0][len(name):], {p.lower() for p in parts[1:]}
    return found


def error(r, status, code):
    """The JSON error object of r, after checking status and code."""
    assert r.status_code == status, f"expected {status}, got {r.status_code}: {r.text[:300]}"
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["error"]["code"] == code, body
    return body["error"]


def me(srv, sid):
    """GET /me (JSON) with only this session cookie."""
    return requests.get(srv.url + "/me", headers=JSON, cookies={"sid": sid})


def next_of(location):
    """The decoded next parameter of a /login?next=... location."""
    parts = urlsplit(location)
    assert parts.path == "/login", location
    values = parse_qs(parts.query, keep_blank_values=True)
    assert list(values) == ["next"], f"the next value is not one encoded parameter: {location}"
    return values["next"][0]


def hidden_next(page):
    """The value of the log-in form's hidden next field."""
    m = re.search(r'<input type="hidden" name="next" value="([^"]*)">', page)
    assert m, "no hidden next field in the log-in form"
    return html.unescape(m.group(1))


def set_session_times(srv, email, seen_ago=None, created_ago=None):
    """Moves the account's sessions back in time (seconds before now)."""
    now = int(time.time())
    con = sqlite3.connect(srv.db_path, timeout=10)
    try:
        uid = "(SELECT id FROM users WHERE email = ?)"
        if seen_ago is not None:
            con.execute(f"UPDATE sessions SET last_seen = ? WHERE user_id = {uid}", (now - seen_ago, email))
        if created_ago is not None:
            con.execute(f"UPDATE sessions SET created_at = ? WHERE user_id = {uid}", (now - created_ago, email))
        con.commit()
        n = con.execute(f"SELECT count(*) FROM sessions WHERE user_id = {uid}", (email,)).fetchone()[0]
    finally:
        con.close()
    assert n == 1, f"expected one session of {email}, found {n}"


# --- log-in --------------------------------------------------------------------------

def test_form_login_redirects_home_with_a_session_cookie(site):
    s = client()
    r = s.post(site.url + "/login", data={"email": ADMIN, "password": ADMIN_PW}, allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/"
    cookie = sid_cookie(r)
    assert cookie, f"no sid cookie in {set_cookies(r)}"
    value, attrs = cookie
    assert re.fullmatch(r"[0-9a-f]{32,}", value), value
    assert "httponly" in attrs
    assert "samesite=lax" in attrs
    assert "path=/" in attrs
    assert "secure" not in attrs, "Secure on plain HTTP would lose the cookie"
    r = me(site, value)
    assert r.status_code == 200
    assert r.json()["email"] == ADMIN


def test_json_login_returns_the_user_and_a_csrf_token(site):
    s = client()
    r = s.post(site.url + "/login", json={"email": ADMIN, "password": ADMIN_PW}, headers=JSON)
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"user", "csrf_token"}
    assert body["user"]["email"] == ADMIN
    assert body["user"]["role"] == "admin"
    assert isinstance(body["user"]["id"], int)
    assert not any("password" in k or "hash" in k for k in body["user"]), body["user"]
    assert re.fullmatch(r"[0-9a-f]{32,}", body["csrf_token"])
    assert sid_cookie(r), "JSON log-in sets the cookie too"
    m = s.get(site.url + "/me", headers=JSON)
    assert m.status_code == 200
    got = m.json()
    assert {k: got[k] for k in ("id", "email", "name", "role", "csrf_token")} == {
        "id": body["user"]["id"], "email": ADMIN, "name": body["user"]["name"], "role": "admin",
        "csrf_token": body["csrf_token"]}


def test_email_is_not_case_sensitive_at_login(site):
    s = login(site, ADMIN.upper(), ADMIN_PW)
    assert s.get(site.url + "/me", headers=JSON).json()["email"] == ADMIN


def test_login_page_is_a_form_in_the_layout(site):
    r = requests.get(site.url + "/login")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert '<form method="post" action="/login"' in r.text
    assert 'name="email"' in r.text and 'name="password"' in r.text
    assert "<header" in r.text and "<footer" in r.text


def test_each_login_gets_a_new_token_and_the_old_one_dies(site):
    def login_with(sid):
        r = client().post(site.url + "/login", data={"email": ADMIN, "password": ADMIN_PW}, headers=JSON,
                          cookies={"sid": sid})
        assert r.status_code == 200
        return sid_cookie(r)[0], r.json()["csrf_token"]

    planted = "ab" * 32  # a token set before log-in (session fixation)
    first, first_csrf = login_with(planted)
    assert first and first != planted, "the planted token was kept"
    second, second_csrf = login_with(first)
    assert second and second != first
    assert second_csrf != first_csrf
    assert me(site, second).status_code == 200
    error(me(site, first), 401, "unauthorized")


def test_logout_ends_the_session(site):
    s = login(site, ADMIN, ADMIN_PW)
    sid = s.cookies["sid"]
    r = s.post(site.url + "/logout", data={"csrf_token": s.csrf}, allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/login"
    value, attrs = sid_cookie(r)
    assert value == "" and "max-age=0" in attrs, "the cookie is not cleared"
    error(me(site, sid), 401, "unauthorized")
    r = requests.get(site.url + "/me", cookies={"sid": sid}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")


def test_logout_without_csrf_token_is_refused_and_the_session_lives(site):
    s = login(site, ADMIN, ADMIN_PW)
    error(s.post(site.url + "/logout", headers=JSON), 403, "csrf")
    assert me(site, s.cookies["sid"]).status_code == 200


def test_unknown_session_token_is_not_logged_in(site):
    error(me(site, "0" * 64), 401, "unauthorized")
    error(me(site, "not-a-token"), 401, "unauthorized")


# --- not logged in ---------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "/me",
    "/admin/users",
    "/admin/audit?action=login&per_page=5",
    "/admin/users?q=M%C3%BCller%20%26%20Co&page=1",
])
def test_staff_page_sends_a_browser_to_login_and_back(site, target):
    r = requests.get(site.url + target, allow_redirects=False)
    assert r.status_code == 303
    location = r.headers["Location"]
    assert location.startswith("/login?next=")
    assert not set(location[len("/login?next="):]) & set("?&#= "), f"next not percent-encoded: {location}"
    assert next_of(location) == target
    page = requests.get(site.url + location)
    assert page.status_code == 200
    next_value = hidden_next(page.text)
    assert next_value == target
    r = client().post(site.url + "/login", data={"email": ADMIN, "password": ADMIN_PW, "next": next_value},
                      allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == target
    assert requests.get(site.url + target, cookies={"sid": sid_cookie(r)[0]}).status_code == 200


@pytest.mark.parametrize("method,path", [("GET", "/me"), ("GET", "/admin/users"), ("GET", "/admin/audit"),
                                         ("POST", "/logout"), ("POST", "/me/password"), ("POST", "/admin/users")])
def test_staff_route_without_session_is_401_in_json(site, method, path):
    r = requests.request(method, site.url + path, headers=JSON)
    error(r, 401, "unauthorized")
    assert sid_cookie(r) is None or sid_cookie(r)[0] == ""


EVIL_NEXT = ["//evil.example", "//evil.example/admin", "/\\evil.example", "/\\/evil.example",
             "https://evil.example", "http:evil.example", "\\\\evil.example", "/\t/evil.example",
             "/\n/evil.example", "evil.example"]


@pytest.mark.parametrize("next_value", EVIL_NEXT)
def test_login_never_follows_next_off_the_site(site, next_value):
    r = client().post(site.url + "/login", data={"email": ADMIN, "password": ADMIN_PW, "next": next_value},
                      allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/"


@pytest.mark.parametrize("next_value", EVIL_NEXT[:5])
def test_login_page_does_not_carry_a_foreign_next(site, next_value):
    r = requests.get(site.url + "/login", params={"next": next_value})
    assert r.status_code == 200
    assert hidden_next(r.text) == "/"
    s = login(site, ADMIN, ADMIN_PW)
    r = s.get(site.url + "/login", params={"next": next_value}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/"


# --- session timeouts ----------------------------------------------------------------

@pytest.fixture(scope="module")
def short(tmp_path_factory):
    """A server whose sessions end after 5 idle minutes or 1 hour."""
    srv = Server(tmp_path_factory.mktemp("short"),
                 env={"AZUBIMATCH_SESSION_IDLE_MINUTES": 5, "AZUBIMATCH_SESSION_ABSOLUTE_HOURS": 1})
    yield srv
    srv.close()


@pytest.mark.parametrize("srv_name,idle_s", [("short", 5 * 60), ("site", 30 * 60)], ids=["configured", "default"])
def test_idle_session_ends(request, srv_name, idle_s):
    srv = request.getfixturevalue(srv_name)
    email = new_account(srv)
    s = login(srv, email, PASSWORD)
    sid = s.cookies["sid"]
    set_session_times(srv, email, seen_ago=idle_s - 60)
    assert me(srv, sid).status_code == 200, "ended before the idle time"
    set_session_times(srv, email, seen_ago=idle_s + 60)
    r = requests.get(srv.url + "/admin/users", cookies={"sid": sid}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=")
    error(me(srv, sid), 401, "unauthorized")
    login(srv, email, PASSWORD)  # a new log-in works


def test_using_a_session_counts_as_activity(short):
    email = new_account(short)
    s = login(short, email, PASSWORD)
    set_session_times(short, email, seen_ago=4 * 60)
    assert s.get(short.url + "/me", headers=JSON).status_code == 200
    con = sqlite3.connect(short.db_path)
    try:
        seen = con.execute("SELECT s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id "
                           "WHERE u.email = ?", (email,)).fetchone()[0]
    finally:
        con.close()
    assert time.time() - seen < 90, "using the session did not move its idle clock"


@pytest.mark.parametrize("srv_name,absolute_s", [("short", 3600), ("site", 12 * 3600)],
                         ids=["configured", "default"])
def test_session_ends_after_the_absolute_time_even_when_in_use(request, srv_name, absolute_s):
    srv = request.getfixturevalue(srv_name)
    email = new_account(srv)
    s = login(srv, email, PASSWORD)
    set_session_times(srv, email, seen_ago=0, created_ago=absolute_s - 60)
    assert s.get(srv.url + "/me", headers=JSON).status_code == 200, "ended before the absolute time"
    set_session_times(srv, email, seen_ago=0, created_ago=absolute_s + 60)
    error(s.get(srv.url + "/me", headers=JSON), 401, "unauthorized")


# --- CSRF ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def admins(site):
    """Two sessions of the admin (two browsers)."""
    return login(site, ADMIN, ADMIN_PW), login(site, ADMIN, ADMIN_PW)


def audit_total(srv, admin):
    """Entries of writes and log-ins (an admin's look at an account and a
    refused request are recorded too, and left out here)."""
    def count(**params):
        r = admin.get(srv.url + "/admin/audit", params={"per_page": 1, **params}, headers=JSON)
        assert r.status_code == 200
        return r.json()["total"]
    return count() - sum(count(action=a) for a in ("read", "forbidden", "csrf_refused"))


def user_count(srv, admin, email):
    return admin.get(srv.url + "/admin/users", params={"q": email}, headers=JSON).json()["total"]


BAD_TOKENS = {
    "no token": lambda a, b: ({}, {}),
    "wrong token in header": lambda a, b: ({"X-CSRF-Token": "0" * 64}, {}),
    "empty token in header": lambda a, b: ({"X-CSRF-Token": ""}, {}),
    "wrong token in field": lambda a, b: ({}, {"csrf_token": "f" * 64}),
    "token of another session": lambda a, b: ({"X-CSRF-Token": b.csrf}, {}),
    "token of another session in field": lambda a, b: ({}, {"csrf_token": b.csrf}),
    "token with a suffix": lambda a, b: ({"X-CSRF-Token": a.csrf + "0"}, {}),
    "token cut short": lambda a, b: ({"X-CSRF-Token": a.csrf[:-1]}, {}),
}


@pytest.mark.parametrize("make", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
@pytest.mark.parametrize("as_json", [True, False], ids=["json body", "form body"])
def test_write_without_the_sessions_csrf_token_is_403_and_changes_nothing(site, admins, make, as_json):
    a, b = admins
    headers, extra = make(a, b)
    email = unique_email("csrf")
    fields = {"email": email, "name": "Nie Angelegt", "role": "viewer", "password": "passwort-1234", **extra}
    before = audit_total(site, a)
    if as_json:
        r = a.post(site.url + "/admin/users", json=fields, headers={**JSON, **headers})
        error(r, 403, "csrf")
    else:
        r = a.post(site.url + "/admin/users", data=fields, headers=headers, allow_redirects=False)
        assert r.status_code == 403
        assert "<header" in r.text, "the HTML error is a page in the layout"
    assert user_count(site, a, email) == 0
    assert audit_total(site, a) == before


def test_update_without_token_changes_nothing(site, admins):
    a, _ = admins
    target = user_id(site, a, DEMO["viewer"][0])
    before = a.get(site.url + f"/admin/users/{target}", headers=JSON).json()
    total = audit_total(site, a)
    error(a.patch(site.url + f"/admin/users/{target}", json={"name": "Umbenannt", "active": False}, headers=JSON),
          403, "csrf")
    error(a.post(site.url + f"/admin/users/{target}/password", json={"password": "neues-passwort-1"},
                 headers=JSON), 403, "csrf")
    assert a.get(site.url + f"/admin/users/{target}", headers=JSON).json() == before
    assert audit_total(site, a) == total
    assert login_status(site, DEMO["viewer"][0], DEMO["viewer"][1]) == 200


@pytest.mark.parametrize("how", ["header", "form field", "json field"])
def test_the_sessions_token_is_accepted(site, admins, how):
    a, _ = admins
    email = unique_email("csrf-ok")
    fields = {"email": email, "name": "Mit Token", "role": "viewer", "password": "passwort-1234"}
    if how == "header":
        r = a.post(site.url + "/admin/users", json=fields, headers={**JSON, "X-CSRF-Token": a.csrf})
        assert r.status_code == 201, r.text
    elif how == "json field":
        r = a.post(site.url + "/admin/users", json={**fields, "csrf_token": a.csrf}, headers=JSON)
        assert r.status_code == 201, r.text
    else:
        r = a.post(site.url + "/admin/users", data={**fields, "csrf_token": a.csrf}, allow_redirects=False)
        assert r.status_code == 303, r.text
    assert user_count(site, a, email) == 1


def test_the_layout_forms_carry_the_sessions_token(site, admins):
    a, _ = admins
    page = a.get(site.url + "/admin/users/new").text
    assert f'name="csrf_token" value="{a.csrf}"' in page


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1",
                                    "http://127.0.0.1.evil.example"])
def test_cross_origin_login_is_refused(site, origin):
    for headers in (JSON, {}):
        r = requests.post(site.url + "/login", data={"email": ADMIN, "password": ADMIN_PW},
                          headers={**headers, "Origin": origin}, allow_redirects=False)
        assert r.status_code == 403
        assert sid_cookie(r) is None or sid_cookie(r)[0] == "", "a session was started"


def test_same_origin_login_is_accepted(site):
    r = client().post(site.url + "/login", data={"email": ADMIN, "password": ADMIN_PW},
                      headers={**JSON, "Origin": site.url})
    assert r.status_code == 200
    assert sid_cookie(r)[0]


# --- throttling ---------------------------------------------------------------------

def throttled_server(make_server, max_failures):
    return seed_demo(make_server(env={"AZUBIMATCH_LOGIN_MAX_FAILURES": max_failures}))


def attempt(srv, email, password, as_json=True):
    return requests.post(srv.url + "/login", data={"email": email, "password": password},
                         headers=JSON if as_json else {}, allow_redirects=False)


def test_account_is_throttled_after_max_failures_even_with_the_right_password(make_server):
    srv = throttled_server(make_server, 3)
    admin = login(srv, ADMIN, ADMIN_PW)
    victim = new_account(srv)
    for _ in range(3):
        error(attempt(srv, victim, "falsches-passwort"), 401, "unauthorized")
    r = attempt(srv, victim, PASSWORD)
    error(r, 429, "too_many_requests")
    assert sid_cookie(r) is None or sid_cookie(r)[0] == ""
    assert 0 < int(r.headers["Retry-After"]) <= 15 * 60
    r = attempt(srv, victim, PASSWORD, as_json=False)
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert '<form method="post" action="/login"' in r.text
    # other accounts are not locked out by it
    login(srv, DEMO["viewer"][0], DEMO["viewer"][1])
    # every attempt is on record
    vid = user_id(srv, admin, victim)
    assert len(audit_items(srv, admin, action="login_failed", object_id=vid)) == 3
    throttled = [e for e in audit_items(srv, admin, action="login_throttled") if e["user_email"] == victim]
    assert len(throttled) == 2
    assert all(e["ip"] == "127.0.0.1" and e["object_type"] == "user" for e in throttled)
    assert audit_items(srv, admin, action="login", object_id=user_id(srv, admin, DEMO["viewer"][0]))


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(make_server):
    srv = throttled_server(make_server, 3)
    admin = login(srv, ADMIN, ADMIN_PW)
    known = new_account(srv)
    unknown = unique_email("nobody")
    wrong_pw = attempt(srv, known, "falsches-passwort")
    no_user = attempt(srv, unknown, "falsches-passwort")
    assert wrong_pw.status_code == no_user.status_code == 401
    assert wrong_pw.json() == no_user.json()
    assert wrong_pw.json()["error"]["message"] == DE["login_failed"]
    pages = [attempt(srv, e, "falsches-passwort", as_json=False) for e in (known, unknown)]
    assert pages[0].status_code == pages[1].status_code == 401
    assert html.escape(DE["login_failed"], quote=False) in pages[0].text
    assert html.escape(DE["login_failed"], quote=False) in pages[1].text
    # an unknown address is throttled like a known one (else it would tell)
    assert attempt(srv, known, "falsches-passwort").status_code == 401
    assert attempt(srv, unknown, "falsches-passwort").status_code == 401
    r1, r2 = attempt(srv, known, "falsches-passwort"), attempt(srv, unknown, "falsches-passwort")
    assert r1.status_code == r2.status_code == 429
    assert r1.json() == r2.json()
    # the same wait, give or take the seconds between the two sets of tries
    assert abs(int(r1.headers["Retry-After"]) - int(r2.headers["Retry-After"])) <= 3
    failed = [e for e in audit_items(srv, admin, action="login_failed") if e["user_email"] == unknown]
    assert len(failed) == 3 and all(e["object_id"] is None for e in failed)
    assert [e for e in audit_items(srv, admin, action="login_throttled") if e["user_email"] == unknown]


def test_address_is_throttled_after_four_times_the_account_limit(make_server):
    # 2 per account keeps the slow-down of the failures short: 8 per address
    srv = throttled_server(make_server, 2)
    admin = login(srv, ADMIN, ADMIN_PW)
    victim = new_account(srv)
    for i in range(8):
        error(attempt(srv, unique_email(f"spray{i}"), "falsches-passwort"), 401, "unauthorized")
    r = attempt(srv, victim, PASSWORD)
    error(r, 429, "too_many_requests")
    assert int(r.headers["Retry-After"]) > 0
    assert len([e for e in audit_items(srv, admin, action="login_failed") if e["user_email"].startswith("spray")]) == 8
    assert [e for e in audit_items(srv, admin, action="login_throttled") if e["user_email"] == victim]
    # the session started before is not affected
    assert admin.get(srv.url + "/me", headers=JSON).status_code == 200


def test_repeated_failures_slow_the_answers_down(make_server):
    # the limit is out of reach here, so only the slow-down shows
    srv = throttled_server(make_server, 20)
    email = unique_email("slow")
    took = []
    for _ in range(6):
        start = time.monotonic()
        error(attempt(srv, email, "falsches-passwort"), 401, "unauthorized")
        took.append(time.monotonic() - start)
    slowed = took[2:]
    assert min(slowed) >= 0.4, f"answers after the second failure took {[round(t, 2) for t in took]} s"


def test_successful_login_is_in_the_audit_log(site):
    s = login(site, DEMO["caseworker"][0], DEMO["caseworker"][1])
    uid = s.get(site.url + "/me", headers=JSON).json()["id"]
    admin = login(site, ADMIN, ADMIN_PW)
    logins = audit_items(site, admin, action="login", user_id=uid)
    assert logins and logins[0]["object_id"] == uid and logins[0]["user_email"] == DEMO["caseworker"][0]
    s.post(site.url + "/logout", headers={**JSON, "X-CSRF-Token": s.csrf})
    assert audit_items(site, admin, action="logout", user_id=uid)


# --- security headers --------------------------------------------------------------

def staff_responses(site):
    admin = login(site, ADMIN, ADMIN_PW)
    viewer = login(site, *DEMO["viewer"])
    return {
        "admin users html": admin.get(site.url + "/admin/users"),
        "admin users json": admin.get(site.url + "/admin/users", headers=JSON),
        "me html": admin.get(site.url + "/me"),
        "me json": admin.get(site.url + "/me", headers=JSON),
        "audit html": admin.get(site.url + "/admin/audit"),
        "user json": admin.get(site.url + "/admin/users/1", headers=JSON),
        "login form post": client().post(site.url + "/login", data={"email": ADMIN, "password": ADMIN_PW},
                                         allow_redirects=False),
        "login page": requests.get(site.url + "/login"),
        "redirect to login": requests.get(site.url + "/admin/users", allow_redirects=False),
        "401 json": requests.get(site.url + "/me", headers=JSON),
        "403 csrf": admin.post(site.url + "/admin/users", json={}, headers=JSON),
        "403 role": viewer.get(site.url + "/admin/users"),
        "400 invalid": admin.get(site.url + "/admin/audit?from=nope", headers=JSON),
        "404 user": admin.get(site.url + "/admin/users/999999", headers=JSON),
    }


def test_security_headers_on_every_staff_response(site):
    for name, r in staff_responses(site).items():
        assert r.headers.get("Content-Security-Policy") == CSP, name
        assert r.headers.get("X-Content-Type-Options") == "nosniff", name
        assert r.headers.get("Referrer-Policy") == "same-origin", name
        assert "Strict-Transport-Security" not in r.headers, f"HSTS without TLS on {name}"


def test_staff_pages_are_not_stored(site):
    admin = login(site, ADMIN, ADMIN_PW)
    for path in ("/admin/users", "/me", "/admin/audit", "/admin/users/1", "/admin/users/new"):
        for headers in ({}, JSON):
            r = admin.get(site.url + path, headers=headers)
            assert r.status_code == 200, path
            assert "no-store" in r.headers.get("Cache-Control", ""), f"{path} {headers}"
    r = client().post(site.url + "/login", data={"email": ADMIN, "password": ADMIN_PW}, headers=JSON)
    assert "no-store" in r.headers.get("Cache-Control", ""), "the answer with the CSRF token may be stored"


@pytest.fixture
def tls_files(tmp_path):
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed: no certificate for the TLS test")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_tls_turns_on_hsts_and_secure_cookies(make_server, tls_files):
    cert, key = tls_files
    srv = seed_demo(make_server(server_class=TlsServer,
                                env={"AZUBIMATCH_TLS_CERT": cert, "AZUBIMATCH_TLS_KEY": key}))
    assert srv.url.startswith("https://")
    r = requests.get(srv.url + "/healthz", verify=False)
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    hsts = r.headers.get("Strict-Transport-Security", "")
    m = re.search(r"max-age=(\d+)", hsts)
    assert m and int(m.group(1)) >= 180 * 24 * 3600, f"HSTS: {hsts!r}"
    r = client().post(srv.url + "/login", data={"email": ADMIN, "password": ADMIN_PW}, headers=JSON, verify=False)
    assert r.status_code == 200
    value, attrs = sid_cookie(r)
    assert "secure" in attrs and "httponly" in attrs and "samesite=lax" in attrs
    assert r.headers.get("Content-Security-Policy") == CSP
    assert "Strict-Transport-Security" in r.headers
