"""The caseworker's daily work (issue 9): nothing typed is lost when a form
comes back, every action says what happened (role="status"), activities and
contact persons are edited and deleted (asked first, audited), referrals go
to every body, and follow-ups are planned by week, moved, handed over, done
and undone, with when they fall due in words."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest

from conftest import DEMO, JSON, REPO, add_user, login, seed_demo, send, unique_email

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
PASSWORD = "tagesarbeit-2026"


def today():
    return datetime.datetime.now(ZoneInfo("Europe/Berlin")).date()


def day(offset):
    return (today() + datetime.timedelta(days=offset)).isoformat()


@pytest.fixture(scope="module")
def site(server):
    return seed_demo(server)


def account(srv, role="caseworker", name="Test Person"):
    email = unique_email(role)
    add_user(srv, email, PASSWORD, role=role, name=name)
    s = login(srv, email, PASSWORD)
    s.email = email
    return s


@pytest.fixture(scope="module")
def cw(site):
    return account(site, name="Derya Kaya")


def new_company(srv, s, name="Tagesarbeit GmbH"):
    r = send(s, "POST", srv.url + "/companies", {"name": name, "postal_code": "63065", "confirm_duplicate": "1"})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def add(srv, s, cid, **fields):
    body = {"kind": "call", "date": day(0), "subject": "Anruf", **fields}
    r = send(s, "POST", srv.url + f"/companies/{cid}/activities", body)
    assert r.status_code == 201, f"{r.status_code} {r.text[:300]}"
    return r.json()["id"]


def status_text(page):
    m = re.search(r'<div class="notice notice-ok" role="status">([^<]*)', page)
    return m.group(1).strip() if m else None


def audit(srv, **params):
    admin = login(srv, *DEMO["admin"])
    r = admin.get(srv.url + "/admin/audit", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200
    return r.json()["items"]


# --- 1. nothing typed is lost ----------------------------------------------------------------

def test_a_refused_activity_form_keeps_ticks_and_choices(site, cw):
    cid = new_company(site, cw)
    r = send(cw, "POST", site.url + f"/companies/{cid}/activities",
             {"kind": "referral", "date": day(0), "subject": "", "topics": ["aevo", "funding"],
              "referred_to": "jobcenter", "notes": "Notiz bleibt", "follow_up": day(3)}, as_json=False)
    assert r.status_code == 400
    page = r.text
    assert re.search(r'name="topics" value="aevo" checked', page)
    assert re.search(r'name="topics" value="funding" checked', page)
    assert not re.search(r'name="topics" value="contracts" checked', page)
    assert re.search(r'<option value="jobcenter" selected>', page)
    assert re.search(r'<option value="referral" selected>', page)
    assert "Notiz bleibt" in page and f'value="{day(3)}"' in page
    assert 'aria-invalid="true" aria-describedby="a-subject-problem"' in page


def test_a_referral_shows_where_to_on_the_timeline(site, cw):
    cid = new_company(site, cw)
    add(site, cw, cid, kind="referral", referred_to="agentur", subject="Förderung klären")
    page = cw.get(site.url + f"/companies/{cid}").text
    assert f'{DE["kind_referral"]}</strong> {DE["activities_referred_to"]} {DE["referral_agentur"]}' in page


def test_an_unknown_body_is_refused(site, cw):
    cid = new_company(site, cw)
    r = send(cw, "POST", site.url + f"/companies/{cid}/activities",
             {"kind": "referral", "date": day(0), "subject": "x", "referred_to": "arbeitsamt"})
    assert r.status_code == 400 and "referred_to" in r.json()["error"]["fields"]


# --- 3. every action says what happened ----------------------------------------------------------

def test_each_action_is_confirmed(site, cw):
    r = send(cw, "POST", site.url + "/companies", {"name": "Bestätigt OHG", "postal_code": "63065",
                                                   "confirm_duplicate": "1"}, as_json=False)
    assert r.status_code == 303
    assert status_text(cw.get(site.url + r.headers["Location"]).text) == DE["done_created"]
    cid = int(re.search(r"/companies/(\d+)", r.headers["Location"]).group(1))
    steps = [
        ("POST", f"/companies/{cid}", {"name": "Bestätigt OHG", "postal_code": "63065", "city": "Offenbach"},
         "done_saved"),
        ("POST", f"/companies/{cid}/contacts", {"name": "Ayşe Demir", "phone": "069 12345"}, "done_contact_added"),
        ("POST", f"/companies/{cid}/activities", {"kind": "visit", "date": day(0), "subject": "Besuch"},
         "done_activity_added"),
    ]
    for method, path, body, key in steps:
        r = send(cw, method, site.url + path, body, as_json=False)
        assert r.status_code == 303, (path, r.status_code, r.text[:200])
        assert status_text(cw.get(site.url + r.headers["Location"]).text) == DE[key], path
    r = send(cw, "POST", site.url + f"/companies/{cid}/delete", {}, as_json=False)
    assert r.status_code == 303 and status_text(cw.get(site.url + r.headers["Location"]).text) == DE["done_deleted"]
    # a word the catalog does not know shows nothing
    assert status_text(cw.get(site.url + "/companies?done=bogus").text) is None
    assert status_text(cw.get(site.url + "/companies?done=%3Cscript%3E").text) is None


# --- 4. contact persons and activities are edited and deleted --------------------------------------

def test_removing_a_contact_asks_first_and_editing_is_audited(site, cw):
    cid = new_company(site, cw)
    r = send(cw, "POST", site.url + f"/companies/{cid}/contacts", {"name": "Murat Öz", "phone": "+49 69 1234"})
    pid = r.json()["id"]
    page = cw.get(site.url + f"/companies/{cid}").text
    assert 'href="tel:+49691234"' in page
    assert f'href="/companies/{cid}/contacts/{pid}/delete"' in page
    assert f'action="/companies/{cid}/contacts/{pid}/delete"' not in page  # no one-click removal
    ask = cw.get(site.url + f"/companies/{cid}/contacts/{pid}/delete")
    assert ask.status_code == 200 and "Murat Öz" in ask.text
    assert f'action="/companies/{cid}/contacts/{pid}/delete"' in ask.text
    form = cw.get(site.url + f"/companies/{cid}/contacts/{pid}/edit")
    assert form.status_code == 200 and 'value="Murat Öz"' in form.text
    r = send(cw, "POST", site.url + f"/companies/{cid}/contacts/{pid}",
             {"name": "Murat Öz", "role": "Inhaber", "phone": "+49 69 1234"})
    assert r.status_code == 200
    person = [c for c in cw.get(site.url + f"/companies/{cid}", headers=JSON).json()["contacts"] if c["id"] == pid][0]
    assert person["role"] == "Inhaber"
    updates = audit(site, action="update", object_type="company_contact", object_id=pid)
    assert [e["fields"] for e in updates] == [["role"]]
    r = send(cw, "POST", site.url + f"/companies/{cid}/contacts/{pid}", {"name": ""})
    assert r.status_code == 400 and "name" in r.json()["error"]["fields"]
    r = send(cw, "POST", site.url + f"/companies/{cid}/contacts/{pid}/delete", {}, as_json=False)
    assert r.status_code == 303
    assert status_text(cw.get(site.url + r.headers["Location"]).text) == DE["done_contact_removed"]
    assert cw.get(site.url + f"/companies/{cid}/contacts/{pid}/edit").status_code == 404


def test_an_activity_is_edited_and_deleted(site, cw):
    cid = new_company(site, cw)
    aid = add(site, cw, cid, subject="Erstgespräch", topics=["aevo"])
    a = cw.get(site.url + f"/activities/{aid}", headers=JSON).json()
    assert a["subject"] == "Erstgespräch" and a["company_id"] == cid
    form = cw.get(site.url + f"/activities/{aid}/edit")
    assert form.status_code == 200 and 'name="topics" value="aevo" checked' in form.text
    r = send(cw, "PATCH", site.url + f"/activities/{aid}", {"subject": "Erstgespräch mit Inhaberin",
                                                            "updated_at": a["updated_at"]})
    assert r.status_code == 200, r.text
    assert r.json()["subject"] == "Erstgespräch mit Inhaberin" and r.json()["company_id"] == cid
    # a save against the old version is refused
    r = send(cw, "PATCH", site.url + f"/activities/{aid}", {"subject": "Alt", "updated_at": a["updated_at"]})
    assert r.status_code == 409
    assert [e["fields"] for e in audit(site, action="update", object_type="activity", object_id=aid)] == [["subject"]]
    viewer = account(site, role="viewer")
    assert send(viewer, "DELETE", site.url + f"/activities/{aid}").status_code == 403
    ask = cw.get(site.url + f"/activities/{aid}/delete")
    assert ask.status_code == 200 and "Erstgespräch mit Inhaberin" in ask.text
    r = send(cw, "POST", site.url + f"/activities/{aid}/delete", {}, as_json=False)
    assert r.status_code == 303
    assert status_text(cw.get(site.url + r.headers["Location"]).text) == DE["done_activity_deleted"]
    assert cw.get(site.url + f"/activities/{aid}", headers=JSON).status_code == 404
    assert audit(site, action="delete", object_type="activity", object_id=aid)


# --- 4. follow-ups as people plan ------------------------------------------------------------------

def end_of_week(d):
    return d + datetime.timedelta(days=6 - d.weekday())


def test_follow_ups_by_week_with_when_in_words(site):
    me = account(site, name="Planer Person")
    cid = new_company(site, me, "Wochenplan KG")
    t = today()
    sunday = end_of_week(t)
    dates = {"overdue": (t - datetime.timedelta(days=2)).isoformat(), "today": t.isoformat(),
             "next_week": (sunday + datetime.timedelta(days=3)).isoformat(),
             "later": (sunday + datetime.timedelta(days=20)).isoformat()}
    ids = {k: add(site, me, cid, date=day(-10), subject=f"WV {k}", follow_up=v) for k, v in dates.items()}

    def listed(when):
        r = me.get(site.url + "/followups", params={"when": when}, headers=JSON)
        assert r.status_code == 200
        return {i["id"]: i["due_when"] for i in r.json()["items"]}

    assert listed("due") == {ids["overdue"]: "overdue", ids["today"]: "today"}
    assert set(listed("week")) == {ids["overdue"], ids["today"]}
    assert listed("next_week") == {ids["next_week"]: "next_week"}
    assert set(listed("all")) == set(ids.values())
    assert me.get(site.url + "/followups", params={"when": "someday"}, headers=JSON).status_code == 400
    page = me.get(site.url + "/followups?when=all").text
    assert DE["due_overdue"] in page and DE["due_next_week"] in page
    assert 'aria-current="page">' + DE["followups_when_all"] in page
    # the day at the top in words, as people write it
    long_day = f'{DE["weekday_%d" % ((t.weekday() + 1) % 7)]}, {t.day}. {DE["month_%d" % t.month]} {t.year}'
    assert long_day in page
    # overdue on the company page in words, not only colour
    company = me.get(site.url + f"/companies/{cid}").text
    assert f"<strong>{DE['due_overdue']}</strong>" in company


def test_a_follow_up_is_moved_handed_over_done_and_undone(site):
    me, colleague = account(site, name="Erste Person"), account(site, name="Zweite Person")
    cid = new_company(site, me, "Übergabe GmbH")
    aid = add(site, me, cid, date=day(-1), subject="Rückruf", follow_up=day(0))
    colleague_id = colleague.get(site.url + "/me", headers=JSON).json()["id"]
    page = me.get(site.url + f"/followups/{aid}")
    assert page.status_code == 200 and 'name="follow_up_user_id"' in page.text
    r = send(me, "POST", site.url + f"/followups/{aid}", {"follow_up": day(-5)})
    assert r.status_code == 400 and "follow_up" in r.json()["error"]["fields"]  # before the activity
    r = send(me, "POST", site.url + f"/followups/{aid}", {"follow_up": day(7), "follow_up_user_id": colleague_id})
    assert r.status_code == 200, r.text
    mine = me.get(site.url + "/followups?when=all", headers=JSON).json()["items"]
    theirs = colleague.get(site.url + "/followups?when=all", headers=JSON).json()["items"]
    assert aid not in [i["id"] for i in mine]
    assert [i["follow_up"] for i in theirs if i["id"] == aid] == [day(7)]
    assert [e["fields"] for e in audit(site, action="update", object_type="activity", object_id=aid)] == \
        [["follow_up", "follow_up_user_id"]]
    # the colleague marks it done and is offered to undo it
    r = send(colleague, "POST", site.url + f"/followups/{aid}/done", {}, as_json=False)
    assert r.status_code == 303
    done_page = colleague.get(site.url + r.headers["Location"]).text
    assert status_text(done_page) == DE["done_followup_done"]
    assert f'action="/followups/{aid}/reopen"' in done_page
    r = send(colleague, "POST", site.url + f"/followups/{aid}/reopen", {})
    assert r.status_code == 200
    assert aid in [i["id"] for i in colleague.get(site.url + "/followups?when=all", headers=JSON).json()["items"]]
    assert send(colleague, "POST", site.url + f"/followups/{aid}/reopen", {}).status_code == 409
    viewer = account(site, role="viewer")
    assert send(viewer, "POST", site.url + f"/followups/{aid}", {"follow_up": day(9)}).status_code == 403


# --- 5. words, not codes ---------------------------------------------------------------------------

def test_languages_are_named_and_chosen_from_a_list(site, cw):
    r = send(cw, "POST", site.url + "/companies", {"name": "Sprachen GmbH", "postal_code": "63065",
                                                   "languages": ["tr", "ar", "nl", "ja"], "confirm_duplicate": "1"})
    assert r.status_code == 201 and r.json()["languages"] == ["tr", "ar", "nl", "ja"]  # stored as ISO 639-1
    cid = r.json()["id"]
    page = cw.get(site.url + f"/companies/{cid}").text
    for name in ("Türkisch", "Arabisch", "Niederländisch"):
        assert f'<span class="tag">{name}</span>' in page
    assert '<span class="tag">ja</span>' in page  # a code without a name shows as it is, never dropped
    form = cw.get(site.url + f"/companies/{cid}/edit").text
    boxes = re.findall(r'name="languages" value="([a-z]{2})"( checked)?> ([^<\n]+)', form)
    assert [b[0] for b in boxes[:4]] == ["de", "tr", "ar", "pl"]  # the region's languages first
    assert {b[0] for b in boxes if b[1]} == {"tr", "ar", "nl", "ja"}
    assert ("tr", " checked", "Türkisch") in boxes
    listing = cw.get(site.url + "/companies", params={"language": "tr"}).text
    assert '<option value="tr" selected>Türkisch</option>' in listing and "Sprachen GmbH" in listing


def test_the_role_on_my_page_is_a_word(site, cw):
    page = cw.get(site.url + "/me").text
    assert "<dd>Beratung</dd>" in page and "<dd>caseworker</dd>" not in page
    assert cw.get(site.url + "/me", headers=JSON).json()["role"] == "caseworker"
