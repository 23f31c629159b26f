"""Issue 13, point 1: network partners (/partners) declared with the area
kit: kind, cooperation status, address with Stadt/Kreis from the postal
code, contacts, activities as for companies (meetings, joint events), and
referrals of companies and pupils that name the partner they went to."""

import itertools
import json

import pytest

from conftest import JSON, REPO, audit_items, seed_demo, send, staff

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
_n = itertools.count(1)


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


def new_partner(srv, s, **fields):
    body = {"name": f"Partner {next(_n)}", "kind": "chamber", "status": "active", "postal_code": "63065", **fields}
    r = send(s, "POST", srv.url + "/partners", body)
    assert r.status_code == 201, r.text
    return r.json()


def test_partner_is_created_with_area_from_the_postal_code(srv, cw):
    p = new_partner(srv, cw, name="IHK Offenbach am Main", website="https://www.ihk.de/offenbach")
    assert p["kind"] == "chamber" and p["status"] == "active"
    assert p["area"] == "stadt" and p["city"] == "Offenbach"
    r = cw.get(srv.url + f"/partners/{p['id']}", headers=JSON)
    assert r.status_code == 200
    assert r.json()["name"] == "IHK Offenbach am Main"
    k = new_partner(srv, cw, name="Türkisch-Deutscher Unternehmerverein", kind="association", status="contact",
                    postal_code="63263")
    assert k["area"] == "kreis"
    # defaults: other, contact
    d = new_partner(srv, cw, name="Stadtteilbüro", kind=None, status=None)
    assert d["kind"] == "other" and d["status"] == "contact"


def test_bad_fields_are_400_naming_them_and_nothing_is_written(srv, cw):
    before = cw.get(srv.url + "/partners", headers=JSON).json()["total"]
    r = send(cw, "POST", srv.url + "/partners", {"name": "", "kind": "ihk", "status": "friends",
                                                 "postal_code": "12", "email": "nope"})
    assert r.status_code == 400
    fields = r.json()["error"]["fields"]
    assert {"name", "kind", "status", "postal_code", "email"} <= set(fields)
    assert cw.get(srv.url + "/partners", headers=JSON).json()["total"] == before


def test_list_filters_and_export(srv, cw, viewer, admin):
    new_partner(srv, cw, name="Jobcenter Kreis Offenbach", kind="jobcenter", status="agreement", postal_code="63128")
    r = cw.get(srv.url + "/partners", params={"kind": "jobcenter"}, headers=JSON)
    assert r.status_code == 200
    items = r.json()["items"]
    assert items and all(i["kind"] == "jobcenter" for i in items)
    r = cw.get(srv.url + "/partners", params={"status": "nope"}, headers=JSON)
    assert r.status_code == 400 and "status" in r.json()["error"]["fields"]
    r = cw.get(srv.url + "/partners/export.csv", params={"kind": "jobcenter"})
    assert r.status_code == 200
    text = r.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").strip().split("\r\n")
    assert len(lines) == 1 + len(items)
    assert "Jobcenter Kreis Offenbach" in text
    assert viewer.get(srv.url + "/partners/export.csv").status_code == 403
    assert any(e["action"] == "export" and e["object_type"] == "partner" for e in audit_items(srv, admin))
    # HTML list and page for people, the navigation links to it
    page = cw.get(srv.url + "/partners").text
    assert 'href="/partners"' in page and "Jobcenter Kreis Offenbach" in page
    assert 'href="/reports"' in page


def test_viewer_reads_but_does_not_write(srv, cw, viewer):
    p = new_partner(srv, cw)
    assert viewer.get(srv.url + f"/partners/{p['id']}", headers=JSON).status_code == 200
    assert send(viewer, "POST", srv.url + "/partners", {"name": "X"}).status_code == 403
    assert send(viewer, "PATCH", srv.url + f"/partners/{p['id']}", {"status": "contact"}).status_code == 403


def test_edit_contacts_activities_and_delete(srv, cw, admin):
    p = new_partner(srv, cw, name="Agentur für Arbeit Offenbach", kind="employment_agency", status="agreement")
    pid = p["id"]
    r = send(cw, "PATCH", srv.url + f"/partners/{pid}", {"status": "active"})
    assert r.status_code == 200 and r.json()["status"] == "active"
    # a stale whole-form save is a 409
    r = send(cw, "POST", srv.url + f"/partners/{pid}", {"name": "Alt", "updated_at": "2000-01-01T00:00:00Z"})
    assert r.status_code == 409
    r = send(cw, "POST", srv.url + f"/partners/{pid}/contacts", {"name": "Frau Demir", "role": "Berufsberatung",
                                                                 "phone": "069 123456", "email": "demir@example.org"})
    assert r.status_code == 201, r.text
    contact = r.json()["id"]
    assert send(cw, "POST", srv.url + f"/partners/{pid}/contacts", {"name": ""}).status_code == 400
    r = send(cw, "POST", srv.url + f"/partners/{pid}/activities", {"kind": "meeting", "date": "2026-03-02",
                                                                   "subject": "Jahresgespräch"})
    assert r.status_code == 201, r.text
    act = r.json()["id"]
    r = send(cw, "POST", srv.url + f"/partners/{pid}/activities", {"kind": "joint_event", "date": "2026-04-02",
                                                                   "subject": "Ausbildungsmesse"})
    assert r.status_code == 201
    # a company's kind is not a partner's
    r = send(cw, "POST", srv.url + f"/partners/{pid}/activities", {"kind": "counselling", "date": "2026-04-02",
                                                                   "subject": "x"})
    assert r.status_code == 400 and "kind" in r.json()["error"]["fields"]
    page = cw.get(srv.url + f"/partners/{pid}", headers=JSON).json()
    assert [c["name"] for c in page["contacts"]] == ["Frau Demir"]
    assert [a["subject"] for a in page["activities"]] == ["Ausbildungsmesse", "Jahresgespräch"]
    assert all(a["partner_id"] == pid for a in page["activities"])
    html = cw.get(srv.url + f"/partners/{pid}").text
    assert "Jahresgespräch" in html and DE["kind_meeting"] in html and "Frau Demir" in html
    r = cw.get(srv.url + f"/partners/{pid}/activities", headers=JSON)
    assert r.status_code == 200 and r.json()["total"] == 2
    # an activity of a partner is edited and leads back to the partner
    r = send(cw, "PATCH", srv.url + f"/activities/{act}", {"subject": "Jahresgespräch 2026"})
    assert r.status_code == 200 and r.json()["partner_id"] == pid
    r = cw.get(srv.url + f"/activities/{act}", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith(f"/partners/{pid}")
    assert send(cw, "POST", srv.url + f"/partners/{pid}/contacts/{contact}/delete").status_code == 200
    assert send(cw, "POST", srv.url + f"/partners/{pid}/contacts/{contact}/delete").status_code == 404
    assert send(cw, "DELETE", srv.url + f"/partners/{pid}").status_code == 200
    assert cw.get(srv.url + f"/partners/{pid}", headers=JSON).status_code == 404
    assert cw.get(srv.url + f"/activities/{act}", headers=JSON).status_code == 404
    kinds = {(e["action"], e["object_type"]) for e in audit_items(srv, admin)}
    assert {("create", "partner"), ("update", "partner"), ("create", "partner_contact"),
            ("delete", "partner_contact"), ("delete", "partner")} <= kinds


def test_referrals_name_a_fitting_partner(srv, cw):
    chamber = new_partner(srv, cw, name="Handwerkskammer Frankfurt-Rhein-Main", kind="chamber")
    school = new_partner(srv, cw, name="Berufliche Schulen Offenbach", kind="vocational_school")
    r = send(cw, "POST", srv.url + "/companies", {"name": f"Schreinerei {next(_n)}", "postal_code": "63067",
                                                  "confirm_duplicate": "1"})
    company = r.json()["id"]
    url = srv.url + f"/companies/{company}/activities"
    base = {"kind": "referral", "date": "2026-05-05", "subject": "Eintragung Ausbildungsbetrieb"}
    r = send(cw, "POST", url, {**base, "referred_to": "hwk", "referred_partner_id": chamber["id"]})
    assert r.status_code == 201, r.text
    a = cw.get(srv.url + f"/activities/{r.json()['id']}", headers=JSON).json()
    assert a["referred_partner_id"] == chamber["id"] and a["referred_to"] == "hwk"
    # a partner alone is enough for a referral
    r = send(cw, "POST", url, {**base, "referred_partner_id": chamber["id"]})
    assert r.status_code == 201, r.text
    # a vocational school does not fit a company's referral; an unknown one neither
    r = send(cw, "POST", url, {**base, "referred_partner_id": school["id"]})
    assert r.status_code == 400 and "referred_partner_id" in r.json()["error"]["fields"]
    r = send(cw, "POST", url, {**base, "referred_partner_id": 999999})
    assert r.status_code == 400 and "referred_partner_id" in r.json()["error"]["fields"]
    # only a referral names a partner
    r = send(cw, "POST", url, {**base, "kind": "call", "referred_partner_id": chamber["id"]})
    assert r.status_code == 400 and "referred_partner_id" in r.json()["error"]["fields"]
    # the company's page offers the chamber, not the school; the timeline names it
    html = cw.get(srv.url + f"/companies/{company}").text
    assert 'name="referred_partner_id"' in html
    form = html.split('name="referred_partner_id"')[1].split("</select>")[0]
    assert "Handwerkskammer Frankfurt-Rhein-Main" in form and "Berufliche Schulen Offenbach" not in form
    assert f'href="/partners/{chamber["id"]}"' in html
    # the partner counts the referrals it received
    got = cw.get(srv.url + f"/partners/{chamber['id']}", headers=JSON).json()
    assert got["referrals_received"] == {"companies": 2, "candidates": 0}
    # a pupil's referral may name the vocational school
    r = send(cw, "POST", srv.url + "/candidates", {"first_name": "Ayşe", "last_name": f"Kaya{next(_n)}",
                                                   "birth_date": "2008-02-03", "postal_code": "63069"})
    cand = r.json()["id"]
    r = send(cw, "POST", srv.url + f"/candidates/{cand}/activities",
             {**base, "referred_partner_id": school["id"], "subject": "Beratung Berufsschule"})
    assert r.status_code == 201, r.text
    r = send(cw, "POST", srv.url + f"/candidates/{cand}/activities",
             {**base, "referred_partner_id": chamber["id"]})
    assert r.status_code == 400
