"""The public job board (issue 10, point 4) and the demo and synthetic data
(point 5): open posts only (never pending, filled, closed or expired ones,
never staff data), searchable by occupation, town, distance from a postal
code, start year and body; how to apply through the service point, from
config.ini; schema.org JobPosting data that is valid JSON whatever a title
holds; and /jobs.atom, a valid Atom feed of the newly opened posts."""

import html
import itertools
import json
import re
import sqlite3
import time
import xml.etree.ElementTree as ET

import pytest
import requests

from conftest import JSON, REPO, Server, run_cli, seed_demo, send, staff

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
ATOM = "{http://www.w3.org/2005/Atom}"
KFZ = "Kraftfahrzeugmechatroniker/-in"
_serial = itertools.count(1)
APPLY = {
    "AZUBIMATCH_APPLY_NAME": "KAUSA-Servicestelle Teststadt",
    "AZUBIMATCH_APPLY_PHONE": "+49 69 8065-1234",
    "AZUBIMATCH_APPLY_EMAIL": "kausa@teststadt.example",
    "AZUBIMATCH_APPLY_HOURS": "Mo-Do 9-16 Uhr",
    "AZUBIMATCH_PUBLIC_URL": "https://azubimatch.teststadt.example/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("jobs"), env=APPLY)
    seed_demo(srv)
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def cw(site):
    return staff(site, "caseworker")


def unique(word):
    return f"{word}{next(_serial)}x{time.monotonic_ns() % 10**6}"


def next_august(years=0):
    today = time.strftime("%Y-%m-%d")
    year = int(today[:4])
    return f"{(year if today[5:] <= '08-01' else year + 1) + years}-08-01"


def occupation(site, s, q, name):
    items = s.get(site.url + "/occupations", params={"q": q}, headers=JSON).json()["items"]
    return next(o["id"] for o in items if o["name"] == name)


def company(site, s, plz="63065", name=None):
    r = send(s, "POST", site.url + "/companies", {"name": name or unique("Betrieb "), "postal_code": plz,
                                                  "confirm_duplicate": "1"})
    assert r.status_code == 201
    return r.json()["id"]


def post(site, s, comp, occ, **fields):
    r = send(s, "POST", site.url + "/posts", {"company_id": comp, "occupation_id": occ, "title": unique("Platz "),
                                              "places": 1, "start_date": next_august(), **fields})
    assert r.status_code == 201, r.text[:300]
    return r.json()


def board(site, **params):
    r = requests.get(site.url + "/jobs", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, f"{params}: {r.status_code} {r.text[:300]}"
    return r.json()


def ids(listing):
    return sorted(j["id"] for j in listing["items"])


def json_ld(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1, f"{len(blocks)} JSON-LD blocks"
    return json.loads(blocks[0])


# --- what is on the board ---------------------------------------------------------------

def test_only_open_reviewed_current_posts_are_public(site, cw):
    tag = unique("sichtbar")
    comp, kfz = company(site, cw), occupation(site, cw, "kfz", KFZ)
    open_ = post(site, cw, comp, kfz, title=f"{tag} offen")
    pending = post(site, cw, comp, kfz, title=f"{tag} wartet", status="pending")
    filled = post(site, cw, comp, kfz, title=f"{tag} besetzt")
    closed = post(site, cw, comp, kfz, title=f"{tag} zu")
    expired = post(site, cw, comp, kfz, title=f"{tag} abgelaufen")
    too_late = post(site, cw, comp, kfz, title=f"{tag} Frist vorbei")
    send(cw, "POST", site.url + f"/posts/{filled['id']}/status", {"status": "filled"})
    send(cw, "POST", site.url + f"/posts/{closed['id']}/status", {"status": "closed"})
    # time passes: the listing and the application deadline end
    with sqlite3.connect(site.db_path) as con:
        con.execute("UPDATE posts SET expires_on = date('now', 'localtime', '-1 day') WHERE id = ?", (expired["id"],))
        con.execute("UPDATE posts SET apply_until = date('now', 'localtime', '-1 day') WHERE id = ?",
                    (too_late["id"],))
    assert ids(board(site, q=tag)) == [open_["id"]]
    assert requests.get(site.url + f"/jobs/{open_['id']}").status_code == 200
    for hidden in (pending, filled, closed, expired, too_late):
        for headers in ({}, JSON):
            r = requests.get(site.url + f"/jobs/{hidden['id']}", headers=headers)
            assert r.status_code == 404, (hidden["title"], r.status_code)
    page = requests.get(site.url + "/jobs", params={"q": tag}).text
    assert html.escape(f"{tag} offen") in page and f"{tag} wartet" not in page
    # reopened, it is back
    send(cw, "POST", site.url + f"/posts/{closed['id']}/status", {"status": "open"})
    assert ids(board(site, q=tag)) == sorted([open_["id"], closed["id"]])


def test_the_board_never_shows_staff_data(site, cw):
    comp = company(site, cw, name=unique("Diskret GmbH "))
    contact = send(cw, "POST", site.url + f"/companies/{comp}/contacts",
                   {"name": "Vertraulich Person", "phone": "069 4455667", "email": "geheim@diskret.example"}).json()["id"]
    p = post(site, cw, comp, occupation(site, cw, "kfz", KFZ), contact_id=contact)
    item = next(j for j in board(site)["items"] if j["id"] == p["id"])
    record = requests.get(site.url + f"/jobs/{p['id']}", headers=JSON).json()
    allowed = {"id", "title", "occupation_id", "occupation_name", "duration_months", "bodies", "company_name", "places",
               "free_places", "start_date", "start_year", "min_certificate", "languages", "postal_code", "city",
               "area", "description", "part_time", "internship", "pay_1", "pay_2", "pay_3", "pay_4", "apply_until",
               "expires_on", "opened_at", "updated_at", "public", "apply"}
    assert set(item) <= allowed and set(record) <= allowed, set(record) - allowed
    me = cw.get(site.url + "/me", headers=JSON).json()
    for face in (requests.get(site.url + f"/jobs/{p['id']}").text, json.dumps(record), json.dumps(item),
                 requests.get(site.url + "/jobs.atom").text):
        for private in ("Vertraulich Person", "4455667", "geheim@diskret.example", me["name"], "company_id",
                        "contact", "caseworker", "offer_id"):
            assert private not in face, private


def test_the_board_is_searched_and_filtered(site, cw):
    tag = unique("suche")
    kfz, buero = occupation(site, cw, "kfz", KFZ), occupation(site, cw, "buero", "Kaufmann/-frau für Büromanagement")
    offenbach, dietzenbach, seligenstadt = company(site, cw, "63065"), company(site, cw, "63128"), company(site, cw, "63500")
    a = post(site, cw, offenbach, kfz, title=f"{tag} a")
    b = post(site, cw, dietzenbach, buero, title=f"{tag} b", start_date=next_august(1))
    c = post(site, cw, seligenstadt, kfz, title=f"{tag} c", min_certificate="abitur")
    year = int(next_august()[:4])
    for params, want in (
        ({"occupation_id": kfz}, [a, c]), ({"city": "Dietzenbach"}, [b]), ({"area": "stadt"}, [a]),
        ({"start_year": year + 1}, [b]), ({"body": "oed"}, [b]), ({"min_certificate": "abitur"}, [c]),
        ({"plz": "63067", "km": 5}, [a]),            # 63065 is about 2 km from 63067's centre,
        ({"plz": "63067", "km": 15}, [a, b]),        # Dietzenbach about 11 km,
        ({"plz": "63067", "km": 25}, [a, b, c]),     # Seligenstadt about 18 km
    ):
        assert ids(board(site, q=tag, **params)) == sorted(x["id"] for x in want), params
    assert ids(board(site, q=f"{tag} kfz")) == sorted([a["id"], c["id"]])
    assert ids(board(site, q=f"{tag} kraftfahrzeug")) == sorted([a["id"], c["id"]])
    assert ids(board(site, q=f"{tag} buero")) == [b["id"]]
    r = requests.get(site.url + "/jobs", params={"plz": "10115"}, headers=JSON)
    assert r.status_code == 400 and r.json()["error"]["fields"] == {"plz": DE["jobs_unknown_plz"]}
    r = requests.get(site.url + "/jobs", params={"plz": "6306"}, headers=JSON)
    assert r.status_code == 400 and "plz" in r.json()["error"]["fields"]
    page = requests.get(site.url + "/jobs", params={"q": tag, "plz": "63067", "km": "20"}).text   # a choice of the page
    assert 'id="plz" name="plz" value="63067"' in page and '<option value="20" selected>' in page


def test_a_job_page_says_how_to_apply_through_the_service_point(site, cw):
    p = post(site, cw, company(site, cw), occupation(site, cw, "kfz", KFZ), pay_1=1000, part_time=True,
             description="Werkstatt mit Herz")
    page = requests.get(site.url + f"/jobs/{p['id']}").text
    for shown in ("KAUSA-Servicestelle Teststadt", "+49 69 8065-1234", 'href="tel:+496980651234"',
                  'href="mailto:kausa@teststadt.example"', "Mo-Do 9-16 Uhr", html.escape(DE["jobs_apply_heading"]),
                  "Werkstatt mit Herz", "1000 €"):
        assert shown in page, shown
    record = requests.get(site.url + f"/jobs/{p['id']}", headers=JSON).json()
    assert record["apply"]["name"] == "KAUSA-Servicestelle Teststadt"


def test_without_an_apply_contact_the_operator_is_named(make_server):
    srv = make_server(env={"AZUBIMATCH_OPERATOR_NAME": "Träger der Servicestelle",
                           "AZUBIMATCH_OPERATOR_PHONE": "069 111222"})
    seed_demo(srv)
    job = board(srv)["items"][0]
    page = requests.get(srv.url + f"/jobs/{job['id']}").text
    assert "Träger der Servicestelle" in page and "069 111222" in page


def test_each_job_carries_schema_org_data_as_valid_json(site, cw):
    nasty = 'Koch </script><script>alert("x")</script> & "Sous-Chef" \\ ü'
    p = post(site, cw, company(site, cw, "63110", name="Gasthaus \"Zur Krone\" </script>"),
             occupation(site, cw, "koch", "Koch/Köchin"), title=nasty, pay_1=900, part_time=True,
             description="Zeile 1\nZeile 2 </SCRIPT> <!--", apply_until=next_august(), min_certificate="hauptschule")
    page = requests.get(site.url + f"/jobs/{p['id']}").text
    assert "</script><script>alert" not in page and "</SCRIPT> <!--" not in page
    ld = json_ld(page)
    assert ld["@context"].startswith("https://schema.org") and ld["@type"] == "JobPosting"
    assert ld["title"] == nasty
    assert ld["description"] == "Zeile 1\nZeile 2 </SCRIPT> <!--"
    assert ld["hiringOrganization"] == {"@type": "Organization", "name": "Gasthaus \"Zur Krone\" </script>"}
    assert ld["jobLocation"]["address"] == {"@type": "PostalAddress", "postalCode": "63110",
                                            "addressLocality": "Rodgau", "addressCountry": "DE"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ld["datePosted"]) and ld["datePosted"] == p["opened_at"][:10]
    assert ld["validThrough"] == next_august()
    assert ld["employmentType"] == ["FULL_TIME", "PART_TIME"]
    assert ld["occupationalCategory"] == "Koch/Köchin"
    assert ld["educationRequirements"] == DE["certificate_hauptschule"]
    assert ld["baseSalary"]["currency"] == "EUR" and ld["baseSalary"]["value"]["value"] == 900
    assert ld["url"] == f"https://azubimatch.teststadt.example/jobs/{p['id']}"
    assert ld["applicationContact"] == {"@type": "ContactPoint", "name": "KAUSA-Servicestelle Teststadt",
                                        "telephone": "+49 69 8065-1234", "email": "kausa@teststadt.example"}
    assert ld["totalJobOpenings"] == 1 and ld["directApply"] is False
    # without a description the data still describes the post
    q = post(site, cw, company(site, cw), occupation(site, cw, "kfz", KFZ))
    ld = json_ld(requests.get(site.url + f"/jobs/{q['id']}").text)
    assert KFZ in ld["description"] and ld["employmentType"] == "FULL_TIME" and "validThrough" not in ld


def test_the_feed_is_atom_with_the_newly_opened_posts(site, cw):
    comp, kfz = company(site, cw), occupation(site, cw, "kfz", KFZ)
    shown = post(site, cw, comp, kfz, title=unique("Neu & frisch <geöffnet>"))
    hidden = post(site, cw, comp, kfz, title=unique("noch nicht"), status="pending")
    r = requests.get(site.url + "/jobs.atom")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(r.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}id").text == "https://azubimatch.teststadt.example/jobs.atom"
    assert feed.find(f"{ATOM}updated").text and feed.find(f"{ATOM}author/{ATOM}name").text
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert shown["title"] in titles and hidden["title"] not in titles
    assert titles.index(shown["title"]) == 0   # the newest first
    entry = entries[0]
    url = f"https://azubimatch.teststadt.example/jobs/{shown['id']}"
    assert entry.find(f"{ATOM}id").text == url and entry.find(f"{ATOM}link").get("href") == url
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.find(f"{ATOM}updated").text)
    assert KFZ in entry.find(f"{ATOM}summary").text
    assert 'href="/jobs.atom"' in requests.get(site.url + "/jobs").text


def test_the_board_page_works_for_people(site):
    page = requests.get(site.url + "/jobs").text
    for label in ("jobs_what", "jobs_near_plz", "jobs_km", "jobs_more_filters", "jobs_start_year"):
        assert html.escape(DE[label]) in page, label
    assert re.search(r'<li class="job-card">\s*<h2><a href="/jobs/\d+">', page)
    assert 'href="/jobs"' in requests.get(site.url + "/").text


# --- demo and synthetic data ---------------------------------------------------------------

def test_seed_demo_brings_posts_and_two_waiting_offers(site, cw):
    """The module's site was seeded with `seed demo`: its posts are on the
    companies, the open ones on the board, and two public submissions wait,
    one of them resembling a demo company."""
    with sqlite3.connect(site.db_path) as con:
        demo = con.execute("SELECT count(*), count(DISTINCT company_id) FROM posts WHERE id IN "
                           "(SELECT object_id FROM audit_log WHERE user_email = 'demo data' AND object_type = 'post')"
                           ).fetchone()
        offers = con.execute("SELECT name, match_state, status FROM offers ORDER BY id LIMIT 2").fetchall()
    assert demo[0] >= 8 and demo[1] >= 8
    assert [o[2] for o in offers] == ["pending", "pending"]
    assert sorted(o[1] for o in offers) == ["new", "suggested"]
    titles = [j["title"] for j in board(site)["items"]]
    assert "Kfz-Mechatroniker/in (m/w/d)" in titles
    assert "Gebäudereiniger/in" not in titles   # waiting for review


def test_seed_synthetic_makes_posts_over_the_companies(tmp_path):
    db = tmp_path / "synth.db"
    assert run_cli("migrate", "--db", db).returncode == 0
    done = run_cli("seed", "synthetic", "--db", db, "--companies", "30", "--posts", "120", "--seed", "3", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "30 companies, 120 posts and 0 candidates" in done.stdout
    with sqlite3.connect(db) as con:
        n, companies, statuses, indexed = con.execute(
            "SELECT count(*), count(DISTINCT company_id), count(DISTINCT status), "
            "(SELECT count(*) FROM posts_fts) FROM posts").fetchone()
    assert n == 120 and companies > 20 and statuses >= 3 and indexed == 120
    more = run_cli("seed", "synthetic", "--db", db, "--companies", "0", "--candidates", "5")
    assert more.returncode == 0 and "0 posts and 5 candidates" in more.stdout, more.stderr
