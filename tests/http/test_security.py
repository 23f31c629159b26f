"""Security to ASVS level 2 (issue 8): what a black-box test found, closed.

So far: no open redirect through the language switch, log-in throttling
that cannot lock people out, and the audit log that misses nothing and keeps
no secrets."""

import json
import socket
import sqlite3
import time

import pytest
import requests

from conftest import DEMO, JSON, REPO, add_user, audit_items, client, login, seed_demo, unique_email

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
ADMIN, ADMIN_PW = DEMO["admin"]
PASSWORD = "richtig-geheim-2026"


@pytest.fixture(scope="module")
def site(server):
    return seed_demo(server)


def raw_location(server, target):
    """The Location a raw request for target gets (no client library may
    normalise the target on the way)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n".encode("latin-1"))
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    head = out.partition(b"\r\n\r\n")[0].decode("iso-8859-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:])}
    return status, headers.get("location")


# --- 2. no open redirect ----------------------------------------------------------

# percent-encoded as they would arrive in a link someone was sent
EVIL_NEXT_RAW = ["%2F%2Fevil.example", "/%09/evil.example", "%2F%09%2Fevil.example", "/%0a/evil.example",
                 "/%0d/evil.example", "%2F%5Cevil.example", "/%5C/evil.example", "https://evil.example",
                 "http:evil.example", "%5C%5Cevil.example", "evil.example", "/x%5Cy", "/%7F/evil.example"]


@pytest.mark.parametrize("next_value", EVIL_NEXT_RAW)
def test_language_switch_never_leaves_the_site(site, next_value):
    """The language switch sends the browser back only to a path of this
    site: tabs, line breaks, backslashes and double slashes, which browsers
    turn into another host, send it to the start page instead."""
    status, location = raw_location(site, f"/lang/en?next={next_value}")
    if status == 400:  # a control character in the query: the request itself is refused
        assert "%7F" in next_value or "%0" in next_value
        return
    assert status == 303
    assert location == "/", f"next={next_value} led to {location!r}"


@pytest.mark.parametrize("next_value, expected", [("/companies", "/companies"),
                                                   ("/companies%3Fq%3Dbau", "/companies?q=bau"),
                                                   ("", "/")])
def test_language_switch_returns_to_the_page(site, next_value, expected):
    status, location = raw_location(site, f"/lang/en?next={next_value}")
    assert (status, location) == (303, expected)


@pytest.mark.parametrize("next_value", ["/%09/evil.example", "/%5C/evil.example", "/%7F/evil.example"])
def test_login_next_refuses_the_same(site, next_value):
    """The log-in's next= goes through the same check (one helper)."""
    s = requests.Session()
    r = s.post(site.url + f"/login?next={next_value}", data={"email": ADMIN, "password": ADMIN_PW},
               allow_redirects=False)
    if r.status_code == 400:  # refused before any log-in: nothing to follow
        assert "%7F" in next_value
        return
    assert r.status_code == 303 and r.headers["Location"] == "/"


# --- 3. log-in throttling that cannot lock people out ------------------------------

def attempt(srv, email, password, as_json=True):
    return requests.post(srv.url + "/login", data={"email": email, "password": password},
                         headers=JSON if as_json else {}, allow_redirects=False)


def throttled_site(make_server, max_failures):
    return seed_demo(make_server(env={"AZUBIMATCH_LOGIN_MAX_FAILURES": max_failures}))


def new_account(srv):
    email = unique_email("throttle")
    add_user(srv, email, PASSWORD, role="caseworker")
    return email


def failures_on_record(srv, email):
    with sqlite3.connect(srv.db_path) as db:
        return db.execute("SELECT count(*) FROM login_attempts WHERE email = ? AND success = 0",
                          (email,)).fetchone()[0]


def age_attempts(srv, email, seconds):
    """Moves the account's attempts on record back in time."""
    with sqlite3.connect(srv.db_path, timeout=10) as db:
        db.execute("UPDATE login_attempts SET at = at - ? WHERE email = ?", (seconds, email))


def test_waiting_out_a_lock_is_enough(make_server):
    """Knocking on a locked account does not keep it locked: refused
    attempts are not counted as failures, so once the failures have left
    the window the right password gets in; the refusal says how long."""
    srv = throttled_site(make_server, 3)
    victim = new_account(srv)
    for _ in range(3):
        assert attempt(srv, victim, "falsches-passwort").status_code == 401
    r = attempt(srv, victim, PASSWORD)
    assert r.status_code == 429
    wait = int(r.headers["Retry-After"])
    assert 14 * 60 < wait <= 15 * 60
    assert r.json()["error"]["message"] == DE["login_wait"].replace("{minutes}", "15")
    # the window has all but passed for the three failures ...
    age_attempts(srv, victim, 15 * 60 - 3)
    r = attempt(srv, victim, PASSWORD)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) <= 4  # the failures took a second or two
    # ... and knocking meanwhile changes nothing
    for _ in range(6):
        assert attempt(srv, victim, "noch-ein-versuch").status_code == 429
    assert failures_on_record(srv, victim) == 3
    time.sleep(int(r.headers["Retry-After"]) + 0.5)
    assert attempt(srv, victim, PASSWORD).status_code == 200


def test_an_offices_address_does_not_lock_out_its_staff(make_server):
    """Someone spraying guesses at many accounts from one address gets that
    address throttled for accounts not used from there; colleagues who log
    in from that address are not locked out by it."""
    srv = throttled_site(make_server, 2)  # the address limit: 8 accounts
    colleague = new_account(srv)
    assert attempt(srv, colleague, PASSWORD).status_code == 200
    for i in range(8):
        assert attempt(srv, unique_email(f"spray{i}"), "falsches-passwort").status_code == 401
    stranger = new_account(srv)
    r = attempt(srv, stranger, PASSWORD)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert attempt(srv, colleague, PASSWORD).status_code == 200


def test_parallel_guesses_do_not_get_past_the_limit(make_server):
    """Counting and deciding happen in one transaction: a burst of parallel
    guesses gets no more tries than the limit."""
    import concurrent.futures
    srv = throttled_site(make_server, 3)
    victim = new_account(srv)
    with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda i: attempt(srv, victim, f"geraten-{i}").status_code, range(12)))
    assert answers.count(401) == 3, answers
    assert answers.count(429) == 9, answers
    assert failures_on_record(srv, victim) == 3


# --- 10. the audit log misses nothing and keeps no secrets ----------------------------

def test_refused_requests_are_recorded(site):
    """A 403 for a missing CSRF token and one for a role that may not write
    are both in the audit log, with who, and the route (its pattern, never
    what was sent)."""
    admin = login(site, ADMIN, ADMIN_PW)
    cw = login(site, *DEMO["caseworker"])
    cw_id = cw.get(site.url + "/me", headers=JSON).json()["id"]
    viewer = login(site, *DEMO["viewer"])
    viewer_id = viewer.get(site.url + "/me", headers=JSON).json()["id"]
    r = cw.post(site.url + "/companies", json={"name": "Geheimfirma"}, headers=JSON)  # no token
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"
    r = viewer.post(site.url + "/companies", json={"name": "Geheimfirma"},
                    headers={**JSON, "X-CSRF-Token": viewer.csrf})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    csrf = [e for e in audit_items(site, admin, action="csrf_refused") if e["user_id"] == cw_id]
    role = [e for e in audit_items(site, admin, action="forbidden") if e["user_id"] == viewer_id]
    assert csrf and role
    assert csrf[0]["object_type"] == "route" and csrf[0]["fields"] == ["POST /companies"]
    assert role[0]["fields"] == ["POST /companies"]
    assert "Geheimfirma" not in json.dumps(csrf + role)


def test_a_wrong_current_password_is_recorded(site):
    email = unique_email("pwchange")
    add_user(site, email, PASSWORD, role="viewer")
    s = login(site, email, PASSWORD)
    uid = s.get(site.url + "/me", headers=JSON).json()["id"]
    r = s.post(site.url + "/me/password", json={"current_password": "geraten-1234", "new_password": "neu-und-lang-2026"},
               headers={**JSON, "X-CSRF-Token": s.csrf})
    assert r.status_code == 400
    admin = login(site, ADMIN, ADMIN_PW)
    failed = audit_items(site, admin, action="password_change_failed", object_id=uid)
    assert len(failed) == 1 and failed[0]["user_id"] == uid and failed[0]["fields"] == ["current_password"]
    assert "geraten" not in json.dumps(failed)


def test_a_password_typed_as_the_email_is_not_kept(site):
    """Someone types their password into the e-mail field: the failed
    log-in is recorded, but the text is in neither the audit log nor the
    table of attempts."""
    secret = "MeinGeheimesPasswort2026"
    r = attempt(site, secret, "irgendwas-anderes")
    assert r.status_code == 401
    admin = login(site, ADMIN, ADMIN_PW)
    failed = audit_items(site, admin, action="login_failed")
    assert failed and failed[0]["user_email"].startswith("not-an-address:")
    assert secret.lower() not in json.dumps(audit_items(site, admin)).lower()
    with sqlite3.connect(site.db_path) as db:
        kept = [row[0] for row in db.execute("SELECT email FROM login_attempts")]
    assert not [k for k in kept if secret.lower() in k.lower()]


def test_the_access_log_names_the_address_and_the_account(site):
    s = login(site, *DEMO["caseworker"])
    uid = s.get(site.url + "/me", headers=JSON).json()["id"]
    assert s.get(site.url + "/companies?per_page=1", headers=JSON).status_code == 200
    assert site.wait_log(rf"access GET /companies 200 \d+ \d+us 127\.0\.0\.1 {uid}$")
    assert requests.get(site.url + "/healthz").status_code == 200
    assert site.wait_log(r"access GET /healthz 200 \d+ \d+us 127\.0\.0\.1 -$")


# --- 7. text is never cut in the middle of a character --------------------------------

def test_a_long_name_of_accented_letters_stays_whole(site):
    """200 accented letters are 400 bytes: the account still shows in the
    list, on its page and on /me, with its name whole."""
    admin = login(site, ADMIN, ADMIN_PW)
    name = "é" * 199 + "ß"
    email = unique_email("akzent")
    r = admin.post(site.url + "/admin/users", json={"email": email, "name": name, "role": "viewer",
                                                    "password": PASSWORD},
                   headers={**JSON, "X-CSRF-Token": admin.csrf})
    assert r.status_code == 201, r.text
    uid = r.json()["id"]
    assert r.json()["name"] == name
    listed = admin.get(site.url + "/admin/users", params={"q": email}, headers=JSON).json()["items"]
    assert [u["name"] for u in listed] == [name]
    assert admin.get(site.url + f"/admin/users/{uid}", headers=JSON).json()["name"] == name
    page = admin.get(site.url + f"/admin/users/{uid}")
    assert page.status_code == 200 and name in page.text
    s = login(site, email, PASSWORD)
    assert s.get(site.url + "/me", headers=JSON).json()["name"] == name
    assert name in s.get(site.url + "/").text  # the layout greets the user by name


# --- 8. sessions ------------------------------------------------------------------------

def test_one_sees_ones_sessions_and_ends_the_others(site):
    email = unique_email("sitzung")
    add_user(site, email, PASSWORD, role="viewer")
    here = login(site, email, PASSWORD)
    there = requests.Session()
    r = there.post(site.url + "/login", data={"email": email, "password": PASSWORD},
                   headers={**JSON, "User-Agent": "Testbrowser/1.0 (Buero)"})
    assert r.status_code == 200
    listed = here.get(site.url + "/me/sessions", headers=JSON).json()["items"]
    assert len(listed) == 2 and [s["current"] for s in listed].count(True) == 1
    other = next(s for s in listed if not s["current"])
    assert other["agent"] == "Testbrowser/1.0 (Buero)" and other["ip"] == "127.0.0.1"
    assert all(k in other for k in ("id", "created_at", "last_seen"))
    page = here.get(site.url + "/me/sessions")
    assert page.status_code == 200 and "Testbrowser/1.0 (Buero)" in page.text
    assert here.post(site.url + "/me/sessions", headers={**JSON, "X-CSRF-Token": here.csrf}).status_code == 200
    assert there.get(site.url + "/me", headers=JSON).status_code == 401
    assert here.get(site.url + "/me", headers=JSON).status_code == 200
    assert len(here.get(site.url + "/me/sessions", headers=JSON).json()["items"]) == 1


def test_an_admin_ends_every_session_of_an_account(site):
    email = unique_email("verloren")
    add_user(site, email, PASSWORD, role="caseworker")
    lost = login(site, email, PASSWORD)
    uid = lost.get(site.url + "/me", headers=JSON).json()["id"]
    admin = login(site, ADMIN, ADMIN_PW)
    viewer = login(site, *DEMO["viewer"])
    r = viewer.post(site.url + f"/admin/users/{uid}/sessions", headers={**JSON, "X-CSRF-Token": viewer.csrf})
    assert r.status_code == 403
    assert lost.get(site.url + "/me", headers=JSON).status_code == 200
    r = admin.post(site.url + f"/admin/users/{uid}/sessions", headers={**JSON, "X-CSRF-Token": admin.csrf})
    assert r.status_code == 200
    assert lost.get(site.url + "/me", headers=JSON).status_code == 401
    ended = audit_items(site, admin, action="end_sessions", object_id=uid)
    assert len(ended) == 1 and ended[0]["fields"] == ["sessions"]


def test_behind_a_tls_proxy_the_cookie_is_secure_and_host_only(make_server):
    srv = seed_demo(make_server(env={"AZUBIMATCH_BEHIND_TLS_PROXY": "true"}))
    r = requests.post(srv.url + "/login", data={"email": ADMIN, "password": ADMIN_PW}, headers=JSON)
    assert r.status_code == 200
    cookies = r.raw.headers.getlist("Set-Cookie")
    sid = [c for c in cookies if c.startswith("__Host-sid=")]
    assert len(sid) == 1, cookies
    attrs = {a.strip().lower() for a in sid[0].split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= attrs
    assert not [a for a in attrs if a.startswith("domain")]
    assert "Strict-Transport-Security" in r.headers
    token = sid[0].split(";")[0].split("=", 1)[1]
    # the prefixed cookie is the one that counts
    assert requests.get(srv.url + "/me", cookies={"__Host-sid": token}, headers=JSON).status_code == 200
    assert requests.get(srv.url + "/me", cookies={"sid": token}, headers=JSON).status_code == 401


def session_ip(srv, headers):
    """Logs the admin in with headers; the address its session is on record with."""
    s = requests.Session()
    r = s.post(srv.url + "/login", data={"email": ADMIN, "password": ADMIN_PW}, headers={**JSON, **headers})
    assert r.status_code == 200, r.text
    listed = s.get(srv.url + "/me/sessions", headers=JSON).json()["items"]
    return next(x["ip"] for x in listed if x["current"])


def test_the_client_address_comes_from_the_trusted_proxy_only(make_server):
    """Behind a proxy, its last X-Forwarded-For entry is the client; anything
    a client writes there itself, or a proxy not configured, changes nothing."""
    plain = seed_demo(make_server())
    assert session_ip(plain, {"X-Forwarded-For": "203.0.113.7"}) == "127.0.0.1"
    proxied = seed_demo(make_server(env={"AZUBIMATCH_TRUSTED_PROXY": "127.0.0.1"}))
    assert session_ip(proxied, {"X-Forwarded-For": "198.51.100.1, 203.0.113.7"}) == "203.0.113.7"
    assert session_ip(proxied, {"X-Forwarded-For": "2001:db8:0:0::1"}) == "2001:db8::1"
    for junk in ("203.0.113.7, evil", "", "203.0.113.7 198.51.100.1", "999.1.1.1", "x" * 300):
        assert session_ip(proxied, {"X-Forwarded-For": junk}) == "127.0.0.1", junk
    assert session_ip(proxied, {}) == "127.0.0.1"
    # the throttle counts per client, not per proxy
    email = new_account(proxied)
    requests.post(proxied.url + "/login", data={"email": email, "password": "falsch-falsch"},
                  headers={**JSON, "X-Forwarded-For": "192.0.2.55"})
    with sqlite3.connect(proxied.db_path) as db:
        ips = {row[0] for row in db.execute("SELECT ip FROM login_attempts WHERE email = ?", (email,))}
    assert ips == {"192.0.2.55"}


def test_a_second_forwarded_line_from_the_client_is_not_believed(make_server):
    """A proxy may add its own X-Forwarded-For line after the client's: the
    last line's last entry counts, whatever the client put in front."""
    srv = seed_demo(make_server(env={"AZUBIMATCH_TRUSTED_PROXY": "127.0.0.1"}))
    email = new_account(srv)
    body = f"email={email.replace('@', '%40')}&password=falsch-falsch"
    host, port = srv.url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall((f"POST /login HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n"
                      "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-For: 192.0.2.77\r\n"
                      "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
                      f"Content-Length: {len(body)}\r\n\r\n{body}").encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    with sqlite3.connect(srv.db_path) as db:
        ips = {row[0] for row in db.execute("SELECT ip FROM login_attempts WHERE email = ?", (email,))}
    assert ips == {"192.0.2.77"}


@pytest.mark.parametrize("value", ["proxy.local", "127.0.0.1, 10.0.0.1", "127.0.0"])
def test_a_trusted_proxy_that_is_not_an_address_stops_the_start(tmp_path, value):
    from conftest import run_cli
    assert run_cli("migrate", "--db", tmp_path / "p.db").returncode == 0
    proc = run_cli("serve", "--db", tmp_path / "p.db", "--port", "0",
                   env={"AZUBIMATCH_TRUSTED_PROXY": value}, timeout=15)
    assert proc.returncode != 0 and "trusted_proxy" in proc.stderr


# --- 1. (see also test_many_args.py) the refusal is in the one error vocabulary ----------

def test_a_target_with_too_many_arguments_is_a_414_in_the_error_vocabulary(site):
    many = "&".join(["a"] * 2500)
    r = requests.get(site.url + "/companies?" + many, headers=JSON, timeout=5)
    assert r.status_code == 414
    assert r.json()["error"]["code"] == "uri_too_long"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    page = requests.get(site.url + "/?" + many, timeout=5)
    assert page.status_code == 414 and DE["error_uri_too_long"] in page.text


# --- 4. passwords: common ones refused ----------------------------------------------------

@pytest.mark.parametrize("password", ["password123", "QWERTYUIOP", "1234567890"])
def test_a_common_password_is_refused_everywhere(site, password):
    """On the list of 20,000 common passwords (data/common-passwords.txt):
    refused when an admin sets one, when someone changes their own, and by
    `user add`."""
    admin = login(site, ADMIN, ADMIN_PW)
    r = admin.post(site.url + "/admin/users", json={"email": unique_email("haeufig"), "name": "Häufig",
                                                    "role": "viewer", "password": password},
                   headers={**JSON, "X-CSRF-Token": admin.csrf})
    assert r.status_code == 400 and r.json()["error"]["fields"] == {"password": DE["password_common"]}
    r = admin.post(site.url + "/me/password", json={"current_password": ADMIN_PW, "new_password": password},
                   headers={**JSON, "X-CSRF-Token": admin.csrf})
    assert r.status_code == 400 and r.json()["error"]["fields"] == {"new_password": DE["password_common"]}
    from conftest import run_cli
    done = run_cli("user", "add", "--email", unique_email("cli"), "--name", "Cli", "--role", "viewer",
                   "--db", site.db_path, input=password + "\n")
    assert done.returncode == 1 and "common" in done.stderr


# --- 4. passwords: set by an admin, changed by the owner; guessing throttled --------------

def admin_creates(site, admin, email, password=PASSWORD, role="caseworker"):
    r = admin.post(site.url + "/admin/users", json={"email": email, "name": "Neu Angelegt", "role": role,
                                                    "password": password},
                   headers={**JSON, "X-CSRF-Token": admin.csrf})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_a_password_an_admin_set_is_changed_first(site):
    """An account an admin created (or whose password an admin reset) can
    do nothing but change its password after logging in; then everything
    its role allows."""
    admin = login(site, ADMIN, ADMIN_PW)
    email = unique_email("neu")
    uid = admin_creates(site, admin, email)
    s = requests.Session()
    r = s.post(site.url + "/login", data={"email": email, "password": PASSWORD}, headers=JSON)
    assert r.status_code == 200 and r.json()["must_change_password"] is True
    token = r.json()["csrf_token"]
    r = s.get(site.url + "/companies", headers=JSON)
    assert r.status_code == 403 and r.json()["error"]["code"] == "password_change_required"
    r = s.get(site.url + "/companies", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/me?password=required"
    page = s.get(site.url + "/me")
    assert page.status_code == 200 and DE["me_password_must_change"] in page.text
    # typing the admin's password again as the "new" one changes nothing
    r = s.post(site.url + "/me/password", json={"current_password": PASSWORD, "new_password": PASSWORD},
               headers={**JSON, "X-CSRF-Token": token})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["fields"]["new_password"] == DE["password_same"]
    with sqlite3.connect(site.db_path) as db:  # no guess counted against the account
        assert db.execute("SELECT count(*) FROM login_attempts WHERE email = ?",
                          (f"password-change:{uid}",)).fetchone()[0] == 0
    assert s.get(site.url + "/companies", headers=JSON).status_code == 403
    r = s.post(site.url + "/me/password", json={"current_password": PASSWORD, "new_password": "mein-eigenes-2026"},
               headers={**JSON, "X-CSRF-Token": token})
    assert r.status_code == 200
    assert s.get(site.url + "/companies", headers=JSON).status_code == 200
    # a reset by an admin asks for it again
    r = admin.post(site.url + f"/admin/users/{uid}/password", json={"password": "vom-admin-gesetzt-2026"},
                   headers={**JSON, "X-CSRF-Token": admin.csrf})
    assert r.status_code == 200
    again = login_json(site, email, "vom-admin-gesetzt-2026")
    assert again.json()["must_change_password"] is True


def login_json(site, email, password):
    s = requests.Session()
    r = s.post(site.url + "/login", data={"email": email, "password": password}, headers=JSON)
    assert r.status_code == 200, r.text
    return r


def test_guessing_ones_current_password_is_throttled(make_server):
    srv = throttled_site(make_server, 3)
    email = new_account(srv)
    s = login(srv, email, PASSWORD)
    for i in range(3):
        r = s.post(srv.url + "/me/password", json={"current_password": f"geraten-{i}-xx",
                                                   "new_password": "ganz-neu-2026"},
                   headers={**JSON, "X-CSRF-Token": s.csrf})
        assert r.status_code == 400
    r = s.post(srv.url + "/me/password", json={"current_password": PASSWORD, "new_password": "ganz-neu-2026"},
               headers={**JSON, "X-CSRF-Token": s.csrf})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert "15" in r.json()["error"]["message"]
    # the password did not change
    assert login_json(srv, email, PASSWORD).status_code == 200


# --- 6. bounded work per request --------------------------------------------------------

def test_thirteen_thousand_tags_are_refused_at_once(site):
    """More list items than a field takes is a 400 naming it, decided
    before any work on the items (a quadratic duplicate check once took
    over a second for this)."""
    cw = login(site, *DEMO["caseworker"])
    r = cw.post(site.url + "/companies", json={"name": "Viele Schlagworte", "postal_code": "63065",
                                               "confirm_duplicate": "1"},
                headers={**JSON, "X-CSRF-Token": cw.csrf})
    cid = r.json()["id"]
    for tags in (["x"] * 13000, ",".join("t%d" % i for i in range(9000))):
        start = time.monotonic()
        r = cw.patch(site.url + f"/companies/{cid}", json={"tags": tags}, headers={**JSON, "X-CSRF-Token": cw.csrf})
        took = time.monotonic() - start
        assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"tags"}
        assert took < 0.5, f"{took:.2f} s"


def test_a_form_key_repeated_too_often_is_400(site):
    cw = login(site, *DEMO["caseworker"])
    body = "&".join(["tags=x%d" % i for i in range(150)] + ["name=Wiederholt", "csrf_token=" + cw.csrf])
    r = cw.post(site.url + "/companies", data=body,
                headers={**JSON, "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "tags" in r.json()["error"]["fields"]


def test_a_chunked_body_is_not_read_past_the_limit(site):
    """A body of unknown length (chunked) past the route's limit is not read
    on: the server answers 413 if it still can, or ends the connection
    (libmicrohttpd cannot answer in the middle of a body) long before the
    client got its 160 KiB out."""
    s = socket.create_connection(("127.0.0.1", site.port), timeout=5)
    s.sendall(b"POST /login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\n\r\n")
    chunk = b"a" * 4096
    sent, answered, ended = 0, b"", False
    s.settimeout(0.3)
    for _ in range(40):
        try:
            s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        except OSError:
            ended = True
            break
        try:
            data = s.recv(4096)
        except socket.timeout:
            continue
        except OSError:
            ended = True
            break
        if not data:
            ended = True
            break
        answered += data
        break
    s.close()
    assert answered.startswith(b"HTTP/1.1 413") or ended, answered[:100]
    assert sent < 64 * 1024, f"the server read {sent} bytes of a body limited to 8 KiB"
    assert site.wait_log(r"access POST /login 413 ")


def test_connections_per_address_are_limited_by_default():
    from conftest import REPO
    ini = (REPO / "config.ini").read_text()
    assert "per_ip_connection_limit = 128" in ini


def trickle(srv, head, seconds, step=0.25):
    """Sends head, then one more header byte every step seconds, never
    idle long; returns how long until the server closed the connection,
    or None when it was still open after seconds."""
    with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
        s.sendall(head)
        start = time.monotonic()
        s.settimeout(step)
        while time.monotonic() - start < seconds:
            try:
                s.sendall(b"x")
                if s.recv(4096) == b"":
                    return time.monotonic() - start
            except socket.timeout:
                continue
            except (BrokenPipeError, ConnectionResetError):
                return time.monotonic() - start
        return None


def test_a_client_trickling_its_headers_is_cut_off(make_server):
    """One header byte every quarter second is never idle, yet the
    connection ends at the header timeout (here 2 s); MHD alone would keep
    it for as long as the bytes come."""
    srv = make_server(env={"AZUBIMATCH_HEADER_TIMEOUT": 2, "AZUBIMATCH_CONNECTION_TIMEOUT": 30})
    took = trickle(srv, b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: ", seconds=8)
    assert took is not None, "still open after 8 s"
    assert 1.5 < took < 4.5, took
    assert srv.wait_log(r"no complete request within the header timeout")
    # a client that sends its headers slowly, but within the time, is answered
    with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
        for part in (b"GET /healthz HTTP/1.1\r\n", b"Host: test\r\n", b"Connection: keep-alive\r\n", b"\r\n"):
            s.sendall(part)
            time.sleep(0.3)
        first = s.recv(65536)
        assert first.startswith(b"HTTP/1.1 200"), first[:80]
        # kept alive: the next request, begun within the time, is answered too
        time.sleep(1)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        second = b""
        while chunk := s.recv(65536):
            second += chunk
        assert second.startswith(b"HTTP/1.1 200"), second[:80]


# --- 9. framing we cannot trust is refused and the connection closed ------------------------

def raw_exchange(srv, data, timeout=3):
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=timeout)
    s.sendall(data)
    out = b""
    try:
        while chunk := s.recv(65536):
            out += chunk
    except socket.timeout:
        out += b"<still open>"
    s.close()
    return out


@pytest.mark.parametrize("lengths", [b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
                                     b"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
                                     b"Content-Length: 5\r\nContent-Length: 6\r\n"])
def test_a_request_with_two_framings_is_refused_and_the_connection_closed(site, lengths):
    """A length beside Transfer-Encoding (or two lengths) could be read one
    way by a proxy and another way here: 400, with our headers, and the
    connection ends, so nothing smuggled behind it is ever answered."""
    out = raw_exchange(site, b"POST /login HTTP/1.1\r\nHost: t\r\n" + lengths +
                       b"Content-Type: application/x-www-form-urlencoded\r\n\r\n5\r\nemail\r\n0\r\n\r\n"
                       b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
    assert out.startswith(b"HTTP/1.1 400"), out[:100]
    assert out.count(b"HTTP/1.1 ") == 1, "the request behind it was answered"
    assert b"<still open>" not in out
    head = out.partition(b"\r\n\r\n")[0].lower()
    assert b"connection: close" in head and b"x-content-type-options: nosniff" in head


# --- 6. a body is never read before the route's role is checked ----------------------------

@pytest.mark.parametrize("who, status", [("viewer", 403), (None, 401)])
def test_a_refused_role_is_answered_before_the_body(site, who, status):
    """A request the route's role refuses is answered as soon as its
    headers are in: the server does not wait for (or parse) the body."""
    cookie = ""
    if who:
        s = login(site, *DEMO[who])
        cookie = "Cookie: sid=%s\r\n" % s.cookies.get("sid")
    sock = socket.create_connection(("127.0.0.1", site.port), timeout=2)
    sock.sendall(("POST /companies HTTP/1.1\r\nHost: t\r\n%sContent-Type: application/json\r\n"
                  "Accept: application/json\r\nContent-Length: 50000\r\n\r\n{\"name\":" % cookie).encode())
    start = time.monotonic()
    answer = sock.recv(4096)  # the rest of the body never comes
    sock.close()
    assert answer.startswith(b"HTTP/1.1 %d" % status), answer[:80]
    assert time.monotonic() - start < 1.5
