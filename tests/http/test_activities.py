"""Activities with a company (calls, visits, counselling, referrals ...) as a
timeline, and follow-ups (Wiedervorlagen): the caseworker's due and overdue
ones, marking them done, the count on the start page. Accounts come from
`user add` so no demo follow-ups get in the way."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest

from conftest import JSON, REPO, add_user, login, send, unique_email

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
PASSWORD = "aktivitaeten-2026"
KINDS = ["call", "visit", "email", "counselling", "event", "referral"]
TOPICS = ["authorisation", "aevo", "funding", "recruiting", "contracts"]
XSS = "<script>alert(1)</script>"


def today():
    """Today where follow-ups fall due (config.ini: Europe/Berlin)."""
    return datetime.datetime.now(ZoneInfo("Europe/Berlin")).date()


def day(offset):
    return (today() + datetime.timedelta(days=offset)).isoformat()


def account(srv, role="caseworker", name="Test Person"):
    email = unique_email(role)
    add_user(srv, email, PASSWORD, role=role, name=name)
    return login(srv, email, PASSWORD)


@pytest.fixture(scope="module")
def cw(server):
    return account(server, name="Kim Akbulut")


@pytest.fixture(scope="module")
def viewer(server):
    return account(server, role="viewer")


def new_company(srv, s, name="Betrieb"):
    r = send(s, "POST", srv.url + "/companies", {"name": name, "postal_code": "63065", "confirm_duplicate": "1"})
    assert r.status_code == 201, r.text
    return r.json()["id"]


@pytest.fixture(scope="module")
def company(server, cw):
    return new_company(server, cw, "Aktivitäten Betrieb")


def add(srv, s, cid, **fields):
    body = {"kind": "call", "date": day(0), "subject": "Anruf", **fields}
    r = send(s, "POST", srv.url + f"/companies/{cid}/activities", body)
    assert r.status_code == 201, f"{r.status_code} {r.text[:300]}"
    return r.json()["id"]


def timeline(srv, s, cid):
    r = s.get(srv.url + f"/companies/{cid}", headers=JSON)
    assert r.status_code == 200, r.text
    return r.json()["activities"]


def fields_of(r):
    assert r.status_code == 400, f"expected 400, got {r.status_code}: {r.text[:300]}"
    body = r.json()
    assert body["error"]["code"] == "invalid", body
    return body["error"]["fields"]


def post_bad(srv, s, cid, **fields):
    body = {"kind": "call", "date": day(0), "subject": "Anruf", **fields}
    body = {k: v for k, v in body.items() if v is not None}
    return send(s, "POST", srv.url + f"/companies/{cid}/activities", body)


# --- recording activities --------------------------------------------------------------------

def test_activity_is_recorded_with_all_its_fields(server, cw, company):
    body = {"kind": "counselling", "date": "2026-03-04", "subject": "Beratung zur Ausbildungsberechtigung",
            "notes": "Unterlagen für die HWK besprochen", "topics": ["authorisation", "aevo", "funding"],
            "follow_up": "2026-03-18"}
    r = send(cw, "POST", server.url + f"/companies/{company}/activities", body)
    assert r.status_code == 201, r.text
    aid = r.json()["id"]
    assert r.headers["Location"].startswith(f"/companies/{company}")
    a = next(a for a in timeline(server, cw, company) if a["id"] == aid)
    for key in ("kind", "date", "subject", "notes", "topics", "follow_up"):
        assert a[key] == body[key], key
    assert a["referred_to"] is None and a["follow_up_done"] is False
    assert a["caseworker_name"] == "Kim Akbulut"


def test_activity_through_the_form_with_repeated_topics(server, cw, company):
    form = {"kind": "visit", "date": "2026-02-01", "subject": "Besuch im Betrieb", "notes": "",
            "topics": ["recruiting", "contracts"], "referred_to": "", "follow_up": ""}
    r = send(cw, "POST", server.url + f"/companies/{company}/activities", form, as_json=False)
    assert r.status_code == 303, r.text[:300]
    assert r.headers["Location"].startswith(f"/companies/{company}")
    a = next(a for a in timeline(server, cw, company) if a["subject"] == "Besuch im Betrieb")
    assert a["kind"] == "visit" and a["topics"] == ["recruiting", "contracts"] and a["follow_up"] is None


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_accepted(server, cw, company, kind):
    extra = {"referred_to": "ihk"} if kind == "referral" else {}
    aid = add(server, cw, company, kind=kind, subject=f"Art {kind}", **extra)
    assert next(a for a in timeline(server, cw, company) if a["id"] == aid)["kind"] == kind


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_is_accepted(server, cw, company, topic):
    aid = add(server, cw, company, kind="counselling", topics=[topic])
    assert next(a for a in timeline(server, cw, company) if a["id"] == aid)["topics"] == [topic]


@pytest.mark.parametrize("chamber", ["ihk", "hwk", "fb", "oed", "lw", "hw", "agentur", "jobcenter"])
def test_referral_names_its_body(server, cw, company, chamber):
    aid = add(server, cw, company, kind="referral", referred_to=chamber, subject="Weiterleitung")
    assert next(a for a in timeline(server, cw, company) if a["id"] == aid)["referred_to"] == chamber


def test_follow_up_on_the_same_day_is_fine(server, cw, company):
    add(server, cw, company, date="2026-05-05", follow_up="2026-05-05")


BAD = [
    ({"date": "2026-02-30"}, "date"),
    ({"date": "30.11.2026"}, "date"),
    ({"date": "morgen"}, "date"),
    ({"date": ""}, "date"),
    ({"date": None}, "date"),
    ({"follow_up": "2026-13-01"}, "follow_up"),
    ({"follow_up": "bald"}, "follow_up"),
    ({"date": "2026-06-10", "follow_up": "2026-06-09"}, "follow_up"),
    ({"kind": "fax"}, "kind"),
    ({"kind": None}, "kind"),
    ({"subject": ""}, "subject"),
    ({"subject": "s" * 201}, "subject"),
    ({"notes": "n" * 10001}, "notes"),
    ({"topics": ["steuern"]}, "topics"),
    ({"topics": ["aevo", "steuern"]}, "topics"),
    ({"kind": "referral"}, "referred_to"),
    ({"kind": "referral", "referred_to": ""}, "referred_to"),
    ({"referred_to": "arbeitsagentur"}, "referred_to"),
]


@pytest.mark.parametrize("fields, bad", BAD, ids=[f"{b}-{i}" for i, (_, b) in enumerate(BAD)])
def test_bad_activity_is_400_naming_the_field(server, cw, company, fields, bad):
    before = len(timeline(server, cw, company))
    got = fields_of(post_bad(server, cw, company, **fields))
    assert set(got) == {bad}
    assert got[bad]  # a message for the person
    assert len(timeline(server, cw, company)) == before


def test_bad_date_messages_are_german(server, cw, company):
    got = fields_of(post_bad(server, cw, company, date="2026-02-30", follow_up="2026-01-01"))
    assert got["date"] == DE["field_bad_date"]
    got = fields_of(post_bad(server, cw, company, date="2026-06-10", follow_up="2026-06-09"))
    assert got["follow_up"] == DE["activities_follow_up_before"]
    got = fields_of(post_bad(server, cw, company, kind="referral"))
    assert got["referred_to"] == DE["activities_referral_needs_body"]


def test_bad_form_is_shown_again_with_the_problem_and_what_was_typed(server, cw, company):
    form = {"kind": "visit", "date": "2026-02-30", "subject": "Besuch mit Tippfehler", "notes": "Notiz bleibt"}
    r = send(cw, "POST", server.url + f"/companies/{company}/activities", form, as_json=False)
    assert r.status_code == 400 and r.headers["Content-Type"].startswith("text/html")
    m = re.search(r'<div class="field[^"]*has-problem[^"]*">(?:(?!<div class="field).)*name="date"'
                  r'(?:(?!<div class="field).)*', r.text, re.S)
    assert m, "the date field is not marked"
    assert DE["field_bad_date"] in m.group(0) and 'value="2026-02-30"' in m.group(0)
    assert 'value="Besuch mit Tippfehler"' in r.text and "Notiz bleibt" in r.text


def test_unknown_company_is_404(server, cw):
    r = send(cw, "POST", server.url + "/companies/987654/activities",
             {"kind": "call", "date": day(0), "subject": "x"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = cw.get(server.url + "/companies/987654/activities", headers=JSON)
    assert r.status_code == 404


def test_viewer_may_read_but_not_record(server, cw, viewer, company):
    r = send(viewer, "POST", server.url + f"/companies/{company}/activities",
             {"kind": "call", "date": day(0), "subject": "vom Lesezugang"})
    assert r.status_code == 403
    assert viewer.get(server.url + f"/companies/{company}/activities", headers=JSON).status_code == 200
    assert "vom Lesezugang" not in [a["subject"] for a in timeline(server, cw, company)]


# --- the timeline --------------------------------------------------------------------------

def test_timeline_is_newest_first(server, cw):
    cid = new_company(server, cw, "Zeitleiste Betrieb")
    for date, subject in (("2026-03-01", "März"), ("2026-05-01", "Mai"), ("2026-04-01", "April"),
                          ("2025-12-24", "Dezember")):
        add(server, cw, cid, date=date, subject=subject)
    order = ["Mai", "April", "März", "Dezember"]
    assert [a["subject"] for a in timeline(server, cw, cid)] == order

    r = cw.get(server.url + f"/companies/{cid}/activities", headers=JSON)
    assert r.status_code == 200
    body = r.json()
    assert {"items", "total", "page", "per_page"} <= set(body)
    assert body["total"] == 4 and [a["subject"] for a in body["items"]] == order
    r = cw.get(server.url + f"/companies/{cid}/activities", params={"per_page": 2, "page": 2}, headers=JSON)
    assert [a["subject"] for a in r.json()["items"]] == order[2:]

    for path in (f"/companies/{cid}", f"/companies/{cid}/activities"):
        page = cw.get(server.url + path).text
        at = [page.find(f"· {s}</p>") for s in order]
        assert all(i > 0 for i in at) and at == sorted(at), path


def test_activity_text_is_escaped(server, cw):
    cid = new_company(server, cw, "Escape Aktivität Betrieb")
    add(server, cw, cid, subject=XSS, notes=XSS)
    for path in (f"/companies/{cid}", f"/companies/{cid}/activities"):
        page = cw.get(server.url + path).text
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path


# --- follow-ups --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def followups(server):
    """Two new caseworkers: the first has one follow-up due today, one
    overdue, one in the future and an activity without; the second one due
    today."""
    first = account(server, name="Erste Beraterin")
    second = account(server, name="Zweiter Berater")
    cid = new_company(server, first, "Wiedervorlage Betrieb")
    ids = {
        "due": add(server, first, cid, date=day(-3), follow_up=day(0), subject="heute fällig"),
        "overdue": add(server, first, cid, date=day(-10), follow_up=day(-2), subject="überfällig"),
        "future": add(server, first, cid, date=day(0), follow_up=day(3), subject="später"),
        "none": add(server, first, cid, date=day(-1), subject="ohne Wiedervorlage"),
        "other": add(server, second, cid, date=day(-1), follow_up=day(0), subject="von jemand anderem"),
    }
    return first, second, ids


def due(server, s, **params):
    r = s.get(server.url + "/followups", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, r.text
    return r.json()


def big_number(server, s):
    page = s.get(server.url + "/")
    assert page.status_code == 200
    m = re.search(r'class="big-number"[^>]*>\s*(\d+)\s*<', page.text)
    assert m, "no big-number on the start page"
    return int(m.group(1))


def test_my_due_and_overdue_follow_ups_are_listed(server, followups):
    first, _, ids = followups
    body = due(server, first)
    assert {"items", "total", "page", "per_page"} <= set(body)
    got = {f["id"]: f for f in body["items"]}
    assert set(got) == {ids["due"], ids["overdue"]}
    assert body["total"] == 2
    assert got[ids["overdue"]]["overdue"] is True and got[ids["due"]]["overdue"] is False
    assert got[ids["due"]]["follow_up"] == day(0)
    assert got[ids["due"]]["company_name"] == "Wiedervorlage Betrieb"


def test_everyones_follow_ups_with_all(server, followups):
    first, second, ids = followups
    mine = {f["id"] for f in due(server, second)["items"]}
    assert mine == {ids["other"]}
    everyone = {f["id"] for f in due(server, first, all=1)["items"]}
    assert {ids["due"], ids["overdue"], ids["other"]} <= everyone
    assert ids["future"] not in everyone and ids["none"] not in everyone


def test_follow_ups_page_in_html(server, followups):
    first, _, _ = followups
    page = first.get(server.url + "/followups")
    assert page.status_code == 200
    assert "heute fällig" in page.text and "überfällig" in page.text
    assert "später" not in page.text and "von jemand anderem" not in page.text
    assert DE["followups_overdue"] in page.text


def test_start_page_shows_how_many_are_due(server, followups):
    first, second, _ = followups
    assert big_number(server, first) == 2
    assert big_number(server, second) == 1


def test_done_removes_it_from_the_list_and_twice_is_409(server, followups, viewer):
    first, second, ids = followups
    r = send(viewer, "POST", server.url + f"/followups/{ids['other']}/done", {})
    assert r.status_code == 403
    assert ids["other"] in {f["id"] for f in due(server, second)["items"]}

    r = send(second, "POST", server.url + f"/followups/{ids['other']}/done", {}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/followups")
    assert due(server, second)["items"] == [] and big_number(server, second) == 0
    r = send(second, "POST", server.url + f"/followups/{ids['other']}/done", {})
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"

    r = send(first, "POST", server.url + f"/followups/{ids['overdue']}/done", {})
    assert r.status_code == 200, r.text
    assert {f["id"] for f in due(server, first)["items"]} == {ids["due"]}
    assert big_number(server, first) == 1
    shown = timeline(server, first, due(server, first)["items"][0]["company_id"])
    assert next(a for a in shown if a["id"] == ids["overdue"])["follow_up_done"] is True
    r = send(first, "POST", server.url + f"/followups/{ids['overdue']}/done", {})
    assert r.status_code == 409


def test_done_of_an_unknown_follow_up_is_404(server, cw):
    r = send(cw, "POST", server.url + "/followups/987654/done", {})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
