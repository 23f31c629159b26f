"""Issue 13, points 2 to 5: the funder's indicators for a period, counted
over known records in a database that holds nothing else (accounts only):
every indicator with its total and splits, small numbers of people as
"<3", the charts and tables, the records behind a figure, the CSV and XLSX
exports (parsed), the period's 400s, and the caseworker's own figures on
the start page."""

import csv
import datetime
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest

from conftest import JSON, add_user, audit_items, client, login, send

TODAY = datetime.date.today()
YEAR_START = f"{TODAY.year}-01-01"
LAST_YEAR = f"{TODAY.year - 1}-06-15"
TOMORROW = (TODAY + datetime.timedelta(days=1)).isoformat()
PERIOD = {"from": YEAR_START, "to": TODAY.isoformat()}
PW = "a-long-enough-test-password-42"


@pytest.fixture(scope="module")
def world(server):
    """Accounts and the known records; returns (srv, caseworker, viewer, admin, ids)."""
    srv = server
    for email, role in (("cw@reports.example", "caseworker"), ("viewer@reports.example", "viewer"),
                        ("admin@reports.example", "admin"), ("other@reports.example", "caseworker")):
        add_user(srv, email, PW, role=role)
    logins = {e: login(srv, e, PW) for e in ("cw@reports.example", "viewer@reports.example",
                                             "admin@reports.example", "other@reports.example")}
    cw, viewer, admin, other = (logins[e] for e in ("cw@reports.example", "viewer@reports.example",
                                                     "admin@reports.example", "other@reports.example"))
    ids = {}

    def ok(r, status=201):
        assert r.status_code == status, r.text
        return r.json()

    # companies: Stadt (owner with migration background), Kreis (without), elsewhere (unknown)
    a = ok(send(cw, "POST", srv.url + "/companies", {"name": "Reports Bäckerei", "postal_code": "63065",
                                                     "owner_migration_background": "yes", "confirm_duplicate": "1"}))
    b = ok(send(cw, "POST", srv.url + "/companies", {"name": "Reports Autohaus", "postal_code": "63263",
                                                     "owner_migration_background": "no", "confirm_duplicate": "1"}))
    c = ok(send(cw, "POST", srv.url + "/companies", {"name": "Reports Frankfurt", "postal_code": "60311",
                                                     "confirm_duplicate": "1"}))
    ids.update(a=a["id"], b=b["id"], c=c["id"])
    today = TODAY.isoformat()
    for company, kind, day in ((a, "call", today), (a, "counselling", today), (b, "visit", today),
                               (c, "counselling", LAST_YEAR)):
        ok(send(cw, "POST", srv.url + f"/companies/{company['id']}/activities",
                {"kind": kind, "date": day, "subject": f"{kind} {company['name']}"}))
    # posts: two open, one waiting for review
    start = f"{TODAY.year + 1}-08-01"
    pa = ok(send(cw, "POST", srv.url + "/posts", {"company_id": a["id"], "occupation_id": 1, "title": "Platz A",
                                                  "places": 2, "start_date": start, "status": "open"}))
    pb = ok(send(cw, "POST", srv.url + "/posts", {"company_id": b["id"], "occupation_id": 1, "title": "Platz B",
                                                  "places": 1, "start_date": start, "status": "open"}))
    ok(send(cw, "POST", srv.url + "/posts", {"company_id": c["id"], "occupation_id": 1, "title": "Platz C",
                                             "places": 1, "start_date": start, "status": "pending"}))
    ids.update(pa=pa["id"], pb=pb["id"])
    # five pupils
    people = [("Elif", "63065", "yes", "female"), ("Merve", "63065", "yes", "female"),
              ("Can", "63067", "yes", "male"), ("Jonas", "63263", "no", None),
              ("Sam", "63263", "not_stated", "diverse")]
    cands = []
    for first, plz, bg, gender in people:
        body = {"first_name": first, "last_name": "Reportson", "birth_date": "2008-04-04", "postal_code": plz,
                "migration_background": bg}
        if gender:
            body["gender"] = gender
        cands.append(ok(send(cw, "POST", srv.url + "/candidates", body))["id"])
    ids["cands"] = cands
    for cand, kind in ((cands[0], "counselling"), (cands[1], "application_training"), (cands[2], "call")):
        ok(send(cw, "POST", srv.url + f"/candidates/{cand}/activities", {"kind": kind, "date": today,
                                                                         "subject": kind}))
    # proposals: three pupils, one of them (by the other caseworker) to a contract
    p1 = ok(send(other, "POST", srv.url + "/placements", {"candidate_id": cands[0], "post_id": pa["id"]}))
    ok(send(cw, "POST", srv.url + "/placements", {"candidate_id": cands[1], "post_id": pb["id"]}))
    ok(send(cw, "POST", srv.url + "/placements", {"candidate_id": cands[2], "post_id": pa["id"]}))
    ok(send(other, "POST", srv.url + f"/placements/{p1['id']}", {"stage": "contract"}), 200)
    # events: one held today (four attended, one did not), one tomorrow
    ev = ok(send(cw, "POST", srv.url + "/events", {"title": "Speed-Dating", "date": today,
                                                   "kind": "school_meets_business"}))
    for cand, attended in zip(cands, (True, True, True, True, False)):
        r = send(cw, "POST", srv.url + f"/events/{ev['id']}/participants", {"candidate_id": cand, "attended": attended})
        assert r.status_code in (200, 201), r.text
    later = ok(send(cw, "POST", srv.url + "/events", {"title": "Messe", "date": TOMORROW, "kind": "fair"}))
    r = send(cw, "POST", srv.url + f"/events/{later['id']}/participants", {"candidate_id": cands[4], "attended": True})
    assert r.status_code in (200, 201), r.text
    # partners: active with a meeting (counts), active without, in contact with a meeting
    p_on = ok(send(cw, "POST", srv.url + "/partners", {"name": "IHK", "kind": "chamber", "status": "active",
                                                       "postal_code": "63065"}))
    ok(send(cw, "POST", srv.url + "/partners", {"name": "HWK", "kind": "chamber", "status": "active"}))
    p_off = ok(send(cw, "POST", srv.url + "/partners", {"name": "Verein", "kind": "migrant_organisation",
                                                        "status": "contact"}))
    for p in (p_on, p_off):
        ok(send(cw, "POST", srv.url + f"/partners/{p['id']}/activities", {"kind": "meeting", "date": today,
                                                                          "subject": "Treffen"}))
    ids["partner"] = p_on["id"]
    return srv, cw, viewer, admin, other, ids


def report(srv, s, **params):
    r = s.get(srv.url + "/reports", params={**PERIOD, **params}, headers=JSON)
    assert r.status_code == 200, r.text
    return {i["key"]: i for i in r.json()["indicators"]}


EXPECTED = {
    # key: (total, area, background, gender)
    "companies_contacted": (2, {"stadt": 1, "kreis": 1, "other": 0}, {"yes": 1, "no": 1, "not_stated": 0}, None),
    "companies_counselled": (1, {"stadt": 1, "kreis": 0, "other": 0}, {"yes": 1, "no": 0, "not_stated": 0}, None),
    "companies_newly_training": (1, {"stadt": 1, "kreis": 0, "other": 0}, {"yes": 1, "no": 0, "not_stated": 0}, None),
    "posts_acquired": (2, {"stadt": 1, "kreis": 1, "other": 0}, {"yes": 1, "no": 1, "not_stated": 0}, None),
    "posts_filled": (1, {"stadt": 1, "kreis": 0, "other": 0}, {"yes": 1, "no": 0, "not_stated": 0}, None),
    "candidates_registered": (5, {"stadt": 3, "kreis": "<3", "other": 0},
                              {"yes": 3, "no": "<3", "not_stated": "<3"},
                              {"female": "<3", "male": "<3", "diverse": "<3", "not_stated": "<3"}),
    "candidates_counselled": ("<3", {"stadt": "<3", "kreis": 0, "other": 0}, {"yes": "<3", "no": 0, "not_stated": 0},
                              {"female": "<3", "male": 0, "diverse": 0, "not_stated": 0}),
    "candidates_proposed": (3, {"stadt": 3, "kreis": 0, "other": 0}, {"yes": 3, "no": 0, "not_stated": 0},
                            {"female": "<3", "male": "<3", "diverse": 0, "not_stated": 0}),
    "candidates_placed": ("<3", {"stadt": "<3", "kreis": 0, "other": 0}, {"yes": "<3", "no": 0, "not_stated": 0},
                          {"female": "<3", "male": 0, "diverse": 0, "not_stated": 0}),
    "events_held": (1, None, None, None),
    "pupils_reached": (4, {"stadt": 3, "kreis": "<3", "other": 0}, {"yes": 3, "no": "<3", "not_stated": 0},
                       {"female": "<3", "male": "<3", "diverse": 0, "not_stated": "<3"}),
    "partners_active": (1, {"stadt": 1, "kreis": 0, "other": 0}, None, None),
}


def test_every_indicator_and_split(world):
    srv, cw, viewer, *_ = world
    got = report(srv, cw)
    assert set(got) == set(EXPECTED)
    for key, (total, area, bg, gender) in EXPECTED.items():
        it = got[key]
        assert it["total"] == total, key
        assert it["area"] == area, key
        assert it["migration_background"] == bg, key
        assert it["gender"] == gender, key
        assert it["definition"] and it["label"]
    # viewers read the report too: aggregates only
    assert report(srv, viewer)["companies_contacted"]["total"] == 2


def test_period_and_series(world):
    srv, cw, *_ = world
    # last year's counselling of the third company counts only in a period that holds it
    got = report(srv, cw, **{"from": f"{TODAY.year - 1}-01-01", "to": f"{TODAY.year - 1}-12-31"})
    assert got["companies_counselled"]["total"] == 1 and got["companies_counselled"]["area"]["other"] == 1
    assert got["companies_counselled"]["migration_background"]["not_stated"] == 1
    assert got["candidates_registered"]["total"] == 0
    # per month: this year's months, the figure in today's month
    r = cw.get(srv.url + "/reports", params={**PERIOD, "per": "month"}, headers=JSON).json()
    month = TODAY.strftime("%Y-%m")
    assert r["periods"][0] == f"{TODAY.year}-01" and r["periods"][-1] == month
    series = {s["period"]: s["value"] for s in
              next(i for i in r["indicators"] if i["key"] == "candidates_registered")["series"]}
    assert series[month] == 5 and all(v == 0 for p, v in series.items() if p != month)
    r = cw.get(srv.url + "/reports", params={**PERIOD, "per": "quarter"}, headers=JSON).json()
    quarter = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"
    assert r["periods"][-1] == quarter and r["per"] == "quarter"
    series = {s["period"]: s["value"] for s in
              next(i for i in r["indicators"] if i["key"] == "candidates_counselled")["series"]}
    assert series[quarter] == "<3"


@pytest.mark.parametrize("params, field", [
    ({"from": "2026-02-30"}, "from"), ({"to": "morgen"}, "to"), ({"per": "week"}, "per"),
    ({"from": "2026-05-01", "to": "2026-04-01"}, "from"), ({"from": "2000-01-01", "to": "2026-01-01"}, "to"),
])
def test_bad_periods_are_400_naming_the_field(world, params, field):
    srv, cw, *_ = world
    for path in ("/reports", "/reports.csv", "/reports.xlsx"):
        r = cw.get(srv.url + path, params=params, headers=JSON)
        assert r.status_code == 400, (path, r.text)
        assert field in r.json()["error"]["fields"]


def test_staff_only(world):
    srv, *_ = world
    anon = client()
    for path in ("/reports", "/reports.csv", "/reports.xlsx", "/reports/records?indicator=events_held"):
        assert anon.get(srv.url + path, headers=JSON).status_code == 401


def test_page_has_charts_tables_and_definitions(world):
    srv, cw, *_ = world
    html = cw.get(srv.url + "/reports", params=PERIOD).text
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    # one over time per indicator, and one per split: 11 Stadt/Kreis, 10 background, 5 gender
    assert len(svgs) == 12 + 11 + 10 + 5
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "Kontaktierte Betriebe" in html and "Betriebe mit mindestens einer Aktivität" in html
    assert 'id="report-table"' in html and "<table" in html
    assert "&lt;3" in html  # small numbers as written, in tables and charts
    assert 'href="/reports.csv?' in html and 'href="/reports.xlsx?' in html
    # the numbers link to their records, never a migration background
    assert "/reports/records?indicator=candidates_registered" in html
    assert "migration_background=" not in html and "background=" not in html
    assert 'href="/reports"' in html


def test_records_behind_a_figure(world):
    srv, cw, viewer, admin, other, ids = world
    r = cw.get(srv.url + "/reports/records", params={**PERIOD, "indicator": "companies_contacted"}, headers=JSON)
    assert r.status_code == 200
    assert sorted(i["id"] for i in r.json()["items"]) == sorted([ids["a"], ids["b"]])
    r = cw.get(srv.url + "/reports/records", params={**PERIOD, "indicator": "candidates_registered", "area": "stadt"},
               headers=JSON)
    got = r.json()["items"]
    assert sorted(i["id"] for i in got) == sorted(ids["cands"][:3])
    assert all("migration" not in k for i in got for k in i)
    assert "yes" not in r.text
    # every pupil listed is a read of their record
    reads = [e for e in audit_items(srv, admin, action="read") if e["object_type"] == "candidate"]
    assert {e["object_id"] for e in reads} >= set(ids["cands"][:3])
    r = cw.get(srv.url + "/reports/records", params={**PERIOD, "indicator": "pupils_reached", "gender": "diverse"},
               headers=JSON)
    assert r.status_code == 200 and r.json()["items"] == []
    for params, field in (({"indicator": "nope"}, "indicator"), ({"indicator": "events_held", "area": "stadt"}, "area"),
                          ({"indicator": "candidates_registered", "migration_background": "yes"},
                           "migration_background"),
                          ({"indicator": "companies_contacted", "gender": "female"}, "gender")):
        r = cw.get(srv.url + "/reports/records", params={**PERIOD, **params}, headers=JSON)
        assert r.status_code == 400 and field in r.json()["error"]["fields"], r.text
    html = cw.get(srv.url + "/reports/records", params={**PERIOD, "indicator": "partners_active"}).text
    assert f'href="/partners/{ids["partner"]}"' in html


def parse_csv(content):
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8")), delimiter=";"))


def test_csv_export(world):
    srv, cw, viewer, admin, *_ = world
    r = cw.get(srv.url + "/reports.csv", params=PERIOD)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in r.headers["Content-Disposition"]
    rows = parse_csv(r.content)
    assert YEAR_START in rows[0][0] and TODAY.isoformat() in rows[0][0]
    head = rows[1]
    assert head[:2] == ["Kennzahl", "Gesamt"] and len(head) == 13
    by_label = {row[0]: row for row in rows[2:14]}
    reg = by_label["Neu aufgenommene Bewerber/innen"]
    assert reg[1:12] == ["5", "3", "<3", "0", "3", "<3", "<3", "<3", "<3", "<3", "<3"]
    contacted = by_label["Kontaktierte Betriebe"]
    assert contacted[1:8] == ["2", "1", "1", "0", "1", "1", "0"] and contacted[8:12] == ["", "", "", ""]
    # the series follows after an empty line
    assert [] in rows
    assert any(e["action"] == "export" and e["object_type"] == "report" for e in audit_items(srv, admin))


def test_csv_cells_are_neutralised(world):
    srv, cw, *_ = world
    # a definition is catalog text, a label too: nothing from users; still,
    # every cell goes through the kit's writer: no cell starts with = + - @
    rows = parse_csv(cw.get(srv.url + "/reports.csv", params=PERIOD).content)
    for row in rows:
        for cell in row:
            assert not cell[:1] in ("=", "+", "@"), cell


def xlsx_sheets(content):
    """{sheet name: [[cell values]]} by row and column number, with shared
    strings resolved and numbers as floats."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    z = zipfile.ZipFile(io.BytesIO(content))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
    wb = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = {}
    for sheet in wb.find("m:sheets", ns):
        xml = ElementTree.fromstring(z.read("xl/" + targets[sheet.get(rel_ns)]))
        rows = []
        for row in xml.iter("{%s}row" % ns["m"]):
            while len(rows) < int(row.get("r")) - 1:
                rows.append([])  # rows without cells are not in the file
            cells = {}
            for c in row.findall("m:c", ns):
                col = re.match(r"[A-Z]+", c.get("r")).group(0)
                idx = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(col))) - 1
                v = c.find("m:v", ns)
                if c.get("t") == "s":
                    cells[idx] = shared[int(v.text)]
                elif v is not None:
                    cells[idx] = float(v.text)
            rows.append([cells.get(i) for i in range(max(cells) + 1)] if cells else [])
        out[sheet.get("name")] = rows
    return out


def test_xlsx_export(world):
    srv, cw, *_ = world
    r = cw.get(srv.url + "/reports.xlsx", params={**PERIOD, "per": "quarter"})
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert ".xlsx" in r.headers["Content-Disposition"]
    sheets = xlsx_sheets(r.content)
    assert list(sheets) == ["Kennzahlen", "Verlauf je Quartal", "Definitionen"]
    ind = sheets["Kennzahlen"]
    assert YEAR_START in ind[0][0] and TODAY.isoformat() in ind[0][0]
    rows = {row[0]: row for row in ind[2:] if row}
    reg = rows["Neu aufgenommene Bewerber/innen"]
    assert reg[1] == 5.0 and isinstance(reg[1], float)      # a number, not text
    assert reg[2] == 3.0 and reg[3] == "<3" and reg[4] == 0.0
    assert rows["Kontaktierte Betriebe"][1:8] == [2.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0]
    assert rows["Durchgeführte Veranstaltungen"][1] == 1.0
    series = sheets["Verlauf je Quartal"]
    quarter = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"
    header = series[2]
    col = header.index(quarter)
    srow = next(row for row in series if row and row[0] == "Beratene Bewerber/innen")
    assert srow[col] == "<3"
    defs = {row[0]: row[1] for row in sheets["Definitionen"][3:] if row and len(row) > 1}
    assert defs["Aktive Netzwerkpartner"].startswith("Netzwerkpartner mit Kooperationsstatus")


def test_counts_follow_the_records(world):
    srv, cw, *_ = world
    before = report(srv, cw)["events_held"]["total"]
    r = send(cw, "POST", srv.url + "/events", {"title": "Infoabend", "date": TODAY.isoformat(),
                                               "kind": "information_evening"})
    assert r.status_code == 201
    assert report(srv, cw)["events_held"]["total"] == before + 1


def test_own_figures_on_the_start_page(world):
    srv, cw, viewer, admin, other, ids = world
    html = cw.get(srv.url + "/").text
    assert 'id="own-figures"' in html
    block = html.split('id="own-figures"')[1].split("</article>")[0]
    # the caseworker wrote activities with two companies (this year), counselled two pupils, proposed two
    figures = dict(re.findall(r'<dt>([^<]+)</dt>\s*<dd>(\d+)</dd>', block))
    assert figures["Kontaktierte Betriebe"] == "2"
    assert figures["Beratene Bewerber/innen"] == "2"
    assert figures["Vorgeschlagene Bewerber/innen"] == "2"
    assert figures["In Ausbildung vermittelte Bewerber/innen"] == "0"
    block = other.get(srv.url + "/").text.split('id="own-figures"')[1].split("</article>")[0]
    figures = dict(re.findall(r'<dt>([^<]+)</dt>\s*<dd>(\d+)</dd>', block))
    assert figures["In Ausbildung vermittelte Bewerber/innen"] == "1"
    assert figures["Kontaktierte Betriebe"] == "0"


def test_candidates_export_follows_the_filter_without_contact_or_background(world):
    srv, cw, viewer, admin, other, ids = world
    r = cw.get(srv.url + "/candidates/export.csv", params={"area": "kreis"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    rows = parse_csv(r.content)
    head = rows[0]
    assert "Vorname" in head[1] or "Vorname" in " ".join(head)
    assert len(rows) == 1 + 2  # the two pupils of the Kreis
    text = r.content.decode("utf-8")
    assert "Jonas" in text and "Elif" not in text
    for word in ("Migration", "E-Mail", "Telefon", "Geschlecht", "Eltern"):
        assert word not in head[0] and all(word not in h for h in head), word
    assert viewer.get(srv.url + "/candidates/export.csv").status_code == 403
    exports = [e for e in audit_items(srv, admin, action="export") if e["object_type"] == "candidate"]
    assert exports and "area" in exports[0]["fields"]
    # the list offers it with the same filter, to caseworkers only
    assert 'href="/candidates/export.csv?area=kreis"' in cw.get(srv.url + "/candidates", params={"area": "kreis"}).text
    assert "/candidates/export.csv" not in viewer.get(srv.url + "/candidates").text


def test_posts_export_follows_the_filter(world):
    srv, cw, *_ = world
    rows = parse_csv(cw.get(srv.url + "/posts/export.csv", params={"status": "pending"}).content)
    assert len(rows) == 2 and "Platz C" in ";".join(rows[1])
    rows = parse_csv(cw.get(srv.url + "/posts/export.csv").content)
    assert len(rows) == 4
