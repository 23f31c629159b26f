"""Lists a caseworker can work with and pages everyone can use, as the HTML
says it (issue 9, points 7 and 8): page numbers and the current page marked,
a page past the end, sortable column headers, the last contact and next
follow-up of each company, no CSV link for nothing, phone numbers that dial,
problems tied to their fields, valid autocomplete values, the logged-in
header on every page (404 included), the Impressum and Datenschutz pages
from the configuration, and axe-core never served."""

import datetime
import html
import re
import sqlite3
import time
from html.parser import HTMLParser

import pytest

from conftest import JSON, REPO, seed_demo, send, staff

LEGAL = {
    "AZUBIMATCH_OPERATOR_NAME": "KAUSA-Servicestelle Testhausen",
    "AZUBIMATCH_OPERATOR_ADDRESS": "Musterweg 1, 63065 Offenbach am Main",
    "AZUBIMATCH_OPERATOR_PHONE": "+49 69 1234-56",
    "AZUBIMATCH_OPERATOR_EMAIL": "kausa@test.example",
    "AZUBIMATCH_CONTENT_RESPONSIBLE": "Erika Muster, Musterweg 1, 63065 Offenbach am Main",
    "AZUBIMATCH_PRIVACY_OFFICER": "Max Datenschutz, datenschutz@test.example",
    "AZUBIMATCH_PRIVACY_AUTHORITY": "Aufsichtsbehörde Testland",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import Server
    srv = Server(tmp_path_factory.mktemp("lists"), env=LEGAL)
    seed_demo(srv)
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def cw(site):
    return staff(site, "caseworker")


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside
    each element that has an id (for aria-describedby)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.by_id, self._open = [], {}, []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in ("input", "br", "img", "meta", "link"):
            self._open.append((tag, a.get("id")))
            if a.get("id"):
                self.by_id[a["id"]] = ""

    def handle_endtag(self, tag):
        while self._open:
            t, _ = self._open.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for _, i in self._open:
            if i:
                self.by_id[i] += data

    def find(self, tag, **want):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in want.items())]


def page(s, url, status=200):
    r = s.get(url)
    assert r.status_code == status, f"{url}: {r.status_code} {r.text[:300]}"
    assert r.headers["Content-Type"].startswith("text/html"), r.headers["Content-Type"]
    return r.text


def main(text):
    return text[text.index("<main"):text.index("</main>")]


def pager_links(text):
    """(page number, href, aria-current) of each number in the pager."""
    nav = re.search(r'<nav class="pager".*?</nav>', text, re.S)
    assert nav, "no pager on the page"
    return [(int(n), html.unescape(h), cur) for h, cur, n in re.findall(
        r'<a href="([^"]*)"(?: aria-current="(\w+)")?><span class="visually-hidden">Seite </span>(\d+)</a>',
        nav.group(0))]


def companies(site, s, **params):
    r = s.get(site.url + "/companies", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, r.text[:300]
    return r.json()


def create(site, s, name, **fields):
    r = send(s, "POST", site.url + "/companies",
             {"name": name, "postal_code": "63065", "confirm_duplicate": "1", **fields})
    assert r.status_code == 201, r.text[:300]
    return r.json()["id"]


# --- 7. lists ---------------------------------------------------------------------------

def test_pager_numbers_every_page_and_marks_the_current_one(site, cw):
    total = companies(site, cw)["total"]
    assert total >= 12
    text = page(cw, site.url + "/companies?per_page=2&page=3&chamber=")
    links = pager_links(text)
    numbers = [n for n, _, _ in links]
    pages = (total + 1) // 2
    assert numbers[0] == 1 and numbers[-1] == pages, f"first and last page missing: {numbers}"
    assert 2 in numbers and 4 in numbers, f"the pages next to page 3 are missing: {numbers}"
    current = [(n, cur) for n, _, cur in links if cur]
    assert current == [(3, "page")], f"aria-current marks {current}, not page 3 alone"
    for n, href, _ in links:
        assert f"page={n}" in href and "per_page=2" in href and "chamber=" in href, \
            f"page {n}'s link loses the list's parameters: {href}"
    # the links lead to those pages
    n, href, _ = links[-1]
    last = page(cw, site.url + "/companies" + href)
    assert [cur for m, _, cur in pager_links(last) if m == n] == ["page"]


def test_long_lists_show_gaps_not_every_number(site, cw):
    text = page(cw, site.url + "/companies?per_page=1&page=6")
    numbers = [n for n, _, _ in pager_links(text)]
    total = companies(site, cw)["total"]
    assert numbers == [1, 4, 5, 6, 7, 8, total], numbers
    assert text.count('class="pager-gap"') == 2


def test_a_page_past_the_end_says_so_and_leads_to_the_last(site, cw):
    total = companies(site, cw)["total"]
    last = (total + 4) // 5
    body = main(page(cw, site.url + "/companies?per_page=5&page=40"))
    assert "Diese Seite gibt es in der Liste nicht." in body
    m = re.search(r'id="past-end">[^<]*<a href="([^"]+)">Zur letzten Seite \((\d+)\)</a>', body)
    assert m and int(m.group(2)) == last and f"page={last}" in html.unescape(m.group(1)), body[-1500:]
    assert "Keine Betriebe gefunden." not in body, "past the end is not 'no companies'"
    assert "<tbody>" not in body
    # JSON keeps the contract: that page has no items, the total is the list's
    got = cw.get(site.url + "/companies?per_page=5&page=40", headers=JSON).json()
    assert got["items"] == [] and got["total"] == total and got["page"] == 40
    # an empty list's page 2 says so too
    body = main(page(cw, site.url + "/companies?q=zzzqqq&page=2"))
    assert "Diese Seite gibt es in der Liste nicht." in body


def test_sortable_headers_sort_and_reverse_and_say_so(site, cw):
    text = page(cw, site.url + "/companies?per_page=200&chamber=hwk")
    ths = re.findall(r'<th scope="col"([^>]*)>(.*?)</th>', text, re.S)
    sortable = {re.sub(r"<[^>]+>|[▲▼]", "", inner).strip(): (attrs, inner) for attrs, inner in ths if "<a " in inner}
    assert set(sortable) == {"Betrieb · Branche", "Ort", "Ausbildungsstand · Kammer"}, sortable.keys()
    attrs, inner = sortable["Betrieb · Branche"]
    assert 'aria-sort="ascending"' in attrs, "the default order (by name) is not marked on its header"
    assert all("aria-sort" not in a for k, (a, _) in sortable.items() if k != "Betrieb · Branche")
    href = html.unescape(re.search(r'href="([^"]+)"', inner).group(1))
    assert "sort=-name" in href and "chamber=hwk" in href and not re.search(r"[?&]page=", href), href

    def row_names(t):
        return [html.unescape(n) for n in re.findall(r'<td class="cell-main"><a href="/companies/\d+">([^<]+)</a>', t)]

    ascending = row_names(text)
    assert len(ascending) >= 3 and ascending == sorted(ascending, key=str.casefold)
    reversed_text = page(cw, site.url + "/companies" + href)
    assert row_names(reversed_text) == ascending[::-1], "the header's second click does not reverse the order"
    th = re.search(r'<th scope="col"([^>]*)><a class="sort" href="([^"]+)">Betrieb', reversed_text)
    assert 'aria-sort="descending"' in th.group(1) and "sort=name" in html.unescape(th.group(2))
    # the filter form keeps the reversed order
    assert re.search(r'<option value="-name" selected>Name \(umgekehrt\)</option>', reversed_text)
    # by town: postal codes in order
    by_place = page(cw, site.url + "/companies?per_page=200&sort=postal_code")
    codes = re.findall(r'<td><span class="cell-label" aria-hidden="true">Ort: </span>(\d{5})', by_place)
    assert codes and codes == sorted(codes)
    assert cw.get(site.url + "/companies?sort=-nonsense", headers=JSON).status_code == 400
    assert cw.get(site.url + "/followups?sort=-due", headers=JSON).status_code == 400, "an order without a reverse"


def test_last_contact_and_next_follow_up_columns(site, cw):
    cid = create(site, cw, "Kontaktspalten Test GmbH", tags=["spalten"])
    today = datetime.date.today()
    day = lambda n: (today + datetime.timedelta(days=n)).isoformat()  # noqa: E731
    row = companies(site, cw, tag="spalten")["items"][0]
    assert row["last_contact"] is None and row["next_follow_up"] is None
    for date, follow_up in ((day(-20), day(5)), (day(-3), day(9)), (day(-10), None)):
        r = send(cw, "POST", site.url + f"/companies/{cid}/activities",
                 {"kind": "call", "date": date, "subject": "Anruf", "follow_up": follow_up})
        assert r.status_code == 201, r.text
    row = companies(site, cw, tag="spalten")["items"][0]
    assert row["last_contact"] == day(-3), "last contact is not the latest activity's day"
    assert row["next_follow_up"] == day(5), "next follow-up is not the earliest open one"
    # the earliest is done: the next one moves on
    due = [a for a in cw.get(site.url + f"/companies/{cid}", headers=JSON).json()["activities"]
           if a["follow_up"] == day(5)]
    assert send(cw, "POST", site.url + f"/followups/{due[0]['id']}/done", {}).status_code in (200, 303)
    row = companies(site, cw, tag="spalten")["items"][0]
    assert row["next_follow_up"] == day(9)
    # the page shows them as dates for people
    text = page(cw, site.url + "/companies?tag=spalten")
    local = lambda iso: datetime.date.fromisoformat(iso).strftime("%d.%m.%Y")  # noqa: E731
    assert f"Letzter Kontakt: </span>{local(day(-3))}" in text
    assert f"Nächste Wiedervorlage: </span>{local(day(9))}" in text
    assert "<th scope=\"col\">Letzter Kontakt</th>" in text and "<th scope=\"col\">Nächste Wiedervorlage</th>" in text


def test_next_follow_up_is_read_along_the_index_of_migration_0011(site):
    con = sqlite3.connect(site.db_path)
    try:
        plan = " ".join(row[3] for row in con.execute(
            "EXPLAIN QUERY PLAN SELECT (SELECT min(a.follow_up) FROM activities a WHERE a.company_id = t.id "
            "AND a.follow_up IS NOT NULL AND a.follow_up_done_at IS NULL), "
            "(SELECT max(a.date) FROM activities a WHERE a.company_id = t.id) FROM companies t WHERE t.id = 1"))
    finally:
        con.close()
    assert "activities_company_open_follow_up" in plan, plan
    assert "COVERING INDEX activities_company" in plan, plan


def test_no_csv_link_for_an_empty_result(site, cw):
    empty = main(page(cw, site.url + "/companies?q=zzzqqqxx"))
    assert "Keine Betriebe gefunden." in empty
    assert "export.csv" not in empty and "CSV" not in empty, "a CSV link for nothing"
    full = main(page(cw, site.url + "/companies?chamber=hwk"))
    m = re.search(r'<a href="([^"]+)" id="export-link">', full)
    assert m and html.unescape(m.group(1)) == "/companies/export.csv?chamber=hwk"


def test_phone_numbers_are_tel_links(site, cw):
    cid = create(site, cw, "Telefon Test OHG", phone="+49 (069) 123 45-6")
    r = send(cw, "POST", site.url + f"/companies/{cid}/contacts", {"name": "Ada Ruf", "phone": "0170 / 987 654"})
    assert r.status_code == 201, r.text
    body = main(page(cw, site.url + f"/companies/{cid}"))
    assert '<a href="tel:+49069123456">+49 (069) 123 45-6</a>' in body, body[:2000]
    assert '<a href="tel:0170987654">0170 / 987 654</a>' in body
    # a contact without a number gets no link (and never the company's)
    r = send(cw, "POST", site.url + f"/companies/{cid}/contacts", {"name": "Ohne Nummer"})
    body = main(page(cw, site.url + f"/companies/{cid}"))
    item = re.search(r"<li><strong>Ohne Nummer</strong>.*?</li>", body, re.S).group(0)
    assert "tel:" not in item


def test_the_header_marks_where_the_person_is(site, cw):
    text = page(cw, site.url + "/companies")
    assert '<a href="/companies" aria-current="page">Betriebe</a>' in text
    assert '<a href="/followups">Wiedervorlagen</a>' in text
    text = page(cw, site.url + "/companies/1")
    assert '<a href="/companies" aria-current="true">Betriebe</a>' in text
    assert '<a href="/" aria-current="page">Start</a>' in page(cw, site.url + "/")


# --- 8. accessible to everyone ---------------------------------------------------------------

@pytest.mark.parametrize("where", ["/nicht-da", "/companies/999999", "/static/nicht-da.css", "/admin/nix/da"])
def test_a_logged_in_person_sees_the_logged_in_header_on_a_404(site, cw, where):
    text = page(cw, site.url + where, status=404)
    header = text[text.index("<header"):text.index("</header>")]
    assert "Jonas Weber" in header and "Abmelden" in header, header
    assert '<a href="/companies"' in header, "the staff navigation is missing"
    assert "Anmelden" not in header


def test_a_404_of_nobody_logged_in_offers_the_log_in(site):
    import requests
    r = requests.get(site.url + "/nicht-da")
    assert r.status_code == 404
    header = r.text[r.text.index("<header"):r.text.index("</header>")]
    assert "Anmelden" in header and "Abmelden" not in header
    # and a JSON 404 is unchanged
    r = requests.get(site.url + "/nicht-da", headers=JSON)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_a_problem_is_tied_to_its_field(site, cw):
    r = send(cw, "POST", site.url + "/companies",
             {"name": "Fehler Test", "postal_code": "6306", "email": "kein-at", "city": ""}, as_json=False)
    assert r.status_code == 400
    doc = Elements(r.text)
    for name, problem in (("postal_code", "Postleitzahl"), ("email", "E-Mail-Adresse")):
        (el,) = doc.find("input", name=name)
        assert el.get("aria-invalid") == "true", f"{name} is not marked invalid: {el}"
        ids = (el.get("aria-describedby") or "").split()
        assert ids, f"{name} names no description"
        said = " ".join(doc.by_id.get(i, "") for i in ids)
        assert problem in said, f"{name}'s description {said!r} is not its problem"
    (name,) = doc.find("input", name="name")
    assert "aria-invalid" not in name and "aria-describedby" not in name, name
    # a hint is tied to its field even without a problem
    (city,) = doc.find("input", name="city")
    assert "aria-invalid" not in city
    assert "Postleitzahl" in doc.by_id[city["aria-describedby"]], doc.by_id.get(city.get("aria-describedby"))


# the autocomplete tokens the HTML standard allows per kind of control
AUTOFILL = {"on", "off", "name", "honorific-prefix", "given-name", "additional-name", "family-name",
            "honorific-suffix", "nickname", "organization-title", "username", "new-password",
            "current-password", "one-time-code", "organization", "address-line1", "address-line2",
            "address-line3", "address-level4", "address-level3", "address-level2", "address-level1",
            "country", "country-name", "postal-code", "cc-name", "cc-given-name", "cc-additional-name",
            "cc-family-name", "cc-number", "cc-exp", "cc-exp-month", "cc-exp-year", "cc-csc", "cc-type",
            "transaction-currency", "transaction-amount", "language", "bday", "bday-day", "bday-month",
            "bday-year", "sex", "url", "photo", "tel", "tel-country-code", "tel-national",
            "tel-area-code", "tel-local", "tel-local-prefix", "tel-local-suffix", "tel-extension",
            "email", "impp"}
MULTILINE_ONLY = {"street-address"}  # textarea and select only


@pytest.mark.parametrize("where", ["/login", "/companies/new", "/companies/1", "/companies/1/edit",
                                   "/admin/users/new", "/me", "/companies"])
def test_autocomplete_values_are_valid(site, where):
    import requests
    s = requests.Session() if where == "/login" else staff(site, "admin")
    doc = Elements(page(s, site.url + where))
    seen = 0
    for tag, attrs in doc.tags:
        value = attrs.get("autocomplete")
        if value is None:
            continue
        seen += 1
        token = value.split()[-1] if value.split() else ""
        assert token in AUTOFILL or (token in MULTILINE_ONLY and tag != "input"), \
            f"{where}: <{tag} name={attrs.get('name')!r}> autocomplete={value!r} is not valid on <{tag}>"
    if where == "/login":
        assert seen >= 2


def test_the_legal_pages_show_the_configured_operator_and_every_page_links_them(site, cw):
    import requests
    anon = requests.Session()
    text = page(anon, site.url + "/impressum")
    body = main(text)
    for key in ("OPERATOR_NAME", "OPERATOR_ADDRESS", "OPERATOR_EMAIL", "CONTENT_RESPONSIBLE"):
        assert html.escape(LEGAL["AZUBIMATCH_" + key], quote=False) in body, key
    assert '<a href="tel:+4969123456">+49 69 1234-56</a>' in body
    assert "<h1>Impressum</h1>" in body and "noch nicht vollständig" not in body
    body = main(page(anon, site.url + "/datenschutz"))
    assert "<h1>Datenschutz</h1>" in body
    for key in ("OPERATOR_NAME", "PRIVACY_OFFICER", "PRIVACY_AUTHORITY"):
        assert LEGAL["AZUBIMATCH_" + key] in body, key
    assert "„lang“" in body and "Art. 77 DSGVO" in body
    # the footer of every page, public or staff, 404 too, links both
    for s, where, status in ((anon, "/", 200), (anon, "/login", 200), (anon, "/nix", 404),
                             (cw, "/companies", 200), (cw, "/companies/1", 200), (cw, "/nix", 404)):
        t = page(s, site.url + where, status)
        footer = t[t.index("<footer"):]
        assert '<a href="/impressum">Impressum</a>' in footer and '<a href="/datenschutz">Datenschutz</a>' in footer, \
            f"{where}: {footer[:400]}"


def test_without_legal_settings_the_pages_say_they_are_incomplete(make_server):
    import requests
    srv = make_server()
    body = main(page(requests.Session(), srv.url + "/impressum"))
    assert "Die Angaben zum Anbieter dieser Seiten sind noch nicht vollständig eingetragen." in body
    assert "tel:" not in body
    assert srv.wait_log(r"\[legal\] operator_name and operator_address are not both set"), \
        "no warning at start about the missing Impressum"


def test_the_start_page_offers_only_pages_that_exist(site):
    import requests
    s = requests.Session()
    text = page(s, site.url + "/")
    hrefs = set(re.findall(r'<a[^>]* href="(/[^"]*)"', text))
    assert {"/impressum", "/datenschutz", "/login", "/about"} <= hrefs, hrefs
    for href in hrefs:
        r = s.get(site.url + html.unescape(href), allow_redirects=False)
        assert r.status_code in (200, 303), f"the start page links {href}, which answers {r.status_code}"
    # the ways in that exist now (issue 10): offering a post, the job board
    assert {"/offer", "/jobs"} <= hrefs, hrefs
    # nothing promised that is not there yet (sign-up links, reports)
    lowered = main(text).lower()
    for absent in ("/join", "link ihrer schule", "bewerberpool", "berichte"):
        assert absent not in lowered, f"the start page offers {absent!r}, which does not exist"


# --- 9. axe-core is the tests', never the users' -----------------------------------------------

def test_axe_core_is_never_served(site, cw):
    for where in ("/static/axe.min.js", "/static/../build/axe/node_modules/axe-core/axe.min.js",
                  "/build/axe/node_modules/axe-core/axe.min.js", "/node_modules/axe-core/axe.min.js"):
        r = cw.get(site.url + where)
        assert r.status_code in (400, 404), f"{where}: {r.status_code}"
        assert "axe.run" not in r.text
    assert not list((REPO / "static").rglob("axe*")), "axe-core under static/"
    for where in ("/", "/companies", "/companies/1", "/login"):
        assert not re.search(r"axe[.-](min|core)|axe\.run", cw.get(site.url + where).text), where
