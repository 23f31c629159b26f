#include "app/matches.h"

#include "app/auth.h"
#include "app/choices.h"
#include "app/matchpool.h"
#include "app/placements.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/list.h"
#include "match/match.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* whole years of age today (local calendar), over t */
#define AGE_SQL                                                                                                  \
    "(CAST(strftime('%Y', 'now', 'localtime') AS INTEGER) - CAST(substr(t.birth_date, 1, 4) AS INTEGER) - "     \
    "(strftime('%m-%d', 'now', 'localtime') < substr(t.birth_date, 6, 5)))"

/* What a row shows of the other side: never contact data. */
static struct db_sql SQL_CANDIDATE_ROW = DB_SQL(
    "SELECT t.first_name, t.last_name, " AGE_SQL ", t.city, t.certificate, t.postal_code FROM candidates t "
    "WHERE t.id = ?1");
static struct db_sql SQL_POST_ROW = DB_SQL(
    "SELECT p.title, coalesce(c.name, ''), p.city, p.start_date, p.company_id, p.postal_code, p.min_certificate "
    "FROM posts p LEFT JOIN companies c ON c.id = p.company_id WHERE p.id = ?1");
static struct db_sql SQL_POST_HEAD = DB_SQL(
    "SELECT p.title, coalesce(c.name, ''), p.city, p.start_date, p.status, p.places - p.places_filled, "
    "coalesce(o.name, ''), p.min_certificate, p.company_id FROM posts p "
    "LEFT JOIN companies c ON c.id = p.company_id LEFT JOIN occupations o ON o.id = p.occupation_id WHERE p.id = ?1");
static struct db_sql SQL_CANDIDATE_HEAD = DB_SQL(
    "SELECT t.first_name, t.last_name, " AGE_SQL ", t.city, t.certificate, t.status, t.match_opt_out "
    "FROM candidates t WHERE t.id = ?1");

static const char *const CRITERIA[CRIT_COUNT] = { "occupation", "certificate", "distance",
                                                  "start",      "languages",   "contact" };
static const char *const CERT_WORDS[CERT_COUNT] = { "none", "hauptschule", "mittlere_reife", "fachhochschulreife",
                                                    "abitur" };

void matches_configure(const struct config *cfg)
{
    struct match_config m;
    match_config_defaults(&m);
    m.weight[CRIT_OCCUPATION] = cfg->weight_occupation;
    m.weight[CRIT_CERTIFICATE] = cfg->weight_certificate;
    m.weight[CRIT_DISTANCE] = cfg->weight_distance;
    m.weight[CRIT_START] = cfg->weight_start;
    m.weight[CRIT_LANGUAGES] = cfg->weight_languages;
    m.weight[CRIT_CONTACT] = cfg->weight_contact;
    m.default_commute_km = cfg->default_commute_km;
    m.late_months = cfg->late_months;
    matchpool_configure(&m);
}

/* ---- the query string ------------------------------------------------------------- */

struct query_in {
    struct list_params lp;
    struct matchpool_query q;
};

/* A whole number lo..hi from the query, or -1 when absent or empty; a
 * bad one names the field (400). */
static int query_int(struct req *r, const char *name, int lo, int hi)
{
    const char *v = req_query(r, name);
    if (!v || !*v)
        return -1;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || n < lo || n > hi) {
        req_field_error(r, name, "field_bad_number");
        return -1;
    }
    return (int)n;
}

/* Paging and the filters, each bad value a 400 naming it. 0 or -1. */
static int read_query(struct req *r, struct query_in *in)
{
    memset(in, 0, sizeof *in);
    list_params(r, &in->lp);
    in->q.min_score = query_int(r, "min_score", 0, 100);
    in->q.max_km = query_int(r, "max_km", 0, 500);
    const char *cert = req_query(r, "certificate");
    in->q.cert = cert && *cert ? match_cert_of(cert) : -1;
    if (cert && *cert && in->q.cert < 0)
        req_field_error(r, "certificate", "field_bad_value");
    const char *city = req_query(r, "city");
    if (city && strlen(city) > 100)
        req_field_error(r, "city", "field_too_long");
    in->q.city = city && *city ? city : NULL;
    in->q.offset = (size_t)list_offset(&in->lp);
    in->q.limit = (size_t)in->lp.per_page;
    return r->err == ERR_NONE ? 0 : -1;
}

/* The filter form's values as sent, with the certificate <option>s. */
static json_t *filter_model(struct req *r)
{
    json_t *m = json_object();
    static const char *const names[] = { "min_score", "max_km", "city" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = req_query(r, names[i]);
        json_object_set_new(m, names[i], json_string(v ? v : ""));
    }
    const char *chosen = req_query(r, "certificate");
    json_t *opts = json_array();
    for (int k = 0; k < CERT_COUNT; k++)
        json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", CERT_WORDS[k], "label",
                                              entity_label(&CHOICES_CERTIFICATE, r->lang, CERT_WORDS[k]), "selected",
                                              chosen && !strcmp(chosen, CERT_WORDS[k])));
    json_object_set_new(m, "certificate_options", opts);
    return m;
}

/* ---- reasons in words ---------------------------------------------------------------- */

/* The catalog's text of key with {1} and {2} replaced by a1 and a2. */
static void fill(struct req *r, struct buf *b, const char *key, const char *a1, const char *a2)
{
    for (const char *t = req_t(r, key); *t; t++) {
        if (t[0] == '{' && (t[1] == '1' || t[1] == '2') && t[2] == '}') {
            const char *a = t[1] == '1' ? a1 : a2;
            buf_puts(b, a ? a : "");
            t += 2;
        } else {
            buf_append(b, t, 1);
        }
    }
}

/* A day number as the reader writes dates, into out. */
static void day_text(struct req *r, int32_t day, char *out, size_t n)
{
    char iso[11];
    match_day_iso(day, iso);
    req_date(r, iso, out, n);
}

/* A delay in days as months (or days when under half a month). */
static void delay_text(struct req *r, int days, char *out, size_t n)
{
    struct buf b = { 0 };
    char num[16];
    int months = (int)lround(days / 30.4375);
    if (months >= 1) {
        snprintf(num, sizeof num, "%d", months);
        fill(r, &b, months == 1 ? "match_one_month" : "match_months", num, NULL);
    } else {
        snprintf(num, sizeof num, "%d", days);
        fill(r, &b, days == 1 ? "match_one_day" : "match_days", num, NULL);
    }
    snprintf(out, n, "%s", b.data ? b.data : "");
    buf_free(&b);
}

/* The detail of one reason in the reader's language (new string). */
static char *detail_text(struct req *r, int crit, const struct match_reason *m, const char (*langs)[3])
{
    struct buf b = { 0 };
    char one[64], two[64];
    switch (m->detail) {
    case D_OCC_RANK:
        snprintf(one, sizeof one, "%d", m->value);
        fill(r, &b, "match_occ_rank", one, NULL);
        break;
    case D_CERT_MET:
    case D_CERT_EXPECTED:
    case D_CERT_BELOW: {
        int level = m->value >= 0 && m->value < CERT_COUNT ? m->value : 0;
        const char *label = entity_label(&CHOICES_CERTIFICATE, r->lang, CERT_WORDS[level]);
        fill(r, &b, m->detail == D_CERT_MET ? "match_cert_met" : m->detail == D_CERT_EXPECTED ? "match_cert_expected"
                                                                                               : "match_cert_below",
             label, NULL);
        break;
    }
    case D_DIST_WITHIN:
    case D_DIST_BEYOND:
        snprintf(one, sizeof one, "%d", m->value);
        snprintf(two, sizeof two, "%d", m->limit);
        fill(r, &b, m->detail == D_DIST_WITHIN ? "match_dist_within" : "match_dist_beyond", one, two);
        break;
    case D_START_READY:
        if (m->day != MATCH_NO_DAY) {
            day_text(r, m->day, one, sizeof one);
            fill(r, &b, "match_start_ready_from", one, NULL);
        } else {
            fill(r, &b, "match_start_ready", NULL, NULL);
        }
        break;
    case D_START_LATE:
        day_text(r, m->day, one, sizeof one);
        delay_text(r, m->value, two, sizeof two);
        fill(r, &b, "match_start_late", one, two);
        break;
    case D_LANG_COMMON: {
        struct buf names = { 0 };
        for (int k = 0; k < 64; k++)
            if (m->langs & (1ull << k)) {
                buf_puts(&names, names.len ? ", " : "");
                buf_puts(&names, entity_item_label(&CHOICES_LANGUAGE, r->lang, langs[k]));
            }
        fill(r, &b, "match_lang_common", names.data ? names.data : "", NULL);
        buf_free(&names);
        break;
    }
    case D_CONTACT_EVENT:
    case D_CONTACT_INTERNSHIP:
        day_text(r, m->day, one, sizeof one);
        fill(r, &b, m->detail == D_CONTACT_EVENT ? "match_contact_event" : "match_contact_internship", one, NULL);
        break;
    default: {
        static const char *const keys[] = { [D_OCC_NOT_WISHED] = "match_occ_not_wished",
                                            [D_DIST_UNKNOWN] = "match_dist_unknown",
                                            [D_START_UNKNOWN] = "match_start_unknown",
                                            [D_LANG_NONE] = "match_lang_none",
                                            [D_CONTACT_NONE] = "match_contact_none" };
        const char *key = m->detail >= 0 && (size_t)m->detail < sizeof keys / sizeof keys[0] ? keys[m->detail] : NULL;
        fill(r, &b, key ? key : "match_unknown", NULL, NULL);
    }
    }
    (void)crit;
    return b.data ? buf_steal(&b) : strdup("");
}

/* The reasons of a match: [{"criterion","points","detail"}], for pages
 * also the criterion's name and its weight. New reference. */
static json_t *reasons_json(struct req *r, const struct match_result *res, const char (*langs)[3])
{
    json_t *list = json_array();
    for (int k = 0; k < CRIT_COUNT; k++) {
        const struct match_reason *m = &res->reason[k];
        char *detail = detail_text(r, k, m, langs);
        json_t *o = json_pack("{s:s, s:i, s:s}", "criterion", CRITERIA[k], "points", m->points, "detail",
                              detail ? detail : "");
        free(detail);
        if (!r->want_json) {
            char key[64];
            snprintf(key, sizeof key, "match_crit_%s", CRITERIA[k]);
            json_object_set_new(o, "label", json_string(req_t(r, key)));
            json_object_set_new(o, "weight", json_integer(m->weight));
            json_object_set_new(o, "full", json_boolean(m->points == m->weight && m->weight > 0));
            json_object_set_new(o, "none", json_boolean(m->points == 0));
        }
        json_array_append_new(list, o);
    }
    return list;
}

/* ---- the pages ---------------------------------------------------------------------------- */

/* A row's open placement of the pupil for the post ("placement_id", null
 * when none: the page offers a proposal only then). 0 or -1. */
static int with_placement(struct req *r, json_t *row, int64_t candidate_id, int64_t post_id)
{
    int64_t open = placements_open_between(candidate_id, post_id);
    if (open < 0)
        return -1;
    json_object_set_new(row, "placement_id", open > 0 ? json_integer(open) : json_null());
    if (open > 0 && !r->want_json)
        json_object_set_new(row, "placement", json_pack("{s:I}", "id", (json_int_t)open));
    return 0;
}

/* One audit entry per request: staff read candidates' data through it,
 * named by what was read: a candidate's matches, or the candidates ranked
 * for a post (object "post", so the log says for which). */
struct audit_ctx {
    struct req *r;
    const char *type;
    int64_t id;
};

static int audit_tx(void *arg)
{
    struct audit_ctx *a = arg;
    json_t *fields = json_pack("[s]", "matches");
    int rc = audit_write(a->r, "read", a->type, a->id, fields);
    json_decref(fields);
    return rc;
}

static int audit_read(struct req *r, const char *type, int64_t id)
{
    struct audit_ctx a = { r, type, id };
    if (!r->actor_id)
        return 0;
    return db_tx(audit_tx, &a) == 0 ? 0 : req_fail(r, ERR_INTERNAL);
}

/* A page's model: the list, its subject, the filters, the Art. 22 note. */
static json_t *page_model(struct req *r, const struct query_in *in, json_t *items, size_t total, bool eligible)
{
    json_t *model = list_result(r, items, (long long)total, &in->lp);
    json_object_set_new(model, "eligible", json_boolean(eligible));
    if (!r->want_json) {
        json_object_set_new(model, "filter", filter_model(r));
        json_object_set_new(model, "can_write", json_boolean(auth_may_write(r)));
    }
    return model;
}

int matches_for_post(struct req *r)
{
    struct query_in in;
    if (read_query(r, &in) != 0)
        return -1;
    sqlite3_stmt *st = db_stmt(&SQL_POST_HEAD);
    if (!st)
        return req_fail(r, ERR_INTERNAL);
    sqlite3_bind_int64(st, 1, r->id);
    enum db_step step = db_step(st);
    json_t *post = NULL;
    if (step == DB_ROW) {
        const char *cert = db_text(st, 7);
        post = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:I}", "id", (json_int_t)r->id, "title",
                         db_text(st, 0), "company_name", db_text(st, 1), "city", db_text(st, 2), "start_date",
                         db_text(st, 3), "status", db_text(st, 4), "free_places",
                         (json_int_t)sqlite3_column_int64(st, 5), "occupation_name", db_text(st, 6), "min_certificate",
                         cert, "company_id", (json_int_t)sqlite3_column_int64(st, 8));
        if (!r->want_json) {
            json_object_set_new(post, "min_certificate_label",
                                json_string(entity_label(&CHOICES_CERTIFICATE, r->lang, cert)));
            char day[32];
            req_date(r, db_text(st, 3), day, sizeof day);
            json_object_set_new(post, "start_date_local", json_string(day));
        }
    }
    sqlite3_reset(st);
    if (step != DB_ROW)
        return req_fail(r, step == DB_DONE ? ERR_NOT_FOUND : ERR_INTERNAL);
    struct matchpool_answer a;
    if (matchpool_rank_for_post(r->id, &in.q, &a) != 0) {
        json_decref(post);
        return req_fail(r, ERR_INTERNAL);
    }
    if (!a.found || audit_read(r, "post", r->id) != 0) {
        matchpool_answer_free(&a);
        json_decref(post);
        return r->err != ERR_NONE ? -1 : req_fail(r, ERR_NOT_FOUND);
    }
    json_t *items = json_array();
    int rc = 0;
    for (size_t i = 0; i < a.n && rc == 0; i++) {
        if (!(st = db_stmt(&SQL_CANDIDATE_ROW))) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(st, 1, a.rows[i].id);
        int extra = 0;
        step = db_step(st);
        if (step == DB_ROW) {
            const char *cert = db_text(st, 4);
            json_t *o = json_pack("{s:I, s:i, s:o, s:s, s:s, s:I, s:s, s:s}", "candidate_id",
                                  (json_int_t)a.rows[i].id, "score", a.rows[i].result.score, "reasons",
                                  reasons_json(r, &a.rows[i].result, (const char(*)[3])a.langs), "first_name",
                                  db_text(st, 0), "last_name", db_text(st, 1), "age",
                                  (json_int_t)sqlite3_column_int64(st, 2), "city", db_text(st, 3), "certificate", cert);
            if (!r->want_json) {
                json_object_set_new(o, "certificate_label",
                                    json_string(entity_label(&CHOICES_CERTIFICATE, r->lang, cert)));
            }
            extra = with_placement(r, o, a.rows[i].id, r->id);
            json_array_append_new(items, o);
        }
        sqlite3_reset(st);
        rc = step == DB_ERROR || extra != 0 ? -1 : 0;
    }
    matchpool_answer_free(&a);
    if (rc != 0) {
        json_decref(items);
        json_decref(post);
        return req_fail(r, ERR_INTERNAL);
    }
    json_t *model = page_model(r, &in, items, a.total, a.eligible);
    json_object_set_new(model, "post_id", json_integer(r->id));
    json_object_set_new(model, "post", post);
    if (!r->want_json)
        req_title(r, req_t(r, "matches_for_post_title"));
    return req_page(r, "matches/post.tpl", model);
}

int matches_for_candidate(struct req *r)
{
    struct query_in in;
    if (read_query(r, &in) != 0)
        return -1;
    sqlite3_stmt *st = db_stmt(&SQL_CANDIDATE_HEAD);
    if (!st)
        return req_fail(r, ERR_INTERNAL);
    sqlite3_bind_int64(st, 1, r->id);
    enum db_step step = db_step(st);
    json_t *cand = NULL;
    if (step == DB_ROW) {
        const char *cert = db_text(st, 4), *status = db_text(st, 5);
        cand = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)r->id, "first_name",
                         db_text(st, 0), "last_name", db_text(st, 1), "age", (json_int_t)sqlite3_column_int64(st, 2),
                         "city", db_text(st, 3), "certificate", cert, "status", status, "match_opt_out",
                         sqlite3_column_int(st, 6) != 0);
        if (!r->want_json) {
            json_object_set_new(cand, "certificate_label",
                                json_string(entity_label(&CHOICES_CERTIFICATE, r->lang, cert)));
            json_object_set_new(cand, "status_label",
                                json_string(entity_label(&CHOICES_CANDIDATE_STATUS, r->lang, status)));
        }
    }
    sqlite3_reset(st);
    if (step != DB_ROW)
        return req_fail(r, step == DB_DONE ? ERR_NOT_FOUND : ERR_INTERNAL);
    struct matchpool_answer a;
    if (matchpool_rank_for_candidate(r->id, &in.q, &a) != 0) {
        json_decref(cand);
        return req_fail(r, ERR_INTERNAL);
    }
    if (!a.found || audit_read(r, "candidate", r->id) != 0) {
        matchpool_answer_free(&a);
        json_decref(cand);
        return r->err != ERR_NONE ? -1 : req_fail(r, ERR_NOT_FOUND);
    }
    json_t *items = json_array();
    int rc = 0;
    for (size_t i = 0; i < a.n && rc == 0; i++) {
        if (!(st = db_stmt(&SQL_POST_ROW))) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(st, 1, a.rows[i].id);
        int extra = 0;
        step = db_step(st);
        if (step == DB_ROW) {
            const char *cert = db_text(st, 6);
            json_t *o = json_pack("{s:I, s:i, s:o, s:s, s:s, s:s, s:s, s:I, s:s}", "post_id", (json_int_t)a.rows[i].id,
                                  "score", a.rows[i].result.score, "reasons",
                                  reasons_json(r, &a.rows[i].result, (const char(*)[3])a.langs), "title",
                                  db_text(st, 0), "company_name", db_text(st, 1), "city", db_text(st, 2),
                                  "start_date", db_text(st, 3), "company_id", (json_int_t)sqlite3_column_int64(st, 4),
                                  "min_certificate", cert);
            if (!r->want_json) {
                char day[32];
                req_date(r, db_text(st, 3), day, sizeof day);
                json_object_set_new(o, "start_date_local", json_string(day));
                json_object_set_new(o, "min_certificate_label",
                                    json_string(entity_label(&CHOICES_CERTIFICATE, r->lang, cert)));
            }
            extra = with_placement(r, o, r->id, a.rows[i].id);
            json_array_append_new(items, o);
        }
        sqlite3_reset(st);
        rc = step == DB_ERROR || extra != 0 ? -1 : 0;
    }
    matchpool_answer_free(&a);
    if (rc != 0) {
        json_decref(items);
        json_decref(cand);
        return req_fail(r, ERR_INTERNAL);
    }
    json_t *model = page_model(r, &in, items, a.total, a.eligible);
    json_object_set_new(model, "candidate_id", json_integer(r->id));
    json_object_set_new(model, "candidate", cand);
    if (!r->want_json)
        req_title(r, req_t(r, "matches_for_candidate_title"));
    return req_page(r, "matches/candidate.tpl", model);
}
