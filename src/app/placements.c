#include "app/placements.h"

#include "app/auth.h"
#include "app/candidates.h"
#include "app/choices.h"
#include "app/matchpool.h"
#include "app/posts.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/publiclink.h"
#include "core/validate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the stages a placement has ended in; any other is open */
#define CLOSED "('rejected', 'withdrawn', 'dropped')"
/* how long a company's link is good */
#define SHARE_DAYS 30
#define NOTE_MAX 2000
/* whole years of age today, over c (a candidate) */
#define AGE_OF_C                                                                                                 \
    "(CAST(strftime('%Y', 'now', 'localtime') AS INTEGER) - CAST(substr(c.birth_date, 1, 4) AS INTEGER) - "     \
    "(strftime('%m-%d', 'now', 'localtime') < substr(c.birth_date, 6, 5)))"

/* what a company's link shows of the pupil: names of fields, for the
 * disclosure record (never values) */
static const char DISCLOSED[] = "first_name,age,city,certificate,expected_certificate,languages,"
                                "desired_occupations,note";

/* ---- the declaration ------------------------------------------------------ */
static const struct field_rule FIELDS[] = {
    /* who and which post are the proposal's, never changed by an edit */
    { .name = "candidate_id", .type = V_ID, .required = true, .flags = F_DERIVED | F_LIST | F_FILTER },
    { .name = "candidate_name", .type = V_TEXT, .expr = "c.first_name || ' ' || c.last_name",
      .flags = F_READONLY | F_LIST },
    { .name = "post_id", .type = V_ID, .required = true, .flags = F_DERIVED | F_LIST | F_FILTER },
    { .name = "post_title", .type = V_TEXT, .expr = "p.title", .flags = F_READONLY | F_LIST },
    { .name = "company_id", .type = V_ID, .expr = "p.company_id", .flags = F_READONLY | F_LIST | F_FILTER,
      .filter = "t.post_id IN (SELECT id FROM posts WHERE company_id = ?)" },
    { .name = "company_name", .type = V_TEXT, .expr = "co.name", .flags = F_READONLY | F_LIST },
    { .name = "stage", .type = V_ENUM, .choices = &CHOICES_PLACEMENT_STAGE, .flags = F_STATE | F_LIST | F_FILTER },
    { .name = "open", .type = V_BOOL, .expr = "t.stage NOT IN " CLOSED, .flags = F_READONLY | F_LIST | F_FILTER,
      .filter = "(t.stage NOT IN " CLOSED ") = ?" },
    { .name = "note", .type = V_TEXT, .max = NOTE_MAX, .flags = F_LIST },
    { .name = "counted", .type = V_BOOL, .flags = F_READONLY },
    { .name = "caseworker_id", .type = V_ID, .flags = F_DERIVED | F_LIST | F_NULLABLE },
    { .name = "caseworker_name", .type = V_TEXT, .expr = "u.name", .flags = F_READONLY | F_LIST },
    { .name = "created_at", .type = V_TEXT, .flags = F_READONLY | F_LIST },
    { .name = "updated_at", .type = V_TEXT, .flags = F_READONLY | F_LIST },
};

static const struct entity_sort SORTS[] = {
    { .key = "updated", .order = "t.updated_at DESC, t.id DESC", .reverse = "t.updated_at, t.id", .descending = true },
    { .key = "created", .order = "t.id DESC", .indexed = true, .reverse = "t.id", .descending = true },
};

static int placement_check(struct req *r, json_t *in, const json_t *old);

/* A placement names a pupil and the company they are proposed to: personal,
 * so every staff read of one is audited. Every staff member reads them;
 * caseworkers and admins propose and move. */
struct entity PLACEMENT = {
    .type = "placement",
    .table = "placements",
    .joins = "JOIN candidates c ON c.id = t.candidate_id JOIN posts p ON p.id = t.post_id "
             "JOIN companies co ON co.id = p.company_id LEFT JOIN users u ON u.id = t.caseworker_id",
    .fields = FIELDS,
    .nfields = sizeof FIELDS / sizeof FIELDS[0],
    .sorts = SORTS,
    .nsorts = sizeof SORTS / sizeof SORTS[0],
    .personal = true,
    .versioned = true,
    .may = auth_team_may,
    .check = placement_check,
};

static struct db_sql SQL_CANDIDATE = DB_SQL("SELECT match_opt_out FROM candidates WHERE id = ?1");
static struct db_sql SQL_POST = DB_SQL("SELECT status, places - places_filled FROM posts WHERE id = ?1");
static struct db_sql SQL_OPEN_TWIN = DB_SQL(
    "SELECT id FROM placements WHERE candidate_id = ?1 AND post_id = ?2 AND stage NOT IN " CLOSED " AND id <> ?3");
static struct db_sql SQL_HISTORY_ADD = DB_SQL(
    "INSERT INTO placement_stages (placement_id, stage, note, user_id) VALUES (?1, ?2, ?3, ?4)");
static struct db_sql SQL_HISTORY = DB_SQL(
    "SELECT s.stage, s.note, s.at, u.name, s.user_id IS NULL FROM placement_stages s "
    "LEFT JOIN users u ON u.id = s.user_id WHERE s.placement_id = ?1 ORDER BY s.id");
static struct db_sql SQL_MOVE = DB_SQL("UPDATE placements SET stage = ?2, counted = ?3" VERSION_BUMP_SQL
                                       " WHERE id = ?1 AND stage = ?4");
static struct db_sql SQL_STILL_PLACED = DB_SQL(
    "SELECT count(*) FROM placements WHERE candidate_id = ?1 AND counted = 1");
static struct db_sql SQL_SHARE_ADD = DB_SQL(
    "INSERT INTO placement_shares (placement_id, token_digest, expires_at, created_by) "
    "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+30 days'), ?3) RETURNING expires_at");
static struct db_sql SQL_DISCLOSE = DB_SQL(
    "INSERT INTO disclosures (candidate_id, company_id, company_name, placement_id, fields, user_id) "
    "SELECT pl.candidate_id, po.company_id, co.name, pl.id, ?2, ?3 FROM placements pl "
    "JOIN posts po ON po.id = pl.post_id JOIN companies co ON co.id = po.company_id WHERE pl.id = ?1");
static struct db_sql SQL_SHARES = DB_SQL(
    "SELECT id, created_at, expires_at, expires_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), answer, message, "
    "answered_at FROM placement_shares WHERE placement_id = ?1 ORDER BY id");
static struct db_sql SQL_DISCLOSURES = DB_SQL(
    "SELECT d.company_name, d.fields, d.at, u.name FROM disclosures d LEFT JOIN users u ON u.id = d.user_id "
    "WHERE d.placement_id = ?1 ORDER BY d.id");
static struct db_sql SQL_SEEN = DB_SQL(
    "UPDATE placement_shares SET seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE placement_id = ?1 AND answered_at IS NOT NULL AND seen_at IS NULL");
static struct db_sql SQL_COMPANY_MAIL = DB_SQL(
    "SELECT co.email, co.name FROM placements pl JOIN posts po ON po.id = pl.post_id "
    "JOIN companies co ON co.id = po.company_id WHERE pl.id = ?1");
/* the company's page: the link, and what the pupil's profile shows */
static struct db_sql SQL_BY_TOKEN = DB_SQL(
    "SELECT sh.id, sh.placement_id, sh.expires_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
    "sh.answered_at IS NOT NULL, pl.stage, c.first_name, " AGE_OF_C ", c.city, c.certificate, "
    "coalesce(c.expected_certificate, ''), pl.note, po.title, co.name, pl.candidate_id, sh.answer "
    "FROM placement_shares sh JOIN placements pl ON pl.id = sh.placement_id "
    "JOIN candidates c ON c.id = pl.candidate_id JOIN posts po ON po.id = pl.post_id "
    "JOIN companies co ON co.id = po.company_id WHERE sh.token_digest = ?1");
static struct db_sql SQL_PUPIL_LANGS = DB_SQL(
    "SELECT value FROM candidate_languages WHERE owner_id = ?1 ORDER BY pos");
static struct db_sql SQL_PUPIL_WISHES = DB_SQL(
    "SELECT o.name FROM candidate_occupations w JOIN occupations o ON o.id = w.value WHERE w.owner_id = ?1 "
    "ORDER BY w.pos");
static struct db_sql SQL_ANSWER = DB_SQL(
    "UPDATE placement_shares SET answer = ?2, message = ?3, answered_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE id = ?1 AND answered_at IS NULL AND expires_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
static struct db_sql SQL_SHARE_PLACEMENT = DB_SQL("SELECT placement_id FROM placement_shares WHERE id = ?1");
static struct db_sql SQL_UNSEEN = DB_SQL(
    "SELECT pl.id, c.first_name || ' ' || c.last_name, po.title, co.name, sh.answer, sh.message, sh.answered_at "
    "FROM placement_shares sh JOIN placements pl ON pl.id = sh.placement_id "
    "JOIN candidates c ON c.id = pl.candidate_id JOIN posts po ON po.id = pl.post_id "
    "JOIN companies co ON co.id = po.company_id "
    "WHERE sh.answered_at IS NOT NULL AND sh.seen_at IS NULL AND (sh.created_by = ?1 OR pl.caseworker_id = ?1) "
    "ORDER BY sh.answered_at DESC LIMIT 50");
/* the board: the open placements and those closed in the last 30 days */
static struct db_sql SQL_BOARD = DB_SQL(
    "SELECT t.id, t.stage, c.first_name || ' ' || c.last_name, p.title, co.name, t.updated_at, t.candidate_id, "
    "t.post_id FROM placements t JOIN candidates c ON c.id = t.candidate_id JOIN posts p ON p.id = t.post_id "
    "JOIN companies co ON co.id = p.company_id "
    "WHERE (t.stage NOT IN " CLOSED " OR t.updated_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-30 days')) "
    "AND (?1 = 0 OR t.caseworker_id = ?1) ORDER BY t.updated_at DESC, t.id DESC LIMIT 1000");
static struct db_sql SQL_OF_CANDIDATE = DB_SQL("SELECT id FROM placements WHERE candidate_id = ?1 ORDER BY id DESC LIMIT 100");
static struct db_sql SQL_OF_POST = DB_SQL("SELECT id FROM placements WHERE post_id = ?1 ORDER BY id DESC LIMIT 100");
static struct db_sql SQL_OF_COMPANY = DB_SQL(
    "SELECT pl.id FROM placements pl JOIN posts po ON po.id = pl.post_id WHERE po.company_id = ?1 "
    "ORDER BY pl.id DESC LIMIT 100");

static char contact_name[CONFIG_LEGAL_MAX], contact_phone[CONFIG_LEGAL_MAX], contact_email[CONFIG_LEGAL_MAX];

void placements_configure(const struct config *cfg)
{
    snprintf(contact_name, sizeof contact_name, "%s", cfg->operator_name);
    snprintf(contact_phone, sizeof contact_phone, "%s", cfg->operator_phone);
    snprintf(contact_email, sizeof contact_email, "%s", cfg->operator_email);
}

/* Sets key to {"text": text} when text is not empty (a page shows the
 * section only then: a template cannot test a string). */
static void set_text_box(json_t *o, const char *key, const char *text)
{
    if (text && *text)
        json_object_set_new(o, key, json_pack("{s:s}", "text", text));
}

/* ---- rules ------------------------------------------------------------------ */

/* An edit (the note) keeps who, which post and who proposed: they are the
 * proposal's, never a request's. (Proposals are written by create_tx.) */
static int placement_check(struct req *r, json_t *in, const json_t *old)
{
    static const char *const KEPT[] = { "candidate_id", "post_id", "caseworker_id" };
    if (!old)
        return req_fail(r, ERR_INTERNAL);
    for (size_t i = 0; i < sizeof KEPT / sizeof KEPT[0]; i++) {
        json_t *v = json_object_get(old, KEPT[i]);
        json_object_set(in, KEPT[i], v ? v : json_null());
    }
    return 0;
}

static bool is_closed(const char *stage)
{
    return !strcmp(stage, "rejected") || !strcmp(stage, "withdrawn") || !strcmp(stage, "dropped");
}

/* Stages in which the placement holds one of the post's places. */
static bool holds_place(const char *stage) { return !strcmp(stage, "contract") || !strcmp(stage, "started"); }

/* Adds a line to the history (user_id 0: the company, through its link). */
static int history_add(int64_t id, const char *stage, const char *note, int64_t user_id)
{
    sqlite3_stmt *st = db_stmt(&SQL_HISTORY_ADD);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, stage, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, note ? note : "", -1, SQLITE_STATIC);
    if (user_id)
        sqlite3_bind_int64(st, 4, user_id);
    else
        sqlite3_bind_null(st, 4);
    return db_run(st);
}

/* The open placement of the same pupil for the same post other than id:
 * its id, 0 when there is none, -1 on error. */
static int64_t open_twin(int64_t candidate, int64_t post, int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_OPEN_TWIN);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, candidate);
    sqlite3_bind_int64(st, 2, post);
    sqlite3_bind_int64(st, 3, id);
    int64_t twin = 0;
    int rc = db_int64(st, &twin);
    return rc < 0 ? -1 : rc == 0 ? twin : 0;
}

int64_t placements_open_between(int64_t candidate_id, int64_t post_id)
{
    return open_twin(candidate_id, post_id, 0);
}

/* 409 naming the open placement there already is. Returns 1. */
static int refuse_twin(struct req *r, int64_t twin)
{
    r->err_detail = strdup(req_t(r, "placements_already_open"));
    r->err_extra = json_pack("{s:I}", "placement_id", (json_int_t)twin);
    req_fail(r, ERR_CONFLICT);
    return 1;
}

/* Moves placement rec from its stage to `to` inside the caller's
 * transaction: the conditional update, the post's place and the pupil's
 * status when a contract begins or ends, the history line, the audit.
 * user_id 0: the company's answer. 0, 1 refused with the error set, -1
 * on error. */
static int move_tx_to(struct req *r, const json_t *rec, const char *to, const char *note, int64_t user_id)
{
    int64_t id = json_integer_value(json_object_get(rec, "id"));
    int64_t candidate = json_integer_value(json_object_get(rec, "candidate_id"));
    int64_t post = json_integer_value(json_object_get(rec, "post_id"));
    const char *from = json_string_value(json_object_get(rec, "stage"));
    bool counted = json_is_true(json_object_get(rec, "counted")), counts = holds_place(to);
    if (is_closed(from) && !is_closed(to)) {
        int64_t twin = open_twin(candidate, post, id);
        if (twin < 0)
            return -1;
        if (twin > 0)
            return refuse_twin(r, twin);
    }
    sqlite3_stmt *st = db_stmt(&SQL_MOVE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, counts);
    sqlite3_bind_text(st, 4, from, -1, SQLITE_STATIC);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0) {
        r->err_detail = strdup(req_t(r, "placements_moved_meanwhile"));
        return req_fail(r, ERR_CONFLICT), 1;
    }
    if (counts && !counted) {
        int rc = posts_take_place(r, post);
        if (rc != 0) {
            if (rc > 0) {
                r->err_detail = strdup(req_t(r, "placements_no_free_place"));
                req_fail(r, ERR_CONFLICT);
            }
            return rc;
        }
        if (candidates_set_placed(r, candidate, true) != 0)
            return -1;
    } else if (!counts && counted) {
        if (posts_give_place(r, post) < 0)
            return -1;
        st = db_stmt(&SQL_STILL_PLACED);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, candidate);
        int64_t others = 0;
        if (db_int64(st, &others) < 0 || (others == 0 && candidates_set_placed(r, candidate, false) != 0))
            return -1;
    }
    if (history_add(id, to, note, user_id) != 0)
        return -1;
    if (!strcmp(to, "internship"))
        matchpool_touch_contacts(); /* an earlier contact with the company, for matching */
    json_t *names = json_pack("[s]", "stage");
    int rc = audit_write(r, user_id ? "update" : "answer", "placement", id, names);
    json_decref(names);
    return rc;
}

int placements_store(int64_t candidate_id, int64_t post_id, const char *const *stages, const char *note,
                     int64_t user_id, int64_t *id)
{
    const char *last = stages[0];
    for (const char *const *s = stages; *s; s++)
        last = *s;
    if (!last || holds_place(last))
        return -1; /* a contract moves a post's places: only through a move */
    json_t *in = json_pack("{s:I, s:I, s:s, s:s}", "candidate_id", (json_int_t)candidate_id, "post_id",
                           (json_int_t)post_id, "stage", last, "note", note ? note : "");
    json_object_set_new(in, "caseworker_id", user_id ? json_integer(user_id) : json_null());
    *id = 0;
    int rc = entity_store(&PLACEMENT, in, NULL, id);
    json_decref(in);
    for (const char *const *s = stages; rc == 0 && *s; s++)
        rc = history_add(*id, *s, s == stages ? note : "", user_id);
    return rc;
}

/* ---- a proposal ---------------------------------------------------------------- */

static const struct field_rule NEW_RULES[] = {
    { .name = "candidate_id", .type = V_ID, .required = true },
    { .name = "post_id", .type = V_ID, .required = true },
    { .name = "note", .type = V_TEXT, .max = NOTE_MAX },
};

struct create_ctx {
    struct req *r;
    json_t *in;
    int64_t id;
};

/* What a proposal needs: a pupil who has not asked to be left out, a post
 * open with a free place, no open placement of the two already. */
static int create_tx(void *arg)
{
    struct create_ctx *c = arg;
    struct req *r = c->r;
    int64_t candidate = json_integer_value(json_object_get(c->in, "candidate_id"));
    int64_t post = json_integer_value(json_object_get(c->in, "post_id"));
    sqlite3_stmt *st = db_stmt(&SQL_CANDIDATE);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, candidate);
    int64_t opted_out = 0;
    int rc = db_int64(st, &opted_out);
    if (rc < 0)
        return -1;
    if (rc > 0)
        req_field_error(r, "candidate_id", "placements_no_candidate");
    else if (opted_out)
        req_field_error(r, "candidate_id", "placements_opted_out");
    if (!(st = db_stmt(&SQL_POST)))
        return -1;
    sqlite3_bind_int64(st, 1, post);
    enum db_step step = db_step(st);
    bool open = step == DB_ROW && !strcmp(db_text(st, 0), "open") && sqlite3_column_int64(st, 1) > 0;
    sqlite3_reset(st);
    if (step == DB_ERROR)
        return -1;
    if (step == DB_DONE)
        req_field_error(r, "post_id", "placements_no_post");
    else if (!open)
        req_field_error(r, "post_id", "placements_post_not_open");
    if (r->err != ERR_NONE)
        return 1;
    int64_t twin = open_twin(candidate, post, 0);
    if (twin != 0)
        return twin < 0 ? -1 : refuse_twin(r, twin);
    json_object_set_new(c->in, "stage", json_string("proposed"));
    json_object_set_new(c->in, "caseworker_id", json_integer(r->user->id));
    if (!json_is_string(json_object_get(c->in, "note")))
        json_object_set_new(c->in, "note", json_string(""));
    c->id = 0;
    if (entity_store(&PLACEMENT, c->in, NULL, &c->id) != 0 ||
        history_add(c->id, "proposed", json_string_value(json_object_get(c->in, "note")), r->user->id) != 0)
        return -1;
    json_t *names = json_pack("[s,s,s,s]", "candidate_id", "post_id", "stage", "note");
    rc = audit_write(r, "create", "placement", c->id, names);
    json_decref(names);
    return rc;
}

int placements_create(struct req *r)
{
    json_t *in;
    if (validate_fields(r, NEW_RULES, sizeof NEW_RULES / sizeof NEW_RULES[0], &in) != 0)
        return -1;
    struct create_ctx c = { r, in, 0 };
    int rc = db_tx(create_tx, &c);
    json_decref(in);
    if (rc != 0)
        return rc == 1 ? -1 : req_fail(r, ERR_INTERNAL);
    json_t *p;
    if (entity_load(&PLACEMENT, c.id, &p) != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/placements/%lld%s", (long long)c.id, r->want_json ? "" : "?done=placement_created");
    return req_created(r, loc, p);
}

/* ---- moves ------------------------------------------------------------------------- */

static const struct field_rule MOVE_RULES[] = {
    { .name = "stage", .type = V_ENUM, .required = true, .choices = &CHOICES_PLACEMENT_STAGE },
    { .name = "note", .type = V_TEXT, .max = NOTE_MAX },
    { .name = "from", .type = V_ENUM, .choices = &CHOICES_PLACEMENT_STAGE },
};

struct move_ctx {
    struct req *r;
    json_t *in;
};

/* A caseworker's move: from the stage they saw (from, when given) to the
 * chosen one; someone who moved it first makes this a 409. */
static int move_tx(void *arg)
{
    struct move_ctx *c = arg;
    struct req *r = c->r;
    json_t *rec;
    int rc = entity_allowed(r, &PLACEMENT, r->id, ACT_WRITE, &rec);
    if (rc != 0)
        return rc;
    const char *to = json_string_value(json_object_get(c->in, "stage"));
    const char *seen = json_string_value(json_object_get(c->in, "from"));
    const char *now = json_string_value(json_object_get(rec, "stage"));
    if (seen && strcmp(seen, now) != 0) {
        r->err_detail = strdup(req_t(r, "placements_moved_meanwhile"));
        rc = (req_fail(r, ERR_CONFLICT), 1);
    } else if (!strcmp(to, now)) {
        req_field_error(r, "stage", "placements_same_stage");
        rc = 1;
    } else {
        rc = move_tx_to(r, rec, to, json_string_value(json_object_get(c->in, "note")), r->user->id);
    }
    json_decref(rec);
    return rc;
}

int placements_move(struct req *r)
{
    json_t *in;
    if (validate_fields(r, MOVE_RULES, sizeof MOVE_RULES / sizeof MOVE_RULES[0], &in) != 0)
        return -1;
    struct move_ctx c = { r, in };
    int rc = db_tx(move_tx, &c);
    json_decref(in);
    if (rc != 0)
        return rc == 1 ? -1 : req_fail(r, ERR_INTERNAL);
    json_t *p;
    if (entity_load(&PLACEMENT, r->id, &p) != 0)
        return req_fail(r, ERR_INTERNAL);
    char loc[64];
    snprintf(loc, sizeof loc, "/placements/%lld?done=placement_moved", (long long)r->id);
    return req_redirect(r, loc, p);
}

/* POST /placements/{id}/note: the caseworker's words for the company (the
 * only thing an edit changes; a stale form is a 409). */
int placements_note(struct req *r)
{
    json_t *p, *current = NULL;
    if (entity_update(r, &PLACEMENT, &p, &current) != 0) {
        json_decref(current);
        return -1;
    }
    char loc[80];
    snprintf(loc, sizeof loc, "/placements/%lld?done=placement_note_saved#note", (long long)r->id);
    return req_redirect(r, loc, p);
}

/* ---- the page of a placement ------------------------------------------------------ */

/* The stage's label in the reader's language. */
static const char *stage_label(struct req *r, const char *stage)
{
    return entity_label(&CHOICES_PLACEMENT_STAGE, r->lang, stage);
}

/* A line of the history (SQL_HISTORY), for r: {"stage","stage_label",
 * "note","at","at_local","by"} ("by" is the company when it answered
 * through its link). */
static json_t *history_row(sqlite3_stmt *st, void *ctx)
{
    struct req *r = ctx;
    char at[64];
    req_date(r, db_text(st, 2), at, sizeof at);
    bool company = sqlite3_column_int(st, 4) != 0;
    json_t *h = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "stage", db_text(st, 0), "stage_label",
                          stage_label(r, db_text(st, 0)), "note", db_text(st, 1), "at", db_text(st, 2), "at_local", at,
                          "by", company ? req_t(r, "placements_by_company") : db_text(st, 3));
    if (!r->want_json)
        set_text_box(h, "note_box", db_text(st, 1));
    return h;
}

/* A company's link and its answer (SQL_SHARES). */
static json_t *share_row(sqlite3_stmt *st, void *ctx)
{
    struct req *r = ctx;
    char made[64], ends[64], when[64];
    req_date(r, db_text(st, 1), made, sizeof made);
    req_date(r, db_text(st, 2), ends, sizeof ends);
    json_t *s = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)sqlite3_column_int64(st, 0), "created_at",
                          db_text(st, 1), "created_local", made, "expires_at", db_text(st, 2), "expires_local", ends,
                          "expired", sqlite3_column_int(st, 3) != 0);
    json_t *a = json_null();
    if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
        req_date(r, db_text(st, 6), when, sizeof when);
        a = json_pack("{s:s, s:s, s:s, s:s}", "value", db_text(st, 4), "label",
                      entity_label(&CHOICES_SHARE_ANSWER, r->lang, db_text(st, 4)), "message", db_text(st, 5),
                      "at_local", when);
        if (!r->want_json)
            set_text_box(a, "message_box", db_text(st, 5));
    }
    json_object_set_new(s, "answer", a);
    return s;
}

/* What of the pupil went to which company, when, by whom (SQL_DISCLOSURES):
 * the fields as names, for people as words. */
static json_t *disclosure_row(sqlite3_stmt *st, void *ctx)
{
    struct req *r = ctx;
    char at[64];
    req_date(r, db_text(st, 2), at, sizeof at);
    json_t *fields = json_array();
    char *names = strdup(db_text(st, 1)), *save = NULL;
    for (char *f = names ? strtok_r(names, ",", &save) : NULL; f; f = strtok_r(NULL, ",", &save))
        json_array_append_new(fields, json_string(r->want_json ? f : entity_item_label(&CHOICES_FIELD_NAME, r->lang, f)));
    free(names);
    return json_pack("{s:s, s:o, s:s, s:s, s:s}", "company_name", db_text(st, 0), "fields", fields, "at",
                     db_text(st, 2), "at_local", at, "by", db_text(st, 3));
}

/* The rows of sql for the placement id, each made by row: NULL on error. */
static json_t *rows_of(struct req *r, struct db_sql *sql, int64_t id, json_t *(*row)(sqlite3_stmt *, void *))
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    return entity_rows(st, row, r);
}

static int seen_tx(void *arg)
{
    sqlite3_stmt *st = db_stmt(&SQL_SEEN);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, *(int64_t *)arg);
    return db_run(st);
}

/* The stages one can move to from stage, as options: all others. */
static json_t *move_options(struct req *r, const char *stage)
{
    json_t *list = json_array();
    for (const char *const *s = CHOICES_PLACEMENT_STAGE.values; *s; s++)
        if (strcmp(*s, stage) != 0)
            json_array_append_new(list, json_pack("{s:s, s:s}", "value", *s, "label", stage_label(r, *s)));
    return list;
}

int placements_show(struct req *r)
{
    json_t *p;
    if (entity_open(r, &PLACEMENT, ACT_READ, &p) != 0)
        return -1;
    json_t *history = rows_of(r, &SQL_HISTORY, r->id, history_row);
    json_t *shares = history ? rows_of(r, &SQL_SHARES, r->id, share_row) : NULL;
    json_t *disclosures = shares ? rows_of(r, &SQL_DISCLOSURES, r->id, disclosure_row) : NULL;
    if (!disclosures) {
        json_decref(shares);
        json_decref(history);
        json_decref(p);
        return req_fail(r, ERR_INTERNAL);
    }
    json_object_set_new(p, "history", history);
    json_object_set_new(p, "shares", shares);
    json_object_set_new(p, "disclosures", disclosures);
    /* the companies' answers are seen once a caseworker opened the page */
    if (auth_may_write(r) && db_tx(seen_tx, &r->id) != 0) {
        json_decref(p);
        return req_fail(r, ERR_INTERNAL);
    }
    if (r->want_json)
        return req_page(r, NULL, p);
    const char *stage = json_string_value(json_object_get(p, "stage"));
    json_object_set_new(p, "stage_label", json_string(stage_label(r, stage)));
    json_object_set_new(p, "stage_options", move_options(r, stage));
    json_object_set_new(p, "is_open", json_boolean(!is_closed(stage)));
    char title[256];
    snprintf(title, sizeof title, "%s – %s", json_string_value(json_object_get(p, "candidate_name")),
             json_string_value(json_object_get(p, "post_title")));
    req_title(r, title);
    return req_page(r, "placements/show.tpl", p);
}

/* ---- the board and the list ---------------------------------------------------------- */

/* The board: a column per stage, the open placements and those closed in
 * the last 30 days, each card with the form to move it on (no script
 * needed); ?mine=1 shows the user's own. */
static int board(struct req *r)
{
    const char *mine = req_query(r, "mine");
    bool own = mine && !strcmp(mine, "1");
    sqlite3_stmt *st = db_stmt(&SQL_BOARD);
    if (!st)
        return req_fail(r, ERR_INTERNAL);
    sqlite3_bind_int64(st, 1, own ? r->user->id : 0);
    json_t *columns = json_array();
    for (const char *const *s = CHOICES_PLACEMENT_STAGE.values; *s; s++)
        json_array_append_new(columns, json_pack("{s:s, s:s, s:[], s:b}", "stage", *s, "label", stage_label(r, *s),
                                                 "cards", "closed", is_closed(*s)));
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *stage = db_text(st, 1);
        size_t i = 0;
        while (CHOICES_PLACEMENT_STAGE.values[i] && strcmp(CHOICES_PLACEMENT_STAGE.values[i], stage) != 0)
            i++;
        json_t *col = json_array_get(columns, i);
        if (!col)
            continue;
        char since[64];
        req_date(r, db_text(st, 5), since, sizeof since);
        json_array_append_new(json_object_get(col, "cards"),
                              json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "id",
                                        (json_int_t)sqlite3_column_int64(st, 0), "stage", stage, "candidate_name",
                                        db_text(st, 2), "post_title", db_text(st, 3), "company_name", db_text(st, 4),
                                        "since", since, "stage_options", move_options(r, stage)));
    }
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(columns);
        return req_fail(r, ERR_INTERNAL);
    }
    size_t i;
    json_t *col;
    json_array_foreach(columns, i, col) json_object_set_new(col, "count",
                                                            json_integer((json_int_t)json_array_size(json_object_get(col, "cards"))));
    json_t *model = json_pack("{s:o, s:b}", "columns", columns, "mine", own);
    req_title(r, req_t(r, "placements_title"));
    return req_page(r, "placements/board.tpl", model);
}

int placements_list(struct req *r)
{
    if (!r->want_json)
        return board(r);
    struct entity_query q;
    json_t *model = NULL;
    int rc = entity_query_read(r, &PLACEMENT, &q);
    if (rc == 0)
        rc = entity_list(r, &q, &model);
    entity_query_free(&q);
    return rc == 0 ? req_page(r, NULL, model) : -1;
}

json_t *placements_of(struct req *r, const char *owner, int64_t id)
{
    struct db_sql *sql = !strcmp(owner, "candidate") ? &SQL_OF_CANDIDATE
                         : !strcmp(owner, "post")    ? &SQL_OF_POST
                                                     : &SQL_OF_COMPANY;
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    json_t *list = entity_load_ids(&PLACEMENT, st, 100);
    size_t i;
    json_t *p;
    json_array_foreach(list, i, p) {
        const char *stage = json_string_value(json_object_get(p, "stage"));
        json_object_set_new(p, "stage_label", json_string(stage_label(r, stage)));
        json_object_set_new(p, "is_open", json_boolean(!is_closed(stage)));
    }
    return list;
}

/* An answer not seen yet (SQL_UNSEEN), for the start page. */
static json_t *unseen_row(sqlite3_stmt *st, void *ctx)
{
    struct req *r = ctx;
    char at[64];
    req_date(r, db_text(st, 6), at, sizeof at);
    json_t *a = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "placement_id",
                          (json_int_t)sqlite3_column_int64(st, 0), "candidate_name", db_text(st, 1), "post_title",
                          db_text(st, 2), "company_name", db_text(st, 3), "answer", db_text(st, 4), "answer_label",
                          entity_label(&CHOICES_SHARE_ANSWER, r->lang, db_text(st, 4)), "message", db_text(st, 5),
                          "at_local", at);
    set_text_box(a, "message_box", db_text(st, 5));
    return a;
}

json_t *placements_unseen_answers(struct req *r)
{
    return rows_of(r, &SQL_UNSEEN, r->user->id, unseen_row);
}

/* ---- the company's link -------------------------------------------------------------- */

struct share_ctx {
    struct req *r;
    char token[PUBLICLINK_TOKEN_MAX];
    char expires[32];
};

/* A new link for an open placement, and the disclosure of what it shows. */
static int share_tx(void *arg)
{
    struct share_ctx *c = arg;
    struct req *r = c->r;
    json_t *rec;
    int rc = entity_allowed(r, &PLACEMENT, r->id, ACT_WRITE, &rec);
    if (rc != 0)
        return rc;
    bool closed = is_closed(json_string_value(json_object_get(rec, "stage")));
    int64_t candidate = json_integer_value(json_object_get(rec, "candidate_id"));
    json_decref(rec);
    if (closed) {
        r->err_detail = strdup(req_t(r, "placements_closed"));
        return req_fail(r, ERR_CONFLICT), 1;
    }
    char digest[PUBLICLINK_DIGEST_HEX];
    publiclink_new(c->token, digest);
    sqlite3_stmt *st = db_stmt(&SQL_SHARE_ADD);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_text(st, 2, digest, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, r->user->id);
    enum db_step step = db_step(st);
    if (step == DB_ROW)
        snprintf(c->expires, sizeof c->expires, "%s", db_text(st, 0));
    sqlite3_reset(st);
    if (step != DB_ROW || !(st = db_stmt(&SQL_DISCLOSE)))
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_text(st, 2, DISCLOSED, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, r->user->id);
    if (db_run(st) != 0)
        return -1;
    json_t *names = json_pack("[s]", "share");
    rc = audit_write(r, "update", "placement", r->id, names);
    json_decref(names);
    if (rc != 0)
        return -1;
    /* the disclosure is the pupil's too: their audit trail names it */
    json_t *fields = json_array();
    char list[sizeof DISCLOSED], *save = NULL;
    snprintf(list, sizeof list, "%s", DISCLOSED);
    for (char *f = strtok_r(list, ",", &save); f; f = strtok_r(NULL, ",", &save))
        json_array_append_new(fields, json_string(f));
    rc = audit_write(r, "disclose", "candidate", candidate, fields);
    json_decref(fields);
    return rc;
}

int placements_share(struct req *r)
{
    struct share_ctx c = { .r = r };
    int rc = db_tx(share_tx, &c);
    if (rc != 0) {
        sodium_memzero(c.token, sizeof c.token);
        return rc == 1 ? -1 : req_fail(r, ERR_INTERNAL);
    }
    char url[PUBLICLINK_URL_MAX], ends[64];
    publiclink_url(r, "/p/", c.token, url, sizeof url);
    sodium_memzero(c.token, sizeof c.token);
    req_date(r, c.expires, ends, sizeof ends);
    json_t *model = json_pack("{s:I, s:s, s:s}", "placement_id", (json_int_t)r->id, "url", url, "expires_at", c.expires);
    if (r->want_json) {
        char loc[64];
        snprintf(loc, sizeof loc, "/placements/%lld", (long long)r->id);
        return req_created(r, loc, model);
    }
    /* the page shows the link once (only its digest is kept), with the
     * company's address to send it to */
    json_object_set_new(model, "expires_local", json_string(ends));
    sqlite3_stmt *st = db_stmt(&SQL_COMPANY_MAIL);
    if (st) {
        sqlite3_bind_int64(st, 1, r->id);
        if (db_step(st) == DB_ROW) {
            json_object_set_new(model, "company_name", json_string(db_text(st, 1)));
            if (*db_text(st, 0))
                json_object_set_new(model, "company_email", json_pack("{s:s}", "address", db_text(st, 0)));
        }
        sqlite3_reset(st);
    }
    req_title(r, req_t(r, "placements_shared_title"));
    r->status = 201;
    return req_page(r, "placements/shared.tpl", model);
}

/* A language of the pupil, in the reader's words. */
static json_t *language_row(sqlite3_stmt *st, void *ctx)
{
    return json_string(entity_item_label(&CHOICES_LANGUAGE, ((struct req *)ctx)->lang, db_text(st, 0)));
}

/* The first column as text. */
static json_t *text_row(sqlite3_stmt *st, void *ctx)
{
    (void)ctx;
    return json_string(db_text(st, 0));
}

/* The link of the path's token: 0 with its profile model; 1 refused with
 * a kind page that says whom to ask: unknown (404), or over (410: expired
 * or answered); -1 on error. */
static int link_refused(struct req *r, const char *why, enum err e)
{
    json_t *m = json_pack("{s:{s:s, s:s, s:s, s:b}}", "contact", "name", contact_name, "phone", contact_phone, "email",
                          contact_email, "known", contact_name[0] || contact_phone[0] || contact_email[0]);
    req_title(r, req_t(r, e == ERR_GONE ? "placements_link_over_title" : "placements_link_unknown_title"));
    r->err_detail = strdup(req_t(r, why ? why : "placements_link_unknown"));
    req_page(r, "placements/link_over.tpl", m);
    req_fail(r, e);
    return 1;
}

static int open_link(struct req *r, json_t **model, int64_t *share_id)
{
    char digest[PUBLICLINK_DIGEST_HEX];
    if (!publiclink_digest(r->params[0], digest))
        return link_refused(r, NULL, ERR_NOT_FOUND);
    sqlite3_stmt *st = db_stmt(&SQL_BY_TOKEN);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
    enum db_step rc = db_step(st);
    if (rc != DB_ROW) {
        sqlite3_reset(st);
        return rc == DB_DONE ? link_refused(r, NULL, ERR_NOT_FOUND) : -1;
    }
    *share_id = sqlite3_column_int64(st, 0);
    bool expired = sqlite3_column_int(st, 2) != 0, answered = sqlite3_column_int(st, 3) != 0;
    int64_t candidate = sqlite3_column_int64(st, 13);
    const char *cert = db_text(st, 8);
    json_t *m = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "first_name", db_text(st, 5), "age",
                          (json_int_t)sqlite3_column_int64(st, 6), "city", db_text(st, 7), "certificate_label",
                          entity_label(&CHOICES_CERTIFICATE, r->lang, cert), "note", db_text(st, 10), "post_title",
                          db_text(st, 11), "company_name", db_text(st, 12));
    if (!r->want_json)
        set_text_box(m, "note_box", db_text(st, 10));
    const char *expected = db_text(st, 9);
    if (*expected && strcmp(expected, cert) != 0)
        json_object_set_new(m, "expected", json_pack("{s:s}", "label", entity_label(&CHOICES_CERTIFICATE, r->lang, expected)));
    sqlite3_reset(st);
    if (expired || answered) {
        json_decref(m);
        return link_refused(r, answered ? "placements_link_answered" : "placements_link_expired", ERR_GONE);
    }
    json_t *langs = rows_of(r, &SQL_PUPIL_LANGS, candidate, language_row);
    json_t *wishes = langs ? rows_of(r, &SQL_PUPIL_WISHES, candidate, text_row) : NULL;
    if (!wishes)
        goto fail;
    json_object_set_new(m, "languages", langs);
    json_object_set_new(m, "wishes", wishes);
    char action[REQ_PARAM_MAX + 4];
    snprintf(action, sizeof action, "/p/%s", r->params[0]);
    json_object_set_new(m, "action", json_string(action));
    *model = m;
    return 0;
fail:
    json_decref(langs);
    json_decref(wishes);
    json_decref(m);
    return -1;
}

int placements_answer_form(struct req *r)
{
    json_t *m;
    int64_t share;
    int rc = open_link(r, &m, &share);
    if (rc != 0)
        return rc < 0 ? req_fail(r, ERR_INTERNAL) : -1;
    r->cache_control = "no-store";
    req_title(r, req_t(r, "placements_answer_title"));
    return req_page(r, "placements/answer.tpl", m);
}

static const struct field_rule ANSWER_RULES[] = {
    { .name = "answer", .type = V_ENUM, .required = true, .choices = &CHOICES_SHARE_ANSWER },
    { .name = "message", .type = V_TEXT, .max = NOTE_MAX },
};

struct answer_ctx {
    struct req *r;
    int64_t share;
    json_t *in;
};

/* The answer, once and in time; it moves the placement (interview, or
 * rejected) when the placement is still where an answer can move it. */
static int answer_tx(void *arg)
{
    struct answer_ctx *c = arg;
    struct req *r = c->r;
    const char *answer = json_string_value(json_object_get(c->in, "answer"));
    const char *message = json_string_value(json_object_get(c->in, "message"));
    sqlite3_stmt *st = db_stmt(&SQL_ANSWER);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->share);
    sqlite3_bind_text(st, 2, answer, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, message ? message : "", -1, SQLITE_STATIC);
    if (db_run(st) != 0)
        return -1;
    if (sqlite3_changes(db_conn()) == 0)
        return 2; /* answered or expired meanwhile */
    int64_t id = 0;
    sqlite3_stmt *q = db_stmt(&SQL_SHARE_PLACEMENT);
    if (!q)
        return -1;
    sqlite3_bind_int64(q, 1, c->share);
    if (db_int64(q, &id) != 0)
        return -1;
    json_t *rec;
    if (entity_load(&PLACEMENT, id, &rec) != 0)
        return -1;
    const char *stage = json_string_value(json_object_get(rec, "stage"));
    bool interview = !strcmp(answer, "interview");
    const char *to = NULL;
    if (interview && (!strcmp(stage, "proposed") || !strcmp(stage, "applied")))
        to = "interview";
    else if (!interview && !is_closed(stage) && !holds_place(stage))
        to = "rejected";
    int rc = 0;
    if (to)
        rc = move_tx_to(r, rec, to, message, 0);
    else {
        json_t *names = json_pack("[s]", "answer");
        rc = audit_write(r, "answer", "placement", id, names);
        json_decref(names);
    }
    json_decref(rec);
    return rc;
}

int placements_answer(struct req *r)
{
    json_t *m;
    int64_t share;
    int rc = open_link(r, &m, &share);
    if (rc != 0)
        return rc < 0 ? req_fail(r, ERR_INTERNAL) : -1;
    r->cache_control = "no-store";
    json_t *in = NULL;
    if (validate_fields(r, ANSWER_RULES, sizeof ANSWER_RULES / sizeof ANSWER_RULES[0], &in) == 0) {
        const char *answer = json_string_value(json_object_get(in, "answer"));
        const char *message = json_string_value(json_object_get(in, "message"));
        if (!strcmp(answer, "interview") && (!message || !*message))
            req_field_error(r, "message", "placements_answer_needs_message");
    }
    if (r->err != ERR_NONE) {
        json_decref(in);
        /* the page again with what was typed and the problems at their fields */
        json_object_set_new(m, "typed", json_pack("{s:s, s:b, s:b}", "message",
                                                  req_field(r, "message") ? req_field(r, "message") : "",
                                                  "interview", req_field(r, "answer") && !strcmp(req_field(r, "answer"), "interview"),
                                                  "decline", req_field(r, "answer") && !strcmp(req_field(r, "answer"), "decline")));
        req_title(r, req_t(r, "placements_answer_title"));
        enum err e = r->err;
        req_page(r, "placements/answer.tpl", m);
        r->err = e;
        return -1;
    }
    struct answer_ctx c = { r, share, in };
    rc = db_tx(answer_tx, &c);
    char answer[16];
    snprintf(answer, sizeof answer, "%s", json_string_value(json_object_get(in, "answer")));
    json_decref(in);
    if (rc == 2) {
        /* answered or expired between the page and now: say so as the
         * page would now (410) */
        json_decref(m);
        int64_t ignored;
        rc = open_link(r, &m, &ignored);
        if (rc == 0) {
            json_decref(m);
            return req_fail(r, ERR_CONFLICT);
        }
        return rc < 0 ? req_fail(r, ERR_INTERNAL) : -1;
    }
    if (rc != 0) {
        json_decref(m);
        return rc == 1 ? -1 : req_fail(r, ERR_INTERNAL);
    }
    json_object_set_new(m, "answer", json_string(answer));
    json_object_set_new(m, !strcmp(answer, "interview") ? "is_interview" : "is_decline", json_true());
    req_title(r, req_t(r, "placements_answered_title"));
    return req_page(r, "placements/answered.tpl", m);
}
