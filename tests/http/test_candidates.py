"""Issue 11: schools, sign-up links (QR code, flyer), pupils signing up
through /join/{token}, the candidate pool (personal: every staff read
audited, viewers see no contact data) and events with participants.
One server with demo accounts for the module; the rate limit gets its own."""

import datetime
import json
import re

import pytest
import requests

from conftest import JSON, REPO, seed_demo, send, staff

TODAY = datetime.date.today()


def years_ago(years, days=0):
    """A birth date years (and days more) before today."""
    try:
        d = TODAY.replace(year=TODAY.year - years)
    except ValueError:  # 29 February
        d = TODAY.replace(year=TODAY.year - years, day=28)
    return (d - datetime.timedelta(days=days)).isoformat()


def new_school(srv, s, name="Schillerschule", **fields):
    r = send(s, "POST", srv.url + "/schools", {"name": name, "kind": "gesamtschule", "postal_code": "63065", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def new_link(srv, s, school_id, label="Klasse 9b", expires=None):
    r = send(s, "POST", srv.url + f"/schools/{school_id}/links",
             {"label": label, "expires": expires or (TODAY + datetime.timedelta(days=30)).isoformat()})
    assert r.status_code == 201, r.text
    return r.json()


def form_token(srv, token, session=None):
    r = (session or requests).get(srv.url + f"/join/{token}", headers=JSON)
    assert r.status_code == 200, r.text
    return r.json()["csrf_token"]


def join(srv, token, session=None, **fields):
    body = {"first_name": "Elif", "last_name": "Yılmaz", "birth_date": years_ago(17), "email": "elif@example.org",
            "postal_code": "63069", "privacy_consent": True, **fields}
    body.setdefault("csrf_token", form_token(srv, token, session))
    return (session or requests).post(srv.url + f"/join/{token}", json=body, headers=JSON, allow_redirects=False)


def candidates_named(srv, s, q):
    r = s.get(srv.url + "/candidates", params={"q": q, "per_page": 200}, headers=JSON)
    assert r.status_code == 200, r.text
    return r.json()["items"]


@pytest.fixture(scope="module")
def school(srv, cw):
    return new_school(srv, cw, "Edith-Stein-Schule", street="Bieberer Straße 1")


@pytest.fixture(scope="module")
def link(srv, cw, school):
    return new_link(srv, cw, school["id"])


# ---- 1. schools -------------------------------------------------------------------------

def test_school_with_area_teachers_search_and_edit(srv, cw, viewer):
    s = new_school(srv, cw, "Albert-Schweitzer-Schule", postal_code="63128")
    assert s["city"] == "Dietzenbach" and s["area"] == "kreis"
    r = send(cw, "POST", srv.url + f"/schools/{s['id']}/teachers",
             {"name": "Frau Kaya", "class": "9b", "subject": "Arbeitslehre"})
    assert r.status_code == 201, r.text
    page = viewer.get(srv.url + f"/schools/{s['id']}", headers=JSON).json()
    assert page["teachers"][0]["class"] == "9b" and page["teachers"][0]["subject"] == "Arbeitslehre"
    found = viewer.get(srv.url + "/schools", params={"q": "schweitzer"}, headers=JSON).json()
    assert [x["id"] for x in found["items"]] == [s["id"]]
    assert viewer.get(srv.url + "/schools", params={"kind": "gesamtschule", "area": "kreis"},
                      headers=JSON).json()["total"] >= 1
    r = send(cw, "PATCH", srv.url + f"/schools/{s['id']}", {"notes": "Berufsorientierung im Herbst"})
    assert r.status_code == 200 and r.json()["notes"] == "Berufsorientierung im Herbst"
    assert send(viewer, "PATCH", srv.url + f"/schools/{s['id']}", {"notes": "x"}).status_code == 403
    r = send(cw, "POST", srv.url + "/schools", {"name": "X", "kind": "uni"})
    assert r.status_code == 400 and "kind" in r.json()["error"]["fields"]
    html = viewer.get(srv.url + f"/schools/{s['id']}").text
    assert "Frau Kaya" in html and "Albert-Schweitzer-Schule" in html


# ---- 2. sign-up links --------------------------------------------------------------------

def test_link_token_url_count_qr_flyer(srv, cw, school, link):
    assert len(link["token"]) >= 22 and re.fullmatch(r"[A-Za-z0-9_-]+", link["token"])
    assert link["url"].endswith("/join/" + link["token"])
    other = new_link(srv, cw, school["id"], label="Klasse 10a")
    assert other["token"] != link["token"]
    # the school's page shows each link's URL, QR code and flyer
    html = cw.get(srv.url + f"/schools/{school['id']}").text
    assert link["url"] in html and f"/links/{link['id']}/qr.svg" in html and f"/links/{link['id']}/flyer" in html
    qr = cw.get(srv.url + f"/schools/{school['id']}/links/{link['id']}/qr.svg")
    assert qr.status_code == 200 and qr.headers["Content-Type"].startswith("image/svg+xml") and "<svg" in qr.text
    flyer = cw.get(srv.url + f"/schools/{school['id']}/links/{link['id']}/flyer")
    assert flyer.status_code == 200 and link["url"] in flyer.text and "qr.svg" in flyer.text
    assert "@media print" in (REPO / "static" / "css" / "app.css").read_text()
    # a link of another school is not found through this one
    s2 = new_school(srv, cw, "Andere Schule")
    assert cw.get(srv.url + f"/schools/{s2['id']}/links/{link['id']}/flyer").status_code == 404


def test_link_expiry_today_or_later(srv, cw, school):
    for past in [(TODAY - datetime.timedelta(days=1)).isoformat(), "2020-01-01"]:
        r = send(cw, "POST", srv.url + f"/schools/{school['id']}/links", {"label": "alt", "expires": past})
        assert r.status_code == 400 and "expires" in r.json()["error"]["fields"]
    assert new_link(srv, cw, school["id"], "heute", TODAY.isoformat())["expires"] == TODAY.isoformat()
    r = send(cw, "POST", srv.url + f"/schools/{school['id']}/links", {"label": "", "expires": "kein Datum"})
    assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"label", "expires"}


def test_tokens_unknown_closed_expired(srv, cw, school):
    assert requests.get(srv.url + "/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    r = requests.get(srv.url + "/join/nope", headers=JSON)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    l = new_link(srv, cw, school["id"], "zu schließen")
    assert requests.get(srv.url + f"/join/{l['token']}").status_code == 200
    r = send(cw, "POST", srv.url + f"/schools/{school['id']}/links/{l['id']}/close")
    assert r.status_code == 200
    gone = requests.get(srv.url + f"/join/{l['token']}")
    assert gone.status_code == 410 and "Edith-Stein-Schule" in gone.text and "Lehrer" in gone.text
    assert requests.post(srv.url + f"/join/{l['token']}", data={"first_name": "A"}).status_code == 410
    assert send(cw, "POST", srv.url + f"/schools/{school['id']}/links/{l['id']}/close").status_code == 409
    links = cw.get(srv.url + f"/schools/{school['id']}/links", headers=JSON).json()["items"]
    assert [x["closed_at"] for x in links if x["id"] == l["id"]][0]
    # expired: a link whose day has passed (set in the database: the API refuses past days)
    e = new_link(srv, cw, school["id"], "abgelaufen")
    import sqlite3
    con = sqlite3.connect(srv.db_path)
    con.execute("UPDATE signup_links SET expires = '2020-01-01' WHERE id = ?", (e["id"],))
    con.commit()
    con.close()
    r = requests.get(srv.url + f"/join/{e['token']}", headers=JSON)
    assert r.status_code == 410 and r.json()["error"]["code"] == "gone"


def test_tokens_stored_only_as_digest_and_sealed(srv, cw, school):
    l = new_link(srv, cw, school["id"], "geheim")
    raw = srv.db_path.read_bytes() + (srv.db_path.parent / "test.db-wal").read_bytes()
    assert l["token"].encode() not in raw
    assert (srv.db_path.parent / "test.db.key").stat().st_mode & 0o077 == 0


# ---- 3. pupils sign up -------------------------------------------------------------------

def test_fourteen_year_old_needs_a_parent(srv, cw, link):
    before = cw.get(srv.url + "/candidates", headers=JSON).json()["total"]
    r = join(srv, link["token"], first_name="Derya", last_name="Aksoy", birth_date=years_ago(14))
    assert r.status_code == 400, r.text
    assert {"parent_name", "parent_email", "parental_consent"} <= set(r.json()["error"]["fields"])
    assert cw.get(srv.url + "/candidates", headers=JSON).json()["total"] == before
    assert candidates_named(srv, cw, "Aksoy") == []
    # the day before the 16th birthday still counts as under 16
    r = join(srv, link["token"], first_name="Derya", last_name="Aksoy", birth_date=years_ago(16, -1))
    assert r.status_code == 400
    r = join(srv, link["token"], first_name="Derya", last_name="Aksoy", birth_date=years_ago(14),
             parent_name="Fatma Aksoy", parent_phone="069 1234567", parental_consent=True,
             desired_occupations=["Kaufmann/-frau für Büromanagement", "Friseur/-in"], languages=["tr", "de"],
             certificate="hauptschule", expected_certificate="mittlere_reife")
    assert r.status_code == 201, r.text
    assert "/join/" in r.headers["Location"] and "id" not in r.json()
    [c] = candidates_named(srv, cw, "aksoy")
    rec = cw.get(srv.url + f"/candidates/{c['id']}", headers=JSON).json()
    assert rec["status"] == "new" and rec["school_id"] == link["school_id"] and rec["link_id"] == link["id"]
    assert rec["age"] == 14 and rec["parent_name"] == "Fatma Aksoy"
    assert rec["migration_background"] == "not_stated"
    assert len(rec["desired_occupations"]) == 2 and all(isinstance(x, int) for x in rec["desired_occupations"])
    [consent] = rec["consents"]
    assert consent["kind"] == "privacy" and consent["parental"] is True and consent["channel"] == "link"
    assert consent["link_id"] == link["id"] and consent["text_version"] and consent["at"].endswith("Z")


def test_sixteen_without_parent_and_privacy_needed(srv, cw, link):
    r = join(srv, link["token"], first_name="Mara", last_name="Nowak", birth_date=years_ago(16),
             privacy_consent=False)
    assert r.status_code == 400 and "privacy_consent" in r.json()["error"]["fields"]
    r = join(srv, link["token"], first_name="Mara", last_name="Nowak", birth_date=years_ago(16), email=None,
             phone=None)
    assert r.status_code == 400 and "email" in r.json()["error"]["fields"]
    assert candidates_named(srv, cw, "nowak") == []
    r = join(srv, link["token"], first_name="Mara", last_name="Nowak", birth_date=years_ago(16),
             parent_name="wird nicht gespeichert")
    assert r.status_code == 201
    [c] = candidates_named(srv, cw, "nowak")
    rec = cw.get(srv.url + f"/candidates/{c['id']}", headers=JSON).json()
    assert rec["parent_name"] == "" and rec["consents"][0]["parental"] is False


def test_second_sign_up_recognised(srv, cw, link):
    assert join(srv, link["token"], first_name="Yusuf", last_name="Özdemir", birth_date=years_ago(18)).status_code == 201
    r = join(srv, link["token"], first_name="yusuf", last_name="OZDEMIR", birth_date=years_ago(18),
             email="neu@example.org")
    assert r.status_code == 201
    found = candidates_named(srv, cw, "ozdemir")
    assert len(found) == 1
    rec = cw.get(srv.url + f"/candidates/{found[0]['id']}", headers=JSON).json()
    assert len(rec["consents"]) == 2 and rec["email"] == "elif@example.org"  # nothing overwritten
    links = cw.get(srv.url + f"/schools/{link['school_id']}/links", headers=JSON).json()["items"]
    assert [x["signups"] for x in links if x["id"] == link["id"]][0] >= 1


def test_form_token_and_honeypot(srv, cw, link):
    r = join(srv, link["token"], first_name="Ohne", last_name="Token", csrf_token="")
    assert r.status_code == 403
    r = join(srv, link["token"], first_name="Ohne", last_name="Token", csrf_token="1.2.3")
    assert r.status_code == 403
    other = new_link(srv, cw, link["school_id"], "anderer")
    r = join(srv, link["token"], first_name="Ohne", last_name="Token", csrf_token=form_token(srv, other["token"]))
    assert r.status_code == 403  # a token is for its link's form only
    r = join(srv, link["token"], first_name="Honig", last_name="Topf", website="http://spam.example")
    assert r.status_code == 400
    assert candidates_named(srv, cw, "token") == [] and candidates_named(srv, cw, "topf") == []


def test_unknown_occupation_named(srv, cw, link):
    r = join(srv, link["token"], first_name="Wunsch", last_name="Beruf", desired_occupations=["Astronaut"])
    assert r.status_code == 400 and "desired_occupations" in r.json()["error"]["fields"]
    r = join(srv, link["token"], first_name="Wunsch", last_name="Beruf", desired_occupations=[1, 2, 3, 4])
    assert r.status_code == 400 and "desired_occupations" in r.json()["error"]["fields"]
    assert candidates_named(srv, cw, "wunsch") == []


def test_join_page_for_phones(srv, link):
    r = requests.get(srv.url + f"/join/{link['token']}")
    assert r.status_code == 200 and "Cache-Control" in r.headers
    html = r.text
    for name in ["first_name", "last_name", "birth_date", "email", "phone", "postal_code", "certificate",
                 "expected_certificate", "desired_occupations", "languages", "available_from",
                 "migration_background", "privacy_consent", "parent_name", "parent_email", "parent_phone",
                 "parental_consent", "csrf_token"]:
        assert f'name="{name}"' in html, name
    assert '<datalist id="occupation-names">' in html and 'list="occupation-names"' in html
    assert re.search(r'value="not_stated" checked', html)
    assert 'name="website"' in html and 'tabindex="-1"' in html
    r = requests.post(srv.url + f"/join/{link['token']}", data={"first_name": "", "csrf_token": form_token(srv, link["token"])})
    assert r.status_code == 400 and 'aria-invalid="true"' in r.text and 'aria-describedby="first_name-problem"' in r.text


def test_join_through_html_form(srv, cw, link):
    s = requests.Session()
    page = s.get(srv.url + f"/join/{link['token']}").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = s.post(srv.url + f"/join/{link['token']}", data={
        "csrf_token": token, "website": "", "first_name": "Lina", "last_name": "Haddad", "birth_date": years_ago(15),
        "phone": "0151 2345678", "postal_code": "63067", "certificate": "none",
        "desired_occupations": ["Friseur/-in", "", ""], "migration_background": "yes", "privacy_consent": "1",
        "parent_name": "Rania Haddad", "parent_email": "rania@example.org", "parental_consent": "1"},
        allow_redirects=False)
    assert r.status_code == 303, r.text
    thanks = s.get(srv.url + r.headers["Location"])
    assert thanks.status_code == 200 and "Danke" in thanks.text
    [c] = candidates_named(srv, cw, "haddad lina")
    assert c["status"] == "new"


def test_join_rate_limit_per_address(make_server):
    srv = seed_demo(make_server(env={"AZUBIMATCH_JOIN_MAX_PER_HOUR": "2"}))
    cw = staff(srv, "caseworker")
    s = new_school(srv, cw, "Limit-Schule")
    l = new_link(srv, cw, s["id"])
    assert join(srv, l["token"], first_name="A", last_name="Zzzerste").status_code == 201
    assert join(srv, l["token"], first_name="B", last_name="Zzzzweite", privacy_consent=False).status_code == 400
    r = join(srv, l["token"], first_name="C", last_name="Zzzdritte")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert candidates_named(srv, cw, "zzzdritte") == []


# ---- 4. the pool ---------------------------------------------------------------------------

def test_pool_add_edit_filter_search(srv, cw, school):
    r = send(cw, "POST", srv.url + "/candidates", {
        "first_name": "Jonas", "last_name": "Müller", "birth_date": years_ago(17), "email": "jonas@example.org",
        "postal_code": "63110", "school_id": school["id"], "certificate": "mittlere_reife",
        "desired_occupations": [3, 7], "languages": ["de", "pl"], "privacy_consent": True})
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["desired_occupations"] == [3, 7] and c["area"] == "kreis" and c["age"] == 17
    assert c["consents"][0]["channel"] == "staff"
    r = send(cw, "PATCH", srv.url + f"/candidates/{c['id']}", {"status": "active", "desired_occupations": [7]})
    assert r.status_code == 200 and r.json()["status"] == "active" and r.json()["desired_occupations"] == [7]
    def ids(**q):
        r = cw.get(srv.url + "/candidates", params={"per_page": 200, **q}, headers=JSON)
        assert r.status_code == 200, r.text
        return [x["id"] for x in r.json()["items"]]
    assert c["id"] in ids(q="muller") and c["id"] in ids(q="Mueller")
    assert c["id"] in ids(status="active") and c["id"] not in ids(status="new")
    assert c["id"] in ids(school_id=school["id"]) and c["id"] in ids(certificate="mittlere_reife")
    assert c["id"] in ids(occupation=7) and c["id"] not in ids(occupation=3)
    assert c["id"] in ids(city="Rodgau") and c["id"] in ids(area="kreis") and c["id"] not in ids(area="stadt")
    assert c["id"] in ids(age_min=17, age_max=17) and c["id"] not in ids(age_min=18)
    assert c["id"] in ids(language="pl")
    assert cw.get(srv.url + "/candidates", params={"age_min": "x"}, headers=JSON).status_code == 400
    html = cw.get(srv.url + f"/candidates/{c['id']}").text
    assert "17 Jahre" in html
    r = send(cw, "POST", srv.url + "/candidates", {"first_name": "", "birth_date": "2010-02-30",
                                                    "migration_background": "vielleicht"})
    assert r.status_code == 400
    assert {"first_name", "last_name", "birth_date", "migration_background"} <= set(r.json()["error"]["fields"])


def test_every_read_audited_viewer_sees_no_contact(srv, cw, viewer, admin, link):
    join(srv, link["token"], first_name="Audit", last_name="Lesung", birth_date=years_ago(17), phone="0170 1111111")
    [c] = candidates_named(srv, cw, "lesung")
    def reads():
        r = admin.get(srv.url + "/admin/audit", params={"action": "read", "object_id": c["id"], "per_page": 200},
                      headers=JSON)
        assert r.status_code == 200, r.text
        return [e for e in r.json()["items"] if e["object_type"] == "candidate"]
    before = len(reads())
    viewer.get(srv.url + f"/candidates/{c['id']}", headers=JSON)
    cw.get(srv.url + f"/candidates/{c['id']}")
    after = reads()
    assert len(after) == before + 2
    v = viewer.get(srv.url + f"/candidates/{c['id']}", headers=JSON).json()
    for k in ["email", "phone", "parent_name", "parent_email", "parent_phone"]:
        assert k not in v
    html = viewer.get(srv.url + f"/candidates/{c['id']}").text
    assert "0170 1111111" not in html and "elif@example.org" not in html
    assert "0170 1111111" in cw.get(srv.url + f"/candidates/{c['id']}").text
    listing = viewer.get(srv.url + "/candidates", params={"q": "lesung"}).text
    assert "0170 1111111" not in listing
    assert send(viewer, "PATCH", srv.url + f"/candidates/{c['id']}", {"status": "active"}).status_code == 403


# ---- 5. events -----------------------------------------------------------------------------

def test_event_participants_attendance_and_pages(srv, cw, viewer, school, link):
    join(srv, link["token"], first_name="Event", last_name="Gast", birth_date=years_ago(17))
    [c] = candidates_named(srv, cw, "gast")
    companies = cw.get(srv.url + "/companies", headers=JSON).json()["items"][:2]
    r = send(cw, "POST", srv.url + "/events", {
        "title": "School meets Business Herbst", "date": TODAY.isoformat(), "kind": "school_meets_business",
        "location": "Aula", "school_ids": [school["id"]], "company_ids": [x["id"] for x in companies]})
    assert r.status_code == 201, r.text
    e = r.json()
    assert e["school_ids"] == [school["id"]] and e["company_ids"] == [x["id"] for x in companies]
    r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate_id": c["id"], "attended": False})
    assert r.status_code == 201
    r = send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate_id": c["id"], "attended": True})
    assert r.status_code == 201
    got = viewer.get(srv.url + f"/events/{e['id']}", headers=JSON).json()
    assert got["participants"] == [{"candidate_id": c["id"], "first_name": "Event", "last_name": "Gast",
                                    "school_name": school["name"], "attended": True, "event_id": e["id"]}]
    att = viewer.get(srv.url + f"/events/{e['id']}/attendance")
    assert att.status_code == 200 and "Gast, Event" in att.text
    assert send(cw, "POST", srv.url + f"/events/{e['id']}/participants", {"candidate_id": 999999}).status_code == 400
    assert send(cw, "POST", srv.url + "/events", {"title": "x", "date": "morgen", "kind": "party"}).status_code == 400
    assert send(cw, "POST", srv.url + "/events", {"title": "x", "date": TODAY.isoformat(),
                                                  "school_ids": [999999]}).status_code == 400
    # on the pages of its school, companies and pupil
    assert e["id"] in [x["id"] for x in cw.get(srv.url + f"/schools/{school['id']}", headers=JSON).json()["events"]]
    assert e["id"] in [x["id"] for x in cw.get(srv.url + f"/companies/{companies[0]['id']}", headers=JSON).json()["events"]]
    mine = cw.get(srv.url + f"/candidates/{c['id']}", headers=JSON).json()["events"]
    assert [x["attended"] for x in mine if x["id"] == e["id"]] == [True]
    assert "School meets Business Herbst" in cw.get(srv.url + f"/companies/{companies[0]['id']}").text
    # attendance is an earlier contact with the event's companies (for matching)
    import sqlite3
    con = sqlite3.connect(srv.db_path)
    rows = con.execute("SELECT company_id FROM candidate_company_contacts WHERE candidate_id = ?", (c["id"],)).fetchall()
    con.close()
    assert sorted(r[0] for r in rows) == sorted(x["id"] for x in companies)
    listing = cw.get(srv.url + "/events", params={"kind": "school_meets_business"}, headers=JSON).json()
    assert e["id"] in [x["id"] for x in listing["items"]]


def test_staff_pages_render(srv, cw, school, link):
    for path in ["/schools", "/schools/new", f"/schools/{school['id']}", f"/schools/{school['id']}/edit",
                 "/candidates", "/candidates/new", "/events", "/events/new"]:
        r = cw.get(srv.url + path)
        assert r.status_code == 200, path
        assert 'aria-current' in r.text


# ---- 6. demo and synthetic data ------------------------------------------------------------

def test_demo_and_synthetic_candidates(make_server):
    srv = seed_demo(make_server())
    cw = staff(srv, "caseworker")
    schools = cw.get(srv.url + "/schools", headers=JSON).json()
    assert schools["total"] >= 2
    s = cw.get(srv.url + f"/schools/{schools['items'][0]['id']}", headers=JSON).json()
    assert s["links"] and s["links"][0]["url"]
    pool = cw.get(srv.url + "/candidates", params={"per_page": 200}, headers=JSON).json()
    assert pool["total"] >= 6 and any(x["age"] < 16 for x in pool["items"])
    young = [x for x in pool["items"] if x["age"] < 16][0]
    rec = cw.get(srv.url + f"/candidates/{young['id']}", headers=JSON).json()
    assert rec["parent_name"] and rec["consents"][0]["parental"] is True
    assert cw.get(srv.url + "/events", headers=JSON).json()["total"] >= 1
    done = srv.cli("seed", "synthetic", "--companies", "0", "--candidates", "300", "--seed", "7")
    assert done.returncode == 0, done.stderr
    assert cw.get(srv.url + "/candidates", headers=JSON).json()["total"] >= 300 + pool["total"]


def test_pupils_may_state_their_gender_or_not(srv, cw, link):
    page = requests.get(srv.url + f"/join/{link['token']}").text
    none = re.search(r'<input type="radio" name="gender" value=""[^>]*>', page).group(0)
    assert "checked" in none and 'value="diverse"' in page
    assert join(srv, link["token"], first_name="Gender", last_name="Frei", birth_date=years_ago(17)).status_code == 201
    assert join(srv, link["token"], first_name="Gender", last_name="Weiblich", birth_date=years_ago(17),
                gender="female").status_code == 201
    r = join(srv, link["token"], first_name="Gender", last_name="Falsch", birth_date=years_ago(17), gender="x")
    assert r.status_code == 400 and "gender" in r.json()["error"]["fields"]
    got = {c["last_name"]: c for c in candidates_named(srv, cw, "gender")}
    assert set(got) == {"Frei", "Weiblich"}
    assert cw.get(srv.url + f"/candidates/{got['Frei']['id']}", headers=JSON).json()["gender"] is None
    assert cw.get(srv.url + f"/candidates/{got['Weiblich']['id']}", headers=JSON).json()["gender"] == "female"
