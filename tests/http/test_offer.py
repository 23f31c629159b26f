"""The public offer form and its review (issue 10, point 3): a company
registers itself and its posts without logging in, in plain German, the
occupation chosen by typing (a <datalist>, and a search step without
JavaScript), agrees to the privacy notice and learns what happens next;
the submission becomes pending posts of a new company or of one the
duplicate rules find, never shown on the board until a caseworker approves
it. A signed, time-limited token, a honeypot and a limit per address
protect the form; nothing of a refused submission is stored. Caseworkers
see the queue (and a count on the start page), confirm the match or make a
new company, approve or reject with a reason; the company's message is
kept until e-mail exists."""

import hashlib
import hmac
import html
import itertools
import json
import re
import sqlite3
import struct
import time
from pathlib import Path

import pytest

from conftest import DEMO, JSON, REPO, Server, login, seed_demo, send, staff

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
EN = json.loads((REPO / "locales" / "en.json").read_text(encoding="utf-8"))
_serial = itertools.count(1)
KOCH = "Koch/Köchin"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # many submissions from this one address in this module: the limit has
    # a test of its own with a server of its own
    srv = Server(tmp_path_factory.mktemp("offer"), env={"AZUBIMATCH_OFFER_MAX_PER_HOUR": "1000"})
    seed_demo(srv)
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def cw(site):
    return staff(site, "caseworker")


def unique(word):
    return f"{word} {next(_serial)}x{time.monotonic_ns() % 10**6}"


def next_august():
    today = time.strftime("%Y-%m-%d")
    year = int(today[:4])
    return f"{year if today[5:] <= '08-01' else year + 1}-08-01"


def token_of(page):
    m = re.search(r'<input type="hidden" name="form_token" value="([^"]+)">', page)
    assert m, "no form token on the form"
    return m.group(1)


def fresh_token(site, s=None):
    r = (s or __import__("requests")).get(site.url + "/offer")
    assert r.status_code == 200
    return token_of(r.text)


def company(**fields):
    return {"name": unique("Pizzeria"), "street": "Marktplatz 1", "postal_code": "63067", "city": "",
            "phone": "069 555 1234", "email": "info@pizzeria.example", "contact_name": "Gianni Rossi",
            "privacy_consent": "1", **fields}


def post(**fields):
    return {"occupation": KOCH, "title": "", "places": "1", "start_date": next_august(), "min_certificate": "none",
            "description": "Italienische Küche, nette Kolleginnen.", **fields}


def submit(site, data, s=None, token=True, **kwargs):
    import requests
    s = s or requests.Session()
    body = dict(data)
    if token is True:
        body["form_token"] = fresh_token(site, s)
    elif token:
        body["form_token"] = token
    kwargs.setdefault("allow_redirects", False)
    return s.post(site.url + "/offer", data=body, **kwargs)


def db(site):
    return sqlite3.connect(site.db_path)


def counts(site):
    with db(site) as con:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("offers", "posts", "companies", "company_contacts"))


def offer_of(site, name):
    with db(site) as con:
        row = con.execute("SELECT id FROM offers WHERE name = ?", (name,)).fetchone()
    assert row, f"no offer from {name!r}"
    return row[0]


def main(text):
    return text[text.index("<main"):text.index("</main>")]


# --- the form ------------------------------------------------------------------------------

def test_the_form_is_public_plain_and_works_without_javascript(site):
    import requests
    r = requests.get(site.url + "/offer")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    page = r.text
    for name in ("name", "street", "postal_code", "city", "email", "phone", "contact_name", "occupation", "title",
                 "places", "start_date", "min_certificate", "privacy_consent", "form_token"):
        assert f'name="{name}"' in page, name
    # the occupation typed with suggestions from a <datalist>: no script needed
    assert 'list="occupation-names"' in page and '<datalist id="occupation-names">' in page
    assert f'<option value="{html.escape("Kraftfahrzeugmechatroniker/-in")}">' in page
    assert "<script" not in main(page)
    # plain German, saying what happens and what is shown in public
    for text in ("offer_title", "offer_lead", "offer_privacy_text", "offer_privacy_consent", "offer_send"):
        assert html.escape(DE[text]) in page, text
    assert 'href="/datenschutz"' in page
    privacy = requests.get(site.url + "/datenschutz").text
    for text in ("privacy_offer_heading", "privacy_offer_text", "privacy_offer_public"):
        assert html.escape(DE[text]) in privacy, text
    # the honeypot: a field nobody sees
    assert re.search(r'<div class="hp" aria-hidden="true">\s*<label for="homepage">', page)
    assert 'autocomplete="tel"' in page and 'type="tel"' in page   # phone first
    # the form speaks English too
    en = requests.get(site.url + "/offer", headers={"Accept-Language": "en"}).text
    assert html.escape(EN["offer_title"]) in en


def test_a_submission_waits_for_review_and_is_not_on_the_board(site, cw):
    import requests
    name, title = unique("Trattoria"), unique("Koch bei uns")
    before = counts(site)
    r = submit(site, {**company(name=name), **post(title=title)})
    assert r.status_code == 303 and r.headers["Location"] == "/offer/sent", r.text[:500]
    page = requests.get(site.url + "/offer/sent").text
    for text in ("offer_sent_title", "offer_next_heading", "offer_next_1", "offer_next_3"):
        assert html.escape(DE[text]) in page, text
    assert counts(site) == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1)
    oid = offer_of(site, name)
    o = cw.get(site.url + f"/offers/{oid}", headers=JSON).json()
    assert o["status"] == "pending" and o["match_state"] == "new" and o["consent_version"]
    assert o["city"] == "Offenbach" and o["contact_name"] == "Gianni Rossi"
    [p] = o["posts"]
    assert p["status"] == "pending" and p["title"] == title and p["occupation_name"] == KOCH
    assert p["company_id"] == o["company_id"] and p["contact_name"] == "Gianni Rossi"
    # in the queue, never on the board
    assert oid in [x["id"] for x in cw.get(site.url + "/offers", headers=JSON).json()["items"]]
    board = requests.get(site.url + "/jobs", params={"q": title}, headers=JSON).json()
    assert board["total"] == 0
    assert requests.get(site.url + f"/jobs/{p['id']}").status_code == 404
    # approved: the post is open and on the board
    r = send(cw, "POST", site.url + f"/offers/{oid}/approve", {}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/offers/{oid}?done=offer_approved"
    board = requests.get(site.url + "/jobs", params={"q": title}, headers=JSON).json()
    assert [x["id"] for x in board["items"]] == [p["id"]]
    assert cw.get(site.url + f"/posts/{p['id']}", headers=JSON).json()["status"] == "open"
    # decided once: again is a 409
    assert send(cw, "POST", site.url + f"/offers/{oid}/approve", {}).status_code == 409


def test_several_posts_in_one_form(site, cw):
    name = unique("Hotel")
    data = {**company(name=name), "occupation": [KOCH, "Hotelfachmann/-frau"], "title": ["", ""],
            "places": ["1", "2"], "start_date": [next_august(), next_august()], "min_certificate": ["none", "hauptschule"],
            "description": ["", "Schichtdienst"]}
    r = submit(site, data)
    assert r.status_code == 303, r.text[:500]
    posts = cw.get(site.url + f"/offers/{offer_of(site, name)}", headers=JSON).json()["posts"]
    assert [(p["occupation_name"], p["places"], p["min_certificate"]) for p in posts] == [
        (KOCH, 1, "none"), ("Hotelfachmann/-frau", 2, "hauptschule")]
    assert posts[0]["title"] == KOCH   # an empty title is the occupation's name


def test_json_clients_send_posts_as_a_list(site, cw):
    import requests
    s = requests.Session()
    token = fresh_token(site, s)
    name = unique("Imbiss")
    kfz = cw.get(site.url + "/occupations", params={"q": "kfz"}, headers=JSON).json()["items"][0]["id"]
    body = {**company(name=name), "privacy_consent": True, "form_token": token,
            "posts": [{"occupation_id": kfz, "title": "Kfz", "places": 1, "start_date": next_august()},
                      {"occupation_id": kfz, "title": "Kfz 2", "places": 0, "start_date": "2020-01-01"}]}
    r = s.post(site.url + "/offer", json=body, headers=JSON)
    assert r.status_code == 400
    assert r.json()["error"]["fields"] == {"posts[1].places": DE["field_bad_number"],
                                           "posts[1].start_date": DE["posts_start_past"]}
    body["posts"][1].update(places=2, start_date=next_august())
    r = s.post(site.url + "/offer", json=body, headers=JSON)
    assert r.status_code == 201 and r.headers["Location"] == "/offer/sent"
    assert r.json() == {"status": "pending", "posts": 2}
    # the JSON face of the form gives the token
    assert requests.get(site.url + "/offer", headers=JSON).json()["form_token"]


@pytest.mark.parametrize("change,field,message", [
    ({"privacy_consent": ""}, "privacy_consent", "offer_consent_needed"),
    ({"name": ""}, "name", "field_required"),
    ({"phone": ""}, "phone", "field_required"),
    ({"contact_name": ""}, "contact_name", "field_required"),
    ({"postal_code": "6306"}, "postal_code", "field_bad_plz"),
    ({"email": "nicht-mail"}, "email", "field_bad_email"),
    ({"occupation": "Gibtsnichtberuf"}, "occupation_id", "posts_occupation_unknown"),
    ({"occupation": ""}, "occupation_id", "field_required"),
    ({"places": "0"}, "places", "field_bad_number"),
    ({"start_date": "2020-08-01"}, "start_date", "posts_start_past"),
    ({"min_certificate": "diplom"}, "min_certificate", "field_bad_choice"),
])
def test_a_refused_submission_names_its_field_and_stores_nothing(site, change, field, message):
    before = counts(site)
    r = submit(site, {**company(), **post(), **change}, headers=JSON)
    assert r.status_code == 400, r.text[:300]
    assert r.json()["error"]["fields"] == {field: DE[message]}
    assert counts(site) == before
    # the page: the problem beside its field, what was typed kept
    data = {**company(name="Eiscafé Venezia"), **post(), **change}
    page = submit(site, data).text
    assert html.escape(DE[message]) in page
    if "name" not in change:
        assert 'value="Eiscafé Venezia"' in page
    invalid = re.findall(r'<(?:input|select)[^>]*aria-invalid="true"[^>]*>', page)
    assert len(invalid) == 1, invalid
    described = re.search(r'aria-describedby="([^"]*)"', invalid[0]).group(1).split()
    assert any(re.search(rf'<p class="problem" id="{d}">', page) for d in described), described
    assert counts(site) == before


# --- protection --------------------------------------------------------------------------------

def test_no_token_or_a_forged_one_is_refused_and_stores_nothing(site):
    before = counts(site)
    for token in (False, "", "1700000000.00112233445566778899aabbccddeeff." + "0" * 64):
        r = submit(site, {**company(), **post()}, token=token, headers=JSON)
        assert r.status_code == 403 and r.json()["error"]["code"] == "csrf", (token, r.text[:200])
        assert r.json()["error"]["message"] == DE["offer_token_bad"]
    assert counts(site) == before


def made_token(site, ends, purpose=b"offer"):
    """A token as the server makes them, with its key derived from the site
    key file beside the database (libsodium's crypto_kdf: BLAKE2b keyed
    with the site key, subkey 1, context "formtokn"): HMAC-SHA-512 (cut to
    32 bytes) over the purpose with its length, the end and the nonce."""
    master = Path(str(site.db_path) + ".key").read_bytes()
    key = hashlib.blake2b(b"", digest_size=32, key=master, salt=struct.pack("<Q", 1) + bytes(8),
                          person=b"formtokn" + bytes(8)).digest()
    nonce = "ab" * 16
    msg = bytes([len(purpose)]) + purpose + b"|" + str(ends).encode() + b"|" + nonce.encode()
    mac = hmac.new(key, msg, hashlib.sha512).digest()[:32].hex()
    return f"{ends}.{nonce}.{mac}"


def test_an_expired_form_is_shown_again_with_what_was_typed(site):
    before = counts(site)
    good = made_token(site, int(time.time()) + 600)
    name = unique("Pasticceria")
    r = submit(site, {**company(name=name), **post()}, token=good)
    assert r.status_code == 303   # the test makes tokens as the server does
    expired = made_token(site, int(time.time()) - 5)
    r = submit(site, {**company(name="Bar Centrale"), **post()}, token=expired)
    assert r.status_code == 403 and html.escape(DE["offer_token_expired"]) in r.text
    assert 'value="Bar Centrale"' in r.text and token_of(r.text) != expired   # a fresh token to send again
    for bad in (made_token(site, int(time.time()) + 10 * 24 * 3600),      # longer than a form lives
                made_token(site, int(time.time()) + 600, purpose=b"join")):  # another form's
        assert submit(site, {**company(), **post()}, token=bad).status_code == 403
    assert counts(site)[0] == before[0] + 1


def test_a_cross_site_post_is_refused(site):
    before = counts(site)
    r = submit(site, {**company(), **post()}, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    assert counts(site) == before


def test_the_honeypot_looks_accepted_and_stores_nothing(site, cw):
    before = counts(site)
    name = unique("Spam")
    r = submit(site, {**company(name=name), **post(), "homepage": "http://spam.example"})
    assert r.status_code == 303 and r.headers["Location"] == "/offer/sent"   # a bot learns nothing
    r = submit(site, {**company(name=name), **post(), "homepage": "x"}, headers=JSON)
    assert r.status_code == 201 and r.json() == {"status": "pending", "posts": 1}
    assert counts(site) == before
    assert name not in json.dumps(cw.get(site.url + "/offers", params={"all": 1}, headers=JSON).json())


def test_the_limit_per_address_refuses_and_stores_nothing(make_server):
    srv = make_server(env={"AZUBIMATCH_OFFER_MAX_PER_HOUR": "2"})
    for i in range(2):
        assert submit(srv, {**company(), **post()}).status_code == 303
    before = counts(srv)
    r = submit(srv, {**company(name="Dritter Versuch"), **post()})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert 'value="Dritter Versuch"' in r.text   # nothing typed is lost
    assert submit(srv, {**company(), **post()}, headers=JSON).status_code == 429
    assert counts(srv) == before
    with sqlite3.connect(srv.db_path) as con:
        assert con.execute("SELECT count(*) FROM login_attempts WHERE email LIKE 'offer:%'").fetchone()[0] == 2


# --- steps of the form without JavaScript ---------------------------------------------------------

def test_another_post_and_one_less_keep_what_was_typed(site):
    before = counts(site)
    r = submit(site, {**company(name="Metzgerei Kaya"), **post(title="Erster Platz"), "add_post": "1"}, token=False)
    assert r.status_code == 200
    assert r.text.count('class="offer-post"') == 2 and 'value="Erster Platz"' in r.text
    assert 'value="Metzgerei Kaya"' in r.text
    assert 'id="p2-occupation"' in r.text and 'for="p2-occupation"' in r.text
    data = {**company(), "occupation": [KOCH, ""], "title": ["eins", "zwei"], "places": ["1", "1"],
            "start_date": [next_august()] * 2, "min_certificate": ["none", "none"], "description": ["", ""],
            "remove_post": "1"}
    r = submit(site, data, token=False)
    assert r.status_code == 200 and r.text.count('class="offer-post"') == 1
    assert 'value="zwei"' in r.text and 'value="eins"' not in r.text
    assert counts(site) == before


def test_an_occupation_typed_loosely_is_asked_about(site):
    r = submit(site, {**company(), **post(occupation="Elektroniker")})
    assert r.status_code == 400 and html.escape(DE["offer_did_you_mean"]) in r.text
    picks = re.findall(r'<button type="submit" name="pick" value="1:(\d+)"[^>]*>([^<]+)</button>', r.text)
    assert len(picks) >= 2 and all("Elektroniker" in n for _, n in picks), picks
    chosen_id, chosen = picks[0]
    r = submit(site, {**company(), **post(occupation="Elektroniker"), "pick": f"1:{chosen_id}"}, token=False)
    assert r.status_code == 200 and f'value="{html.escape(chosen)}"' in r.text
    # abbreviations and umlauts work as in every search
    name = unique("Werkstatt")
    assert submit(site, {**company(name=name), **post(occupation="kfz")}).status_code == 303


# --- the review ------------------------------------------------------------------------------------

def test_a_known_company_is_suggested_and_confirmed_before_approval(site, cw):
    before = counts(site)
    r = submit(site, {**company(name="Baeckerei Yilmaz", postal_code="63065", contact_name="Deniz Yılmaz",
                                email="deniz@yilmaz.example"), **post(title=unique("Backstube"))})
    assert r.status_code == 303
    assert counts(site)[2] == before[2]   # no new company
    oid = max(x["id"] for x in cw.get(site.url + "/offers", headers=JSON).json()["items"]
              if x["name"] == "Baeckerei Yilmaz")
    o = cw.get(site.url + f"/offers/{oid}", headers=JSON).json()
    bakery = cw.get(site.url + f"/companies/{o['company_id']}", headers=JSON).json()
    assert o["match_state"] == "suggested" and bakery["name"] == "Bäckerei Yılmaz"
    page = cw.get(site.url + f"/offers/{oid}").text
    assert html.escape(DE["offers_match_question"]) in page and 'value="same"' in page and 'value="new"' in page
    # not before the match is settled
    r = send(cw, "POST", site.url + f"/offers/{oid}/approve", {})
    assert r.status_code == 409 and r.json()["error"]["message"] == DE["offers_confirm_match_first"]
    r = send(cw, "POST", site.url + f"/offers/{oid}/match", {"action": "same"}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/offers/{oid}?done=offer_match_same"
    bakery = cw.get(site.url + f"/companies/{o['company_id']}", headers=JSON).json()
    contact = [c for c in bakery["contacts"] if c["name"] == "Deniz Yılmaz"]
    assert len(contact) == 1
    [p] = cw.get(site.url + f"/offers/{oid}", headers=JSON).json()["posts"]
    assert p["contact_id"] == contact[0]["id"]
    assert send(cw, "POST", site.url + f"/offers/{oid}/match", {"action": "new"}).status_code == 409
    assert send(cw, "POST", site.url + f"/offers/{oid}/approve", {}).status_code == 200
    # the message to the company, kept until e-mail exists
    o = cw.get(site.url + f"/offers/{oid}", headers=JSON).json()
    [m] = o["messages"]
    assert m["to"] == "deniz@yilmaz.example" and m["subject"] == DE["offer_mail_approved_subject"]
    assert "Deniz Yılmaz" in m["body"] and m["sent"] is False


def test_another_company_after_all_gets_the_posts(site, cw):
    title = unique("Brot")
    submit(site, {**company(name="Baeckerei Yilmaz", postal_code="63065", contact_name="Ali Veli",
                            street="Andere Straße 9"), **post(title=title)})
    oid = max(x["id"] for x in cw.get(site.url + "/offers", headers=JSON).json()["items"]
              if x["name"] == "Baeckerei Yilmaz")
    old = cw.get(site.url + f"/offers/{oid}", headers=JSON).json()["company_id"]
    assert send(cw, "POST", site.url + f"/offers/{oid}/match", {"action": "new"}).status_code == 200
    o = cw.get(site.url + f"/offers/{oid}", headers=JSON).json()
    assert o["company_id"] != old and o["match_state"] == "new"
    made = cw.get(site.url + f"/companies/{o['company_id']}", headers=JSON).json()
    assert made["name"] == "Baeckerei Yilmaz" and made["street"] == "Andere Straße 9"
    assert [c["name"] for c in made["contacts"]] == ["Ali Veli"]
    [p] = o["posts"]
    assert p["company_id"] == made["id"] and p["title"] == title and p["contact_name"] == "Ali Veli"


def test_a_rejection_needs_a_reason_and_keeps_the_posts_off_the_board(site, cw):
    import requests
    name, title = unique("Kiosk"), unique("Verkauf")
    submit(site, {**company(name=name), **post(title=title)})
    oid = offer_of(site, name)
    r = send(cw, "POST", site.url + f"/offers/{oid}/reject", {"reject_reason": ""}, as_json=False)
    assert r.status_code == 400
    tag = re.search(r'<textarea id="reject_reason"[^>]*>', r.text).group(0)
    assert 'aria-invalid="true"' in tag and "reject_reason-problem" in tag
    r = send(cw, "POST", site.url + f"/offers/{oid}/reject", {"reject_reason": "Kein Ausbildungsbetrieb"})
    assert r.status_code == 200
    o = cw.get(site.url + f"/offers/{oid}", headers=JSON).json()
    assert o["status"] == "rejected" and o["reject_reason"] == "Kein Ausbildungsbetrieb"
    assert [p["status"] for p in o["posts"]] == ["closed"]
    assert requests.get(site.url + "/jobs", params={"q": title}, headers=JSON).json()["total"] == 0
    assert "Kein Ausbildungsbetrieb" in o["messages"][0]["body"]
    assert o["messages"][0]["subject"] == DE["offer_mail_rejected_subject"]


def test_a_rejection_may_remove_the_company_it_made(site, cw):
    name = unique("Briefkastenfirma")
    submit(site, {**company(name=name), **post()})
    oid = offer_of(site, name)
    made = cw.get(site.url + f"/offers/{oid}", headers=JSON).json()["company_id"]
    assert f'name="delete_company"' in cw.get(site.url + f"/offers/{oid}").text
    r = send(cw, "POST", site.url + f"/offers/{oid}/reject", {"reject_reason": "Spam", "delete_company": "1"})
    assert r.status_code == 200
    assert cw.get(site.url + f"/companies/{made}", headers=JSON).status_code == 404
    o = cw.get(site.url + f"/offers/{oid}", headers=JSON).json()
    assert o["status"] == "rejected" and o["company_id"] is None and o["posts"] == []


def test_the_start_page_counts_what_waits(site, cw):
    def shown():
        m = re.search(r'<p class="big-number" id="offers-pending">(\d+)</p>', cw.get(site.url + "/").text)
        assert m, "no count of offers on the start page"
        return int(m.group(1))

    with db(site) as con:
        pending = con.execute("SELECT count(*) FROM offers WHERE status = 'pending'").fetchone()[0]
    assert shown() == pending
    name = unique("Neu")
    submit(site, {**company(name=name), **post()})
    assert shown() == pending + 1
    send(cw, "POST", site.url + f"/offers/{offer_of(site, name)}/approve", {})
    assert shown() == pending
    assert 'href="/offers"' in cw.get(site.url + "/").text


def test_a_viewer_sees_the_queue_and_never_decides(site):
    viewer = staff(site, "viewer")
    name = unique("Lesen")
    submit(site, {**company(name=name), **post()})
    oid = offer_of(site, name)
    assert viewer.get(site.url + f"/offers/{oid}", headers=JSON).status_code == 200
    for action, body in (("approve", {}), ("reject", {"reject_reason": "x"}), ("match", {"action": "same"})):
        assert send(viewer, "POST", site.url + f"/offers/{oid}/{action}", body).status_code == 403
    import requests
    assert requests.get(site.url + "/offers", headers=JSON).status_code == 401


def test_the_contact_persons_data_stays_least_and_internal(site, cw):
    """Only the contact person's name is asked for and kept; it is never on
    the public pages, nor the company's phone or e-mail."""
    import requests
    name, title = unique("Schneiderei"), unique("Nähen")
    submit(site, {**company(name=name, contact_name="Fatma Demir", phone="069 98765", email="fatma@demir.example"),
                  **post(title=title, occupation="Maßschneider/-in")})
    oid = offer_of(site, name)
    with db(site) as con:
        columns = [r[1] for r in con.execute("PRAGMA table_info(offers)")]
    assert not {"contact_phone", "contact_email", "birth_date", "ip"} & set(columns)
    send(cw, "POST", site.url + f"/offers/{oid}/approve", {})
    job = requests.get(site.url + "/jobs", params={"q": title}, headers=JSON).json()["items"][0]
    for public in (requests.get(site.url + f"/jobs/{job['id']}").text,
                   requests.get(site.url + f"/jobs/{job['id']}", headers=JSON).text,
                   requests.get(site.url + "/jobs.atom").text):
        for private in ("Fatma Demir", "98765", "fatma@demir.example"):
            assert private not in public
