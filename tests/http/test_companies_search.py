"""Searching companies (?q=, FTS5): prefixes, case, German and Turkish
letters, contact persons, tags and towns; hostile queries neither fail nor
list everything. The module's database holds only the companies made here
(accounts come from `user add`, not the demo data)."""

import pytest

from conftest import JSON, add_user, login, send, unique_email

PASSWORD = "suche-passwort-2026"

# name, postal code, extra fields
COMPANIES = [
    ("Bäckerei Yılmaz GmbH", "63065", {"tags": ["Familienbetrieb"]}),
    ("Metzgerei Müller", "63067", {}),
    ("Şahin Transporte", "63069", {}),
    ("Gül Blumenladen", "63071", {}),
    ("İstanbul Grill", "63075", {}),
    ("Autohaus Weber", "63128", {"tags": ["Elektromobilität"]}),
    ("Friseursalon Schneider", "63110", {"tags": ["Kosmetik"]}),
    ("Zahnarztpraxis Okafor", "60311", {}),
]
CONTACTS = {"Autohaus Weber": ["Dragana Petrović", "Henrik Sørensen"]}
ALL = {name for name, _, _ in COMPANIES}
OFFENBACH = {"Bäckerei Yılmaz GmbH", "Metzgerei Müller", "Şahin Transporte", "Gül Blumenladen", "İstanbul Grill"}


@pytest.fixture(scope="module")
def cw(server):
    email = unique_email("suche")
    add_user(server, email, PASSWORD, role="caseworker", name="Suche Sachbearbeitung")
    s = login(server, email, PASSWORD)
    for name, plz, extra in COMPANIES:
        r = send(s, "POST", server.url + "/companies", {"name": name, "postal_code": plz, **extra,
                                                        "confirm_duplicate": "1"})
        assert r.status_code == 201, r.text
        for person in CONTACTS.get(name, []):
            r2 = send(s, "POST", server.url + f"/companies/{r.json()['id']}/contacts", {"name": person})
            assert r2.status_code == 201, r2.text
    return s


def search(server, s, q, **params):
    r = s.get(server.url + "/companies", params={"q": q, "per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, f"q={q!r}: {r.status_code} {r.text[:300]}"
    return r.json()


def found(server, s, q):
    return {c["name"] for c in search(server, s, q)["items"]}


def test_without_a_query_everything_is_listed(server, cw):
    assert found(server, cw, "") == ALL


@pytest.mark.parametrize("q, expected", [
    # German letters, folded and transliterated
    ("muller", {"Metzgerei Müller"}),
    ("mueller", {"Metzgerei Müller"}),
    ("Müller", {"Metzgerei Müller"}),
    ("MÜLLER", {"Metzgerei Müller"}),
    ("mül", {"Metzgerei Müller"}),
    ("bäck", {"Bäckerei Yılmaz GmbH"}),
    ("back", {"Bäckerei Yılmaz GmbH"}),
    ("BÄCKEREI", {"Bäckerei Yılmaz GmbH"}),
    ("baeckerei", {"Bäckerei Yılmaz GmbH"}),
    # Turkish letters
    ("yilmaz", {"Bäckerei Yılmaz GmbH"}),
    ("YILMAZ", {"Bäckerei Yılmaz GmbH"}),
    ("Yılmaz", {"Bäckerei Yılmaz GmbH"}),
    ("yıl", {"Bäckerei Yılmaz GmbH"}),
    ("Şahin", {"Şahin Transporte"}),
    ("sahin", {"Şahin Transporte"}),
    ("ŞAHİN", {"Şahin Transporte"}),
    ("gul", {"Gül Blumenladen"}),
    ("Gül", {"Gül Blumenladen"}),
    ("istanbul", {"İstanbul Grill"}),
    ("İstanbul", {"İstanbul Grill"}),
    ("ISTANBUL", {"İstanbul Grill"}),
    # prefixes and several words
    ("metz", {"Metzgerei Müller"}),
    ("zahn", {"Zahnarztpraxis Okafor"}),
    ("müller metzgerei", {"Metzgerei Müller"}),
    ("müller schneider", set()),
    ("xylophon", set()),
    # contact persons, tags, towns
    ("petrovic", {"Autohaus Weber"}),
    ("Petrović", {"Autohaus Weber"}),
    ("dragana", {"Autohaus Weber"}),
    ("elektromobil", {"Autohaus Weber"}),
    ("Kosmetik", {"Friseursalon Schneider"}),
    ("familienbetrieb", {"Bäckerei Yılmaz GmbH"}),
    ("dietzenbach", {"Autohaus Weber"}),
    ("Rodgau", {"Friseursalon Schneider"}),
    ("frankfurt", {"Zahnarztpraxis Okafor"}),
    ("offenbach", OFFENBACH),
])
def test_search_finds(server, cw, q, expected):
    body = search(server, cw, q)
    assert {c["name"] for c in body["items"]} == expected
    assert body["total"] == len(expected)


def test_search_in_html(server, cw):
    page = cw.get(server.url + "/companies", params={"q": "yilmaz"})
    assert page.status_code == 200
    assert "Bäckerei Yılmaz GmbH" in page.text and "Metzgerei Müller" not in page.text
    assert 'value="yilmaz"' in page.text  # the search box keeps the query


def test_search_combines_with_filters(server, cw):
    assert found(server, cw, "offenbach") == OFFENBACH
    r = cw.get(server.url + "/companies", params={"q": "offenbach", "area": "kreis"}, headers=JSON)
    assert r.status_code == 200 and r.json()["total"] == 0
    r = cw.get(server.url + "/companies", params={"q": "weber", "area": "kreis"}, headers=JSON)
    assert [c["name"] for c in r.json()["items"]] == ["Autohaus Weber"]


HOSTILE = ['"', "'", "*", "a OR b", "NEAR(a b)", "-x", "^", "(", ")", ":", "name:foo", "\\", "%", "_", "😀",
           "'; DROP TABLE companies; --", '" OR ""="', "* OR *", "OR", "NOT", "text:*", "%%", "__", "a*b",
           "müller\"", "{text}: x", "x" * 10240, "Müller " * 1500]


def _id(q):
    text = q if len(q) <= 24 else f"{q[:8]}...{len(q)}chars"
    return text.encode("ascii", "backslashreplace").decode()


@pytest.mark.parametrize("q", HOSTILE, ids=[_id(q) for q in HOSTILE])
def test_hostile_query_neither_fails_nor_lists_everything(server, cw, q):
    body = search(server, cw, q)
    assert body["total"] < len(ALL), f"q={q[:40]!r} listed every company"
    assert len(body["items"]) == body["total"]
    page = cw.get(server.url + "/companies", params={"q": q})
    assert page.status_code == 200
    csv = cw.get(server.url + "/companies/export.csv", params={"q": q})
    assert csv.status_code == 200
    assert len(csv.content.decode("utf-8-sig").strip().splitlines()) - 1 == body["total"]


@pytest.mark.parametrize("raw", ["%00", "a%00b", "m%C3%BCller%00"])
def test_nul_in_the_query_is_400_or_harmless(server, cw, raw):
    r = cw.get(server.url + "/companies?per_page=200&q=" + raw, headers=JSON)
    assert r.status_code in (200, 400), r.text[:300]
    if r.status_code == 200:
        assert r.json()["total"] < len(ALL)
    else:
        assert r.json()["error"]["code"] in ("bad_request", "invalid")


def test_the_table_still_works_after_sql_in_the_query(server, cw):
    search(server, cw, "'; DROP TABLE companies; --")
    search(server, cw, "\"); DELETE FROM companies_fts; --")
    assert found(server, cw, "") == ALL
    assert found(server, cw, "müller") == {"Metzgerei Müller"}
    r = send(cw, "POST", server.url + "/companies", {"name": "Nach Angriff", "postal_code": "35410"})
    assert r.status_code == 201, r.text
    assert found(server, cw, "angriff") == {"Nach Angriff"}
    assert send(cw, "DELETE", server.url + f"/companies/{r.json()['id']}").status_code in (200, 204)


def test_query_is_shown_escaped(server, cw):
    page = cw.get(server.url + "/companies", params={"q": '"><script>alert(1)</script>'})
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


# --- the index follows changes (companies in Hungen, 35410, apart from the set above) ---

def test_index_follows_rename_contacts_and_delete(server, cw):
    r = send(cw, "POST", server.url + "/companies", {"name": "Kiosk Alphaland", "postal_code": "35410"})
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    assert found(server, cw, "alphaland") == {"Kiosk Alphaland"}
    assert found(server, cw, "hungen") == {"Kiosk Alphaland"}

    r = send(cw, "PATCH", server.url + f"/companies/{cid}", {"name": "Kiosk Omegaland", "tags": ["Späti"]})
    assert r.status_code == 200, r.text
    assert found(server, cw, "alphaland") == set()
    assert found(server, cw, "omegaland") == {"Kiosk Omegaland"}
    assert found(server, cw, "spati") == {"Kiosk Omegaland"}

    r = send(cw, "POST", server.url + f"/companies/{cid}/contacts", {"name": "Xaver Quendelmaier"})
    assert r.status_code == 201, r.text
    assert found(server, cw, "quendel") == {"Kiosk Omegaland"}
    r = send(cw, "POST", server.url + f"/companies/{cid}/contacts/{r.json()['id']}/delete", {})
    assert r.status_code in (200, 204, 303), r.text
    assert found(server, cw, "quendel") == set()

    assert send(cw, "DELETE", server.url + f"/companies/{cid}").status_code in (200, 204)
    assert found(server, cw, "omegaland") == set()
    assert found(server, cw, "hungen") == set()
