"""Issue 11, point 4: activities (counselling, application training, calls,
internships) and follow-ups for pupils in the pool, as for companies; a
pupil's activities are personal, so every read is audited, and they never
show on a company's page."""

import datetime
import json
import re

import pytest

from conftest import JSON, REPO, audit_items, send

TODAY = datetime.date.today()
DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))


def new_candidate(srv, s, first="Derya", last="Kaya"):
    r = send(s, "POST", srv.url + "/candidates", {
        "first_name": first, "last_name": last, "birth_date": "2009-03-14", "postal_code": "63065",
        "privacy_consent": True})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def add(srv, s, cid, **fields):
    body = {"kind": "application_training", "date": TODAY.isoformat(), "subject": "Bewerbungsmappe geübt", **fields}
    return send(s, "POST", srv.url + f"/candidates/{cid}/activities", body)


def timeline(srv, s, cid):
    r = s.get(srv.url + f"/candidates/{cid}", headers=JSON)
    assert r.status_code == 200, r.text
    return r.json()["activities"]


def test_pupil_activity_shows_on_the_pupils_page_only(srv, cw):
    cid = new_candidate(srv, cw)
    r = add(srv, cw, cid, notes="Anschreiben für Kfz-Betriebe")
    assert r.status_code == 201, r.text
    aid = r.json()["id"]
    assert r.json()["candidate_id"] == cid
    [a] = timeline(srv, cw, cid)
    assert a["id"] == aid and a["kind"] == "application_training" and a["company_id"] is None
    html = cw.get(srv.url + f"/candidates/{cid}").text
    assert f'id="activity-{aid}"' in html and "Bewerbungstraining" in html and "Bewerbungsmappe geübt" in html
    # the list of the pupil's activities, as JSON and as a page
    r = cw.get(srv.url + f"/candidates/{cid}/activities", headers=JSON)
    assert r.status_code == 200 and [x["id"] for x in r.json()["items"]] == [aid]
    assert "Bewerbungsmappe geübt" in cw.get(srv.url + f"/candidates/{cid}/activities").text
    # no company's timeline holds it
    r = cw.get(srv.url + "/companies/1", headers=JSON)
    assert aid not in [x["id"] for x in r.json()["activities"]]
    # the HTML form on the pupil's page offers a pupil's kinds, not counselling topics
    form = html[html.index(f'action="/candidates/{cid}/activities"'):]
    form = form[:form.index("</form>")]
    assert 'value="application_training"' in form and 'value="internship"' in form
    assert 'name="topics"' not in form


def test_kinds_belong_to_their_owner(srv, cw):
    cid = new_candidate(srv, cw, "Mila", "Petrović")
    r = add(srv, cw, cid, topics=["aevo"])
    assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"topics"}
    r = send(cw, "POST", srv.url + "/companies/1/activities",
             {"kind": "application_training", "date": TODAY.isoformat(), "subject": "Falsch"})
    assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"kind"}
    html = cw.get(srv.url + "/companies/1").text
    form = html[html.index('action="/companies/1/activities"'):]
    form = form[:form.index("</form>")]
    assert 'value="application_training"' not in form and 'name="topics"' in form
    r = add(srv, cw, cid, kind="referral")
    assert r.status_code == 400 and r.json()["error"]["fields"]["referred_to"] == DE["activities_referral_needs_body"]
    assert timeline(srv, cw, cid) == []
    assert add(srv, cw, 999999).status_code == 404


def test_refused_form_keeps_what_was_typed(srv, cw):
    cid = new_candidate(srv, cw, "Noah", "Schneider")
    form = {"kind": "counselling", "date": "2026-02-30", "subject": "Berufswahl", "notes": "Mag Technik",
}
    r = send(cw, "POST", srv.url + f"/candidates/{cid}/activities", form, as_json=False)
    assert r.status_code == 400 and r.headers["Content-Type"].startswith("text/html")
    m = re.search(r'<div class="field[^"]*has-problem[^"]*">(?:(?!<div class="field).)*name="date"'
                  r'(?:(?!<div class="field).)*', r.text, re.S)
    assert m and DE["field_bad_date"] in m.group(0)
    assert 'value="Berufswahl"' in r.text and "Mag Technik" in r.text
    assert f'href="/candidates/{cid}"' in r.text


def test_follow_up_for_a_pupil(srv, cw):
    cid = new_candidate(srv, cw, "Aylin", "Demir")
    r = add(srv, cw, cid, kind="call", subject="Praktikumsplatz nachfragen", follow_up=TODAY.isoformat())
    assert r.status_code == 201, r.text
    aid = r.json()["id"]
    r = cw.get(srv.url + "/followups", headers=JSON)
    mine = [x for x in r.json()["items"] if x["id"] == aid]
    assert mine and mine[0]["candidate_id"] == cid and mine[0]["candidate_name"] == "Aylin Demir"
    html = cw.get(srv.url + "/followups").text
    assert f'<a href="/candidates/{cid}">Aylin Demir</a>' in html
    r = send(cw, "POST", srv.url + f"/followups/{aid}/done", {"back": "company"}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"].startswith(f"/candidates/{cid}?done=followup_done")
    assert aid not in [x["id"] for x in cw.get(srv.url + "/followups", headers=JSON).json()["items"]]


def test_edit_and_delete_go_back_to_the_pupil(srv, cw):
    cid = new_candidate(srv, cw, "Luca", "Rossi")
    aid = add(srv, cw, cid, kind="internship", subject="Praktikum Autohaus").json()["id"]
    r = cw.get(srv.url + f"/activities/{aid}/edit")
    assert r.status_code == 200 and 'value="internship" selected' in r.text
    r = send(cw, "POST", srv.url + f"/activities/{aid}", {"subject": "Praktikum Autohaus Main"}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"].startswith(f"/candidates/{cid}?done=activity_saved")
    assert timeline(srv, cw, cid)[0]["subject"] == "Praktikum Autohaus Main"
    r = send(cw, "PATCH", srv.url + f"/activities/{aid}", {"kind": "visit"})
    assert r.status_code == 200
    r = send(cw, "PATCH", srv.url + f"/activities/{aid}", {"topics": ["funding"]})
    assert r.status_code == 400
    r = cw.get(srv.url + f"/activities/{aid}", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/candidates/{cid}#activity-{aid}"
    assert f'href="/candidates/{cid}#activity-{aid}"' in cw.get(srv.url + f"/activities/{aid}/delete").text
    r = send(cw, "POST", srv.url + f"/activities/{aid}/delete", {}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"].startswith(f"/candidates/{cid}?done=activity_deleted")
    assert timeline(srv, cw, cid) == []


def test_reads_are_audited_and_viewers_only_read(srv, cw, viewer, admin):
    cid = new_candidate(srv, cw, "Sara", "Haddad")
    aid = add(srv, cw, cid, kind="counselling", subject="Erstgespräch").json()["id"]
    before = len(audit_items(srv, admin, action="read", object_type="activity", object_id=aid))
    assert viewer.get(srv.url + f"/activities/{aid}", headers=JSON).status_code == 200
    assert len(audit_items(srv, admin, action="read", object_type="activity", object_id=aid)) == before + 1
    reads = len(audit_items(srv, admin, action="read", object_type="candidate", object_id=cid))
    assert viewer.get(srv.url + f"/candidates/{cid}/activities", headers=JSON).status_code == 200
    assert len(audit_items(srv, admin, action="read", object_type="candidate", object_id=cid)) == reads + 1
    assert add(srv, viewer, cid).status_code == 403
    assert send(viewer, "PATCH", srv.url + f"/activities/{aid}", {"subject": "x"}).status_code == 403
    html = viewer.get(srv.url + f"/candidates/{cid}").text
    assert "Erstgespräch" in html and f'action="/candidates/{cid}/activities"' not in html
