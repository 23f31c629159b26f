"""Occupations and posts for staff (issue 10, points 1 and 2): the
recognised occupations searched the forgiving way, with bodies, duration,
legal basis and open posts, marked inactive by admins and never deleted in
use; posts made, edited, listed with every filter and the forgiving search,
moved through their status only as the rules say, on their company's page;
a refused post names its field and writes nothing."""

import html
import itertools
import json
import re
import sqlite3
import time

import pytest

from conftest import JSON, REPO, send, seed_demo, staff

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
KFZ = "Kraftfahrzeugmechatroniker/-in"
BUERO = "Kaufmann/-frau für Büromanagement"
_serial = itertools.count(1)


@pytest.fixture(scope="module")
def site(server):
    return seed_demo(server)


@pytest.fixture(scope="module")
def cw(site):
    return staff(site, "caseworker")


@pytest.fixture(scope="module")
def admin(site):
    return staff(site, "admin")


@pytest.fixture(scope="module")
def viewer(site):
    return staff(site, "viewer")


def unique(word):
    """A word no other test uses: lets a test search exactly its own posts."""
    return f"{word}{next(_serial)}x{time.monotonic_ns() % 10**6}"


def occupations(site, s, **params):
    r = s.get(site.url + "/occupations", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, f"{params}: {r.status_code} {r.text[:300]}"
    return r.json()


def occupation_id(site, s, name):
    found = [o for o in occupations(site, s, q=name.split("/")[0])["items"] if o["name"] == name]
    assert found, f"no occupation {name!r}"
    return found[0]["id"]


def new_company(site, s, name=None, plz="63065"):
    r = send(s, "POST", site.url + "/companies",
             {"name": name or unique("Betrieb "), "postal_code": plz, "confirm_duplicate": "1"})
    assert r.status_code == 201, r.text[:300]
    return r.json()["id"]


def next_august():
    today = time.strftime("%Y-%m-%d")
    year = int(today[:4])
    return f"{year if today[5:] <= '08-01' else year + 1}-08-01"


def make_post(site, s, company, occupation, **fields):
    body = {"company_id": company, "occupation_id": occupation, "title": unique("Platz "), "places": 1,
            "start_date": next_august(), **fields}
    r = send(s, "POST", site.url + "/posts", body)
    assert r.status_code == 201, f"{r.status_code} {r.text[:400]}"
    assert r.headers["Location"] == f"/posts/{r.json()['id']}"
    return r.json()


def posts(site, s, **params):
    r = s.get(site.url + "/posts", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, f"{params}: {r.status_code} {r.text[:300]}"
    return r.json()


def ids(listing):
    return sorted(p["id"] for p in listing["items"])


def problems(r):
    assert r.status_code == 400, f"expected 400, got {r.status_code}: {r.text[:300]}"
    return r.json()["error"]["fields"]


def db(site):
    return sqlite3.connect(site.db_path)


# --- 1. occupations ------------------------------------------------------------------------

@pytest.mark.parametrize("typed,name", [("kfz", KFZ), ("KFZ", KFZ), ("kraftfahrzeug", KFZ), ("Kraftfahrz", KFZ),
                                        ("buero", BUERO), ("Büro", BUERO), ("buromanagement", BUERO),
                                        ("Bueromanagement", BUERO)])
def test_occupations_are_found_however_typed(site, cw, typed, name):
    found = [o["name"] for o in occupations(site, cw, q=typed)["items"]]
    assert name in found, f"{typed!r} does not find {name!r}: {found[:10]}"
    page = cw.get(site.url + "/occupations", params={"q": typed})
    assert page.status_code == 200 and html.escape(name) in page.text


def test_kfz_finds_the_kfz_occupation_and_not_every_driver(site, cw):
    found = [o["name"] for o in occupations(site, cw, q="kfz")["items"]]
    assert found == [KFZ]


def test_occupation_json_carries_the_contract_fields(site, cw):
    items = occupations(site, cw, q="Kraftfahrzeugmechatroniker")["items"]
    o = next(i for i in items if i["name"] == KFZ)
    assert {"id", "name", "duration_months", "bodies", "active"} <= set(o)
    assert o["duration_months"] == 42 and o["bodies"] == ["ihk", "hwk"] and o["active"] is True
    assert isinstance(o["open_posts"], int)
    r = cw.get(site.url + f"/occupations/{o['id']}", headers=JSON)
    assert r.status_code == 200
    assert r.json()["legal_basis"] == "BBiG+HwO Anlage A Nr. 20"
    page = cw.get(site.url + f"/occupations/{o['id']}").text
    for shown in ("42", DE["body_ihk"], DE["body_hwk"], "BBiG+HwO Anlage A Nr. 20", "KfzMechaAusbV"):
        assert html.escape(shown) in page, shown


def test_occupations_filter_by_body(site, cw):
    sea = occupations(site, cw, body="see")["items"]
    assert sea and all("see" in o["bodies"] for o in sea)
    assert any(o["name"] == "Schiffsmechaniker/-in" for o in sea)


def test_an_unknown_body_is_a_400(site, cw):
    r = cw.get(site.url + "/occupations", params={"body": "nonsense"}, headers=JSON)
    assert problems(r).keys() == {"body"}


def test_occupations_count_their_open_posts(site, cw):
    occ = occupation_id(site, cw, "Augenoptiker/-in")
    before = cw.get(site.url + f"/occupations/{occ}", headers=JSON).json()["open_posts"]
    company = new_company(site, cw)
    p = make_post(site, cw, company, occ)
    make_post(site, cw, company, occ, status="pending")
    assert cw.get(site.url + f"/occupations/{occ}", headers=JSON).json()["open_posts"] == before + 1
    send(cw, "POST", site.url + f"/posts/{p['id']}/status", {"status": "closed"})
    assert cw.get(site.url + f"/occupations/{occ}", headers=JSON).json()["open_posts"] == before


def test_admins_mark_an_occupation_inactive_and_back(site, cw, admin):
    occ = occupation_id(site, cw, "Glasapparatebauer/-in")
    r = send(cw, "PATCH", site.url + f"/occupations/{occ}", {"active": False})
    assert r.status_code == 403
    r = send(admin, "PATCH", site.url + f"/occupations/{occ}", {"active": False})
    assert r.status_code == 200 and r.json()["active"] is False
    assert occ in [o["id"] for o in occupations(site, cw, active="0")["items"]]
    assert occ not in [o["id"] for o in occupations(site, cw, active="1")["items"]]
    company = new_company(site, cw)
    r = send(cw, "POST", site.url + "/posts", {"company_id": company, "occupation_id": occ, "title": "x",
                                              "places": 1, "start_date": next_august()})
    assert problems(r) == {"occupation_id": DE["posts_occupation_inactive"]}
    # the form's buttons do the same
    r = send(admin, "POST", site.url + f"/occupations/{occ}", {"active": "1"}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/occupations/{occ}?done=occupation_saved"
    assert cw.get(site.url + f"/occupations/{occ}", headers=JSON).json()["active"] is True


def test_an_occupation_in_use_is_never_deleted(site, cw, admin):
    occ = occupation_id(site, cw, "Bogenmacher/-in")
    make_post(site, cw, new_company(site, cw), occ)
    r = send(admin, "DELETE", site.url + f"/occupations/{occ}")
    assert r.status_code == 409 and r.json()["error"]["message"] == DE["occupations_in_use"]
    assert cw.get(site.url + f"/occupations/{occ}", headers=JSON).status_code == 200
    page = admin.get(site.url + f"/occupations/{occ}").text
    assert f'action="/occupations/{occ}/delete"' not in page and DE["occupations_in_use_hint"] in page


def test_an_unused_occupation_is_deleted_by_admins_only(site, cw, admin):
    occ = occupation_id(site, cw, "Zupfinstrumentenmacher/-in")
    assert send(cw, "POST", site.url + f"/occupations/{occ}/delete", {}, as_json=False).status_code == 403
    assert f'action="/occupations/{occ}/delete"' in admin.get(site.url + f"/occupations/{occ}").text
    r = send(admin, "POST", site.url + f"/occupations/{occ}/delete", {}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == "/occupations?done=occupation_deleted"
    assert cw.get(site.url + f"/occupations/{occ}", headers=JSON).status_code == 404
    assert "Zupfinstrumentenmacher/-in" not in [o["name"] for o in occupations(site, cw, q="zupf")["items"]]


# --- 2. posts ----------------------------------------------------------------------------------

def test_a_post_with_every_field(site, cw):
    company = new_company(site, cw, plz="63110")
    r = send(cw, "POST", site.url + f"/companies/{company}/contacts", {"name": "Deniz Arslan", "phone": "069 123"})
    contact = r.json()["id"]
    occ = occupation_id(site, cw, KFZ)
    p = make_post(site, cw, company, occ, title="Kfz-Mechatroniker/in (m/w/d)", places=3, min_certificate="hauptschule",
                  languages=["de", "tr"], postal_code="63065", description="Werkstatt mit 5 Leuten",
                  part_time=True, internship=True, pay_1=1000, pay_2=1100, pay_3=1200, pay_4=1300,
                  contact_id=contact, apply_until=next_august(), expires_on=next_august())
    assert p["status"] == "open" and p["opened_at"]
    for key, value in (("company_id", company), ("occupation_id", occ), ("places", 3), ("free_places", 3),
                       ("min_certificate", "hauptschule"), ("languages", ["de", "tr"]), ("postal_code", "63065"),
                       ("city", "Offenbach"), ("area", "stadt"), ("start_year", int(next_august()[:4])),
                       ("part_time", True), ("internship", True), ("pay_1", 1000), ("pay_4", 1300),
                       ("contact_id", contact), ("contact_name", "Deniz Arslan"), ("occupation_name", KFZ),
                       ("bodies", ["ihk", "hwk"])):
        assert p[key] == value, key
    page = cw.get(site.url + f"/posts/{p['id']}").text
    for shown in ("Kfz-Mechatroniker/in (m/w/d)", KFZ, "Deniz Arslan", "1000 €", "1300 €", "Werkstatt mit 5 Leuten",
                  DE["certificate_hauptschule"], DE["post_status_open"], f'href="/companies/{company}"'):
        assert html.escape(shown) in page or shown in page, shown


def test_a_post_takes_its_companys_place_when_none_is_given(site, cw):
    p = make_post(site, cw, new_company(site, cw, plz="63128"), occupation_id(site, cw, KFZ))
    assert (p["postal_code"], p["city"], p["area"]) == ("63128", "Dietzenbach", "kreis")


@pytest.mark.parametrize("change,field,message", [
    ({"occupation_id": 999999}, "occupation_id", "posts_no_occupation"),
    ({"occupation_id": None}, "occupation_id", "field_required"),
    ({"company_id": 999999}, "company_id", "posts_no_company"),
    ({"places": 0}, "places", "field_bad_number"),
    ({"places": 100}, "places", "field_bad_number"),
    ({"start_date": "2020-08-01"}, "start_date", "posts_start_past"),
    ({"start_date": "2027-02-30"}, "start_date", "field_bad_date"),
    ({"status": "filled"}, "status", "posts_status_new"),
])
def test_a_refused_post_names_its_field_and_writes_nothing(site, cw, change, field, message):
    company = new_company(site, cw)
    before = posts(site, cw, per_page=1)["total"]
    body = {"company_id": company, "occupation_id": occupation_id(site, cw, KFZ), "title": "x", "places": 1,
            "start_date": next_august(), **change}
    r = send(cw, "POST", site.url + "/posts", {k: v for k, v in body.items() if v is not None})
    assert problems(r) == {field: DE[message]}
    assert posts(site, cw, per_page=1)["total"] == before
    with db(site) as con:
        assert con.execute("SELECT count(*) FROM posts WHERE company_id = ?", (company,)).fetchone()[0] == 0


def test_the_form_names_every_problem_at_once_beside_its_field(site, cw):
    company = new_company(site, cw)
    r = send(cw, "POST", site.url + "/posts", {"company_id": company, "occupation": "Gibtsnichtberuf",
                                              "title": "x", "places": "0", "start_date": "2020-01-01"},
             as_json=False)
    assert r.status_code == 400 and r.headers["Content-Type"].startswith("text/html")
    for field, input_id in (("occupation_id", "occupation"), ("places", "places"), ("start_date", "start_date")):
        tag = re.search(rf'<input id="{input_id}"[^>]*>', r.text).group(0)
        assert 'aria-invalid="true"' in tag, tag
        assert f"{input_id}-problem" in tag, tag
        assert re.search(rf'<p class="problem" id="{input_id}-problem">', r.text), field
    assert html.escape(DE["posts_occupation_unknown"]) in r.text
    assert html.escape(DE["posts_start_past"]) in r.text
    assert 'value="Gibtsnichtberuf"' in r.text   # what was typed stays


def test_the_form_finds_the_occupation_as_typed(site, cw):
    company = new_company(site, cw)
    r = send(cw, "POST", site.url + "/posts", {"company_id": company, "occupation": "kfz mechatroniker", "title": "",
                                              "places": "2", "start_date": next_august()}, as_json=False)
    assert r.status_code == 303, r.text[:500]
    pid = int(re.fullmatch(r"/posts/(\d+)\?done=post_created", r.headers["Location"]).group(1))
    p = cw.get(site.url + f"/posts/{pid}", headers=JSON).json()
    assert p["occupation_name"] == KFZ and p["title"] == KFZ  # named after its occupation
    # several matches: the form asks which one
    r = send(cw, "POST", site.url + "/posts", {"company_id": company, "occupation": "Elektroniker", "title": "x",
                                              "places": "1", "start_date": next_august()}, as_json=False)
    assert r.status_code == 400
    assert html.escape(DE["posts_did_you_mean"]) in r.text
    offered = re.findall(r'<input type="radio" name="occupation_id" value="\d+"> ([^<]+)</label>', r.text)
    assert 2 <= len(offered) <= 8 and all("Elektroniker" in o for o in offered), offered


def test_status_moves_only_as_the_rules_say(site, cw):
    p = make_post(site, cw, new_company(site, cw), occupation_id(site, cw, KFZ), status="pending")
    url = site.url + f"/posts/{p['id']}/status"

    def move(to, frm=None):
        return send(cw, "POST", url, {"status": to, **({"from": frm} if frm else {})})

    assert problems(move("filled")) == {"status": DE["posts_status_move"]}      # pending -> filled: no
    assert move("open").json()["status"] == "open"
    assert move("pending").status_code == 400                                     # never back to pending
    assert move("filled", "open").status_code == 200
    assert move("closed", "filled").status_code == 400                            # filled -> closed: no
    assert move("open", "filled").status_code == 200                              # back to open
    assert move("closed", "open").status_code == 200
    assert move("open").status_code == 200
    # a page that saw "open" after someone else closed it: 409, nothing changes
    assert move("closed", "open").status_code == 200
    r = move("filled", "open")
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"
    assert cw.get(site.url + f"/posts/{p['id']}", headers=JSON).json()["status"] == "closed"
    # an edit never moves the status
    r = send(cw, "PATCH", site.url + f"/posts/{p['id']}", {"status": "open", "title": "anders"})
    assert problems(r) == {"status": DE["field_state_by_action"]}
    assert cw.get(site.url + f"/posts/{p['id']}", headers=JSON).json()["title"] != "anders"


def test_status_buttons_on_the_page_post_and_say_so(site, cw):
    p = make_post(site, cw, new_company(site, cw), occupation_id(site, cw, KFZ))
    page = cw.get(site.url + f"/posts/{p['id']}").text
    buttons = re.findall(r'name="from" value="open">\s*<input type="hidden" name="status" value="(\w+)">', page)
    assert sorted(buttons) == ["closed", "filled"]
    r = send(cw, "POST", site.url + f"/posts/{p['id']}/status", {"status": "filled", "from": "open"}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/posts/{p['id']}?done=post_filled"
    page = cw.get(site.url + r.headers["Location"]).text
    assert f'role="status">{html.escape(DE["done_post_filled"])}' in page
    with db(site) as con:
        fields = con.execute("SELECT fields FROM audit_log WHERE object_type = 'post' AND object_id = ? "
                             "AND action = 'update' ORDER BY id DESC", (p["id"],)).fetchone()[0]
    assert fields == '["status"]'


def test_an_edit_keeps_what_it_does_not_send(site, cw):
    p = make_post(site, cw, new_company(site, cw), occupation_id(site, cw, KFZ), places=2, pay_1=900)
    r = send(cw, "PATCH", site.url + f"/posts/{p['id']}", {"places": 4})
    assert r.status_code == 200, r.text
    q = r.json()
    assert q["places"] == 4 and q["pay_1"] == 900 and q["title"] == p["title"] and q["status"] == "open"
    # the edit form shows the stored values; a stale save is a 409
    form = cw.get(site.url + f"/posts/{p['id']}/edit").text
    assert f'value="{html.escape(KFZ)}"' in form and 'name="updated_at"' in form
    r = send(cw, "POST", site.url + f"/posts/{p['id']}", {"updated_at": "2000-01-01T00:00:00Z", "places": 5})
    assert r.status_code == 409
    # the company stays
    r = send(cw, "PATCH", site.url + f"/posts/{p['id']}", {"company_id": new_company(site, cw)})
    assert problems(r) == {"company_id": DE["posts_company_fixed"]}


def test_free_places_follow_the_filled_ones(site, cw):
    """Placements with a contract (a later issue) keep places_filled; free
    places and their filter follow it, and no edit leaves fewer places than
    are filled."""
    tag = unique("frei")
    p = make_post(site, cw, new_company(site, cw), occupation_id(site, cw, KFZ), places=3, title=tag)
    with db(site) as con:
        con.execute("UPDATE posts SET places_filled = 2 WHERE id = ?", (p["id"],))
    got = cw.get(site.url + f"/posts/{p['id']}", headers=JSON).json()
    assert got["free_places"] == 1
    assert ids(posts(site, cw, q=tag, free_places=1)) == [p["id"]]
    assert ids(posts(site, cw, q=tag, free_places=2)) == []
    r = send(cw, "PATCH", site.url + f"/posts/{p['id']}", {"places": 1})
    assert problems(r) == {"places": DE["posts_places_below_filled"]}


def test_every_filter_and_the_search(site, cw):
    tag = unique("filter")
    kfz, buero, elektro = (occupation_id(site, cw, n) for n in (KFZ, BUERO, "Elektroniker/-in"))
    stadt, kreis = new_company(site, cw, plz="63065"), new_company(site, cw, plz="63110")
    year = int(next_august()[:4])
    a = make_post(site, cw, stadt, kfz, title=f"{tag} eins", languages=["tr"], places=2)
    b = make_post(site, cw, kreis, buero, title=f"{tag} zwei", min_certificate="mittlere_reife",
                  start_date=f"{year + 1}-09-01")
    c = make_post(site, cw, kreis, elektro, title=f"{tag} drei", status="pending")
    every = sorted(x["id"] for x in (a, b, c))
    assert ids(posts(site, cw, q=tag)) == every
    for params, want in (
        ({"status": "open"}, [a, b]), ({"status": "pending"}, [c]), ({"occupation_id": buero}, [b]),
        ({"body": "hwk"}, [a, c]), ({"body": "oed"}, [b]), ({"city": "rodgau"}, [b, c]), ({"area": "stadt"}, [a]),
        ({"area": "kreis"}, [b, c]), ({"start_year": year + 1}, [b]), ({"company_id": kreis}, [b, c]),
        ({"free_places": 2}, [a]), ({"min_certificate": "mittlere_reife"}, [b]), ({"language": "tr"}, [a]),
        ({"status": "open", "area": "kreis"}, [b]),
    ):
        assert ids(posts(site, cw, q=tag, **params)) == sorted(x["id"] for x in want), params
    # forgiving search: the occupation's abbreviation, umlauts typed any way, the company's town
    assert a["id"] in ids(posts(site, cw, q=f"{tag} kfz"))
    assert a["id"] in ids(posts(site, cw, q=f"{tag} kraftfahrzeug"))
    assert ids(posts(site, cw, q=f"{tag} buero")) == [b["id"]]
    assert ids(posts(site, cw, q=f"{tag} Büro")) == [b["id"]]
    assert ids(posts(site, cw, q=f"{tag} rodgau")) == sorted([b["id"], c["id"]])
    r = cw.get(site.url + "/posts", params={"status": "nonsense"}, headers=JSON)
    assert problems(r).keys() == {"status"}


def test_the_list_page_shows_its_rows_and_filters(site, cw):
    tag = unique("liste")
    p = make_post(site, cw, new_company(site, cw, name=f"{tag} GmbH"), occupation_id(site, cw, KFZ), title=tag)
    page = cw.get(site.url + "/posts", params={"q": tag}).text
    assert f'<a href="/posts/{p["id"]}">{tag}</a>' in page
    assert html.escape(KFZ) in page and f"{tag} GmbH" in page and DE["post_status_open"] in page
    assert 'name="body"' in page and 'name="free_places"' in page and 'name="start_year"' in page


def test_posts_are_on_their_companys_page(site, cw):
    company = new_company(site, cw)
    p = make_post(site, cw, company, occupation_id(site, cw, KFZ))
    page = cw.get(site.url + f"/companies/{company}").text
    assert f'<a href="/posts/{p["id"]}">{html.escape(p["title"])}</a>' in page
    assert f'href="/posts/new?company_id={company}"' in page
    assert ids(posts(site, cw, company_id=company)) == [p["id"]]
    post_page = cw.get(site.url + f"/posts/{p['id']}").text
    assert f'href="/companies/{company}"' in post_page


def test_renaming_a_company_renames_it_in_the_search(site, cw):
    company = new_company(site, cw)
    p = make_post(site, cw, company, occupation_id(site, cw, KFZ))
    new_name = unique("Umbenannt")
    assert send(cw, "PATCH", site.url + f"/companies/{company}", {"name": new_name}).status_code == 200
    assert ids(posts(site, cw, q=new_name)) == [p["id"]]


def test_a_deleted_company_takes_its_posts_out_of_the_search(site, cw):
    tag = unique("weg")
    company = new_company(site, cw)
    make_post(site, cw, company, occupation_id(site, cw, KFZ), title=tag)
    assert posts(site, cw, q=tag)["total"] == 1
    assert send(cw, "DELETE", site.url + f"/companies/{company}").status_code == 200
    assert posts(site, cw, q=tag)["total"] == 0


def test_a_viewer_reads_and_never_writes(site, cw, viewer):
    p = make_post(site, cw, new_company(site, cw), occupation_id(site, cw, KFZ))
    assert viewer.get(site.url + f"/posts/{p['id']}", headers=JSON).status_code == 200
    assert send(viewer, "PATCH", site.url + f"/posts/{p['id']}", {"places": 2}).status_code == 403
    assert send(viewer, "POST", site.url + f"/posts/{p['id']}/status", {"status": "closed"}).status_code == 403
    assert send(viewer, "POST", site.url + "/posts", {"company_id": 1}).status_code == 403


def test_posts_export_as_csv(site, cw):
    tag = unique("csv")
    make_post(site, cw, new_company(site, cw), occupation_id(site, cw, KFZ), title=tag)
    r = cw.get(site.url + "/posts/export.csv", params={"q": tag})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    lines = r.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and tag in lines[1] and DE["field_occupation_name"] in lines[0]


def test_posts_export_link_only_for_those_who_may_export(site, cw, viewer):
    tag = unique("csvlink")
    make_post(site, cw, new_company(site, cw), occupation_id(site, cw, KFZ), title=tag)
    assert 'href="/posts/export.csv?q=' in cw.get(site.url + "/posts", params={"q": tag}).text
    assert "/posts/export.csv" not in viewer.get(site.url + "/posts", params={"q": tag}).text
    assert viewer.get(site.url + "/posts/export.csv", params={"q": tag}).status_code == 403
