"""The area kit as users and clients meet it: no lost update when two
caseworkers save the same company at once, updated_at as the record's
version, stale edits refused (JSON and the HTML form), who may close a
follow-up, the audit of reads of staff accounts, list paging, sorting and
filters, list rows and dates in the page's language, and the audit of CSV
exports."""

import datetime
import html
import itertools
import json
import re
import threading
import time
from zoneinfo import ZoneInfo

import pytest

from conftest import JSON, REPO, add_user, client, login, seed_demo, send, staff, unique_email

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
EN = json.loads((REPO / "locales" / "en.json").read_text(encoding="utf-8"))
PASSWORD = "kit-tests-2026-pw"
VERSION = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_tags = itertools.count(1)


# --- fixtures and helpers ------------------------------------------------------------

@pytest.fixture(scope="module")
def site(server):
    return seed_demo(server)


@pytest.fixture(scope="module")
def cw(site):
    return staff(site, "caseworker")


@pytest.fixture(scope="module")
def admin(site):
    return staff(site, "admin")


def account(site, role="caseworker", name="Kit Person"):
    """A new account of role, logged in (no demo follow-ups in its way)."""
    email = unique_email(f"kit-{role}")
    add_user(site, email, PASSWORD, role=role, name=name)
    return login(site, email, PASSWORD)


@pytest.fixture(scope="module")
def colleague(site):
    """A second caseworker with a session of their own."""
    return account(site, name="Kollegin Kit")


def me(site, s):
    r = s.get(site.url + "/me", headers=JSON)
    assert r.status_code == 200, r.text
    return r.json()


def twin(s):
    """A session of its own for a thread, carrying s's log-in and token."""
    t = client()
    t.cookies.update(s.cookies)
    t.csrf = s.csrf
    return t


def new_tag():
    """A tag no other test uses: lets a test list exactly its own companies."""
    return f"kit{next(_tags)}x{time.monotonic_ns() % 10**6}"


def create(site, s, **fields):
    """Creates a company through JSON (duplicate warning confirmed); its object."""
    body = {"postal_code": "63065", **fields, "confirm_duplicate": "1"}
    r = send(s, "POST", site.url + "/companies", body)
    assert r.status_code == 201, f"create failed: {r.status_code} {r.text[:400]}"
    return r.json()


def get(site, s, cid):
    r = s.get(site.url + f"/companies/{cid}", headers=JSON)
    assert r.status_code == 200, r.text[:300]
    return r.json()


def patch(site, s, cid, body, method="PATCH"):
    return send(s, method, site.url + f"/companies/{cid}", body)


def listing(site, s, **params):
    r = s.get(site.url + "/companies", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, f"{params}: {r.status_code} {r.text[:300]}"
    return r.json()


def names(lst):
    return sorted(c["name"] for c in lst["items"])


def error(r, status, code):
    assert r.status_code == status, f"expected {status}, got {r.status_code}: {r.text[:400]}"
    assert r.headers["Content-Type"].startswith("application/json"), r.headers["Content-Type"]
    body = r.json()
    assert body["error"]["code"] == code, body
    return body["error"]


def fields_of(r, status=400, code="invalid"):
    return error(r, status, code).get("fields", {})


def audit(site, admin, **params):
    r = admin.get(site.url + "/admin/audit", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, r.text[:300]
    return r.json()


def stored(c):
    """A company as GET shows it, without what only the page adds."""
    return {k: v for k, v in c.items() if k not in ("contacts", "activities", "events")}


def form_fields(page, action):
    """The fields a browser would submit from the form posting to action:
    inputs (ticked boxes only), the selected option of each select (else the
    first) and textareas, unescaped."""
    m = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S)
    assert m, f"no form posting to {action}"
    body, fields = m.group(1), {}
    for tag in re.finditer(r"<input\b([^>]*)>", body):
        attrs = tag.group(1)
        name = re.search(r'\bname="([^"]*)"', attrs)
        value = re.search(r'\bvalue="([^"]*)"', attrs)
        if not name or ('type="checkbox"' in attrs and "checked" not in attrs):
            continue
        fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for sel in re.finditer(r'<select\b[^>]*name="([^"]*)"[^>]*>(.*?)</select>', body, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', sel.group(2)) or \
            re.search(r'<option value="([^"]*)"', sel.group(2))
        fields[sel.group(1)] = html.unescape(chosen.group(1)) if chosen else ""
    for area in re.finditer(r'<textarea\b[^>]*name="([^"]*)"[^>]*>(.*?)</textarea>', body, re.S):
        fields[area.group(1)] = html.unescape(area.group(2))
    return fields


def hidden_version(page):
    """The value of the page's hidden updated_at field, or None."""
    m = re.search(r'<input type="hidden" name="updated_at" value="([^"]*)">', page)
    return html.unescape(m.group(1)) if m else None


def run_together(jobs):
    """Runs the callables at the same moment (a barrier), one thread each;
    their results in order. An exception in a job fails the test."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def run(i, job):
        try:
            barrier.wait(timeout=10)
            results[i] = job()
        except BaseException as e:  # reported below, in the test's thread
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


def today():
    """Today where follow-ups fall due (config.ini: Europe/Berlin)."""
    return datetime.datetime.now(ZoneInfo("Europe/Berlin")).date()


def day(offset):
    return (today() + datetime.timedelta(days=offset)).isoformat()


# --- 1. no lost update ------------------------------------------------------------------

def concurrent_values(r):
    """For round r: one field each, a value of that round."""
    return {
        "industry": f"Branche {r}",
        "street": f"Hauptstraße {r}",
        "phone": f"+49 69 5550{r:02d}",
        "notes": f"Notiz der Runde {r}",
        "employees": 10 + r,
        "website": f"https://www.runde{r}.example",
        "tags": [f"runde{r}", "parallel"],
        "languages": ["tr", "ar"] if r % 2 else ["pl", "de"],
        "city": f"Offenbach-Runde{r}",
    }


def assert_has(company, values):
    for key, value in values.items():
        if key == "website":
            assert company[key].endswith(value.split("//", 1)[1]), (key, company[key], value)
        else:
            assert company[key] == value, (key, company[key], value)


def test_parallel_saves_of_different_fields_all_stay(site, cw, colleague):
    """Nine saves of nine different fields of one company at the same moment,
    by two caseworkers: every save answers 200 and afterwards the company
    shows every one of the nine changes, round after round."""
    c = create(site, cw, name="Parallelbetrieb Kit")
    for rnd in range(1, 6):
        values = concurrent_values(rnd)
        jobs = []
        for i, (key, value) in enumerate(values.items()):
            s = twin(cw if i % 2 == 0 else colleague)
            jobs.append(lambda s=s, key=key, value=value: patch(site, s, c["id"], {key: value}))
        answers = run_together(jobs)
        assert [a.status_code for a in answers] == [200] * len(values), \
            [(a.status_code, a.text[:200]) for a in answers]
        after = get(site, cw, c["id"])
        assert_has(after, values)
        assert after["name"] == "Parallelbetrieb Kit" and after["postal_code"] == "63065"


def test_two_caseworkers_alternating_keep_each_others_changes(site, cw, colleague):
    """Two caseworkers keep saving the same company, each their own field,
    at the same moments: after every round both of the latest values are
    there."""
    c = create(site, cw, name="Wechselbetrieb Kit")
    a, b = twin(cw), twin(colleague)
    for rnd in range(12):
        answers = run_together([
            lambda: patch(site, a, c["id"], {"industry": f"A{rnd}"}),
            lambda: patch(site, b, c["id"], {"notes": f"B{rnd}"}),
        ])
        assert [x.status_code for x in answers] == [200, 200], [x.text[:200] for x in answers]
        after = get(site, cw, c["id"])
        assert (after["industry"], after["notes"]) == (f"A{rnd}", f"B{rnd}")


# --- 2. updated_at is a version ------------------------------------------------------------

def test_every_save_gives_a_new_later_version(site, cw):
    """Quick saves one after another (several within one second) each answer
    with a later updated_at in the form YYYY-MM-DDTHH:MM:SSZ; the page's
    record shows the last one."""
    c = create(site, cw, name="Versionsbetrieb Kit")
    assert VERSION.fullmatch(c["updated_at"]), c["updated_at"]
    versions = [c["updated_at"]]
    for i in range(6):
        r = patch(site, cw, c["id"], {"employees": i})
        assert r.status_code == 200, r.text[:300]
        versions.append(r.json()["updated_at"])
    assert all(VERSION.fullmatch(v) for v in versions), versions
    assert all(a < b for a, b in zip(versions, versions[1:])), versions
    assert get(site, cw, c["id"])["updated_at"] == versions[-1]


def test_a_save_that_changes_nothing_keeps_the_version(site, cw):
    """Saving the values the company already has changes nothing, not even
    updated_at."""
    c = create(site, cw, name="Ruhebetrieb Kit", industry="Handel", tags=["x", "y"])
    r = patch(site, cw, c["id"], {"industry": "Handel", "tags": ["x", "y"], "name": "Ruhebetrieb Kit"})
    assert r.status_code == 200, r.text[:300]
    assert r.json()["updated_at"] == c["updated_at"]
    assert get(site, cw, c["id"])["updated_at"] == c["updated_at"]
    r = patch(site, cw, c["id"], {"industry": "Großhandel"})  # a real change does move it
    assert r.json()["updated_at"] > c["updated_at"]


# --- 3. stale JSON edits ---------------------------------------------------------------------

@pytest.mark.parametrize("method", ["PATCH", "PUT", "POST"])
def test_json_edit_with_the_current_version_succeeds(site, cw, method):
    """A client that sends the updated_at it read saves (200), and gets the
    next version back."""
    c = create(site, cw, name=f"Aktuell Kit {method}")
    r = patch(site, cw, c["id"], {"industry": "Bau", "updated_at": c["updated_at"]}, method)
    assert r.status_code == 200, r.text[:300]
    assert r.json()["industry"] == "Bau" and r.json()["updated_at"] > c["updated_at"]
    assert get(site, cw, c["id"])["industry"] == "Bau"


@pytest.mark.parametrize("method", ["PATCH", "PUT", "POST"])
def test_json_edit_with_an_old_version_is_409_and_changes_nothing(site, cw, colleague, method):
    """A client saving with the updated_at it read before a colleague saved
    gets 409 conflict with the stored record as `current`; the company keeps
    the colleague's value."""
    c = create(site, cw, name=f"Veraltet Kit {method}", industry="Holz")
    r = patch(site, colleague, c["id"], {"phone": "069 123456"})
    assert r.status_code == 200, r.text[:300]
    now = get(site, cw, c["id"])
    r = patch(site, cw, c["id"], {"industry": "Metall", "phone": "069 999999", "updated_at": c["updated_at"]},
              method)
    err = error(r, 409, "conflict")
    assert stored(err["current"]) == stored(now)
    assert err["current"]["phone"] == "069 123456" and err["current"]["industry"] == "Holz"
    after = get(site, cw, c["id"])
    assert stored(after) == stored(now)


def test_json_patch_without_a_version_merges(site, cw, colleague):
    """Without updated_at a JSON PATCH is a merge: it saves over a
    colleague's newer save and keeps the colleague's field."""
    c = create(site, cw, name="Mischbetrieb Kit")
    assert patch(site, colleague, c["id"], {"phone": "069 424242"}).status_code == 200
    r = patch(site, cw, c["id"], {"industry": "Textil"})
    assert r.status_code == 200, r.text[:300]
    after = get(site, cw, c["id"])
    assert (after["phone"], after["industry"]) == ("069 424242", "Textil")


# --- 4. stale HTML form ------------------------------------------------------------------------

def test_edit_page_carries_the_records_version(site, cw):
    """The edit form holds the version it was loaded at in a hidden
    updated_at field, so that saving it later can be checked."""
    c = create(site, cw, name="Formversion Kit")
    page = cw.get(site.url + f"/companies/{c['id']}/edit")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert f'<input type="hidden" name="updated_at" value="{c["updated_at"]}">' in page.text
    assert form_fields(page.text, f"/companies/{c['id']}").get("updated_at") == c["updated_at"]


def test_saving_the_edit_page_after_a_colleagues_save_keeps_their_change(site, cw, colleague):
    """A caseworker opens the edit page, a colleague then saves a new phone
    number, the caseworker saves the page with one field changed (exactly
    what the browser sends): the save is refused (409) and the colleague's
    phone number is still there."""
    c = create(site, cw, name="Browserbetrieb Kit", industry="Holz")
    page = cw.get(site.url + f"/companies/{c['id']}/edit").text
    form = form_fields(page, f"/companies/{c['id']}")
    assert patch(site, colleague, c["id"], {"phone": "069 777888"}).status_code == 200
    form["industry"] = "Metall"
    r = cw.post(site.url + f"/companies/{c['id']}", data=form, allow_redirects=False)
    after = get(site, cw, c["id"])
    assert after["phone"] == "069 777888", "the colleague's phone number was overwritten"
    assert r.status_code == 409, f"{r.status_code}: {r.headers.get('Location')}"
    assert after["industry"] == "Holz"


def stale_form_post(site, cw, colleague, name):
    """The edit page's fields with one changed (industry), posted with the
    version the company had when the page was loaded, after a colleague
    saved a phone number. (company, version before, the answer)"""
    c = create(site, cw, name=name, industry="Holz", tags=["alt"], employees=5)
    page = cw.get(site.url + f"/companies/{c['id']}/edit").text
    form = form_fields(page, f"/companies/{c['id']}")
    assert form["csrf_token"] and form["name"] == name and form["industry"] == "Holz"
    assert patch(site, colleague, c["id"], {"phone": "069 777888"}).status_code == 200
    form["industry"] = "Metall"
    form["updated_at"] = c["updated_at"]  # the version the page was loaded at
    return c, cw.post(site.url + f"/companies/{c['id']}", data=form, allow_redirects=False)


def test_stale_form_save_shows_the_form_with_the_colleagues_change(site, cw, colleague):
    """Saving the form with the version it was loaded at, after a colleague
    saved: a 409 page that shows the typed value in the form and, in the
    box with id="conflict", the colleague's field with its value now; the
    company is as the colleague left it."""
    c, r = stale_form_post(site, cw, colleague, "Formkonflikt Kit")
    assert r.status_code == 409, r.text[:300]
    assert r.headers["Content-Type"].startswith("text/html")
    form = form_fields(r.text, f"/companies/{c['id']}")
    assert form["industry"] == "Metall"
    box = re.search(r'<div[^>]*id="conflict"[^>]*>(.*?)</div>', r.text, re.S)
    assert box, "no conflict box"
    listed = {html.unescape(k).strip(): html.unescape(v).strip()
              for k, v in re.findall(r"<li><strong>(.*?)</strong>:(.*?)</li>", box.group(1), re.S)}
    assert listed.get(DE["field_phone"]) == "069 777888", listed
    assert DE["field_industry"] not in listed, "the user's own edit is not the colleague's change"
    after = get(site, cw, c["id"])
    assert (after["phone"], after["industry"]) == ("069 777888", "Holz")


def test_conflict_page_carries_the_new_version_and_saving_it_again_succeeds(site, cw, colleague):
    """The 409 page's form holds the company's new updated_at, so saving it
    again (on purpose) goes through with 303 and stores the typed value."""
    c, r = stale_form_post(site, cw, colleague, "Zweiter Versuch Kit")
    assert r.status_code == 409, r.text[:300]
    now = get(site, cw, c["id"])
    assert hidden_version(r.text) == now["updated_at"]
    form = form_fields(r.text, f"/companies/{c['id']}")
    again = cw.post(site.url + f"/companies/{c['id']}", data=form, allow_redirects=False)
    assert again.status_code == 303, again.text[:300]
    assert get(site, cw, c["id"])["industry"] == "Metall"


# --- 5. follow-ups: who may close which -----------------------------------------------------

@pytest.fixture(scope="module")
def team(site):
    """Two caseworkers, A and B, and a viewer, all new (no demo follow-ups)."""
    a = account(site, name="Anna Kit")
    b = account(site, name="Berk Kit")
    v = account(site, role="viewer", name="Vera Kit")
    return a, b, v


def company_of(site, s, name, caseworker_id=None):
    fields = {"name": name}
    if caseworker_id:
        fields["caseworker_id"] = caseworker_id
    return create(site, s, **fields)["id"]


def follow_up(site, s, cid, subject, due=0):
    r = send(s, "POST", site.url + f"/companies/{cid}/activities",
             {"kind": "call", "date": day(-5), "subject": subject, "follow_up": day(due)})
    assert r.status_code == 201, r.text[:300]
    return r.json()["id"]


def due(site, s, **params):
    r = s.get(site.url + "/followups", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, r.text[:300]
    return {f["id"] for f in r.json()["items"]}


def done(site, s, aid):
    return send(s, "POST", site.url + f"/followups/{aid}/done", {})


def closes(site, admin, aid):
    """The audit entries of closing activity aid (action update)."""
    return [e for e in audit(site, admin, object_type="activity", object_id=aid)["items"]
            if e["action"] == "update"]


def test_viewer_sees_only_their_own_follow_ups(site, team):
    """A viewer asking for the whole team's follow-ups gets 403; their own
    list is empty."""
    a, _, v = team
    follow_up(site, a, company_of(site, a, "Viewer Wiedervorlage Kit"), "für A")
    r = v.get(site.url + "/followups", params={"all": 1}, headers=JSON)
    error(r, 403, "forbidden")
    assert due(site, v) == set()


def test_only_the_owner_closes_a_follow_up_and_twice_is_409(site, team, admin):
    """B may not close A's follow-up (403, still due for A); A closes it
    (200, gone); closing it again is 409. The audit has one update naming
    follow_up_done_at, by A."""
    a, b, _ = team
    cid = company_of(site, a, "Wiedervorlage Kit A")
    aid = follow_up(site, a, cid, "heute fällig", due=0)
    old = follow_up(site, a, cid, "überfällig", due=-2)
    assert {aid, old} <= due(site, a)

    r = done(site, b, aid)
    error(r, 403, "forbidden")
    assert aid in due(site, a)
    assert closes(site, admin, aid) == []

    r = done(site, a, aid)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"].startswith("application/json")
    assert aid not in due(site, a) and old in due(site, a)
    error(done(site, a, aid), 409, "conflict")

    entries = closes(site, admin, aid)
    assert len(entries) == 1, entries
    assert entries[0]["fields"] == ["follow_up_done_at"]
    assert entries[0]["user_id"] == me(site, a)["id"]


def test_the_companys_caseworker_may_close_a_colleagues_follow_up(site, team, admin):
    """When B is in charge of the company, B may close the follow-up A
    set there (200), and it leaves A's list."""
    a, b, _ = team
    cid = company_of(site, a, "Betreut von B Kit", caseworker_id=me(site, b)["id"])
    assert get(site, a, cid)["caseworker_id"] == me(site, b)["id"]
    aid = follow_up(site, a, cid, "A's Wiedervorlage bei B")
    r = done(site, b, aid)
    assert r.status_code == 200, r.text[:300]
    assert aid not in due(site, a)
    entries = closes(site, admin, aid)
    assert [(e["fields"], e["user_id"]) for e in entries] == [(["follow_up_done_at"], me(site, b)["id"])]


def test_an_admin_may_close_anyones_follow_up(site, team, admin):
    """An admin closes a caseworker's follow-up (200)."""
    a, _, _ = team
    aid = follow_up(site, a, company_of(site, a, "Adminschluss Kit"), "für die Verwaltung")
    r = done(site, admin, aid)
    assert r.status_code == 200, r.text[:300]
    assert aid not in due(site, a)
    entries = closes(site, admin, aid)
    assert [(e["fields"], e["user_id"]) for e in entries] == [(["follow_up_done_at"], me(site, admin)["id"])]


# --- 6. reads of staff accounts are audited ---------------------------------------------------

def reads(site, admin, uid=None):
    params = {"action": "read", "object_type": "user"}
    if uid:
        params["object_id"] = uid
    return audit(site, admin, **params)


def test_reading_an_account_is_audited(site, admin):
    """An admin opening one account (JSON or page) leaves a read entry naming
    the account and the admin."""
    who = me(site, admin)["id"]
    target = me(site, account(site, name="Gelesen Kit"))["id"]
    assert reads(site, admin, target)["total"] == 0
    for headers in (JSON, {}):
        r = admin.get(site.url + f"/admin/users/{target}", headers=headers)
        assert r.status_code == 200, r.text[:300]
    entries = reads(site, admin, target)["items"]
    assert len(entries) == 2, entries
    for e in entries:
        assert (e["action"], e["object_type"], e["object_id"], e["user_id"]) == ("read", "user", target, who)


def test_the_account_list_and_an_unknown_account_are_not_audited_as_reads(site, admin):
    """The list of accounts and a 404 for an unknown account leave no read
    entry."""
    before = reads(site, admin)["total"]
    assert admin.get(site.url + "/admin/users", headers=JSON).status_code == 200
    assert admin.get(site.url + "/admin/users").status_code == 200
    error(admin.get(site.url + "/admin/users/987654", headers=JSON), 404, "not_found")
    assert admin.get(site.url + "/admin/users/987654").status_code == 404
    assert reads(site, admin)["total"] == before
    assert reads(site, admin, 987654)["items"] == []


# --- 7. lists: paging, sorting, filters -------------------------------------------------------

def test_paging_deeper_than_ten_thousand_rows_is_400(site, cw):
    """Page 201 of 50 (past row 10,000) is refused naming `page`; page 200
    is still answered."""
    assert "page" in fields_of(cw.get(site.url + "/companies", params={"per_page": 50, "page": 201}, headers=JSON))
    r = cw.get(site.url + "/companies", params={"per_page": 50, "page": 200}, headers=JSON)
    assert r.status_code == 200, r.text[:300]
    assert r.json()["page"] == 200 and r.json()["items"] == []


@pytest.mark.parametrize("params, named", [
    ({"sort": "beliebt"}, "sort"),
    ({"training_status": "fertig"}, "training_status"),
    ({"chamber": "zdh"}, "chamber"),
    ({"area": "mond"}, "area"),
    ({"owner_migration_background": "vielleicht"}, "owner_migration_background"),
    ({"language": "xx"}, "language"),
])
def test_bad_sort_or_filter_is_400_naming_it(site, cw, params, named):
    """An unknown sort or filter value answers 400 naming that parameter."""
    fields = fields_of(cw.get(site.url + "/companies", params=params, headers=JSON))
    assert set(fields) == {named}, fields


@pytest.fixture(scope="module")
def languages_set(site, cw):
    tag = new_tag()
    create(site, cw, name="Türkisch Deutsch Kit", languages=["tr", "de"], tags=[tag])
    create(site, cw, name="Arabisch Kit", languages=["ar"], tags=[tag])
    return tag


@pytest.mark.parametrize("language, expected", [
    ("tr", ["Türkisch Deutsch Kit"]),
    ("de", ["Türkisch Deutsch Kit"]),
    ("ar", ["Arabisch Kit"]),
    ("pl", []),
])
def test_language_filter(site, cw, languages_set, language, expected):
    """?language= lists the companies that speak it."""
    assert names(listing(site, cw, tag=languages_set, language=language)) == expected


def test_tag_filter_ignores_case(site, cw):
    """?tag=KFZ finds a company tagged "Kfz"."""
    tag = new_tag()
    create(site, cw, name="Werkstatt Kit", tags=[f"Kfz{tag}"])
    create(site, cw, name="Nebenan Kit", tags=[f"Kfz{tag}x"])
    assert names(listing(site, cw, tag=f"KFZ{tag.upper()}")) == ["Werkstatt Kit"]
    assert names(listing(site, cw, tag=f"kfz{tag}")) == ["Werkstatt Kit"]


def test_tags_keep_their_order(site, cw):
    """Tags come back in the order they were given, on create and update,
    on the company and in the list."""
    tag = new_tag()
    c = create(site, cw, name="Reihenfolge Kit", tags=["b", tag, "a", "c"])
    assert c["tags"] == ["b", tag, "a", "c"]
    assert get(site, cw, c["id"])["tags"] == ["b", tag, "a", "c"]
    assert listing(site, cw, tag=tag)["items"][0]["tags"] == ["b", tag, "a", "c"]
    r = patch(site, cw, c["id"], {"tags": ["z", "y", tag]})
    assert r.status_code == 200 and r.json()["tags"] == ["z", "y", tag]
    assert get(site, cw, c["id"])["tags"] == ["z", "y", tag]


# --- 8. list rows in the page and in JSON ----------------------------------------------------

def row_of(page, name):
    """The table row of the company called name."""
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if f">{name}</a>" in r]
    assert len(rows) == 1, f"{len(rows)} rows for {name!r}"
    return rows[0]


def test_list_page_rows_show_name_and_status_label_per_language(site, cw):
    """The companies page shows each company's name with its training status
    as the German label, and as the English one with lang=en."""
    tag = new_tag()
    create(site, cw, name="Ausbilder Kit", training_status="training", tags=[tag])
    create(site, cw, name="Interessent Kit", training_status="interested", tags=[tag])
    page = cw.get(site.url + "/companies", params={"tag": tag})
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    row = row_of(page.text, "Ausbilder Kit")
    assert DE["training_status_training"] in row and EN["training_status_training"] not in row
    assert DE["training_status_interested"] in row_of(page.text, "Interessent Kit")
    page = cw.get(site.url + "/companies", params={"tag": tag}, cookies={"lang": "en"})
    row = row_of(page.text, "Ausbilder Kit")
    assert EN["training_status_training"] in row and DE["training_status_training"] not in row
    assert EN["training_status_interested"] in row_of(page.text, "Interessent Kit")


def test_json_list_items_carry_the_list_fields(site, cw):
    """A JSON list item names the company's id, name, place, status, chamber,
    owner's background, caseworker (id and name), tags as a list and
    industry."""
    tag = new_tag()
    c = create(site, cw, name="Listenfelder Kit", postal_code="63128", training_status="authorised",
               chamber="ihk", owner_migration_background="yes", industry="Logistik", tags=[tag, "zwei"])
    items = listing(site, cw, tag=tag)["items"]
    assert len(items) == 1
    item = items[0]
    keys = ("id", "name", "postal_code", "city", "area", "training_status", "chamber", "owner_migration_background",
            "caseworker_id", "caseworker_name", "tags", "industry")
    assert set(keys) <= set(item), set(keys) - set(item)
    assert {k: item[k] for k in keys} == {k: c[k] for k in keys}
    assert item["tags"] == [tag, "zwei"] and item["city"] == "Dietzenbach" and item["area"] == "kreis"
    assert item["caseworker_name"] == me(site, cw)["name"]


# --- 9. dates follow the language ----------------------------------------------------------------

def test_dates_on_the_company_page_follow_the_language(site, cw):
    """An activity of 5 March 2026 shows as 05.03.2026 in German and as
    05 Mar 2026 in English."""
    cid = create(site, cw, name="Datumsbetrieb Kit")["id"]
    r = send(cw, "POST", site.url + f"/companies/{cid}/activities",
             {"kind": "visit", "date": "2026-03-05", "subject": "Besuch im März"})
    assert r.status_code == 201, r.text[:300]
    shown = r'<time datetime="2026-03-05">([^<]*)</time>'
    page = cw.get(site.url + f"/companies/{cid}")
    assert re.findall(shown, page.text) == ["05.03.2026"]
    page = cw.get(site.url + f"/companies/{cid}", cookies={"lang": "en"})
    assert '<html lang="en"' in page.text
    assert re.findall(shown, page.text) == ["05 Mar 2026"]


# --- 10. the CSV export's audit names the filters --------------------------------------------

def test_export_audit_names_the_filters_used(site, cw, admin):
    """A caseworker's export with a status and a tag filter leaves one export
    entry naming exactly those two filters."""
    before = audit(site, admin, action="export", object_type="company")["total"]
    r = cw.get(site.url + "/companies/export.csv", params={"training_status": "training", "tag": "x"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    after = audit(site, admin, action="export", object_type="company")
    assert after["total"] == before + 1
    entry = after["items"][0]
    assert (entry["action"], entry["object_type"], entry["user_id"]) == ("export", "company", me(site, cw)["id"])
    assert set(entry["fields"]) == {"training_status", "tag"} and len(entry["fields"]) == 2
