"""Staff accounts and roles: `user add`, the admin pages for accounts,
passwords, who may do what, the layout's navigation, the audit log and
escaping of what staff typed."""

import datetime
import html
import json
import re
import sqlite3

import pytest
import requests

from conftest import DEMO, HASH_MARK, JSON, REPO, client, login, login_status, seed_demo, unique_email

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
ADMIN, ADMIN_PW = DEMO["admin"]
PASSWORD = "startpasswort-2026"
XSS = "<script>alert(1)</script>"


# --- fixtures and helpers ------------------------------------------------------------

@pytest.fixture(scope="module")
def site(server):
    return seed_demo(server)


@pytest.fixture(scope="module")
def admin(site):
    return login(site, ADMIN, ADMIN_PW)


@pytest.fixture(scope="module")
def caseworker(site):
    return login(site, *DEMO["caseworker"])


@pytest.fixture(scope="module")
def viewer(site):
    return login(site, *DEMO["viewer"])


def write(s, method, url, body=None, as_json=True, **kwargs):
    """A write with the session's CSRF token (header for JSON, field for forms)."""
    if as_json:
        return s.request(method, url, json=body, headers={**JSON, "X-CSRF-Token": s.csrf}, **kwargs)
    return s.request(method, url, data={**(body or {}), "csrf_token": s.csrf}, allow_redirects=False, **kwargs)


def create(site, admin, role="caseworker", name="Neue Person", password=PASSWORD, email=None):
    """Creates an account through POST /admin/users (JSON); its object."""
    email = email or unique_email(role)
    r = write(admin, "POST", site.url + "/admin/users",
              {"email": email, "name": name, "role": role, "password": password})
    assert r.status_code == 201, r.text
    return r.json()


def error(r, status, code):
    assert r.status_code == status, f"expected {status}, got {r.status_code}: {r.text[:300]}"
    body = r.json()
    assert body["error"]["code"] == code, body
    return body["error"]


def fields_of(r, status=400, code="invalid"):
    """The names of the fields an error answer complains about."""
    return set(error(r, status, code).get("fields", {}))


USER_KEYS = ("id", "email", "name", "role", "active", "mfa_enabled")


def get_user(site, admin, uid):
    """The account's fields (the JSON may carry more, for the page)."""
    r = admin.get(site.url + f"/admin/users/{uid}", headers=JSON)
    assert r.status_code == 200, r.text
    return {k: r.json()[k] for k in USER_KEYS}


def audit(site, admin, **params):
    r = admin.get(site.url + "/admin/audit", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, r.text
    return r.json()


def audit_total(site, admin):
    """Entries of writes and log-ins: an admin's look at an account and a
    refused request are recorded too (reads of personal data, security
    events), which these counts leave out."""
    total = audit(site, admin, per_page=1)["total"]
    for action in ("read", "forbidden", "csrf_refused"):
        total -= audit(site, admin, per_page=1, action=action)["total"]
    return total


def user_total(site, admin):
    return admin.get(site.url + "/admin/users", headers=JSON).json()["total"]


def one_error_line(proc):
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{proc.stderr}"
    assert lines[0].startswith("azubimatch: "), proc.stderr
    return lines[0]


def search(site, admin, email):
    return admin.get(site.url + "/admin/users", params={"q": email}, headers=JSON).json()["items"]


# --- the command line ---------------------------------------------------------------

@pytest.mark.parametrize("password", ["a" * 10, "ä" * 10, "x" * 128, " leading and trailing  "],
                         ids=["10", "10 umlauts", "128", "spaces at the ends"])
def test_cli_user_add_reads_the_password_from_stdin(site, admin, password):
    email = unique_email("cli")
    done = site.cli("user", "add", "--email", email, "--name", "Per Kommandozeile", "--role", "viewer",
                    input=password + "\n")
    assert done.returncode == 0, done.stderr
    assert password not in done.stdout + done.stderr
    found = search(site, admin, email)
    assert [(u["name"], u["role"], u["active"]) for u in found] == [("Per Kommandozeile", "viewer", True)]
    s = login(site, email, password)
    assert s.get(site.url + "/me", headers=JSON).json()["role"] == "viewer"


CLI_REFUSALS = {
    "password of 9": (["--role", "viewer"], "a" * 9, (1,), "10"),
    "password of 9 umlauts": (["--role", "viewer"], "ä" * 9, (1,), "10"),
    "password of 129": (["--role", "viewer"], "a" * 129, (1,), "128"),
    "empty password": (["--role", "viewer"], "", (1,), "password"),
    "bad role": (["--role", "boss"], PASSWORD, (1, 2), "role"),
    "bad e-mail": (["--role", "viewer"], PASSWORD, (1,), None),
}


@pytest.mark.parametrize("args,password,codes,word", CLI_REFUSALS.values(), ids=CLI_REFUSALS.keys())
def test_cli_user_add_refuses_with_one_line_and_adds_nothing(site, admin, args, password, codes, word):
    email = "kein-at-zeichen" if word is None else unique_email("cli-no")
    before = user_total(site, admin)
    done = site.cli("user", "add", "--email", email, "--name", "Nie Angelegt", *args, input=password + "\n")
    assert done.returncode in codes
    line = one_error_line(done)
    if word:
        assert word in line
    assert "exists already" not in line
    assert done.stdout == ""
    assert user_total(site, admin) == before


@pytest.mark.parametrize("email", [ADMIN, ADMIN.upper()], ids=["same", "other case"])
def test_cli_user_add_refuses_a_taken_email(site, admin, email):
    before = user_total(site, admin)
    done = site.cli("user", "add", "--email", email, "--name", "Doppelt", "--role", "viewer",
                    input=PASSWORD + "\n")
    assert done.returncode == 1
    assert "exists" in one_error_line(done)
    assert user_total(site, admin) == before
    assert admin.get(site.url + "/me", headers=JSON).json()["name"] != "Doppelt"
    assert login_status(site, ADMIN, ADMIN_PW) == 200


# --- list, create, view ----------------------------------------------------------------

def test_user_list_in_json(site, admin):
    r = admin.get(site.url + "/admin/users", headers=JSON)
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"items", "total", "page", "per_page"}
    assert body["page"] == 1 and isinstance(body["per_page"], int)
    assert body["total"] >= 3 and len(body["items"]) == min(body["total"], body["per_page"])
    emails = {u["email"] for u in body["items"]}
    assert {e for e, _ in DEMO.values()} <= emails
    for u in body["items"]:
        assert set(u) >= {"id", "email", "name", "role", "active"}
        assert isinstance(u["id"], int) and u["role"] in ("admin", "caseworker", "viewer")
        assert not any("password" in k or "hash" in k for k in u)
    two = admin.get(site.url + "/admin/users?per_page=2", headers=JSON).json()
    second = admin.get(site.url + "/admin/users?per_page=1&page=2", headers=JSON).json()
    assert (second["page"], second["per_page"], second["total"]) == (2, 1, body["total"])
    assert second["items"] == two["items"][1:2]


def test_user_list_search(site, admin):
    found = search(site, admin, "beratung@")
    assert [u["email"] for u in found] == [DEMO["caseworker"][0]]
    assert search(site, admin, "niemand-hier-xyz") == []


def test_user_list_in_html(site, admin):
    r = admin.get(site.url + "/admin/users")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    for email, _ in DEMO.values():
        assert email in r.text
    assert 'href="/admin/users/new"' in r.text


@pytest.mark.parametrize("bad", ["page=0", "page=x", "per_page=0", "per_page=201"])
def test_user_list_refuses_bad_paging(site, admin, bad):
    r = admin.get(site.url + "/admin/users?" + bad, headers=JSON)
    assert fields_of(r) == {bad.split("=")[0]}


def test_create_user_in_json(site, admin):
    email = unique_email("Neu").replace("Neu", "NEU")
    before = audit_total(site, admin)
    r = write(admin, "POST", site.url + "/admin/users",
              {"email": email, "name": "Nadia Neu", "role": "viewer", "password": PASSWORD})
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["Location"] == f"/admin/users/{body['id']}"
    assert (body["email"], body["name"], body["role"], body["active"]) == (email.lower(), "Nadia Neu", "viewer", True)
    assert get_user(site, admin, body["id"]) == body
    page = admin.get(site.url + r.headers["Location"])
    assert page.status_code == 200 and "Nadia Neu" in page.text and email.lower() in page.text
    s = login(site, email, PASSWORD)
    assert s.get(site.url + "/me", headers=JSON).json()["role"] == "viewer"
    assert audit_total(site, admin) == before + 2  # create, login


def test_create_user_through_the_form(site, admin):
    page = admin.get(site.url + "/admin/users/new")
    assert page.status_code == 200 and 'action="/admin/users"' in page.text
    email = unique_email("form")
    r = write(admin, "POST", site.url + "/admin/users",
              {"email": email, "name": "Franz Formular", "role": "caseworker", "password": PASSWORD}, as_json=False)
    assert r.status_code == 303
    m = re.fullmatch(r"/admin/users/(\d+)", r.headers["Location"])
    assert m, r.headers["Location"]
    shown = admin.get(site.url + r.headers["Location"])
    assert shown.status_code == 200 and "Franz Formular" in shown.text
    assert get_user(site, admin, int(m.group(1)))["role"] == "caseworker"


def test_create_user_refuses_missing_and_bad_fields(site, admin):
    before = user_total(site, admin)
    assert fields_of(write(admin, "POST", site.url + "/admin/users", {})) >= {"email", "name", "role", "password"}
    bad = {"email": "kein-at-zeichen", "name": "", "role": "superuser", "password": "kurz"}
    assert fields_of(write(admin, "POST", site.url + "/admin/users", bad)) == {"email", "name", "role", "password"}
    assert user_total(site, admin) == before


def test_create_user_form_error_shows_the_form_again_without_the_password(site, admin):
    email = unique_email("again")
    secret = "zu-kurz-9"
    r = write(admin, "POST", site.url + "/admin/users",
              {"email": email, "name": "Wieder Da", "role": "viewer", "password": secret}, as_json=False)
    assert r.status_code == 400
    assert 'action="/admin/users"' in r.text
    assert f'value="{email}"' in r.text and 'value="Wieder Da"' in r.text
    assert secret not in r.text


def test_create_user_refuses_a_taken_email(site, admin):
    before = user_total(site, admin)
    r = write(admin, "POST", site.url + "/admin/users",
              {"email": DEMO["viewer"][0].upper(), "name": "Doppelt", "role": "viewer", "password": PASSWORD})
    assert fields_of(r, 409, "conflict") == {"email"}
    assert user_total(site, admin) == before


PASSWORDS_OK = {"10": "a" * 10, "128": "b" * 128, "10 umlauts": "ä" * 10, "128 umlauts": "ö" * 128,
                "10 euro signs": "€" * 10, "digits only": "0123456789", "one letter": "zzzzzzzzzz",
                "spaces at the ends": "  mit Leerzeichen  ", "only spaces": " " * 10}
PASSWORDS_BAD = {"9": "a" * 9, "129": "b" * 129, "9 umlauts": "ä" * 9, "129 umlauts": "ö" * 129, "empty": ""}


@pytest.mark.parametrize("password", PASSWORDS_OK.values(), ids=PASSWORDS_OK.keys())
def test_password_of_10_to_128_characters_is_accepted_and_works(site, admin, password):
    email = unique_email("pw")
    create(site, admin, role="viewer", password=password, email=email)
    assert login_status(site, email, password) == 200, "the password it accepted does not log in"


@pytest.mark.parametrize("password", PASSWORDS_BAD.values(), ids=PASSWORDS_BAD.keys())
def test_password_outside_10_to_128_characters_is_refused(site, admin, password):
    email = unique_email("pw-bad")
    r = write(admin, "POST", site.url + "/admin/users",
              {"email": email, "name": "Zu Kurz", "role": "viewer", "password": password})
    assert fields_of(r) == {"password"}
    assert search(site, admin, email) == []


def test_view_a_user(site, admin):
    u = create(site, admin, name="Vera Ansicht")
    r = admin.get(site.url + f"/admin/users/{u['id']}", headers=JSON)
    assert r.status_code == 200
    assert {k: r.json()[k] for k in USER_KEYS} == u
    page = admin.get(site.url + f"/admin/users/{u['id']}")
    assert page.status_code == 200
    assert "Vera Ansicht" in page.text and u["email"] in page.text
    assert f'action="/admin/users/{u["id"]}/password"' in page.text


@pytest.mark.parametrize("path", ["/admin/users/999999", "/admin/users/0", "/admin/users/abc"])
def test_unknown_user_is_404(site, admin, path):
    error(admin.get(site.url + path, headers=JSON), 404, "not_found")


def test_update_unknown_user_is_404(site, admin):
    error(write(admin, "PATCH", site.url + "/admin/users/999999", {"name": "X"}), 404, "not_found")
    error(write(admin, "POST", site.url + "/admin/users/999999/password", {"password": PASSWORD}), 404, "not_found")


def test_update_name_and_role(site, admin):
    u = create(site, admin, role="viewer", name="Alt Name")
    r = write(admin, "PUT", site.url + f"/admin/users/{u['id']}", {"name": "Neu Name", "role": "caseworker"})
    assert r.status_code == 200, r.text
    assert (r.json()["name"], r.json()["role"], r.json()["active"]) == ("Neu Name", "caseworker", True)
    assert get_user(site, admin, u["id"])["role"] == "caseworker"
    r = write(admin, "PATCH", site.url + f"/admin/users/{u['id']}", {"role": "emperor"})
    assert fields_of(r) == {"role"}
    assert get_user(site, admin, u["id"])["role"] == "caseworker"


def test_two_admins_editing_different_fields_keep_both_changes(make_server):
    """One admin renames, another changes the role at the same moment, again
    and again: every round ends with both changes, never one put back. (Its
    own server: its audit entries would crowd the module's.)"""
    from concurrent.futures import ThreadPoolExecutor
    site = seed_demo(make_server())
    admin, other = login(site, *DEMO["admin"]), login(site, *DEMO["admin"])
    u = create(site, admin, role="viewer", name="Runde 0")
    url = site.url + f"/admin/users/{u['id']}"
    roles = ("caseworker", "viewer")
    with ThreadPoolExecutor(2) as pool:
        for i in range(1, 61):
            a = pool.submit(write, admin, "PATCH", url, {"name": f"Runde {i}"})
            b = pool.submit(write, other, "PATCH", url, {"role": roles[i % 2]})
            assert a.result().status_code == 200 and b.result().status_code == 200
            got = get_user(site, admin, u["id"])
            assert (got["name"], got["role"]) == (f"Runde {i}", roles[i % 2]), f"round {i}"


# --- disable and re-enable ---------------------------------------------------------------

def test_disable_ends_the_sessions_and_log_in_and_enable_lets_in_again(site, admin):
    u = create(site, admin, name="Sperr Kandidat")
    s = login(site, u["email"], PASSWORD)
    other = login(site, u["email"], PASSWORD)
    # the HTML form sends no "active" when the box is not ticked
    r = write(admin, "POST", site.url + f"/admin/users/{u['id']}",
              {"name": "Sperr Kandidat", "role": "caseworker"}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/users/{u['id']}"
    assert get_user(site, admin, u["id"])["active"] is False
    error(s.get(site.url + "/me", headers=JSON), 401, "unauthorized")
    assert login_status(site, u["email"], PASSWORD) == 401
    row = [line for line in admin.get(site.url + "/admin/users").text.split("<tr>") if u["email"] in line]
    assert row and html.escape(DE["users_disabled"]) in row[0], "the list does not show the account is disabled"
    r = write(admin, "PATCH", site.url + f"/admin/users/{u['id']}", {"active": True})
    assert r.status_code == 200 and r.json()["active"] is True
    # a session left alone while the account was disabled stays ended
    error(other.get(site.url + "/me", headers=JSON), 401, "unauthorized")
    assert login_status(site, u["email"], PASSWORD) == 200
    changes = audit(site, admin, action="update", object_id=u["id"])["items"]
    assert [e["fields"] for e in changes] == [["active"], ["active"]]


def test_json_patch_without_active_keeps_the_account_active(site, admin):
    u = create(site, admin)
    r = write(admin, "PATCH", site.url + f"/admin/users/{u['id']}", {"name": "Nur Name"})
    assert r.status_code == 200 and r.json()["active"] is True
    r = write(admin, "PATCH", site.url + f"/admin/users/{u['id']}", {"active": "false"})
    assert r.status_code == 200 and r.json()["active"] is False
    r = write(admin, "PATCH", site.url + f"/admin/users/{u['id']}", {"active": "vielleicht"})
    assert fields_of(r) == {"active"}


def test_admin_cannot_disable_or_demote_themself(site, admin):
    me = admin.get(site.url + "/me", headers=JSON).json()
    url = site.url + f"/admin/users/{me['id']}"
    before = audit_total(site, admin)
    assert fields_of(write(admin, "PATCH", url, {"active": False}), 409, "conflict") == {"active"}
    assert fields_of(write(admin, "PATCH", url, {"role": "viewer"}), 409, "conflict") == {"role"}
    assert fields_of(write(admin, "PATCH", url, {"role": "caseworker", "active": True}), 409, "conflict") == {"role"}
    r = write(admin, "POST", url, {"name": me["name"], "role": "admin"}, as_json=False)  # box not ticked
    assert r.status_code == 409
    assert html.escape(DE["users_not_self"]) in r.text
    now = get_user(site, admin, me["id"])
    assert (now["role"], now["active"]) == ("admin", True)
    assert admin.get(site.url + "/admin/users", headers=JSON).status_code == 200
    assert audit_total(site, admin) == before


def test_another_admin_can_disable_an_admin(site, admin):
    other = create(site, admin, role="admin", name="Zweite Admin")
    s = login(site, other["email"], PASSWORD)
    r = write(admin, "PATCH", site.url + f"/admin/users/{other['id']}", {"active": False, "role": "viewer"})
    assert r.status_code == 200 and (r.json()["active"], r.json()["role"]) == (False, "viewer")
    error(s.get(site.url + "/admin/users", headers=JSON), 401, "unauthorized")


# --- passwords -------------------------------------------------------------------------

def test_admin_resets_a_password(site, admin):
    u = create(site, admin)
    s = login(site, u["email"], PASSWORD)
    new = "zurueckgesetzt-2026"
    r = write(admin, "POST", site.url + f"/admin/users/{u['id']}/password", {"password": new})
    assert r.status_code == 200, r.text
    assert r.json()["id"] == u["id"]
    error(s.get(site.url + "/me", headers=JSON), 401, "unauthorized")
    assert login_status(site, u["email"], PASSWORD) == 401
    assert login_status(site, u["email"], new) == 200
    entries = audit(site, admin, object_id=u["id"], action="reset_password")
    assert [e["fields"] for e in entries["items"]] == [["password"]]
    assert new not in json.dumps(audit(site, admin), ensure_ascii=False)


def test_admin_resets_a_password_through_the_form(site, admin):
    u = create(site, admin)
    new = "formular-reset-2026"
    r = write(admin, "POST", site.url + f"/admin/users/{u['id']}/password", {"password": new}, as_json=False)
    assert r.status_code == 303
    assert r.headers["Location"].startswith(f"/admin/users/{u['id']}")
    assert login_status(site, u["email"], new) == 200


@pytest.mark.parametrize("password", ["a" * 9, "a" * 129, ""], ids=["9", "129", "empty"])
def test_password_reset_refuses_bad_length_and_keeps_the_old(site, admin, password):
    u = create(site, admin)
    r = write(admin, "POST", site.url + f"/admin/users/{u['id']}/password", {"password": password})
    assert fields_of(r) == {"password"}
    assert login_status(site, u["email"], PASSWORD) == 200


def test_user_changes_their_own_password(site, admin):
    u = create(site, admin, role="viewer")
    s = login(site, u["email"], PASSWORD)
    other = login(site, u["email"], PASSWORD)
    url = site.url + "/me/password"
    r = write(s, "POST", url, {"current_password": "nicht-das-passwort", "new_password": "ganz-neu-2026"})
    assert fields_of(r) == {"current_password"}
    r = write(s, "POST", url, {"current_password": PASSWORD, "new_password": "kurz"})
    assert fields_of(r) == {"new_password"}
    r = write(s, "POST", url, {"current_password": PASSWORD, "new_password": "x" * 129})
    assert fields_of(r) == {"new_password"}
    assert login_status(site, u["email"], PASSWORD) == 200, "a refused change changed the password"
    r = write(s, "POST", url, {"current_password": PASSWORD, "new_password": "ääääääääää"})
    assert r.status_code == 200, r.text
    assert s.get(site.url + "/me", headers=JSON).status_code == 200, "the changing session ended"
    error(other.get(site.url + "/me", headers=JSON), 401, "unauthorized")
    assert login_status(site, u["email"], PASSWORD) == 401
    assert login_status(site, u["email"], "ääääääääää") == 200
    entries = audit(site, admin, action="change_password", object_id=u["id"])["items"]
    assert len(entries) == 1 and entries[0]["fields"] == ["password"] and entries[0]["user_id"] == u["id"]


def test_user_changes_their_own_password_through_the_form(site, admin):
    u = create(site, admin, role="viewer")
    s = login(site, u["email"], PASSWORD)
    page = s.get(site.url + "/me")
    assert 'action="/me/password"' in page.text
    r = write(s, "POST", site.url + "/me/password",
              {"current_password": "falsch-falsch", "new_password": "formular-neu-2026"}, as_json=False)
    assert r.status_code == 400
    assert html.escape(DE["password_wrong"]) in r.text
    r = write(s, "POST", site.url + "/me/password",
              {"current_password": PASSWORD, "new_password": "formular-neu-2026"}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == "/me?password=changed"
    assert html.escape(DE["me_password_changed"]) in s.get(site.url + r.headers["Location"]).text
    assert login_status(site, u["email"], "formular-neu-2026") == 200


def test_password_hashes_never_appear(site, admin):
    u = create(site, admin, name="Hash Probe")
    pages = ["/admin/users", "/admin/users?q=Hash", f"/admin/users/{u['id']}", "/admin/audit", "/me",
             "/admin/users/new", "/"]
    for path in pages:
        for headers in ({}, JSON):
            r = requests.get(site.url + path, headers=headers, cookies=admin.cookies)
            assert r.status_code == 200, path
            assert HASH_MARK not in r.text and "password_hash" not in r.text, f"{path} {headers}"
    r = write(admin, "PATCH", site.url + f"/admin/users/{u['id']}", {"name": "Hash Probe 2"})
    assert HASH_MARK not in r.text
    r = requests.post(site.url + "/login", data={"email": u["email"], "password": PASSWORD}, headers=JSON)
    assert HASH_MARK not in r.text


# --- who may do what ------------------------------------------------------------------

ADMIN_READS = ["/admin/users", "/admin/users/new", "/admin/users/1", "/admin/audit", "/admin/audit?action=login"]


@pytest.mark.parametrize("role", ["caseworker", "viewer"])
def test_only_admins_read_admin_pages(request, site, role):
    s = request.getfixturevalue(role)
    for path in ADMIN_READS:
        error(s.get(site.url + path, headers=JSON), 403, "forbidden")
        r = s.get(site.url + path, allow_redirects=False)
        assert r.status_code == 403, path
        assert "<header" in r.text and "<footer" in r.text, "the error is a page in the layout"
        assert "Aylin Demir" not in r.text  # no admin data leaks onto the error page


@pytest.mark.parametrize("role", ["caseworker", "viewer"])
def test_only_admins_write_accounts(request, site, admin, role):
    s = request.getfixturevalue(role)
    target = create(site, admin, role="viewer", name="Ziel Person")
    admin_id = admin.get(site.url + "/me", headers=JSON).json()["id"]
    own_id = s.get(site.url + "/me", headers=JSON).json()["id"]
    before_users, before_audit = user_total(site, admin), audit_total(site, admin)
    writes = [
        ("POST", "/admin/users", {"email": unique_email("evil"), "name": "Böse", "role": "admin",
                                  "password": PASSWORD}),
        ("POST", f"/admin/users/{admin_id}", {"active": False}),
        ("PATCH", f"/admin/users/{target['id']}", {"active": False}),
        ("PUT", f"/admin/users/{target['id']}", {"name": "Übernommen"}),
        ("PATCH", f"/admin/users/{own_id}", {"role": "admin"}),
        ("POST", f"/admin/users/{target['id']}/password", {"password": "uebernommen-2026"}),
        ("POST", f"/admin/users/{admin_id}/password", {"password": "uebernommen-2026"}),
    ]
    for method, path, body in writes:
        error(write(s, method, site.url + path, body), 403, "forbidden")
        assert write(s, method, site.url + path, body, as_json=False).status_code == 403
    assert user_total(site, admin) == before_users
    assert audit_total(site, admin) == before_audit
    assert get_user(site, admin, target["id"]) == target
    assert s.get(site.url + "/me", headers=JSON).json()["role"] == role
    assert login_status(site, target["email"], PASSWORD) == 200


@pytest.mark.parametrize("role", ["admin", "caseworker", "viewer", None])
def test_navigation_shows_admin_links_only_to_admins(request, site, role):
    s = request.getfixturevalue(role) if role else client()
    page = s.get(site.url + "/").text
    nav = page[page.index("<header"):page.index("</header>")]
    for link in ('href="/admin/users"', 'href="/admin/audit"'):
        assert (link in nav) == (role == "admin"), f"{link} for {role}"
    if role:
        assert 'href="/me"' in nav and 'action="/logout"' in nav
    else:
        assert 'href="/login"' in nav


# --- audit log ----------------------------------------------------------------------------

def test_every_write_is_recorded_with_who_when_what_and_field_names_only(site, admin):
    me = admin.get(site.url + "/me", headers=JSON).json()
    secrets = ["Zebra Geheimname", "zebra-passwort-42", "Zebra Neuname", "zebra-neu-passwort-43"]
    u = create(site, admin, name=secrets[0], password=secrets[1])
    write(admin, "PATCH", site.url + f"/admin/users/{u['id']}", {"name": secrets[2], "role": "viewer"})
    write(admin, "POST", site.url + f"/admin/users/{u['id']}/password", {"password": secrets[3]})
    items = audit(site, admin, object_type="user", object_id=u["id"])["items"]
    assert [e["action"] for e in items] == ["reset_password", "update", "create"]
    assert [sorted(e["fields"]) for e in items] == [["password"], ["name", "role"],
                                                     ["email", "name", "password", "role"]]
    now = datetime.datetime.now(datetime.timezone.utc)
    for e in items:
        assert (e["user_id"], e["user_email"], e["object_type"], e["object_id"]) == (me["id"], ADMIN, "user", u["id"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e["at"]), e["at"]
        at = datetime.datetime.strptime(e["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
        assert abs((now - at).total_seconds()) < 300
    # the entries, as JSON and as the page's table (the filter above it
    # offers the accounts by their current names, which is no entry)
    page = admin.get(site.url + "/admin/audit").text
    everything = json.dumps(audit(site, admin), ensure_ascii=False) + page[page.index("</form>", page.index('class="filters"')):]
    for secret in secrets:
        assert secret not in everything, f"{secret!r} is in the audit log"


def test_audit_page_in_html(site, admin):
    r = admin.get(site.url + "/admin/audit?action=login")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert ADMIN in r.text and "<table" in r.text
    assert '<option value="login" selected>angemeldet</option>' in r.text


def test_audit_filters(site, admin, viewer):
    u = create(site, admin, name="Filter Person")
    write(admin, "PATCH", site.url + f"/admin/users/{u['id']}", {"name": "Filter Person 2"})
    first = audit(site, admin, per_page=200)
    assert set(first) >= {"items", "total", "page", "per_page"}
    # every entry, page by page (the demo data alone fills more than one)
    everything = {"items": [], "total": first["total"]}
    for page in range(1, (first["total"] + 199) // 200 + 1):
        everything["items"] += audit(site, admin, per_page=200, page=page)["items"]
    assert len(everything["items"]) == first["total"]
    creates = audit(site, admin, action="create")["items"]
    assert creates and all(e["action"] == "create" for e in creates)
    r = admin.get(site.url + "/admin/audit", params={"action": "no_such_action"}, headers=JSON)
    assert r.status_code == 400 and "action" in r.json()["error"]["fields"]
    # the demo data brings companies and activities too: each filter keeps
    # exactly the entries of its kind
    users_only = audit(site, admin, object_type="user")
    assert users_only["total"] == sum(1 for e in everything["items"] if e["object_type"] == "user")
    assert users_only["items"] and all(e["object_type"] == "user" for e in users_only["items"])
    r = admin.get(site.url + "/admin/audit", params={"object_type": "no_such_type"}, headers=JSON)
    assert r.status_code == 400 and "object_type" in r.json()["error"]["fields"]
    by_object = audit(site, admin, object_id=u["id"])["items"]
    assert by_object and {e["object_id"] for e in by_object} == {u["id"]}
    viewer_id = viewer.get(site.url + "/me", headers=JSON).json()["id"]
    by_user = audit(site, admin, user_id=viewer_id)["items"]
    assert by_user and {e["user_id"] for e in by_user} == {viewer_id}
    assert {e["action"] for e in by_user} <= {"login", "logout", "change_password", "forbidden"}  # its refused writes too
    both = audit(site, admin, action="update", object_id=u["id"])["items"]
    assert [e["action"] for e in both] == ["update"]


def test_audit_date_filters(site, admin):
    newest = audit(site, admin, per_page=1)["items"][0]
    today = datetime.date.fromisoformat(newest["at"][:10])
    day = datetime.timedelta(days=1)
    ids = lambda **p: {e["id"] for e in audit(site, admin, **p)["items"]}
    assert newest["id"] in ids(**{"from": today.isoformat()})
    assert newest["id"] in ids(to=today.isoformat())
    assert newest["id"] in ids(**{"from": today.isoformat(), "to": today.isoformat()})
    assert audit(site, admin, **{"from": (today + day).isoformat()})["total"] == 0
    assert audit(site, admin, to=(today - day).isoformat())["total"] == 0


def test_audit_paging(site, admin):
    two = audit(site, admin, per_page=2)
    assert two["total"] >= 2
    page2 = audit(site, admin, per_page=1, page=2)
    assert (page2["page"], page2["per_page"], page2["total"]) == (2, 1, two["total"])
    assert page2["items"] == two["items"][1:2]
    ids = [e["id"] for e in audit(site, admin)["items"]]
    assert ids == sorted(ids, reverse=True), "newest first"


AUDIT_BAD = ["user_id=abc", "user_id=0", "object_id=-3", "object_id=1.5", "from=2026-02-30", "from=gestern",
             "to=25.11.2026", "to=2026-1-5", "page=0", "per_page=0", "per_page=201"]


@pytest.mark.parametrize("query", AUDIT_BAD)
def test_audit_refuses_bad_filter_values(site, admin, query):
    r = admin.get(site.url + "/admin/audit?" + query, headers=JSON)
    assert fields_of(r) == {query.split("=")[0]}


def test_audit_bad_filter_in_html_is_a_page(site, admin):
    r = admin.get(site.url + "/admin/audit?from=gestern")
    assert r.status_code == 400
    assert "<header" in r.text and "<footer" in r.text


def test_audit_log_is_append_only(site, admin):
    con = sqlite3.connect(site.db_path, timeout=10)
    try:
        before = con.execute("SELECT id, action, user_email FROM audit_log ORDER BY id").fetchall()
        assert before
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute("UPDATE audit_log SET action = 'nothing' WHERE id = ?", (before[0][0],))
        con.rollback()
        with pytest.raises(sqlite3.DatabaseError, match="two years"):
            con.execute("DELETE FROM audit_log WHERE id = ?", (before[-1][0],))
        con.rollback()
        with pytest.raises(sqlite3.DatabaseError):
            con.execute("DELETE FROM audit_log")
        con.rollback()
        after = con.execute("SELECT id, action, user_email FROM audit_log ORDER BY id").fetchall()
    finally:
        con.close()
    assert after == before


# --- escaping -------------------------------------------------------------------------------

def test_a_name_with_markup_is_shown_escaped(site, admin):
    u = create(site, admin, role="viewer", name=XSS)
    escaped = html.escape(XSS, quote=False)
    for path in ("/admin/users", f"/admin/users/{u['id']}", f"/admin/audit?object_id={u['id']}"):
        page = admin.get(site.url + path).text
        assert XSS not in page, f"raw markup in {path}"
    assert escaped in admin.get(site.url + "/admin/users").text
    assert escaped in admin.get(site.url + f"/admin/users/{u['id']}").text
    assert get_user(site, admin, u["id"])["name"] == XSS  # JSON keeps the data as it is
    s = login(site, u["email"], PASSWORD)
    page = s.get(site.url + "/").text
    assert XSS not in page and escaped in page  # the account name in the header


def test_the_audit_page_reads_as_words_with_links(site, admin):
    """Actions, kinds of objects and field names in words; the account and
    the object as links to them; filters offered as choices and dates."""
    u = create(site, admin, name="Lesbar Person")
    write(admin, "PATCH", site.url + f"/admin/users/{u['id']}", {"name": "Lesbar Person 2", "role": "viewer"})
    me = admin.get(site.url + "/me", headers=JSON).json()
    page = admin.get(site.url + "/admin/audit", params={"object_type": "user", "object_id": u["id"]}).text
    table = page[page.index("</form>", page.index('class="filters"')):]
    row = re.search(r"<tr>\s*<td><time[^<]*</time></td>(.*?)</tr>", table, re.S).group(1)
    assert f'<a href="/admin/users/{me["id"]}">{me["name"]}</a>' in row
    assert "<td>geändert</td>" in row
    assert f'Konto <a href="/admin/users/{u["id"]}">#{u["id"]}</a>' in row
    assert '<span class="tag">Name</span>' in row and '<span class="tag">Rolle</span>' in row
    assert '<option value="user" selected>Konto</option>' in page
    assert '<option value="mfa_reset">Zwei-Faktor-Anmeldung von der Verwaltung zurückgesetzt</option>' in page
    assert re.search(r'<select id="f-user" name="user_id">.*Lesbar Person 2 \(', page, re.S)
    assert 'type="date"' in page
    # a failed log-in has no account to link: the address typed is shown
    requests.post(site.url + "/login", data={"email": "niemand@test.example", "password": "falsch-falsch-1"})
    page = admin.get(site.url + "/admin/audit", params={"action": "login_failed"}).text
    assert "niemand@test.example" in page[page.index("</form>", page.index('class="filters"')):] and "Anmeldung fehlgeschlagen" in page
