"""Reference-data migrations (0003 occupations, 0004 places).

Loads the migration files into an in-memory SQLite database, the way the
runner does (each file inside one transaction), and checks them: sanity tests
that always run, and comparison tests against the shared TSV files in
<repo>/../shared/data, skipped when that directory is missing.  Does not need
the C binary.
"""

import importlib.util
import math
import sqlite3
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
MIGRATIONS = REPO / "migrations"
OCC_SQL = MIGRATIONS / "0003_occupations.sql"
PLZ_SQL = MIGRATIONS / "0004_places.sql"
DATA = REPO.parent / "shared" / "data"
GENERATOR = REPO / "tools" / "gen_reference_sql.py"

BODY_ORDER = ["ihk", "hwk", "fb", "oed", "lw", "hw", "see"]
BODY_MAP = {"IHK": "ihk", "HWK": "hwk", "FB": "fb", "OED": "oed", "LW": "lw", "HW": "hw", "SEE": "see"}

STADT_OFFENBACH = ["63065", "63067", "63069", "63071", "63073", "63075"]
# The 13 towns of Kreis Offenbach with their main code.  Place names as
# GeoNames writes them (Mühlheim am Main is "Mühlheim" there).
KREIS_TOWNS = {
    "63128": "Dietzenbach", "63303": "Dreieich", "63329": "Egelsbach", "63512": "Hainburg",
    "63150": "Heusenstamm", "63225": "Langen", "63533": "Mainhausen", "63165": "Mühlheim",
    "63263": "Neu-Isenburg", "63179": "Obertshausen", "63110": "Rodgau", "63322": "Rödermark",
    "63500": "Seligenstadt",
}
OFFENBACH_CENTRE = (50.0956, 8.7761)


def load(db, path):
    """Runs one migration file as the runner does: inside BEGIN ... COMMIT.
    A file with its own BEGIN or COMMIT makes this fail."""
    db.executescript("BEGIN;\n" + path.read_text(encoding="utf-8") + "\nCOMMIT;\n")


@pytest.fixture
def db():
    con = sqlite3.connect(":memory:", isolation_level=None)
    load(con, OCC_SQL)
    load(con, PLZ_SQL)
    yield con
    con.close()


def km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def occupation(db, name):
    row = db.execute("SELECT duration_months, bodies, active FROM occupations WHERE name = ?",
                     (name,)).fetchone()
    assert row is not None, f"occupation {name!r} missing"
    return row


# --- sanity tests: need only the migrations ----------------------------------

def test_migrations_load_inside_one_transaction_and_leave_user_version_alone(db):
    assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    assert not db.in_transaction
    for path in (OCC_SQL, PLZ_SQL):
        text = path.read_text(encoding="utf-8")
        assert "user_version" not in text.lower(), path.name


def test_tables_are_strict(db):
    for table in ("occupations", "places"):
        sql = db.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
        assert "STRICT" in sql.upper(), table
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO occupations (name, duration_months, bodies) VALUES ('x', 'drei', 'ihk')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO places VALUES ('63000', 'x', 'y', 'z', 'north', 8.0, 'region')")


def test_constraints_reject_bad_rows(db):
    bad = [
        "INSERT INTO occupations (name, duration_months, bodies) VALUES ('x', 60, 'ihk')",
        "INSERT INTO occupations (name, duration_months, bodies, active) VALUES ('x', 36, 'ihk', 2)",
        "INSERT INTO occupations (name, duration_months, bodies) VALUES "
        "('Kaufmann/-frau für Büromanagement', 36, 'ihk')",
        "INSERT INTO places VALUES ('6306', 'x', 'y', 'z', 50.0, 8.0, 'region')",
        "INSERT INTO places VALUES ('63000', 'x', 'y', 'z', 50.0, 8.0, 'land')",
        "INSERT INTO places VALUES ('63065', 'Offenbach', 'y', 'z', 50.0, 8.0, 'stadt')",
    ]
    for sql in bad:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql)


def test_counts(db):
    n_occ = db.execute("SELECT count(*) FROM occupations").fetchone()[0]
    assert n_occ > 300
    assert db.execute("SELECT min(id), max(id) FROM occupations").fetchone() == (1, n_occ)
    assert db.execute("SELECT count(*) FROM places").fetchone()[0] > 300


def test_known_occupations(db):
    duration, bodies, active = occupation(db, "Kaufmann/-frau für Büromanagement")
    assert duration == 36 and "ihk" in bodies.split(",") and active == 1
    assert occupation(db, "Kraftfahrzeugmechatroniker/-in")[:2] == (42, "ihk,hwk")
    assert occupation(db, "Augenoptiker/-in")[:2] == (36, "hwk")
    assert occupation(db, "Medizinische/r Fachangestellte/r")[:2] == (36, "fb")
    assert occupation(db, "Verwaltungsfachangestellte/r")[:2] == (36, "oed")
    assert occupation(db, "Hauswirtschafter/-in")[1] == "lw,hw"
    assert occupation(db, "Schiffsmechaniker/-in")[1] == "see"
    assert occupation(db, "Änderungsschneider/-in")[0] == 24


def test_bodies_are_canonical(db):
    for name, bodies in db.execute("SELECT name, bodies FROM occupations"):
        codes = bodies.split(",")
        assert codes and all(c in BODY_ORDER for c in codes), (name, bodies)
        assert codes == sorted(set(codes), key=BODY_ORDER.index), (name, bodies)


def test_names_are_clean_utf8(db):
    for (name,) in db.execute("SELECT name FROM occupations"):
        assert name == name.strip() and name, repr(name)
        assert unicodedata.normalize("NFC", name) == name, repr(name)
        assert "\ufffd" not in name and "Ã" not in name, repr(name)  # no mojibake


def test_stadt_offenbach_codes(db):
    for plz in STADT_OFFENBACH:
        rows = db.execute("SELECT area, district FROM places WHERE plz = ?", (plz,)).fetchall()
        assert rows, plz
        assert all(r == ("stadt", "Offenbach am Main") for r in rows), (plz, rows)
    stadt = {p for (p,) in db.execute("SELECT plz FROM places WHERE area = 'stadt'")}
    assert stadt == set(STADT_OFFENBACH)


def test_kreis_offenbach_towns(db):
    for plz, town in KREIS_TOWNS.items():
        row = db.execute("SELECT area, district FROM places WHERE plz = ? AND place = ?",
                         (plz, town)).fetchone()
        assert row == ("kreis", "Landkreis Offenbach"), (plz, town, row)
    # area follows the district, both ways
    for plz, district, area in db.execute("SELECT plz, district, area FROM places"):
        assert (area == "kreis") == (district == "Landkreis Offenbach"), (plz, district, area)
        assert (area == "stadt") == (district == "Offenbach am Main"), (plz, district, area)


def test_coordinates_are_plausible(db):
    for plz, lat, lon, area in db.execute("SELECT plz, lat, lon, area FROM places"):
        assert 49.0 < lat < 51.0 and 7.5 < lon < 10.0, (plz, lat, lon)
        limit = {"stadt": 6, "kreis": 25, "region": 120}[area]
        assert km(OFFENBACH_CENTRE, (lat, lon)) < limit, (plz, area, lat, lon)


def test_lookups_use_an_index(db):
    plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN SELECT * FROM places WHERE plz = '63065'"))
    assert "SEARCH" in plan and ("PRIMARY KEY" in plan or "INDEX" in plan), plan
    plan = " ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM occupations WHERE name = 'Bäcker/-in'"))
    assert "SEARCH" in plan and "INDEX" in plan, plan


def test_geonames_attribution():
    head = PLZ_SQL.read_text(encoding="utf-8").split("CREATE TABLE")[0]
    assert "GeoNames, geonames.org, CC BY 4.0" in head


# --- comparison with the shared TSV files ------------------------------------

def read_tsv(name):
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"{path} not available")
    lines = [l.rstrip("\n") for l in path.read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


def test_occupations_match_tsv(db):
    tsv = read_tsv("occupations.tsv")
    rows = db.execute("SELECT id, name, duration_months, bodies, legal_basis, regulation, year, active "
                      "FROM occupations ORDER BY id").fetchall()
    assert len(rows) == len(tsv)
    for i, (t, r) in enumerate(zip(tsv, rows), 1):
        codes = {BODY_MAP[b] for b in t["body"].split("+")}
        expected = (i, t["name"], int(t["duration_months"]), ",".join(c for c in BODY_ORDER if c in codes),
                    t["legal_basis"] or None, t["regulation"] or None,
                    int(t["year"]) if t["year"] else None)
        assert r[:7] == expected
        if not t["note"]:
            assert r[7] == 1, t["name"]


def test_places_match_tsv(db):
    tsv = read_tsv("plz-rhein-main.tsv")
    expected = {(t["plz"], t["place"], t["district"], t["state"], float(t["lat"]), float(t["lon"]), t["area"])
                for t in tsv}
    got = set(db.execute("SELECT plz, place, district, state, lat, lon, area FROM places"))
    assert len(tsv) == len(expected)
    assert got == expected


def test_migrations_are_up_to_date_with_generator(tmp_path):
    if not DATA.is_dir():
        pytest.skip(f"{DATA} not available")
    spec = importlib.util.spec_from_file_location("gen_reference_sql", GENERATOR)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.main([str(DATA), "--out", str(tmp_path)]) == 0
    for path in (OCC_SQL, PLZ_SQL):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), \
            f"{path.name} is stale: run /usr/bin/python3 tools/gen_reference_sql.py"
