"""The warning about a company that may already be there, in a crowded
postal area: it compares the new name with every company of the area (not
only the first 500), by keys written with each company, and given at
start-up to companies stored before keys existed.

The module's database starts at the schema before the keys (0007), with
FILLERS companies in Offenbach's postal area (630xx) put there directly, as
an older program would have left them; then the program starts (which
migrates), and "Bäckerei Yılmaz" is created through HTTP after them all (the
highest id). Accounts come from `user add`."""

import sqlite3

import pytest

from conftest import JSON, MIGRATIONS, Server, add_user, login, send, unique_email

PASSWORD = "dubletten-passwort-2026"
FILLERS = 520   # more companies in the area than the check once looked at (500)


def create(srv, s, name, plz, confirm=True):
    body = {"name": name, "postal_code": plz}
    if confirm:
        body["confirm_duplicate"] = "1"
    return send(s, "POST", srv.url + "/companies", body)


def total(srv, s):
    r = s.get(srv.url + "/companies", params={"per_page": 1}, headers=JSON)
    assert r.status_code == 200, r.text[:300]
    return r.json()["total"]


def keys(db):
    with sqlite3.connect(db) as con:
        return dict(con.execute("SELECT name, name_key FROM companies"))


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """(server, caseworker's client, the bakery's record)."""
    directory = tmp_path_factory.mktemp("crowded")
    con = sqlite3.connect(directory / "test.db")
    con.executescript("BEGIN;" + "".join(path.read_text(encoding="utf-8") for path in MIGRATIONS
                                         if int(path.name[:4]) < 8) + "COMMIT;")
    con.execute("PRAGMA user_version = 7")
    con.executemany("INSERT INTO companies (name, postal_code, city, area) VALUES (?, ?, 'Offenbach am Main', 'stadt')",
                    [(f"Abbruch Nord {i}", ("63067", "63069", "63071")[i % 3]) for i in range(FILLERS)])
    con.commit()
    con.close()

    srv = Server(directory)   # `migrate`, then `serve`
    try:
        email = unique_email("dubletten")
        add_user(srv, email, PASSWORD, role="caseworker", name="Dubletten Sachbearbeitung")
        s = login(srv, email, PASSWORD)
        r = create(srv, s, "Bäckerei Yılmaz", "63075")
        assert r.status_code == 201, r.text[:300]
        yield srv, s, r.json()
    finally:
        srv.close()


def test_companies_stored_before_keys_existed_got_theirs_at_start(crowded):
    srv, _, _ = crowded
    stored = keys(srv.db_path)
    assert len(stored) >= FILLERS + 1
    assert None not in stored.values()
    assert stored["Abbruch Nord 7"] == "abbruch nord 7"
    assert stored["Bäckerei Yılmaz"] == "backerei yilmaz"   # written with the company


def test_a_match_beyond_the_500th_company_of_the_area_is_found(crowded):
    server, s, bakery = crowded
    before = total(server, s)
    assert bakery["id"] > 500   # stored after the first 500 of the area
    r = create(server, s, "Baeckerei Yilmaz GmbH", "63065", confirm=False)
    assert r.status_code == 409, r.text[:300]
    err = r.json()["error"]
    assert err["code"] == "conflict"
    assert [d["id"] for d in err["duplicates"]] == [bakery["id"]]
    assert err["duplicates"][0]["name"] == "Bäckerei Yılmaz"
    assert total(server, s) == before


def test_the_same_name_is_listed_before_names_that_only_resemble_it(crowded):
    server, s, _ = crowded
    # five near ones ("Abbruch Nord" shares two of its three words with each
    # filler) would fill the list; the same name still comes first
    r = create(server, s, "Nord Abbruch", "63065", confirm=False)
    assert r.status_code == 409, r.text[:300]
    assert len(r.json()["error"]["duplicates"]) == 5
    r = create(server, s, "Abbruch Nord 519 e.K.", "63065", confirm=False)
    dup = r.json()["error"]["duplicates"]
    assert r.status_code == 409 and len(dup) == 5
    assert dup[0]["name"] == "Abbruch Nord 519"


def test_an_unrelated_name_in_the_crowded_area_does_not_warn(crowded):
    server, s, _ = crowded
    r = create(server, s, "Schreinerei Okonkwo", "63065", confirm=False)
    assert r.status_code == 201, r.text[:300]


def test_the_same_name_in_another_postal_area_does_not_warn(crowded):
    server, s, _ = crowded
    r = create(server, s, "Baeckerei Yilmaz GmbH", "60311", confirm=False)
    assert r.status_code == 201, r.text[:300]
