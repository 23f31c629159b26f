#include "app/reports.h"

#include "app/auth.h"
#include "app/choices.h"
#include "core/audit.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/svgchart.h"
#include "core/text.h"
#include "core/validate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* ---- what is counted ------------------------------------------------------
 * Every indicator is a set of facts, one row per thing that happened:
 * (indicator, id of the record counted, day, area, migration background,
 * gender, user whose work it was). A figure is the number of distinct
 * records with a fact on a day of the period, so a company called twice
 * counts once. The definitions in words are in the catalogs
 * (report_<key>_def) and the README; this SQL is what they describe. */

/* Stadt, Kreis, or anything else (the neighbouring region, no postal code) */
#define AREA(col) "CASE WHEN " col " IN ('stadt', 'kreis') THEN " col " ELSE 'other' END"
/* a company's owner: "unknown" is reported as not stated */
#define OWNER_BG "CASE c.owner_migration_background WHEN 'yes' THEN 'yes' WHEN 'no' THEN 'no' ELSE 'not_stated' END"
#define PUPIL_BG "CASE p.migration_background WHEN 'yes' THEN 'yes' WHEN 'no' THEN 'no' ELSE 'not_stated' END"
#define GENDER "coalesce(p.gender, 'not_stated')"
#define TODAY "date('now', 'localtime')"
/* the day a placement first held a place: its first contract (or start) */
#define PLACED_DAY                                                                                               \
    "(SELECT date(min(s.at), 'localtime') FROM placement_stages s WHERE s.placement_id = pl.id "                \
    "AND s.stage IN ('contract', 'started'))"

#define FACTS                                                                                                    \
    "SELECT 'companies_contacted' AS indicator, c.id AS id, a.date AS day, " AREA("c.area") " AS area, "         \
    OWNER_BG " AS bg, NULL AS gender, a.caseworker_id AS user_id "                                               \
    "FROM activities a JOIN companies c ON c.id = a.company_id WHERE a.candidate_id IS NULL "                   \
    "UNION ALL SELECT 'companies_counselled', c.id, a.date, " AREA("c.area") ", " OWNER_BG ", NULL, "            \
    "a.caseworker_id FROM activities a JOIN companies c ON c.id = a.company_id "                                \
    "WHERE a.candidate_id IS NULL AND a.kind = 'counselling' "                                                   \
    "UNION ALL SELECT 'companies_newly_training', c.id, f.day, " AREA("c.area") ", " OWNER_BG ", NULL, NULL "    \
    "FROM (SELECT po.company_id AS cid, min(" PLACED_DAY ") AS day FROM placements pl "                          \
    "JOIN posts po ON po.id = pl.post_id WHERE pl.counted = 1 GROUP BY po.company_id) f "                        \
    "JOIN companies c ON c.id = f.cid "                                                                          \
    "UNION ALL SELECT 'posts_acquired', po.id, date(po.created_at, 'localtime'), " AREA("po.area") ", "          \
    OWNER_BG ", NULL, NULL FROM posts po JOIN companies c ON c.id = po.company_id WHERE po.status <> 'pending' " \
    "UNION ALL SELECT 'posts_filled', pl.id, " PLACED_DAY ", " AREA("po.area") ", " OWNER_BG ", NULL, "          \
    "pl.caseworker_id FROM placements pl JOIN posts po ON po.id = pl.post_id "                                  \
    "JOIN companies c ON c.id = po.company_id WHERE pl.counted = 1 "                                             \
    "UNION ALL SELECT 'candidates_registered', p.id, date(p.created_at, 'localtime'), " AREA("p.area") ", "      \
    PUPIL_BG ", " GENDER ", NULL FROM candidates p "                                                              \
    "UNION ALL SELECT 'candidates_counselled', p.id, a.date, " AREA("p.area") ", " PUPIL_BG ", " GENDER ", "     \
    "a.caseworker_id FROM activities a JOIN candidates p ON p.id = a.candidate_id "                             \
    "WHERE a.kind IN ('counselling', 'application_training') "                                                   \
    "UNION ALL SELECT 'candidates_proposed', p.id, date(pl.created_at, 'localtime'), " AREA("p.area") ", "       \
    PUPIL_BG ", " GENDER ", pl.caseworker_id FROM placements pl JOIN candidates p ON p.id = pl.candidate_id "    \
    "UNION ALL SELECT 'candidates_placed', p.id, " PLACED_DAY ", " AREA("p.area") ", " PUPIL_BG ", " GENDER ", " \
    "pl.caseworker_id FROM placements pl JOIN candidates p ON p.id = pl.candidate_id WHERE pl.counted = 1 "      \
    "UNION ALL SELECT 'events_held', e.id, e.date, NULL, NULL, NULL, NULL FROM events e WHERE e.date <= " TODAY  \
    " UNION ALL SELECT 'pupils_reached', p.id, e.date, " AREA("p.area") ", " PUPIL_BG ", " GENDER ", NULL "      \
    "FROM event_participants ep JOIN events e ON e.id = ep.event_id JOIN candidates p ON p.id = ep.candidate_id " \
    "WHERE ep.attended = 1 AND e.date <= " TODAY                                                                 \
    " UNION ALL SELECT 'partners_active', pa.id, a.date, " AREA("pa.area") ", NULL, NULL, a.caseworker_id "      \
    "FROM activities a JOIN partners pa ON pa.id = a.partner_id WHERE pa.status = 'active'"

#define IN_PERIOD " WHERE day >= ?1 AND day <= ?2"

/* Every record counted in the period, once per indicator, with its splits
 * (the same on every fact of one record) and the months it has facts in:
 * all figures are counted from these rows, in one pass over the facts
 * (a figure is the number of distinct records, so a record counts once
 * in each split and each month or quarter it falls in). */
static struct db_sql SQL_COUNTED = DB_SQL(
    "SELECT indicator, min(area), min(bg), min(gender), group_concat(DISTINCT substr(day, 1, 7)) FROM (" FACTS ")"
    IN_PERIOD " GROUP BY indicator, id");
/* The start page's own figures: the facts of FACTS that carry the user's
 * work (the same definitions), each arm filtered by the user and the
 * period first, along the indexes on whose work it was (migration
 * 0019), so the start page never counts the whole region. */
#define MY_ACTIVITY "a.caseworker_id = ?3 AND a.date >= ?1 AND a.date <= ?2"
#define MY_PLACEMENT "pl.caseworker_id = ?3"
static struct db_sql SQL_MINE = DB_SQL(
    "SELECT indicator, count(DISTINCT id) FROM ("
    "SELECT 'companies_contacted' AS indicator, a.company_id AS id, a.date AS day FROM activities a "
    "JOIN companies c ON c.id = a.company_id WHERE a.candidate_id IS NULL AND " MY_ACTIVITY
    " UNION ALL SELECT 'companies_counselled', a.company_id, a.date FROM activities a "
    "JOIN companies c ON c.id = a.company_id WHERE a.candidate_id IS NULL AND a.kind = 'counselling' AND " MY_ACTIVITY
    " UNION ALL SELECT 'candidates_counselled', a.candidate_id, a.date FROM activities a "
    "JOIN candidates p ON p.id = a.candidate_id WHERE a.kind IN ('counselling', 'application_training') AND "
    MY_ACTIVITY
    " UNION ALL SELECT 'candidates_proposed', pl.candidate_id, date(pl.created_at, 'localtime') FROM placements pl "
    "WHERE " MY_PLACEMENT
    " UNION ALL SELECT 'candidates_placed', pl.candidate_id, " PLACED_DAY " FROM placements pl "
    "WHERE pl.counted = 1 AND " MY_PLACEMENT
    " UNION ALL SELECT 'partners_active', pa.id, a.date FROM activities a JOIN partners pa ON pa.id = a.partner_id "
    "WHERE pa.status = 'active' AND " MY_ACTIVITY
    ")" IN_PERIOD " GROUP BY indicator");
/* the records behind a figure (never selected by migration background) */
static struct db_sql SQL_RECORDS = DB_SQL(
    "SELECT DISTINCT id FROM (" FACTS ")" IN_PERIOD " AND indicator = ?3 AND (?4 IS NULL OR area = ?4) "
    "AND (?5 IS NULL OR gender = ?5) ORDER BY id LIMIT 501");
static struct db_sql SQL_COMPANY = DB_SQL("SELECT name, postal_code || ' ' || city FROM companies WHERE id = ?1");
static struct db_sql SQL_POST = DB_SQL(
    "SELECT po.title, c.name FROM posts po JOIN companies c ON c.id = po.company_id WHERE po.id = ?1");
static struct db_sql SQL_PLACEMENT = DB_SQL(
    "SELECT po.title, c.name FROM placements pl JOIN posts po ON po.id = pl.post_id "
    "JOIN companies c ON c.id = po.company_id WHERE pl.id = ?1");
static struct db_sql SQL_CANDIDATE = DB_SQL(
    "SELECT first_name || ' ' || last_name, postal_code || ' ' || city FROM candidates WHERE id = ?1");
static struct db_sql SQL_EVENT = DB_SQL("SELECT title, date FROM events WHERE id = ?1");
static struct db_sql SQL_PARTNER = DB_SQL("SELECT name, postal_code || ' ' || city FROM partners WHERE id = ?1");

/* What each indicator counts (its records) and which splits it has. */
enum rec { R_COMPANY, R_POST, R_PLACEMENT, R_CANDIDATE, R_EVENT, R_PARTNER };
static const struct {
    const char *path;
    struct db_sql *sql;
} RECS[] = {
    [R_COMPANY] = { "/companies/", &SQL_COMPANY }, [R_POST] = { "/posts/", &SQL_POST },
    [R_PLACEMENT] = { "/placements/", &SQL_PLACEMENT }, [R_CANDIDATE] = { "/candidates/", &SQL_CANDIDATE },
    [R_EVENT] = { "/events/", &SQL_EVENT }, [R_PARTNER] = { "/partners/", &SQL_PARTNER },
};

static const struct indicator {
    const char *key;
    bool person;       /* counts people: small numbers are suppressed, split by gender */
    bool area, bg;     /* has a Stadt/Kreis split, a migration background split */
    enum rec rec;
} IND[] = {
    { "companies_contacted", false, true, true, R_COMPANY },
    { "companies_counselled", false, true, true, R_COMPANY },
    { "companies_newly_training", false, true, true, R_COMPANY },
    { "posts_acquired", false, true, true, R_POST },
    { "posts_filled", false, true, true, R_PLACEMENT },
    { "candidates_registered", true, true, true, R_CANDIDATE },
    { "candidates_counselled", true, true, true, R_CANDIDATE },
    { "candidates_proposed", true, true, true, R_CANDIDATE },
    { "candidates_placed", true, true, true, R_CANDIDATE },
    { "events_held", false, false, false, R_EVENT },
    { "pupils_reached", true, true, true, R_CANDIDATE },
    { "partners_active", false, true, false, R_PARTNER },
};
#define NIND (sizeof IND / sizeof IND[0])

static const char *const AREAS[] = { "stadt", "kreis", "other" };
static const char *const BGS[] = { "yes", "no", "not_stated" };
static const char *const GENDERS[] = { "female", "male", "diverse", "not_stated" };
#define NAREA 3
#define NBG 3
#define NGENDER 4
/* at most ten years of months in one report */
#define MAX_PERIODS 120

struct figures {
    long long total, area[NAREA], bg[NBG], gender[NGENDER], series[MAX_PERIODS];
};

struct report {
    char from[11], to[11];
    bool quarter;
    int nperiods;
    char periods[MAX_PERIODS][16];  /* "2026-01" or "2026-Q1" */
    struct figures f[NIND];
};

static int index_of(const char *const *list, size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++)
        if (v && !strcmp(list[i], v))
            return (int)i;
    return -1;
}

static int indicator_index(const char *key)
{
    for (size_t i = 0; i < NIND; i++)
        if (key && !strcmp(IND[i].key, key))
            return (int)i;
    return -1;
}

/* ---- the period ------------------------------------------------------------ */

/* The months or quarters from `from` to `to`, in order, as the series'
 * labels (as SQL writes them). */
static void make_periods(struct report *rep)
{
    int y = atoi(rep->from), m = atoi(rep->from + 5), ty = atoi(rep->to), tm = atoi(rep->to + 5);
    if (rep->quarter) {
        m = (m - 1) / 3 * 3 + 1;
        tm = (tm - 1) / 3 * 3 + 1;
    }
    rep->nperiods = 0;
    while ((y < ty || (y == ty && m <= tm)) && rep->nperiods < MAX_PERIODS) {
        char *p = rep->periods[rep->nperiods++];
        if (rep->quarter)
            snprintf(p, 16, "%04d-Q%d", y % 10000, ((m - 1) / 3) % 4 + 1);
        else
            snprintf(p, 16, "%04d-%02d", y % 10000, m % 100);
        m += rep->quarter ? 3 : 1;
        if (m > 12)
            m -= 12, y++;
    }
}

/* ?from=&to=&per= checked: dates (from defaults to the first of this
 * year, to to today), from not after to, at most ten years, per month or
 * quarter. 0, or -1 with a 400 naming each field. */
static int read_period(struct req *r, struct report *rep)
{
    char today[11];
    text_local_day(0, today);
    const char *from = req_query(r, "from"), *to = req_query(r, "to"), *per = req_query(r, "per");
    if (from && *from && !validate_date(from))
        req_field_error(r, "from", "field_bad_date");
    if (to && *to && !validate_date(to))
        req_field_error(r, "to", "field_bad_date");
    if (per && *per && strcmp(per, "month") != 0 && strcmp(per, "quarter") != 0)
        req_field_error(r, "per", "field_bad_value");
    if (r->err != ERR_NONE)
        return -1;
    if (from && *from)
        snprintf(rep->from, sizeof rep->from, "%s", from);
    else
        snprintf(rep->from, sizeof rep->from, "%.4s-01-01", today);
    snprintf(rep->to, sizeof rep->to, "%s", to && *to ? to : today);
    if (strcmp(rep->from, rep->to) > 0) {
        req_field_error(r, "from", "reports_from_after_to");
        req_field_error(r, "to", "reports_from_after_to");
        return -1;
    }
    if (atoi(rep->to) - atoi(rep->from) >= 10) {
        req_field_error(r, "to", "reports_period_too_long");
        return -1;
    }
    rep->quarter = per && !strcmp(per, "quarter");
    make_periods(rep);
    return 0;
}

/* ---- counting ---------------------------------------------------------------- */

/* The series' index of a month "YYYY-MM" ("YYYY-Qn" for quarters), or -1. */
static int period_index(const struct report *rep, const char *month)
{
    char label[24];
    if (rep->quarter)
        snprintf(label, sizeof label, "%.4s-Q%d", month, (atoi(month + 5) % 13 + 2) / 3 % 10);
    else
        snprintf(label, sizeof label, "%.7s", month);
    for (int i = 0; i < rep->nperiods; i++)
        if (!strcmp(rep->periods[i], label))
            return i;
    return -1;
}

/* Adds one counted record (a row of SQL_COUNTED) to its figures. */
static void add_record(struct report *rep, sqlite3_stmt *st)
{
    int i = indicator_index(db_text(st, 0));
    if (i < 0)
        return;
    struct figures *f = &rep->f[i];
    f->total++;
    int k;
    if ((k = index_of(AREAS, NAREA, db_text(st, 1))) >= 0)
        f->area[k]++;
    if ((k = index_of(BGS, NBG, db_text(st, 2))) >= 0)
        f->bg[k]++;
    if ((k = index_of(GENDERS, NGENDER, db_text(st, 3))) >= 0)
        f->gender[k]++;
    bool seen[MAX_PERIODS] = { false };
    for (const char *m = db_text(st, 4); strlen(m) >= 7; m += strcspn(m, ",") + (m[strcspn(m, ",")] ? 1 : 0)) {
        k = period_index(rep, m);
        if (k >= 0 && !seen[k]) {
            seen[k] = true;
            f->series[k]++;
        }
    }
}

/* Every figure of the report, in one read snapshot. 0 or -1. */
static int compute(struct report *rep)
{
    memset(rep->f, 0, sizeof rep->f);
    if (db_read_begin() != 0)
        return -1;
    sqlite3_stmt *st = db_stmt(&SQL_COUNTED);
    enum db_step rc = DB_ERROR;
    if (st) {
        sqlite3_bind_text(st, 1, rep->from, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, rep->to, -1, SQLITE_STATIC);
        while ((rc = db_step(st)) == DB_ROW)
            add_record(rep, st);
        sqlite3_reset(st);
    }
    db_read_end();
    return rc == DB_DONE ? 0 : -1;
}

/* ---- small numbers ------------------------------------------------------------ */

/* A figure of people between 1 and 2 is written "<3": with the splits, a
 * single pupil could otherwise be recognised (and their migration
 * background read off). Companies, posts, events and partners are shown
 * as they are. */
static bool suppressed(const struct indicator *ind, long long v) { return ind->person && v > 0 && v < 3; }

static json_t *cell_json(const struct indicator *ind, long long v)
{
    return suppressed(ind, v) ? json_string("<3") : json_integer(v);
}

static void cell_text(const struct indicator *ind, long long v, char *out, size_t n)
{
    if (suppressed(ind, v))
        snprintf(out, n, "<3");
    else
        snprintf(out, n, "%lld", v);
}

/* ---- the page and its JSON ----------------------------------------------------- */

static const char *label_of(struct req *r, const char *prefix, const char *key)
{
    char k[96];
    snprintf(k, sizeof k, "%s%s", prefix, key);
    return req_t(r, k);
}

/* {"stadt": n, ...} of one split (n or "<3"). */
static json_t *split_json(const struct indicator *ind, const long long *v, const char *const *keys, size_t n)
{
    json_t *o = json_object();
    for (size_t i = 0; i < n; i++)
        json_object_set_new(o, keys[i], cell_json(ind, v[i]));
    return o;
}

/* The link to the records behind one figure (staff), or NULL for a
 * figure that must not be broken down (migration background). */
static json_t *drill(const struct report *rep, int i, const char *split, const char *value)
{
    char href[200];
    snprintf(href, sizeof href, "/reports/records?indicator=%s&from=%s&to=%s%s%s%s%s", IND[i].key, rep->from, rep->to,
             split ? "&" : "", split ? split : "", split ? "=" : "", split ? value : "");
    return json_string(href);
}

/* One split for people: [{"key","label","value","href"?}] with labels. */
static json_t *split_rows(struct req *r, const struct report *rep, int i, const long long *v, const char *const *keys,
                          size_t n, const char *label_prefix, const char *param)
{
    json_t *rows = json_array();
    for (size_t k = 0; k < n; k++) {
        char text[16];
        cell_text(&IND[i], v[k], text, sizeof text);
        json_t *row = json_pack("{s:s, s:s, s:s}", "key", keys[k], "label", label_of(r, label_prefix, keys[k]),
                                "value", text);
        json_object_set_new(row, "link", param && v[k] > 0 ? json_pack("{s:o}", "href", drill(rep, i, param, keys[k]))
                                                           : json_null());
        json_array_append_new(rows, row);
    }
    return rows;
}

/* An SVG bar chart (markup, every text escaped by svgchart) of n values. */
static json_t *chart(const char *id, const char *title, const char *desc, const struct indicator *ind,
                     const long long *v, const char *const *labels, size_t n, int width)
{
    struct svg_bar bars[MAX_PERIODS];
    for (size_t k = 0; k < n && k < MAX_PERIODS; k++)
        bars[k] = (struct svg_bar){ labels[k], v[k], suppressed(ind, v[k]) };
    char *svg = svgchart_bars(id, title, desc, bars, n, width, 180);
    json_t *out = svg ? json_string(svg) : json_null();
    free(svg);
    return out;
}

/* The report as the model: the period, and per indicator its total, its
 * splits (JSON: objects of numbers or "<3"; pages: rows with labels and
 * links, charts) and its series per month or quarter. */
static json_t *report_json(struct req *r, const struct report *rep)
{
    json_t *items = json_array();
    json_t *periods = json_array();
    for (int p = 0; p < rep->nperiods; p++)
        json_array_append_new(periods, json_string(rep->periods[p]));
    for (size_t i = 0; i < NIND; i++) {
        const struct indicator *ind = &IND[i];
        const struct figures *f = &rep->f[i];
        json_t *series = json_array();
        for (int p = 0; p < rep->nperiods; p++)
            json_array_append_new(series, json_pack("{s:s, s:o}", "period", rep->periods[p], "value",
                                                    cell_json(ind, f->series[p])));
        json_t *it = json_pack("{s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:o, s:o}", "key", ind->key, "label",
                               label_of(r, "report_", ind->key), "definition", label_of(r, "report_def_", ind->key),
                               "person", ind->person, "total", cell_json(ind, f->total), "area",
                               ind->area ? split_json(ind, f->area, AREAS, NAREA) : json_null(), "migration_background",
                               ind->bg ? split_json(ind, f->bg, BGS, NBG) : json_null(), "gender",
                               ind->person ? split_json(ind, f->gender, GENDERS, NGENDER) : json_null(), "series",
                               series);
        if (!r->want_json) {
            char text[16];
            cell_text(ind, f->total, text, sizeof text);
            json_object_set_new(it, "total_text", json_string(text));
            json_object_set_new(it, "total_link", f->total > 0 ? json_pack("{s:o}", "href", drill(rep, (int)i, NULL, NULL))
                                                               : json_null());
            json_t *splits = json_array();
            if (ind->area)
                json_array_append_new(splits, json_pack("{s:s, s:o}", "title", req_t(r, "reports_split_area"), "rows",
                                                        split_rows(r, rep, (int)i, f->area, AREAS, NAREA,
                                                                   "reports_area_", "area")));
            if (ind->bg)
                json_array_append_new(splits, json_pack("{s:s, s:o}", "title", req_t(r, "reports_split_background"),
                                                        "rows", split_rows(r, rep, (int)i, f->bg, BGS, NBG,
                                                                           "reports_bg_", NULL)));
            if (ind->person)
                json_array_append_new(splits, json_pack("{s:s, s:o}", "title", req_t(r, "reports_split_gender"),
                                                        "rows", split_rows(r, rep, (int)i, f->gender, GENDERS,
                                                                           NGENDER, "reports_gender_", "gender")));
            json_object_set_new(it, "splits", splits);
            /* the charts: the figure over the months or quarters, and its
             * splits side by side (the tables beside them hold the numbers) */
            const char *labels[MAX_PERIODS];
            for (int p = 0; p < rep->nperiods; p++)
                labels[p] = rep->periods[p];
            char id[64], desc[300];
            const char *title = label_of(r, "report_", ind->key);
            snprintf(id, sizeof id, "chart-%s", ind->key);
            snprintf(desc, sizeof desc, "%s %s – %s", req_t(r, rep->quarter ? "reports_chart_per_quarter"
                                                                              : "reports_chart_per_month"),
                     rep->from, rep->to);
            json_object_set_new(it, "chart", chart(id, title, desc, ind, f->series, labels, (size_t)rep->nperiods,
                                                   rep->nperiods > 12 ? 60 * rep->nperiods : 720));
            json_t *charts = json_array();
            if (ind->area) {
                const char *al[NAREA];
                for (int k = 0; k < NAREA; k++)
                    al[k] = label_of(r, "reports_area_", AREAS[k]);
                snprintf(id, sizeof id, "chart-%s-area", ind->key);
                json_array_append_new(charts, json_pack("{s:o}", "svg", chart(id, title, req_t(r, "reports_split_area"),
                                                                              ind, f->area, al, NAREA, 300)));
            }
            if (ind->bg) {
                const char *bl[NBG];
                for (int k = 0; k < NBG; k++)
                    bl[k] = label_of(r, "reports_bg_", BGS[k]);
                snprintf(id, sizeof id, "chart-%s-bg", ind->key);
                json_array_append_new(charts, json_pack("{s:o}", "svg", chart(id, title,
                                                                              req_t(r, "reports_split_background"),
                                                                              ind, f->bg, bl, NBG, 300)));
            }
            if (ind->person) {
                const char *gl[NGENDER];
                for (int k = 0; k < NGENDER; k++)
                    gl[k] = label_of(r, "reports_gender_", GENDERS[k]);
                snprintf(id, sizeof id, "chart-%s-gender", ind->key);
                json_array_append_new(charts, json_pack("{s:o}", "svg", chart(id, title,
                                                                              req_t(r, "reports_split_gender"), ind,
                                                                              f->gender, gl, NGENDER, 360)));
            }
            json_object_set_new(it, "split_charts", charts);
        }
        json_array_append_new(items, it);
    }
    return json_pack("{s:s, s:s, s:s, s:o, s:o}", "from", rep->from, "to", rep->to, "per",
                     rep->quarter ? "quarter" : "month", "periods", periods, "indicators", items);
}

/* The query string of the report's period, for its export links. */
static void period_query(const struct report *rep, char *out, size_t n)
{
    snprintf(out, n, "from=%s&to=%s&per=%s", rep->from, rep->to, rep->quarter ? "quarter" : "month");
}

int reports_page(struct req *r)
{
    struct report *rep = calloc(1, sizeof *rep);
    if (!rep)
        return req_fail(r, ERR_INTERNAL);
    if (read_period(r, rep) != 0) {
        free(rep);
        return -1;
    }
    if (compute(rep) != 0) {
        free(rep);
        return req_fail(r, ERR_INTERNAL);
    }
    json_t *model = report_json(r, rep);
    if (!r->want_json) {
        char q[96], href[128];
        period_query(rep, q, sizeof q);
        snprintf(href, sizeof href, "/reports.csv?%s", q);
        json_object_set_new(model, "csv_href", json_string(href));
        snprintf(href, sizeof href, "/reports.xlsx?%s", q);
        json_object_set_new(model, "xlsx_href", json_string(href));
        json_object_set_new(model, "per_month", json_boolean(!rep->quarter));
        json_object_set_new(model, "per_quarter", json_boolean(rep->quarter));
        char day[40];
        req_date(r, rep->from, day, sizeof day);
        json_object_set_new(model, "from_local", json_string(day));
        req_date(r, rep->to, day, sizeof day);
        json_object_set_new(model, "to_local", json_string(day));
        req_title(r, req_t(r, "reports_title"));
    }
    free(rep);
    return req_page(r, "reports/index.tpl", model);
}

/* ---- exports --------------------------------------------------------------------- */

/* The report as CSV for Excel: UTF-8 with BOM, semicolons, every cell
 * through the kit's Excel-safe writer; a title row with the period, the
 * table of indicators with their splits, then the series. */
static char *report_csv(struct req *r, const struct report *rep, size_t *len)
{
    struct buf b = { 0 };
    buf_puts(&b, "\xEF\xBB\xBF");
    char title[200], text[32];
    snprintf(title, sizeof title, "%s %s – %s", req_t(r, "reports_title"), rep->from, rep->to);
    entity_csv_cell(&b, title, strlen(title), true);
    /* header */
    const char *head[2 + NAREA + NBG + NGENDER + 1];
    size_t nh = 0;
    head[nh++] = req_t(r, "reports_col_indicator");
    head[nh++] = req_t(r, "reports_col_total");
    for (int k = 0; k < NAREA; k++)
        head[nh++] = label_of(r, "reports_area_", AREAS[k]);
    for (int k = 0; k < NBG; k++)
        head[nh++] = label_of(r, "reports_bg_col_", BGS[k]);
    for (int k = 0; k < NGENDER; k++)
        head[nh++] = label_of(r, "reports_gender_", GENDERS[k]);
    head[nh++] = req_t(r, "reports_col_definition");
    for (size_t h = 0; h < nh; h++)
        entity_csv_cell(&b, head[h], strlen(head[h]), h + 1 == nh);
    for (size_t i = 0; i < NIND; i++) {
        const struct indicator *ind = &IND[i];
        const struct figures *f = &rep->f[i];
        const char *label = label_of(r, "report_", ind->key);
        entity_csv_cell(&b, label, strlen(label), false);
        cell_text(ind, f->total, text, sizeof text);
        entity_csv_cell(&b, text, strlen(text), false);
        for (int k = 0; k < NAREA; k++) {
            if (ind->area)
                cell_text(ind, f->area[k], text, sizeof text);
            else
                text[0] = '\0';
            entity_csv_cell(&b, text, strlen(text), false);
        }
        for (int k = 0; k < NBG; k++) {
            if (ind->bg)
                cell_text(ind, f->bg[k], text, sizeof text);
            else
                text[0] = '\0';
            entity_csv_cell(&b, text, strlen(text), false);
        }
        for (int k = 0; k < NGENDER; k++) {
            if (ind->person)
                cell_text(ind, f->gender[k], text, sizeof text);
            else
                text[0] = '\0';
            entity_csv_cell(&b, text, strlen(text), false);
        }
        const char *def = label_of(r, "report_def_", ind->key);
        entity_csv_cell(&b, def, strlen(def), true);
    }
    /* the series */
    buf_puts(&b, "\r\n");
    const char *per = req_t(r, rep->quarter ? "reports_chart_per_quarter" : "reports_chart_per_month");
    entity_csv_cell(&b, per, strlen(per), rep->nperiods == 0);
    for (int p = 0; p < rep->nperiods; p++)
        entity_csv_cell(&b, rep->periods[p], strlen(rep->periods[p]), p + 1 == rep->nperiods);
    for (size_t i = 0; i < NIND; i++) {
        const char *label = label_of(r, "report_", IND[i].key);
        entity_csv_cell(&b, label, strlen(label), rep->nperiods == 0);
        for (int p = 0; p < rep->nperiods; p++) {
            cell_text(&IND[i], rep->f[i].series[p], text, sizeof text);
            entity_csv_cell(&b, text, strlen(text), p + 1 == rep->nperiods);
        }
    }
    *len = b.len;
    return buf_steal(&b);
}

/* The period read, the figures counted and the export audited (what left
 * the program, with the period's field names): 0 with *rep (caller frees)
 * or -1 with the error set. */
static int export_report(struct req *r, struct report **out)
{
    struct report *rep = calloc(1, sizeof *rep);
    if (!rep)
        return req_fail(r, ERR_INTERNAL);
    if (read_period(r, rep) != 0) {
        free(rep);
        return -1;
    }
    json_t *used = json_pack("[s,s,s]", "from", "to", "per");
    int rc = compute(rep) == 0 && audit_write(r, "export", "report", 0, used) == 0 ? 0 : -1;
    json_decref(used);
    if (rc != 0) {
        free(rep);
        return req_fail(r, ERR_INTERNAL);
    }
    *out = rep;
    return 0;
}

static void attachment(struct req *r, const char *name, const struct report *rep, const char *ext)
{
    char disposition[160];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"%s-%s-%s.%s\"", name, rep->from, rep->to, ext);
    MHD_add_response_header(r->raw, "Content-Disposition", disposition);
}

int reports_csv(struct req *r)
{
    struct report *rep;
    if (export_report(r, &rep) != 0)
        return -1;
    size_t len;
    char *csv = report_csv(r, rep, &len);
    if (!csv || req_bytes(r, "text/csv; charset=utf-8", csv, len) != 0) {
        free(rep);
        return req_fail(r, ERR_INTERNAL);
    }
    attachment(r, "bericht", rep, "csv");
    free(rep);
    return 0;
}

/* One cell of a figure in a sheet: a number, or the text "<3". */
static void xlsx_cell(lxw_worksheet *ws, int row, int col, const struct indicator *ind, long long v)
{
    if (suppressed(ind, v))
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, "<3", NULL);
    else
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)v, NULL);
}

/* The report as a workbook at path: a sheet per table (the indicators
 * with their splits; the series; the definitions), each with a title row
 * naming the period, numbers as numbers. 0 or -1. */
static int write_xlsx(struct req *r, const struct report *rep, const char *path)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return -1;
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    char title[200];
    snprintf(title, sizeof title, "%s %s – %s", req_t(r, "reports_title"), rep->from, rep->to);

    lxw_worksheet *ws = workbook_add_worksheet(wb, req_t(r, "reports_sheet_indicators"));
    worksheet_write_string(ws, 0, 0, title, bold);
    int col = 0;
    worksheet_write_string(ws, 2, (lxw_col_t)col++, req_t(r, "reports_col_indicator"), bold);
    worksheet_write_string(ws, 2, (lxw_col_t)col++, req_t(r, "reports_col_total"), bold);
    for (int k = 0; k < NAREA; k++)
        worksheet_write_string(ws, 2, (lxw_col_t)col++, label_of(r, "reports_area_", AREAS[k]), bold);
    for (int k = 0; k < NBG; k++)
        worksheet_write_string(ws, 2, (lxw_col_t)col++, label_of(r, "reports_bg_col_", BGS[k]), bold);
    for (int k = 0; k < NGENDER; k++)
        worksheet_write_string(ws, 2, (lxw_col_t)col++, label_of(r, "reports_gender_", GENDERS[k]), bold);
    worksheet_set_column(ws, 0, 0, 40, NULL);
    for (size_t i = 0; i < NIND; i++) {
        const struct indicator *ind = &IND[i];
        const struct figures *f = &rep->f[i];
        int row = 3 + (int)i;
        col = 0;
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col++, label_of(r, "report_", ind->key), NULL);
        xlsx_cell(ws, row, col++, ind, f->total);
        for (int k = 0; k < NAREA; k++, col++)
            if (ind->area)
                xlsx_cell(ws, row, col, ind, f->area[k]);
        for (int k = 0; k < NBG; k++, col++)
            if (ind->bg)
                xlsx_cell(ws, row, col, ind, f->bg[k]);
        for (int k = 0; k < NGENDER; k++, col++)
            if (ind->person)
                xlsx_cell(ws, row, col, ind, f->gender[k]);
    }

    ws = workbook_add_worksheet(wb, req_t(r, rep->quarter ? "reports_sheet_quarters" : "reports_sheet_months"));
    worksheet_write_string(ws, 0, 0, title, bold);
    worksheet_write_string(ws, 2, 0, req_t(r, "reports_col_indicator"), bold);
    for (int p = 0; p < rep->nperiods; p++)
        worksheet_write_string(ws, 2, (lxw_col_t)(1 + p), rep->periods[p], bold);
    worksheet_set_column(ws, 0, 0, 40, NULL);
    for (size_t i = 0; i < NIND; i++) {
        worksheet_write_string(ws, (lxw_row_t)(3 + i), 0, label_of(r, "report_", IND[i].key), NULL);
        for (int p = 0; p < rep->nperiods; p++)
            xlsx_cell(ws, 3 + (int)i, 1 + p, &IND[i], rep->f[i].series[p]);
    }

    ws = workbook_add_worksheet(wb, req_t(r, "reports_sheet_definitions"));
    worksheet_write_string(ws, 0, 0, title, bold);
    worksheet_write_string(ws, 2, 0, req_t(r, "reports_col_indicator"), bold);
    worksheet_write_string(ws, 2, 1, req_t(r, "reports_col_definition"), bold);
    worksheet_set_column(ws, 0, 0, 40, NULL);
    worksheet_set_column(ws, 1, 1, 100, NULL);
    for (size_t i = 0; i < NIND; i++) {
        worksheet_write_string(ws, (lxw_row_t)(3 + i), 0, label_of(r, "report_", IND[i].key), NULL);
        worksheet_write_string(ws, (lxw_row_t)(3 + i), 1, label_of(r, "report_def_", IND[i].key), NULL);
    }
    worksheet_write_string(ws, (lxw_row_t)(4 + NIND), 0, req_t(r, "reports_suppression_rule"), NULL);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

/* The whole file at path into a new buffer (*len bytes); NULL on error. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = { 0 };
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(&b, chunk, n) != 0)
            break;
    bool ok = !ferror(f) && feof(f);
    fclose(f);
    if (!ok || !b.data) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return buf_steal(&b);
}

/* The report as XLSX: libxlsxwriter writes only to a file, so the
 * workbook goes to a private temporary file (mkstemp, mode 0600) that is
 * read back and removed at once. */
int reports_xlsx(struct req *r)
{
    struct report *rep;
    if (export_report(r, &rep) != 0)
        return -1;
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/azubimatch-report-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    size_t len = 0;
    char *data = NULL;
    if (fd >= 0) {
        close(fd);
        if (write_xlsx(r, rep, path) == 0)
            data = read_file(path, &len);
        unlink(path);
    }
    if (!data || req_bytes(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data, len) != 0) {
        free(rep);
        return req_fail(r, ERR_INTERNAL);
    }
    attachment(r, "bericht", rep, "xlsx");
    free(rep);
    return 0;
}

/* ---- the records behind a figure ------------------------------------------------ */

/* GET /reports/records: the records a figure counts, for staff to check
 * it (at most 500). Never by migration background: that stays in
 * aggregate. Pupils listed are personal records: each is audited as read. */
int reports_records(struct req *r)
{
    struct report *rep = calloc(1, sizeof *rep);
    if (!rep)
        return req_fail(r, ERR_INTERNAL);
    const char *key = req_query(r, "indicator"), *area = req_query(r, "area"), *gender = req_query(r, "gender");
    int i = indicator_index(key);
    if (i < 0)
        req_field_error(r, "indicator", "field_bad_value");
    if (req_query(r, "migration_background") || req_query(r, "background"))
        req_field_error(r, req_query(r, "background") ? "background" : "migration_background",
                        "reports_no_background_records");
    if (area && (index_of(AREAS, NAREA, area) < 0 || (i >= 0 && !IND[i].area)))
        req_field_error(r, "area", "field_bad_value");
    if (gender && (index_of(GENDERS, NGENDER, gender) < 0 || (i >= 0 && !IND[i].person)))
        req_field_error(r, "gender", "field_bad_value");
    if (r->err != ERR_NONE || read_period(r, rep) != 0) {
        free(rep);
        return -1;
    }
    const struct indicator *ind = &IND[i];
    int64_t ids[501];
    int n = 0;
    sqlite3_stmt *st = db_read_begin() == 0 ? db_stmt(&SQL_RECORDS) : NULL;
    enum db_step rc = DB_ERROR;
    if (st) {
        sqlite3_bind_text(st, 1, rep->from, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, rep->to, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, ind->key, -1, SQLITE_STATIC);
        if (area)
            sqlite3_bind_text(st, 4, area, -1, SQLITE_STATIC);
        if (gender)
            sqlite3_bind_text(st, 5, gender, -1, SQLITE_STATIC);
        while (n < 501 && (rc = db_step(st)) == DB_ROW)
            ids[n++] = sqlite3_column_int64(st, 0);
        if (rc == DB_ROW)
            rc = DB_DONE;
        sqlite3_reset(st);
    }
    json_t *items = json_array();
    for (int k = 0; k < n && k < 500 && rc != DB_ERROR; k++) {
        sqlite3_stmt *q = db_stmt(RECS[ind->rec].sql);
        if (!q) {
            rc = DB_ERROR;
            break;
        }
        sqlite3_bind_int64(q, 1, ids[k]);
        enum db_step one = db_step(q);
        if (one == DB_ROW) {
            char href[64];
            snprintf(href, sizeof href, "%s%lld", RECS[ind->rec].path, (long long)ids[k]);
            json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)ids[k], "name",
                                                   db_text(q, 0), "detail", db_text(q, 1), "href", href));
        }
        sqlite3_reset(q);
        if (one == DB_ERROR)
            rc = DB_ERROR;
    }
    db_read_end();
    if (rc == DB_ERROR) {
        json_decref(items);
        free(rep);
        return req_fail(r, ERR_INTERNAL);
    }
    /* a list of pupils is a read of each pupil's record */
    if (ind->rec == R_CANDIDATE) {
        json_t *what = json_pack("[s]", "report");
        size_t k;
        json_t *it;
        json_array_foreach(items, k, it) {
            if (audit_write(r, "read", "candidate", json_integer_value(json_object_get(it, "id")), what) != 0) {
                json_decref(what);
                json_decref(items);
                free(rep);
                return req_fail(r, ERR_INTERNAL);
            }
        }
        json_decref(what);
    }
    json_t *model = json_pack("{s:s, s:s, s:s, s:s, s:o, s:I, s:b}", "indicator", ind->key, "label",
                              label_of(r, "report_", ind->key), "from", rep->from, "to", rep->to, "items", items,
                              "total", (json_int_t)json_array_size(items), "more", n > 500);
    if (area)
        json_object_set_new(model, "area", json_string(area));
    if (gender)
        json_object_set_new(model, "gender", json_string(gender));
    if (!r->want_json) {
        json_object_set_new(model, "definition", json_string(label_of(r, "report_def_", ind->key)));
        json_object_set_new(model, "split", json_boolean(area || gender));
        json_object_set_new(model, "split_label",
                            json_string(area ? label_of(r, "reports_area_", area)
                                             : gender ? label_of(r, "reports_gender_", gender) : ""));
        char back[128];
        snprintf(back, sizeof back, "/reports?from=%s&to=%s", rep->from, rep->to);
        json_object_set_new(model, "back", json_string(back));
        req_title(r, label_of(r, "report_", ind->key));
    }
    free(rep);
    return req_page(r, "reports/records.tpl", model);
}

/* ---- the start page ----------------------------------------------------------------- */

json_t *reports_own_figures(struct req *r)
{
    static const char *const mine[] = { "companies_contacted", "companies_counselled", "candidates_counselled",
                                        "candidates_proposed", "candidates_placed", "partners_active" };
    char today[11], from[11];
    text_local_day(0, today);
    snprintf(from, sizeof from, "%.4s-01-01", today);
    long long v[sizeof mine / sizeof mine[0]] = { 0 };
    sqlite3_stmt *st = db_stmt(&SQL_MINE);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, r->user->id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int k = index_of(mine, sizeof mine / sizeof mine[0], db_text(st, 0));
        if (k >= 0)
            v[k] = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR)
        return NULL;
    /* one's own work, seen only by oneself: the numbers as they are */
    json_t *items = json_array();
    for (size_t k = 0; k < sizeof mine / sizeof mine[0]; k++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:I}", "key", mine[k], "label",
                                               label_of(r, "report_", mine[k]), "value", (json_int_t)v[k]));
    char year[5];
    snprintf(year, sizeof year, "%.4s", today);
    return json_pack("{s:s, s:o}", "year", year, "items", items);
}
