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

from conftest import JSON, audit_items, seed_demo, send, staff

TODAY = datetime.date.today()


@pytest.fixture(scope="module")
def srv(server):
    return seed_demo(server)


@pytest.fixture(scope="module")
def cw(srv):
    return staff(srv, "caseworker")


@pytest.fixture(scope="module")
def viewer(srv):
    return staff(srv, "viewer")


@pytest.fixture(scope="module")
def admin(srv):
    return staff(srv, "admin")


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
