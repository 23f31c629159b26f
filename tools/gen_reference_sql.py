#!/usr/bin/python3
"""Generate the reference-data migrations from the shared TSV files.

    /usr/bin/python3 tools/gen_reference_sql.py [DATA_DIR] [--out DIR] [--check]

DATA_DIR defaults to ../shared/data relative to the repository root and must
hold occupations.tsv and plz-rhein-main.tsv.  The script writes
migrations/0003_occupations.sql and migrations/0004_places.sql (or the same
names in --out DIR).  With --check it writes nothing and exits 1 if the files
on disk differ from what it would write.

This is a maintainer tool, run by hand when the reference data changes; the
program never reads ../shared at run time, it carries the generated
migrations.  Output is deterministic: rows keep the TSV's order, occupation
ids are 1..N in that order (so they stay stable as long as rows are only
appended), numbers are written in a fixed form, files end in a newline.

The migrations contain no BEGIN/COMMIT and no PRAGMA: the runner wraps each
file in a transaction and keeps the schema version itself.

Rule for occupations.active
---------------------------
The TSV has a free-text 'note' column.  An occupation is written with
active = 0 when its note says it is no longer trained: the note matches
INACTIVE_NOTE (e.g. "aufgehoben", "ersetzt durch ...", "no longer trained",
"replaced by ...", "auslaufend").  An empty note means active = 1.  A
non-empty note matching neither INACTIVE_NOTE nor ACTIVE_NOTE (notes known
to be harmless, e.g. "Erprobungsverordnung") stops the script, so that a
person decides and extends one of the two patterns instead of the script
guessing.
"""

import argparse
import math
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"

OCC_COLUMNS = ["name", "duration_months", "body", "legal_basis", "regulation", "year", "note"]
PLZ_COLUMNS = ["plz", "place", "district", "state", "lat", "lon", "area"]

# TSV body code -> stored code, in canonical order (the order of 'bodies').
BODY_CODES = {"IHK": "ihk", "HWK": "hwk", "FB": "fb", "OED": "oed", "LW": "lw", "HW": "hw", "SEE": "see"}
BODY_ORDER = list(BODY_CODES.values())

AREAS = ("stadt", "kreis", "region")

INACTIVE_NOTE = re.compile(
    r"aufgehoben|ersetzt|abgelöst|auslaufend|nicht mehr|kein(e)? ausbildung|"
    r"no longer|replaced|superseded|repealed|discontinued|phased out|withdrawn",
    re.IGNORECASE,
)
ACTIVE_NOTE = re.compile(r"erprobungsverordnung|trial regulation", re.IGNORECASE)

GEONAMES_ATTRIBUTION = "GeoNames, geonames.org, CC BY 4.0"


class DataError(Exception):
    pass


def read_tsv(path, columns):
    """Returns (comment lines without '# ', rows as dicts with 'line')."""
    comments, rows, header = [], [], None
    with open(path, encoding="utf-8", newline="") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if line.startswith("#"):
                comments.append(line[1:].strip())
                continue
            if not line.strip():
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                if header != columns:
                    raise DataError(f"{path}:{lineno}: header {header}, expected {columns}")
                continue
            if len(fields) != len(columns):
                raise DataError(f"{path}:{lineno}: {len(fields)} fields, expected {len(columns)}")
            row = {}
            for col, value in zip(columns, fields):
                if value != value.strip():
                    raise DataError(f"{path}:{lineno}: {col} has surrounding white space")
                if any(unicodedata.category(c) == "Cc" for c in value):
                    raise DataError(f"{path}:{lineno}: {col} has a control character")
                row[col] = unicodedata.normalize("NFC", value)
            row["line"] = lineno
            rows.append(row)
    if header is None:
        raise DataError(f"{path}: no header line")
    return comments, rows


def sql_text(value):
    if value is None or value == "":
        return "NULL"
    return "'" + value.replace("'", "''") + "'"


def sql_real(text, where):
    try:
        v = float(text)
    except ValueError:
        raise DataError(f"{where}: not a number: {text!r}") from None
    if not math.isfinite(v):
        raise DataError(f"{where}: not finite: {text!r}")
    return repr(v)  # shortest form that reads back as the same double; '50' -> '50.0'


def sql_comment(text):
    return "-- " + text.replace("\n", " ")


def is_inactive(note, where):
    if not note:
        return False
    if INACTIVE_NOTE.search(note):
        return True
    if ACTIVE_NOTE.search(note):
        return False
    raise DataError(f"{where}: note {note!r} is not classified; extend INACTIVE_NOTE or "
                    f"ACTIVE_NOTE in {Path(__file__).name}")


def map_bodies(body, where):
    parts = body.split("+")
    if not body or any(p not in BODY_CODES for p in parts) or len(set(parts)) != len(parts):
        raise DataError(f"{where}: bad body {body!r}")
    codes = {BODY_CODES[p] for p in parts}
    return ",".join(c for c in BODY_ORDER if c in codes)


def gen_occupations(path):
    comments, rows = read_tsv(path, OCC_COLUMNS)
    out = [
        "-- 0003_occupations: recognised occupations (Ausbildungsberufe), seed data.",
        "-- Generated by tools/gen_reference_sql.py from ../shared/data/occupations.tsv;",
        "-- do not edit by hand, change the TSV and run the generator again.",
        "-- Header of the TSV:",
    ]
    out += [sql_comment(c) for c in comments]
    out += [
        "-- Ids are 1..N in the TSV's order.  active = 0 where the TSV note says the",
        "-- occupation is no longer trained (rule documented in the generator).",
        "",
        "CREATE TABLE occupations (",
        "    id              INTEGER PRIMARY KEY,",
        "    name            TEXT NOT NULL UNIQUE,  -- the UNIQUE index serves lookup by name",
        "    duration_months INTEGER NOT NULL CHECK (duration_months BETWEEN 12 AND 48),",
        "    -- responsible bodies: comma-separated codes in the canonical order",
        "    -- ihk,hwk,fb,oed,lw,hw,see (IHK, Handwerkskammer, freie Berufe,",
        "    -- öffentlicher Dienst, Landwirtschaft, Hauswirtschaft, Seeschifffahrt)",
        "    bodies          TEXT NOT NULL CHECK (bodies <> '' AND bodies NOT GLOB '*[^a-z,]*'),",
        "    legal_basis     TEXT,",
        "    regulation      TEXT,",
        "    year            INTEGER,",
        "    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))",
        ") STRICT;",
        "",
    ]
    seen = set()
    for i, r in enumerate(rows, 1):
        where = f"{path}:{r['line']}"
        if not r["name"]:
            raise DataError(f"{where}: empty name")
        if r["name"] in seen:
            raise DataError(f"{where}: duplicate name {r['name']!r}")
        seen.add(r["name"])
        if not re.fullmatch(r"[0-9]+", r["duration_months"]) or not 12 <= int(r["duration_months"]) <= 48:
            raise DataError(f"{where}: bad duration {r['duration_months']!r}")
        if r["year"] and not re.fullmatch(r"(19|20)[0-9]{2}", r["year"]):
            raise DataError(f"{where}: bad year {r['year']!r}")
        values = [
            str(i),
            sql_text(r["name"]),
            str(int(r["duration_months"])),
            sql_text(map_bodies(r["body"], where)),
            sql_text(r["legal_basis"]),
            sql_text(r["regulation"]),
            str(int(r["year"])) if r["year"] else "NULL",
            "0" if is_inactive(r["note"], where) else "1",
        ]
        out.append("INSERT INTO occupations (id, name, duration_months, bodies, legal_basis, "
                   "regulation, year, active) VALUES (" + ", ".join(values) + ");")
    return "\n".join(out) + "\n", len(rows)


def gen_places(path):
    comments, rows = read_tsv(path, PLZ_COLUMNS)
    out = [
        "-- 0004_places: postal codes of Offenbach and the Rhein-Main region, seed data.",
        f"-- Postal code data: {GEONAMES_ATTRIBUTION}",
        "-- (https://creativecommons.org/licenses/by/4.0/).",
        "-- Generated by tools/gen_reference_sql.py from ../shared/data/plz-rhein-main.tsv;",
        "-- do not edit by hand, change the TSV and run the generator again.",
        "-- Header of the TSV:",
    ]
    out += [sql_comment(c) for c in comments]
    out += [
        "-- area: 'stadt' = Stadt Offenbach am Main, 'kreis' = Kreis Offenbach,",
        "-- 'region' = the rest of the region.  lat/lon: centre of the code (WGS84).",
        "",
        "CREATE TABLE places (",
        "    plz      TEXT NOT NULL CHECK (length(plz) = 5),",
        "    place    TEXT NOT NULL,",
        "    district TEXT NOT NULL,",
        "    state    TEXT NOT NULL,",
        "    lat      REAL NOT NULL,",
        "    lon      REAL NOT NULL,",
        "    area     TEXT NOT NULL CHECK (area IN ('stadt', 'kreis', 'region')),",
        "    PRIMARY KEY (plz, place)",
        ") STRICT, WITHOUT ROWID;",
        "-- Lookup by plz uses the primary key (plz is its first column), so no",
        "-- separate index on plz is needed.",
        "",
    ]
    seen = set()
    for r in rows:
        where = f"{path}:{r['line']}"
        if not re.fullmatch(r"[0-9]{5}", r["plz"]):
            raise DataError(f"{where}: bad plz {r['plz']!r}")
        for col in ("place", "district", "state"):
            if not r[col]:
                raise DataError(f"{where}: empty {col}")
        if r["area"] not in AREAS:
            raise DataError(f"{where}: bad area {r['area']!r}")
        key = (r["plz"], r["place"])
        if key in seen:
            raise DataError(f"{where}: duplicate (plz, place) {key}")
        seen.add(key)
        values = [
            sql_text(r["plz"]), sql_text(r["place"]), sql_text(r["district"]), sql_text(r["state"]),
            sql_real(r["lat"], where), sql_real(r["lon"], where), sql_text(r["area"]),
        ]
        out.append("INSERT INTO places (plz, place, district, state, lat, lon, area) VALUES ("
                   + ", ".join(values) + ");")
    return "\n".join(out) + "\n", len(rows)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA,
                    help="directory with occupations.tsv and plz-rhein-main.tsv "
                         "(default: ../shared/data from the repository root)")
    ap.add_argument("--out", type=Path, default=REPO / "migrations",
                    help="directory to write the migrations to (default: migrations/)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if the files differ from the generated text")
    args = ap.parse_args(argv)

    try:
        occ_sql, n_occ = gen_occupations(args.data_dir / "occupations.tsv")
        plz_sql, n_plz = gen_places(args.data_dir / "plz-rhein-main.tsv")
    except (DataError, OSError) as e:
        print(f"gen_reference_sql: {e}", file=sys.stderr)
        return 2

    outputs = {"0003_occupations.sql": occ_sql, "0004_places.sql": plz_sql}
    stale = []
    for name, text in outputs.items():
        target = args.out / name
        data = text.encode("utf-8")
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(str(target))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".sql.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    if stale:
        print("gen_reference_sql: out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    if not args.check:
        print(f"gen_reference_sql: {n_occ} occupations, {n_plz} places -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
