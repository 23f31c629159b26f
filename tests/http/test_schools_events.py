"""Issue 11, the leftovers: the contact-teacher form's problems at their
fields, removing an event's participants, deleting a school (its links
go, their tokens answer 404; its pupils stay in the pool without a
school; its events lose it), and choosing schools, companies and pupils
for an event by typing (resolved on the server, so it works without
JavaScript and for any number of them). One server with demo accounts
for the module."""

import datetime
import re
import sqlite3

import pytest
import requests

from conftest import JSON, audit_items, send

TODAY = datetime.date.today()


def new_school(srv, s, name, **fields):
    r = send(s, "POST", srv.url + "/schools", {"name": name, "kind": "gesamtschule", "postal_code": "63065", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def new_link(srv, s, school_id, label="Klasse 9b"):
    r = send(s, "POST", srv.url + f"/schools/{school_id}/links",
             {"label": label, "expires": (TODAY + datetime.timedelta(days=30)).isoformat()})
    assert r.status_code == 201, r.text
    return r.json()


def new_candidate(srv, s, first, last, school_id=None):
    body = {"first_name": first, "last_name": last, "birth_date": "2008-03-01", "postal_code": "63069"}
    if school_id:
        body["school_id"] = school_id
    r = send(s, "POST", srv.url + "/candidates", body)
    assert r.status_code == 201, r.text
    return r.json()


def new_event(srv, s, title="Speed-Dating", **fields):
    r = send(s, "POST", srv.url + "/events", {"title": title, "date": TODAY.isoformat(),
                                               "kind": "school_meets_business", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def db(srv):
    return sqlite3.connect(srv.db_path)


# ---- 1. the contact-teacher form ------------------------------------------------------

def test_teacher_form_problems_at_their_fields(srv, cw):
    s = new_school(srv, cw, "Leibnizschule")
    r = send(cw, "POST", srv.url + f"/schools/{s['id']}/teachers",
             {"name": "", "class": "9c", "subject": "Deutsch", "email": "kein-at-zeichen"})
    assert r.status_code == 400
    assert set(r.json()["error"]["fields"]) == {"name", "email"}
    r = send(cw, "POST", srv.url + f"/schools/{s['id']}/teachers",
             {"name": "", "class": "9c", "subject": "Deutsch", "email": "kein-at-zeichen", "phone": "069 123"},
             as_json=False)
    assert r.status_code == 400
    html = r.text
    # each problem at its field, tied to it, with what was typed kept
    for field in ("name", "email"):
        tag = re.search(rf'<input id="t-{field}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag and f'aria-describedby="t-{field}-problem"' in tag, tag
        assert f'id="t-{field}-problem"' in html
    for field, typed in (("class", "9c"), ("subject", "Deutsch"), ("email", "kein-at-zeichen"), ("phone", "069 123")):
        tag = re.search(rf'<input id="t-{field}"[^>]*>', html).group(0)
        assert f'value="{typed}"' in tag, tag
    assert 'aria-invalid' not in re.search(r'<input id="t-class"[^>]*>', html).group(0)
    assert re.search(r'<details class="add" open>\s*<summary>Lehrkraft hinzufügen', html)
    # nothing was stored
    assert cw.get(srv.url + f"/schools/{s['id']}", headers=JSON).json()["teachers"] == []


# ---- 2. removing an event's participants -----------------------------------------------

def test_participant_attendance_changed_and_removed(srv, cw, viewer, admin):
    school = new_school(srv, cw, "Mathildenschule")
    a = new_candidate(srv, cw, "Ayşe", "Demir", school["id"])
    b = new_candidate(srv, cw, "Luca", "Rossi", school["id"])
    e = new_event(srv, cw, "Speed-Dating Frühjahr", school_ids=[school["id"]])
    for c in (a, b):
        r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate_id": c["id"], "attended": False})
        assert r.status_code == 201, r.text
    # the attendance flag changes, both ways
    r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate_id": a["id"], "attended": True})
    assert r.status_code == 201 and r.json()["attended"] is True
    got = {p["candidate_id"]: p["attended"] for p in cw.get(srv.url + f"/events/{e['id']}", headers=JSON).json()["participants"]}
    assert got == {a["id"]: True, b["id"]: False}
    # the page lists participants with attendance, a change and the removal
    html = cw.get(srv.url + f"/events/{e['id']}").text
    assert "Ayşe Demir" in html and "Luca Rossi" in html and "als abwesend markieren" in html
    assert f'href="/events/{e["id"]}/participants/{b["id"]}/remove"' in html
    assert "/remove" not in viewer.get(srv.url + f"/events/{e['id']}").text
    # removal asks first (HTML), and only a caseworker may
    ask = cw.get(srv.url + f"/events/{e['id']}/participants/{b['id']}/remove")
    assert ask.status_code == 200 and "Luca Rossi" in ask.text
    assert f'action="/events/{e["id"]}/participants/{b["id"]}/remove"' in ask.text
    assert viewer.get(srv.url + f"/events/{e['id']}/participants/{b['id']}/remove").status_code == 403
    assert send(viewer, "POST", srv.url + f"/events/{e['id']}/participants/{b['id']}/remove").status_code == 403
    assert cw.get(srv.url + f"/events/{e['id']}/participants/999999/remove").status_code == 404
    # unknown event, unknown participant: 404, nothing changes
    assert send(cw, "POST", srv.url + f"/events/999999/participants/{b['id']}/remove").status_code == 404
    assert send(cw, "POST", srv.url + f"/events/{e['id']}/participants/999999/remove").status_code == 404
    assert len(cw.get(srv.url + f"/events/{e['id']}", headers=JSON).json()["participants"]) == 2
    # the HTML form: 303 back to the event with a notice
    r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants/{b['id']}/remove", as_json=False)
    assert r.status_code == 303 and r.headers["Location"].startswith(f"/events/{e['id']}?done=participant_removed")
    assert "Teilnahme entfernt." in cw.get(srv.url + r.headers["Location"]).text
    left = cw.get(srv.url + f"/events/{e['id']}", headers=JSON).json()["participants"]
    assert [p["candidate_id"] for p in left] == [a["id"]]
    # twice: not a participant any more
    assert send(cw, "POST", srv.url + f"/events/{e['id']}/participants/{b['id']}/remove").status_code == 404
    # JSON clients may DELETE; the pupil stays in the pool
    r = send(cw, "DELETE", srv.url + f"/events/{e['id']}/participants/{a['id']}")
    assert r.status_code == 200 and r.json() == {"event_id": e["id"], "candidate_id": a["id"], "removed": True}
    assert cw.get(srv.url + f"/events/{e['id']}", headers=JSON).json()["participants"] == []
    assert cw.get(srv.url + f"/candidates/{a['id']}", headers=JSON).status_code == 200
    # audited as a change of the event's participants
    entries = [x for x in audit_items(srv, admin, object_type="event")
               if x["object_id"] == e["id"] and x["fields"] == ["participants"]]
    assert len(entries) == 2 and all(x["action"] == "update" for x in entries)


# ---- 3. deleting a school -----------------------------------------------------------------

def join_json(srv, token):
    return requests.get(srv.url + f"/join/{token}", headers=JSON)


def test_school_deleted_after_asking(srv, cw, viewer, admin):
    school = new_school(srv, cw, "Ernst-Reuter-Schule Löschtest")
    other = new_school(srv, cw, "Bleibende Schule")
    send(cw, "POST", srv.url + f"/schools/{school['id']}/teachers", {"name": "Herr Weber", "class": "10a"})
    link = new_link(srv, cw, school["id"])
    closed = new_link(srv, cw, school["id"], label="alt")
    assert send(cw, "POST", srv.url + f"/schools/{school['id']}/links/{closed['id']}/close").status_code == 200
    assert join_json(srv, link["token"]).status_code == 200 and join_json(srv, closed["token"]).status_code == 410
    pupil = new_candidate(srv, cw, "Mehmet", "Löschtestschüler", school["id"])
    assert [x["id"] for x in cw.get(srv.url + "/candidates", params={"q": "Löschtest"}, headers=JSON).json()["items"]] \
        == [pupil["id"]]
    by_school = {"q": "Ernst-Reuter-Schule Löschtest"}
    assert [x["id"] for x in cw.get(srv.url + "/candidates", params=by_school, headers=JSON).json()["items"]] \
        == [pupil["id"]]
    e = new_event(srv, cw, "Messe mit zwei Schulen", school_ids=[school["id"], other["id"]])
    send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate_id": pupil["id"], "attended": True})

    # the confirmation page says what happens
    ask = cw.get(srv.url + f"/schools/{school['id']}/delete")
    assert ask.status_code == 200 and school["name"] in ask.text
    assert f'action="/schools/{school["id"]}/delete"' in ask.text and "nicht gefunden" in ask.text
    assert re.search(r"Anmeldelinks: <strong>2</strong> \(davon offen: 1\)", ask.text), ask.text
    assert re.search(r"Schüler/innen im Pool: <strong>1</strong>", ask.text)
    assert re.search(r"Veranstaltungen mit dieser Schule: <strong>1</strong>", ask.text)
    assert f'href="/schools/{school["id"]}/delete"' in cw.get(srv.url + f"/schools/{school['id']}").text
    # viewers may not; nothing changes
    assert viewer.get(srv.url + f"/schools/{school['id']}/delete").status_code == 403
    assert send(viewer, "POST", srv.url + f"/schools/{school['id']}/delete").status_code == 403
    assert send(viewer, "DELETE", srv.url + f"/schools/{school['id']}").status_code == 403
    assert send(cw, "POST", srv.url + f"/schools/{school['id']}/delete", headers={"X-CSRF-Token": "wrong"}).status_code == 403
    assert cw.get(srv.url + f"/schools/{school['id']}", headers=JSON).status_code == 200
    assert join_json(srv, link["token"]).status_code == 200

    r = send(cw, "POST", srv.url + f"/schools/{school['id']}/delete", as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == "/schools?done=school_deleted"
    assert "Die Schule ist gelöscht." in cw.get(srv.url + r.headers["Location"]).text
    assert cw.get(srv.url + f"/schools/{school['id']}", headers=JSON).status_code == 404
    assert send(cw, "POST", srv.url + f"/schools/{school['id']}/delete").status_code == 404
    assert cw.get(srv.url + f"/schools/{school['id']}/delete").status_code == 404
    # its links are gone: both tokens answer 404, like any unknown token
    assert join_json(srv, link["token"]).status_code == 404
    assert join_json(srv, closed["token"]).status_code == 404
    assert requests.get(srv.url + f"/join/{link['token']}").status_code == 404
    # its pupil stays in the pool, without a school, found without its name
    rec = cw.get(srv.url + f"/candidates/{pupil['id']}", headers=JSON).json()
    assert rec["school_id"] is None and rec["updated_at"] > pupil["updated_at"]
    assert [x["id"] for x in cw.get(srv.url + "/candidates", params={"q": "Löschtestschüler"}, headers=JSON).json()["items"]] \
        == [pupil["id"]]
    assert cw.get(srv.url + "/candidates", params=by_school, headers=JSON).json()["total"] == 0
    # its event stays, with the other school and its participant
    ev = cw.get(srv.url + f"/events/{e['id']}", headers=JSON).json()
    assert ev["school_ids"] == [other["id"]] and [p["candidate_id"] for p in ev["participants"]] == [pupil["id"]]
    con = db(srv)
    try:
        assert con.execute("SELECT count(*) FROM signup_links WHERE school_id = ?", (school["id"],)).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM school_teachers WHERE school_id = ?", (school["id"],)).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM event_schools WHERE value = ?", (school["id"],)).fetchone()[0] == 0
    finally:
        con.close()
    # audited: the school, each link, the event, the pupil
    log = audit_items(srv, admin)
    def has(action, kind, oid, fields=None):
        return any(x["action"] == action and x["object_type"] == kind and x["object_id"] == oid
                   and (fields is None or x["fields"] == fields) for x in log)
    assert has("delete", "school", school["id"])
    assert has("delete", "signup_link", link["id"]) and has("delete", "signup_link", closed["id"])
    assert has("update", "event", e["id"], ["school_ids"])
    assert has("update", "candidate", pupil["id"], ["school_id"])


def test_school_deleted_by_json_and_admin(srv, cw, admin):
    school = new_school(srv, cw, "Kurzlebige Schule")
    link = new_link(srv, cw, school["id"])
    r = send(admin, "DELETE", srv.url + f"/schools/{school['id']}")
    assert r.status_code == 200, r.text
    assert r.json() == {"id": school["id"], "deleted": True, "links_deleted": 1, "pupils_released": 0,
                        "events_changed": 0}
    assert join_json(srv, link["token"]).status_code == 404
    assert send(cw, "DELETE", srv.url + "/schools/999999").status_code == 404


# ---- 4. choosing schools, companies and pupils by typing -------------------------------

@pytest.fixture(scope="module")
def crowd(srv):
    """More schools (600), companies (2,100) and pupils of one school (600)
    than the old option lists held, written straight into the database; the
    last ones in name order are the ones chosen."""
    con = db(srv)
    try:
        with con:
            con.executemany("INSERT INTO schools (name, postal_code, city) VALUES (?, '63065', 'Offenbach am Main')",
                            [(f"Zz Schule {i:04d}",) for i in range(600)])
            con.executemany("INSERT INTO companies (name, postal_code, city) VALUES (?, '63067', 'Offenbach am Main')",
                            [(f"Zz Betrieb {i:05d}",) for i in range(2100)])
            # two companies of the same name
            con.executemany("INSERT INTO companies (name, postal_code, city) VALUES ('Zz Doppelname GmbH', ?, ?)",
                            [("63065", "Offenbach am Main"), ("63128", "Dietzenbach")])
            school = con.execute("SELECT id FROM schools WHERE name = 'Zz Schule 0599'").fetchone()[0]
            con.executemany("INSERT INTO candidates (first_name, last_name, birth_date, school_id) "
                            "VALUES (?, ?, '2009-05-01', ?)",
                            [(f"Vorname{i:04d}", f"Zzschüler{i:04d}", school) for i in range(600)])
        ids = {name: i for i, name in con.execute("SELECT id, name FROM companies WHERE name LIKE 'Zz %'")}
        schools = {name: i for i, name in con.execute("SELECT id, name FROM schools WHERE name LIKE 'Zz %'")}
        pupils = {last: i for i, last in con.execute("SELECT id, last_name FROM candidates WHERE last_name LIKE 'Zz%'")}
    finally:
        con.close()
    return {"companies": ids, "schools": schools, "school": school, "pupils": pupils}


def test_event_form_has_no_capped_option_lists(srv, cw, crowd):
    html = cw.get(srv.url + "/events/new").text
    assert "<datalist" not in html and 'type="checkbox" name="school_ids"' not in html
    assert "Zz Betrieb" not in html and "Zz Schule" not in html
    assert len(html) < 60000
    for field in ("school_ids", "company_ids"):
        assert re.search(rf'<input id="{field}-1" name="{field}" type="text"', html)


def test_event_schools_and_companies_typed_by_name_beyond_the_old_caps(srv, cw, crowd):
    r = send(cw, "POST", srv.url + "/events", {
        "title": "Messe mit vielen", "date": TODAY.isoformat(), "kind": "fair",
        "school_ids": ["zz schule 0599", ""], "company_ids": ["Zz Betrieb 02099", "  ZZ BETRIEB 02050 ", ""]},
        as_json=False)
    assert r.status_code == 303, r.text
    eid = int(re.search(r"/events/(\d+)", r.headers["Location"]).group(1))
    e = cw.get(srv.url + f"/events/{eid}", headers=JSON).json()
    assert e["school_ids"] == [crowd["schools"]["Zz Schule 0599"]]
    assert e["company_ids"] == [crowd["companies"]["Zz Betrieb 02099"], crowd["companies"]["Zz Betrieb 02050"]]
    # the edit form shows each with its number, which saves unchanged
    form = cw.get(srv.url + f"/events/{eid}/edit").text
    cid = crowd["companies"]["Zz Betrieb 02099"]
    assert f'value="Zz Betrieb 02099 (Nr. {cid})"' in form
    updated = re.search(r'name="updated_at" value="([^"]+)"', form).group(1)
    r = send(cw, "POST", srv.url + f"/events/{eid}", {
        "title": "Messe mit vielen", "date": TODAY.isoformat(), "kind": "fair", "updated_at": updated,
        "school_ids": re.findall(r'name="school_ids" type="text" value="([^"]*)"', form),
        "company_ids": re.findall(r'name="company_ids" type="text" value="([^"]*)"', form)}, as_json=False)
    assert r.status_code == 303, r.text
    assert cw.get(srv.url + f"/events/{eid}", headers=JSON).json()["company_ids"] == e["company_ids"]
    # by number too, and JSON ids as before
    r = send(cw, "POST", srv.url + "/events", {"title": "Nummern", "date": TODAY.isoformat(),
                                                "company_ids": [str(cid)], "school_ids": [crowd["school"]]})
    assert r.status_code == 201 and r.json()["company_ids"] == [cid] and r.json()["school_ids"] == [crowd["school"]]


def test_event_typed_name_none_or_several_is_400_with_choices(srv, cw, crowd):
    before = cw.get(srv.url + "/events", headers=JSON).json()["total"]
    # several companies of that name: 400 naming the field, both offered
    r = send(cw, "POST", srv.url + "/events", {"title": "Doppelt", "date": TODAY.isoformat(),
                                                "company_ids": ["Zz Doppelname GmbH"]})
    assert r.status_code == 400
    err = r.json()["error"]
    assert set(err["fields"]) == {"company_ids"} and "Mehrere" in err["fields"]["company_ids"]
    assert sorted(x["detail"] for x in err["suggestions"]["company_ids"]) == ["63065 Offenbach am Main",
                                                                              "63128 Dietzenbach"]
    # nothing of that name: 400, with what contains it
    r = send(cw, "POST", srv.url + "/events", {"title": "Keiner", "date": TODAY.isoformat(),
                                                "school_ids": ["Zz Schule 05"], "company_ids": ["Gibt es nicht"]})
    assert r.status_code == 400
    err = r.json()["error"]
    assert set(err["fields"]) == {"school_ids", "company_ids"}
    assert [x["label"] for x in err["suggestions"]["school_ids"]] == [f"Zz Schule 05{i:02d}" for i in range(10)]
    assert err["suggestions"]["company_ids"] == []
    # an unknown number
    r = send(cw, "POST", srv.url + "/events", {"title": "Nummer", "date": TODAY.isoformat(), "company_ids": ["99999999"]})
    assert r.status_code == 400 and "company_ids" in r.json()["error"]["fields"]
    assert cw.get(srv.url + "/events", headers=JSON).json()["total"] == before

    # the form: what was typed stays, the problem at its input, the choices as buttons
    r = send(cw, "POST", srv.url + "/events", {"title": "Doppelt", "date": TODAY.isoformat(), "location": "Halle 3",
                                                "company_ids": ["Zz Betrieb 00001", "Zz Doppelname GmbH", ""]},
             as_json=False)
    assert r.status_code == 400
    html = r.text
    tag = re.search(r'<input id="company_ids-2"[^>]*>', html).group(0)
    assert 'value="Zz Doppelname GmbH"' in tag and 'aria-invalid="true"' in tag
    assert 'aria-describedby="company_ids-hint company_ids-2-problem"' in tag
    assert 'id="company_ids-2-problem"' in html and "Mehrere heißen so" in html
    assert 'aria-invalid' not in re.search(r'<input id="company_ids-1"[^>]*>', html).group(0)
    assert 'value="Halle 3"' in html
    picks = re.findall(r'<button type="submit" name="pick" value="(company_ids:1:\d+)"[^>]*>([^<]*)</button>', html)
    assert len(picks) == 2 and any("Dietzenbach" in text for _, text in picks)
    # pressing one: the form comes back with it chosen, nothing saved yet
    pick = [p for p, text in picks if "Dietzenbach" in text][0]
    chosen = int(pick.rsplit(":", 1)[1])
    r = send(cw, "POST", srv.url + "/events", {"title": "Doppelt", "date": TODAY.isoformat(), "location": "Halle 3",
                                                "company_ids": ["Zz Betrieb 00001", "Zz Doppelname GmbH", ""],
                                                "pick": pick}, as_json=False)
    assert r.status_code == 200
    assert f'value="Zz Doppelname GmbH (Nr. {chosen})"' in r.text and "aria-invalid" not in r.text
    assert cw.get(srv.url + "/events", headers=JSON).json()["total"] == before
    values = re.findall(r'name="company_ids" type="text" value="([^"]*)"', r.text)
    r = send(cw, "POST", srv.url + "/events", {"title": "Doppelt", "date": TODAY.isoformat(),
                                                "company_ids": values}, as_json=False)
    assert r.status_code == 303
    eid = int(re.search(r"/events/(\d+)", r.headers["Location"]).group(1))
    assert cw.get(srv.url + f"/events/{eid}", headers=JSON).json()["company_ids"] == \
        [crowd["companies"]["Zz Betrieb 00001"], chosen]


def test_participant_typed_by_name_beyond_the_old_cap(srv, cw, crowd):
    e = new_event(srv, cw, "Speed-Dating der Zz-Schule", school_ids=[crowd["school"]])
    # the last pupil of 600 in name order (the old select held 500)
    r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants",
             {"candidate": "Zzschüler0599, Vorname0599", "attended": "1"}, as_json=False)
    assert r.status_code == 303, r.text
    r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate": "vorname0598 zzschüler0598"},
             as_json=False)
    assert r.status_code == 303, r.text
    got = {p["candidate_id"]: p["attended"] for p in cw.get(srv.url + f"/events/{e['id']}", headers=JSON).json()["participants"]}
    assert got == {crowd["pupils"]["Zzschüler0599"]: True, crowd["pupils"]["Zzschüler0598"]: False}
    # by the number the suggestions carry
    pid = crowd["pupils"]["Zzschüler0001"]
    assert send(cw, "POST", srv.url + f"/events/{e['id']}/participants",
                {"candidate": f"Zzschüler0001, Vorname0001 (Nr. {pid})"}, as_json=False).status_code == 303
    # nobody of that name: 400 naming the field, the form again with choices
    r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate": "Zzschüler005"}, as_json=False)
    assert r.status_code == 400
    tag = re.search(r'<input id="p-candidate"[^>]*>', r.text).group(0)
    assert 'value="Zzschüler005"' in tag and 'aria-invalid="true"' in tag
    assert 'p-candidate-problem' in tag and 'id="p-candidate-problem"' in r.text
    ids = re.findall(r'<button type="submit" name="candidate_id" value="(\d+)"', r.text)
    assert len(ids) == 10 and int(ids[0]) == crowd["pupils"]["Zzschüler0050"]
    r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate": "Zzschüler005"})
    assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"candidate"}
    assert len(cw.get(srv.url + f"/events/{e['id']}", headers=JSON).json()["participants"]) == 3
    # nothing typed: 400 at the field
    r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate": ""}, as_json=False)
    assert r.status_code == 400 and 'id="p-candidate-problem"' in r.text
