#include "app/matchpool.h"

#include "core/db.h"
#include "core/log.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- the SQL that fills the pool (this module owns it) -------------------- */

#define CAND_COLUMNS                                                                                              \
    "SELECT id, status IN ('new', 'active') AND match_opt_out = 0, certificate, expected_certificate, "       \
    "max_commute_km, available_from, postal_code, city FROM candidates "
#define POST_COLUMNS                                                                                              \
    "SELECT id, company_id, occupation_id, status = 'open' AND places_filled < places, min_certificate, "     \
    "start_date, postal_code, city FROM posts "

static struct db_sql SQL_PLACES = DB_SQL("SELECT plz, avg(lat), avg(lon) FROM places GROUP BY plz ORDER BY plz");
static struct db_sql SQL_CANDS = DB_SQL(CAND_COLUMNS "ORDER BY id");
static struct db_sql SQL_CAND = DB_SQL(CAND_COLUMNS "WHERE id = ?1");
static struct db_sql SQL_WISHES = DB_SQL("SELECT owner_id, value FROM candidate_occupations ORDER BY owner_id, pos");
static struct db_sql SQL_WISHES_OF = DB_SQL(
    "SELECT owner_id, value FROM candidate_occupations WHERE owner_id = ?1 ORDER BY pos");
static struct db_sql SQL_CAND_LANGS = DB_SQL("SELECT owner_id, value FROM candidate_languages ORDER BY owner_id");
static struct db_sql SQL_CAND_LANGS_OF = DB_SQL("SELECT owner_id, value FROM candidate_languages WHERE owner_id = ?1");
static struct db_sql SQL_POSTS = DB_SQL(POST_COLUMNS "ORDER BY id");
static struct db_sql SQL_POST = DB_SQL(POST_COLUMNS "WHERE id = ?1");
static struct db_sql SQL_POST_LANGS = DB_SQL("SELECT owner_id, value FROM post_languages ORDER BY owner_id");
static struct db_sql SQL_POST_LANGS_OF = DB_SQL("SELECT owner_id, value FROM post_languages WHERE owner_id = ?1");
static struct db_sql SQL_CONTACTS = DB_SQL(
    "SELECT candidate_id, company_id, kind, date FROM candidate_company_contacts");
/* what another process's change would move: counts, highest ids, and the
 * saves (a save moves a record's updated_at forward by a second at least):
 * for candidates the latest save and which records were saved in its
 * second (along their updated_at index), for posts the sum of their save
 * times (one pass: posts have no index on updated_at) */
static struct db_sql SQL_FINGERPRINT = DB_SQL(
    "SELECT (SELECT count(*) FROM candidates) || '/' || coalesce((SELECT max(id) FROM candidates), 0) || '/' || "
    "coalesce((SELECT max(updated_at) FROM candidates), '') || '/' || "
    "coalesce((SELECT group_concat(id) FROM candidates WHERE updated_at = "
    "(SELECT max(updated_at) FROM candidates)), '') || '/' || "
    "(SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(unixepoch(updated_at)), 0) FROM posts) "
    "|| '/' || "
    "(SELECT count(*) FROM event_participants WHERE attended = 1) || '/' || "
    "(SELECT count(*) FROM event_companies) || '/' || coalesce((SELECT max(updated_at) FROM events), '') || '/' || "
    "(SELECT count(*) FROM activities WHERE kind = 'internship') || '/' || "
    "coalesce((SELECT max(updated_at) FROM activities), '')");
static struct db_sql SQL_CAND_EXISTS = DB_SQL("SELECT count(*) FROM candidates WHERE id = ?1");
static struct db_sql SQL_POST_EXISTS = DB_SQL("SELECT count(*) FROM posts WHERE id = ?1");

/* ---- the pool ----------------------------------------------------------------- */

#define FINGERPRINT_MAX 4096
#define CHECK_EVERY_US 500000u  /* another process's changes: looked for this often */
#define DIRTY_FOR_US 2000000u   /* a touched record is read again for this long */
#define DIRTY_MAX 256

struct place_xy {
    int plz;
    float x, y;
};

/* One snapshot. All arrays owned; records sorted by id; contacts twice,
 * by candidate and by company (then candidate). */
struct pool {
    struct match_candidate *cand;
    size_t ncand, capcand;
    struct match_post *post;
    size_t npost, cappost;
    struct match_contact *by_cand, *by_company;
    size_t ncontact;
    struct place_xy *places;
    size_t nplaces;
    char **towns;               /* lower-cased town names, numbered by position */
    size_t ntowns, captowns;
    uint32_t *town_slots;       /* open addressing: town number + 1, 0 empty */
    size_t nslots;
    int8_t lang_bit[26 * 26];   /* bit of a code, -1 none */
    char langs[64][3];
    int nlangs;
    char fingerprint[FINGERPRINT_MAX];
};

static struct match_config config;
static bool configured;
static struct pool *current;    /* guarded by lock */
static pthread_rwlock_t lock;
static pthread_once_t lock_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t build_mu = PTHREAD_MUTEX_INITIALIZER;

struct dirty {
    int64_t id;
    uint64_t until;
};
static pthread_mutex_t dirty_mu = PTHREAD_MUTEX_INITIALIZER;
static struct dirty dirty_cand[DIRTY_MAX], dirty_post[DIRTY_MAX];
static size_t ndirty_cand, ndirty_post;
static uint64_t dirty_contacts_until;
static bool dirty_all;
static atomic_bool any_dirty;
static _Atomic uint64_t next_check;

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Writers first: a swap or a patch must not wait behind a stream of pages. */
static void lock_init(void)
{
    pthread_rwlockattr_t a;
    pthread_rwlockattr_init(&a);
    pthread_rwlockattr_setkind_np(&a, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&lock, &a);
    pthread_rwlockattr_destroy(&a);
}

void matchpool_configure(const struct match_config *cfg)
{
    config = *cfg;
    configured = true;
}

const struct match_config *matchpool_config(void)
{
    if (!configured) {
        match_config_defaults(&config);
        configured = true;
    }
    return &config;
}

static void pool_free(struct pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->ntowns; i++)
        free(p->towns[i]);
    free(p->towns);
    free(p->town_slots);
    free(p->cand);
    free(p->post);
    free(p->by_cand);
    free(p->by_company);
    free(p->places);
    free(p);
}

/* ---- towns, languages, places --------------------------------------------------- */

static uint32_t town_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)tolower((unsigned char)*s)) * 16777619u;
    return h;
}

/* The slot of town s: where it is, or the empty one it would go in. */
static size_t town_slot(const struct pool *p, const char *s)
{
    size_t i = town_hash(s) & (p->nslots - 1);
    while (p->town_slots[i] && strcasecmp(p->towns[p->town_slots[i] - 1], s) != 0)
        i = (i + 1) & (p->nslots - 1);
    return i;
}

/* The number of a town (any case), or MATCH_NO_TOWN when unknown. */
static uint16_t town_find(const struct pool *p, const char *s)
{
    if (!s || !*s || !p->nslots)
        return MATCH_NO_TOWN;
    uint32_t t = p->town_slots[town_slot(p, s)];
    return t ? (uint16_t)(t - 1) : MATCH_NO_TOWN;
}

/* The number of a town, given one when new; MATCH_NO_TOWN for "" (or when
 * the table is full). */
static uint16_t town_of(struct pool *p, const char *s)
{
    if (!s || !*s)
        return MATCH_NO_TOWN;
    if ((p->ntowns + 1) * 2 > p->nslots) {
        size_t n = p->nslots ? p->nslots * 2 : 1024;
        uint32_t *slots = calloc(n, sizeof *slots);
        if (!slots)
            return MATCH_NO_TOWN;
        free(p->town_slots);
        p->town_slots = slots;
        p->nslots = n;
        for (size_t t = 0; t < p->ntowns; t++)
            p->town_slots[town_slot(p, p->towns[t])] = (uint32_t)t + 1;
    }
    size_t i = town_slot(p, s);
    if (p->town_slots[i])
        return (uint16_t)(p->town_slots[i] - 1);
    if (p->ntowns >= MATCH_NO_TOWN)
        return MATCH_NO_TOWN;
    if (p->ntowns == p->captowns) {
        size_t cap = p->captowns ? p->captowns * 2 : 256;
        char **t = realloc(p->towns, cap * sizeof *t);
        if (!t)
            return MATCH_NO_TOWN;
        p->towns = t;
        p->captowns = cap;
    }
    char *copy = strdup(s);
    if (!copy)
        return MATCH_NO_TOWN;
    p->towns[p->ntowns] = copy;
    p->town_slots[i] = (uint32_t)++p->ntowns;
    return (uint16_t)(p->ntowns - 1);
}

/* The bit of a language code besides German (numbered as first seen; a
 * 65th language and anything not two letters count for nothing). */
static uint64_t lang_bit(struct pool *p, const char *code)
{
    if (!code || !islower((unsigned char)code[0]) || !islower((unsigned char)code[1]) || code[2] ||
        !strcmp(code, "de"))
        return 0;
    int k = (code[0] - 'a') * 26 + (code[1] - 'a');
    if (p->lang_bit[k] < 0) {
        if (p->nlangs >= 64)
            return 0;
        p->lang_bit[k] = (int8_t)p->nlangs;
        memcpy(p->langs[p->nlangs++], code, 3);
    }
    return 1ull << p->lang_bit[k];
}

static int place_cmp(const void *a, const void *b)
{
    int x = ((const struct place_xy *)a)->plz, y = ((const struct place_xy *)b)->plz;
    return (x > y) - (x < y);
}

/* The flat-map point of a postal code's centre: true when known. */
static bool place_of(const struct pool *p, const char *plz, float *x, float *y)
{
    if (!plz || strlen(plz) != 5)
        return false;
    struct place_xy key = { .plz = atoi(plz) };
    const struct place_xy *hit = bsearch(&key, p->places, p->nplaces, sizeof key, place_cmp);
    if (!hit)
        return false;
    *x = hit->x;
    *y = hit->y;
    return true;
}

/* ---- reading records ---------------------------------------------------------- */

/* A candidate's row (CAND_COLUMNS) without wishes and languages. */
static void read_candidate(struct pool *p, sqlite3_stmt *st, struct match_candidate *c)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->eligible = sqlite3_column_int(st, 1) != 0;
    int cert = match_cert_of(db_text(st, 2)), exp = match_cert_of(db_text(st, 3));
    c->cert = (uint8_t)(cert < 0 ? CERT_NONE : cert);
    c->expected = (uint8_t)(exp < 0 ? MATCH_CERT_UNKNOWN : exp);
    c->commute_km = (int16_t)(sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4));
    c->available = match_day(sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : db_text(st, 5));
    c->located = place_of(p, db_text(st, 6), &c->x, &c->y);
    c->town = town_of(p, db_text(st, 7));
}

static void read_post(struct pool *p, sqlite3_stmt *st, struct match_post *o)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(st, 0);
    o->company_id = sqlite3_column_int64(st, 1);
    o->occupation = (int32_t)sqlite3_column_int64(st, 2);
    o->eligible = sqlite3_column_int(st, 3) != 0;
    int cert = match_cert_of(db_text(st, 4));
    o->min_cert = (uint8_t)(cert < 0 ? CERT_NONE : cert);
    o->start = match_day(db_text(st, 5));
    o->located = place_of(p, db_text(st, 6), &o->x, &o->y);
    o->town = town_of(p, db_text(st, 7));
}

static int by_candidate(const void *a, const void *b)
{
    const struct match_contact *x = a, *y = b;
    if (x->candidate_id != y->candidate_id)
        return x->candidate_id < y->candidate_id ? -1 : 1;
    return (x->company_id > y->company_id) - (x->company_id < y->company_id);
}

static int by_company(const void *a, const void *b)
{
    const struct match_contact *x = a, *y = b;
    if (x->company_id != y->company_id)
        return x->company_id < y->company_id ? -1 : 1;
    return (x->candidate_id > y->candidate_id) - (x->candidate_id < y->candidate_id);
}

/* Every earlier contact, sorted both ways. 0 or -1. */
static int read_contacts(struct pool *p)
{
    sqlite3_stmt *st = db_stmt(&SQL_CONTACTS);
    if (!st)
        return -1;
    size_t n = 0, cap = 0;
    struct match_contact *list = NULL;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            struct match_contact *more = realloc(list, cap * sizeof *list);
            if (!more) {
                rc = DB_ERROR;
                break;
            }
            list = more;
        }
        list[n++] = (struct match_contact){ .candidate_id = sqlite3_column_int64(st, 0),
                                            .company_id = sqlite3_column_int64(st, 1),
                                            .kind = !strcmp(db_text(st, 2), "internship") ? CONTACT_INTERNSHIP
                                                                                           : CONTACT_EVENT,
                                            .day = match_day(db_text(st, 3)) };
    }
    sqlite3_reset(st);
    struct match_contact *copy = rc == DB_ERROR ? NULL : malloc((n ? n : 1) * sizeof *copy);
    if (!copy) {
        free(list);
        return -1;
    }
    if (n)
        memcpy(copy, list, n * sizeof *copy);
    qsort(list, n, sizeof *list, by_candidate);
    qsort(copy, n, sizeof *copy, by_company);
    free(p->by_cand);
    free(p->by_company);
    p->by_cand = list;
    p->by_company = copy;
    p->ncontact = n;
    return 0;
}

static int fingerprint(char out[FINGERPRINT_MAX])
{
    sqlite3_stmt *st = db_stmt(&SQL_FINGERPRINT);
    if (!st)
        return -1;
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        snprintf(out, FINGERPRINT_MAX, "%s", db_text(st, 0));
    sqlite3_reset(st);
    return rc == DB_ROW ? 0 : -1;
}

/* Grows an array of records to hold one more. 0 or -1. */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 1024;
    void *more = realloc(*arr, c * size);
    if (!more)
        return -1;
    *arr = more;
    *cap = c;
    return 0;
}

static int cand_cmp(const void *key, const void *rec)
{
    int64_t a = *(const int64_t *)key, b = ((const struct match_candidate *)rec)->id;
    return (a > b) - (a < b);
}

static int post_cmp(const void *key, const void *rec)
{
    int64_t a = *(const int64_t *)key, b = ((const struct match_post *)rec)->id;
    return (a > b) - (a < b);
}

static struct match_candidate *find_cand(const struct pool *p, int64_t id)
{
    return p->ncand ? bsearch(&id, p->cand, p->ncand, sizeof *p->cand, cand_cmp) : NULL;
}

static struct match_post *find_post(const struct pool *p, int64_t id)
{
    return p->npost ? bsearch(&id, p->post, p->npost, sizeof *p->post, post_cmp) : NULL;
}

/* Wishes (kind 0) or languages (kind 1) of candidates, or languages of
 * posts (kind 2), from a statement of (owner_id, value) in owner order,
 * into the records sorted by id. 0 or -1. */
static int read_lists(struct pool *p, sqlite3_stmt *st, int kind)
{
    enum db_step rc;
    size_t i = 0, pos = 0;
    int64_t last = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t owner = sqlite3_column_int64(st, 0);
        pos = owner == last ? pos + 1 : 0;
        last = owner;
        if (kind == 2) {
            while (i < p->npost && p->post[i].id < owner)
                i++;
            if (i < p->npost && p->post[i].id == owner)
                p->post[i].langs |= lang_bit(p, db_text(st, 1));
            continue;
        }
        while (i < p->ncand && p->cand[i].id < owner)
            i++;
        if (i >= p->ncand || p->cand[i].id != owner)
            continue;
        if (kind == 1)
            p->cand[i].langs |= lang_bit(p, db_text(st, 1));
        else if (pos < MATCH_MAX_WISHES)
            p->cand[i].wish[pos] = (int32_t)sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc == DB_ERROR ? -1 : 0;
}

/* Everything, read in one snapshot of the database. NULL on error. */
static struct pool *build(void)
{
    struct pool *p = calloc(1, sizeof *p);
    if (!p || db_read_begin() != 0) {
        free(p);
        return NULL;
    }
    memset(p->lang_bit, -1, sizeof p->lang_bit);
    int rc = fingerprint(p->fingerprint);
    sqlite3_stmt *st = rc == 0 ? db_stmt(&SQL_PLACES) : NULL;
    enum db_step step = st ? DB_DONE : DB_ERROR;
    size_t cap = 0;
    while (st && (step = db_step(st)) == DB_ROW) {
        if (grow((void **)&p->places, &cap, p->nplaces, sizeof *p->places) != 0) {
            step = DB_ERROR;
            break;
        }
        struct place_xy *x = &p->places[p->nplaces++];
        x->plz = atoi(db_text(st, 0));
        match_project(sqlite3_column_double(st, 1), sqlite3_column_double(st, 2), &x->x, &x->y);
    }
    if (st)
        sqlite3_reset(st);
    rc = step == DB_ERROR ? -1 : 0;
    if (rc == 0 && (st = db_stmt(&SQL_CANDS))) {
        while ((step = db_step(st)) == DB_ROW) {
            if (grow((void **)&p->cand, &p->capcand, p->ncand, sizeof *p->cand) != 0) {
                step = DB_ERROR;
                break;
            }
            read_candidate(p, st, &p->cand[p->ncand++]);
        }
        sqlite3_reset(st);
        rc = step == DB_ERROR ? -1 : 0;
    } else {
        rc = -1;
    }
    if (rc == 0 && (st = db_stmt(&SQL_POSTS))) {
        while ((step = db_step(st)) == DB_ROW) {
            if (grow((void **)&p->post, &p->cappost, p->npost, sizeof *p->post) != 0) {
                step = DB_ERROR;
                break;
            }
            read_post(p, st, &p->post[p->npost++]);
        }
        sqlite3_reset(st);
        rc = step == DB_ERROR ? -1 : 0;
    } else {
        rc = -1;
    }
    if (rc == 0) {
        sqlite3_stmt *w = db_stmt(&SQL_WISHES);
        rc = w ? read_lists(p, w, 0) : -1;
    }
    if (rc == 0) {
        sqlite3_stmt *l = db_stmt(&SQL_CAND_LANGS);
        rc = l ? read_lists(p, l, 1) : -1;
    }
    if (rc == 0) {
        sqlite3_stmt *l = db_stmt(&SQL_POST_LANGS);
        rc = l ? read_lists(p, l, 2) : -1;
    }
    if (rc == 0)
        rc = read_contacts(p);
    db_read_end();
    if (rc != 0) {
        log_error("matchpool: could not read the pool");
        pool_free(p);
        return NULL;
    }
    return p;
}

/* Reads one candidate again (under the write lock): replaced, added in
 * its place by id, or taken out when gone. 0 or -1. */
static int patch_candidate(struct pool *p, int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_CAND);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    enum db_step rc = db_step(st);
    struct match_candidate c;
    if (rc == DB_ROW)
        read_candidate(p, st, &c);
    sqlite3_reset(st);
    if (rc == DB_ERROR)
        return -1;
    struct match_candidate *at = find_cand(p, id);
    if (rc == DB_DONE) {
        if (at) {
            size_t i = (size_t)(at - p->cand);
            memmove(at, at + 1, (p->ncand - i - 1) * sizeof *at);
            p->ncand--;
        }
        return 0;
    }
    const struct { struct db_sql *sql; int kind; } lists[] = { { &SQL_WISHES_OF, 0 }, { &SQL_CAND_LANGS_OF, 1 } };
    for (size_t k = 0; k < 2; k++) {
        sqlite3_stmt *l = db_stmt(lists[k].sql);
        if (!l)
            return -1;
        sqlite3_bind_int64(l, 1, id);
        int pos = 0;
        while ((rc = db_step(l)) == DB_ROW) {
            if (lists[k].kind == 1)
                c.langs |= lang_bit(p, db_text(l, 1));
            else if (pos < MATCH_MAX_WISHES)
                c.wish[pos++] = (int32_t)sqlite3_column_int64(l, 1);
        }
        sqlite3_reset(l);
        if (rc == DB_ERROR)
            return -1;
    }
    if (!at) {
        if (grow((void **)&p->cand, &p->capcand, p->ncand, sizeof *p->cand) != 0)
            return -1;
        size_t i = p->ncand;
        while (i > 0 && p->cand[i - 1].id > id)
            i--;
        memmove(&p->cand[i + 1], &p->cand[i], (p->ncand - i) * sizeof *p->cand);
        p->ncand++;
        at = &p->cand[i];
    }
    *at = c;
    return 0;
}

/* The same for a post. */
static int patch_post(struct pool *p, int64_t id)
{
    sqlite3_stmt *st = db_stmt(&SQL_POST);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    enum db_step rc = db_step(st);
    struct match_post o;
    if (rc == DB_ROW)
        read_post(p, st, &o);
    sqlite3_reset(st);
    if (rc == DB_ERROR)
        return -1;
    struct match_post *at = find_post(p, id);
    if (rc == DB_DONE) {
        if (at) {
            size_t i = (size_t)(at - p->post);
            memmove(at, at + 1, (p->npost - i - 1) * sizeof *at);
            p->npost--;
        }
        return 0;
    }
    sqlite3_stmt *l = db_stmt(&SQL_POST_LANGS_OF);
    if (!l)
        return -1;
    sqlite3_bind_int64(l, 1, id);
    while ((rc = db_step(l)) == DB_ROW)
        o.langs |= lang_bit(p, db_text(l, 1));
    sqlite3_reset(l);
    if (rc == DB_ERROR)
        return -1;
    if (!at) {
        if (grow((void **)&p->post, &p->cappost, p->npost, sizeof *p->post) != 0)
            return -1;
        size_t i = p->npost;
        while (i > 0 && p->post[i - 1].id > id)
            i--;
        memmove(&p->post[i + 1], &p->post[i], (p->npost - i) * sizeof *p->post);
        p->npost++;
        at = &p->post[i];
    }
    *at = o;
    return 0;
}

/* ---- touches ------------------------------------------------------------------ */

static void touch(struct dirty *list, size_t *n, int64_t id)
{
    uint64_t until = now_us() + DIRTY_FOR_US;
    pthread_mutex_lock(&dirty_mu);
    size_t i = 0;
    while (i < *n && list[i].id != id)
        i++;
    if (i < *n)
        list[i].until = until;
    else if (*n < DIRTY_MAX)
        list[(*n)++] = (struct dirty){ id, until };
    else
        dirty_all = true;
    atomic_store(&any_dirty, true);
    pthread_mutex_unlock(&dirty_mu);
}

void matchpool_touch_candidate(int64_t id) { touch(dirty_cand, &ndirty_cand, id); }
void matchpool_touch_post(int64_t id) { touch(dirty_post, &ndirty_post, id); }

void matchpool_touch_contacts(void)
{
    pthread_mutex_lock(&dirty_mu);
    dirty_contacts_until = now_us() + DIRTY_FOR_US;
    atomic_store(&any_dirty, true);
    pthread_mutex_unlock(&dirty_mu);
}

void matchpool_touch_all(void)
{
    pthread_mutex_lock(&dirty_mu);
    dirty_all = true;
    atomic_store(&any_dirty, true);
    pthread_mutex_unlock(&dirty_mu);
}

/* ---- keeping current ------------------------------------------------------------- */

/* A new snapshot in place of the old one (the caller holds build_mu). */
static int rebuild(void)
{
    struct pool *fresh = build();
    if (!fresh)
        return -1;
    pthread_rwlock_wrlock(&lock);
    struct pool *old = current;
    current = fresh;
    pthread_rwlock_unlock(&lock);
    pool_free(old);
    return 0;
}

/* Has another process changed what the pool holds? Looked at no more
 * often than CHECK_EVERY_US, by one thread at a time. */
static bool changed_elsewhere(void)
{
    uint64_t now = now_us(), due = atomic_load(&next_check);
    if (now < due || !atomic_compare_exchange_strong(&next_check, &due, now + CHECK_EVERY_US))
        return false;
    char fp[FINGERPRINT_MAX];
    if (fingerprint(fp) != 0)
        return false;
    pthread_rwlock_rdlock(&lock);
    bool changed = current && strcmp(fp, current->fingerprint) != 0;
    pthread_rwlock_unlock(&lock);
    return changed;
}

/* Re-reads the touched records; rebuilds when everything was touched. */
static int apply_touches(void)
{
    if (!atomic_load(&any_dirty))
        return 0;
    struct dirty cand[DIRTY_MAX], post[DIRTY_MAX];
    size_t nc, np;
    bool all, contacts;
    uint64_t now = now_us();
    pthread_mutex_lock(&dirty_mu);
    all = dirty_all;
    dirty_all = false;
    nc = ndirty_cand;
    np = ndirty_post;
    memcpy(cand, dirty_cand, nc * sizeof *cand);
    memcpy(post, dirty_post, np * sizeof *post);
    contacts = dirty_contacts_until != 0;
    /* the ones whose time is up are read this once more, then dropped */
    size_t k = 0;
    for (size_t i = 0; i < ndirty_cand; i++)
        if (dirty_cand[i].until > now)
            dirty_cand[k++] = dirty_cand[i];
    ndirty_cand = k;
    k = 0;
    for (size_t i = 0; i < ndirty_post; i++)
        if (dirty_post[i].until > now)
            dirty_post[k++] = dirty_post[i];
    ndirty_post = k;
    if (dirty_contacts_until <= now)
        dirty_contacts_until = 0;
    atomic_store(&any_dirty, ndirty_cand || ndirty_post || dirty_contacts_until);
    pthread_mutex_unlock(&dirty_mu);
    if (all) {
        pthread_mutex_lock(&build_mu);
        int rc = rebuild();
        pthread_mutex_unlock(&build_mu);
        if (rc != 0)
            matchpool_touch_all();
        return rc;
    }
    /* this process's own writes move the fingerprint too: taken before
     * the records are read again, it becomes the pool's, so they cause no
     * rebuild; a change elsewhere after it still shows at the next check
     * (one that falls between the last check and this moment is seen with
     * the next change or the next start) */
    char fp[FINGERPRINT_MAX];
    bool have_fp = fingerprint(fp) == 0;
    int rc = 0;
    pthread_rwlock_wrlock(&lock);
    for (size_t i = 0; rc == 0 && current && i < nc; i++)
        rc = patch_candidate(current, cand[i].id);
    for (size_t i = 0; rc == 0 && current && i < np; i++)
        rc = patch_post(current, post[i].id);
    if (rc == 0 && current && contacts)
        rc = read_contacts(current);
    if (rc == 0 && current && have_fp)
        memcpy(current->fingerprint, fp, sizeof fp);
    pthread_rwlock_unlock(&lock);
    if (rc != 0) {
        log_error("matchpool: could not read changed records; rebuilding");
        matchpool_touch_all();
    }
    return rc;
}

/* The pool, current, with the read lock held (release with
 * pthread_rwlock_unlock). 0 or -1 (no pool: a database error). */
static int acquire(void)
{
    pthread_once(&lock_once, lock_init);
    pthread_rwlock_rdlock(&lock);
    bool have = current != NULL;
    pthread_rwlock_unlock(&lock);
    if (!have) {
        pthread_mutex_lock(&build_mu);
        pthread_rwlock_rdlock(&lock);
        have = current != NULL;
        pthread_rwlock_unlock(&lock);
        int rc = have ? 0 : rebuild();
        pthread_mutex_unlock(&build_mu);
        if (rc != 0)
            return -1;
        atomic_store(&next_check, now_us() + CHECK_EVERY_US);
    } else if (changed_elsewhere()) {
        /* one thread rebuilds; the others go on with the pool they have */
        if (pthread_mutex_trylock(&build_mu) == 0) {
            rebuild();
            pthread_mutex_unlock(&build_mu);
        }
    }
    apply_touches();
    pthread_rwlock_rdlock(&lock);
    if (!current) {
        pthread_rwlock_unlock(&lock);
        return -1;
    }
    return 0;
}

int matchpool_load(size_t *candidates, size_t *posts)
{
    if (acquire() != 0)
        return -1;
    if (candidates)
        *candidates = current->ncand;
    if (posts)
        *posts = current->npost;
    pthread_rwlock_unlock(&lock);
    return 0;
}

int64_t matchpool_candidate_id(size_t i)
{
    pthread_once(&lock_once, lock_init);
    pthread_rwlock_rdlock(&lock);
    int64_t id = current && i < current->ncand ? current->cand[i].id : 0;
    pthread_rwlock_unlock(&lock);
    return id;
}

int64_t matchpool_post_id(size_t i)
{
    pthread_once(&lock_once, lock_init);
    pthread_rwlock_rdlock(&lock);
    int64_t id = current && i < current->npost ? current->post[i].id : 0;
    pthread_rwlock_unlock(&lock);
    return id;
}

/* ---- rankings ---------------------------------------------------------------------- */

void matchpool_answer_free(struct matchpool_answer *a)
{
    free(a->rows);
    a->rows = NULL;
    a->n = 0;
}

static void filter_of(const struct pool *p, const struct matchpool_query *q, struct match_filter *f)
{
    match_filter_none(f);
    f->min_score = q->min_score;
    f->max_km = q->max_km;
    f->cert = q->cert;
    if (q->city && *q->city) {
        f->town = town_find(p, q->city);
        f->town_unknown = f->town == MATCH_NO_TOWN;
    }
}

/* The contacts of one candidate (by_cand) or with one company
 * (by_company): where they start in the sorted array, and how many. */
static const struct match_contact *contacts_range(const struct match_contact *list, size_t n, bool company, int64_t id,
                                                  size_t *count)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int64_t key = company ? list[mid].company_id : list[mid].candidate_id;
        if (key < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < n && (company ? list[end].company_id : list[end].candidate_id) == id)
        end++;
    *count = end - lo;
    return list + lo;
}

/* Does the record exist in the database though the pool lacks it? 1 yes
 * (touched, so the next look finds it), 0 no, -1 error. */
static int exists_unseen(struct db_sql *sql, int64_t id, bool candidate)
{
    sqlite3_stmt *st = db_stmt(sql);
    int64_t n = 0;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (db_int64(st, &n) != 0)
        return -1;
    if (n > 0) {
        if (candidate)
            matchpool_touch_candidate(id);
        else
            matchpool_touch_post(id);
    }
    return n > 0;
}

/* Page arrays for a ranking of n records. 0 or -1. */
static int page_alloc(struct match_page *page, uint8_t **scratch, size_t n, size_t limit)
{
    *scratch = malloc(n ? n : 1);
    page->index = malloc((limit ? limit : 1) * sizeof *page->index);
    page->score = malloc(limit ? limit : 1);
    if (*scratch && page->index && page->score)
        return 0;
    free(*scratch);
    free(page->index);
    free(page->score);
    return -1;
}

int matchpool_rank_for_post(int64_t post_id, const struct matchpool_query *q, struct matchpool_answer *out)
{
    memset(out, 0, sizeof *out);
    const struct match_config *cfg = matchpool_config();
    for (int attempt = 0; attempt < 2; attempt++) {
        if (acquire() != 0)
            return -1;
        struct pool *p = current;
        const struct match_post *post = find_post(p, post_id);
        if (!post) {
            pthread_rwlock_unlock(&lock);
            int seen = exists_unseen(&SQL_POST_EXISTS, post_id, false);
            if (seen <= 0)
                return seen;
            continue;
        }
        struct match_filter f;
        filter_of(p, q, &f);
        size_t nmet;
        const struct match_contact *met = contacts_range(p->by_company, p->ncontact, true, post->company_id, &nmet);
        struct match_page page = { 0 };
        uint8_t *scratch;
        if (page_alloc(&page, &scratch, p->ncand, q->limit) != 0) {
            pthread_rwlock_unlock(&lock);
            return -1;
        }
        match_rank_candidates(cfg, post, p->cand, p->ncand, met, nmet, &f, q->offset, q->limit, scratch, &page);
        out->found = true;
        out->eligible = post->eligible;
        out->total = page.total;
        out->rows = calloc(page.n ? page.n : 1, sizeof *out->rows);
        for (size_t i = 0; out->rows && i < page.n; i++) {
            const struct match_candidate *c = &p->cand[page.index[i]];
            size_t nmine;
            const struct match_contact *mine = contacts_range(met, nmet, false, c->id, &nmine);
            out->rows[i].id = c->id;
            match_score(cfg, c, post, match_best_contact(mine, nmine, post->company_id), &out->rows[i].result);
        }
        out->n = out->rows ? page.n : 0;
        memcpy(out->langs, p->langs, sizeof out->langs);
        pthread_rwlock_unlock(&lock);
        free(scratch);
        free(page.index);
        free(page.score);
        return out->rows ? 0 : -1;
    }
    return 0;
}

int matchpool_rank_for_candidate(int64_t candidate_id, const struct matchpool_query *q, struct matchpool_answer *out)
{
    memset(out, 0, sizeof *out);
    const struct match_config *cfg = matchpool_config();
    for (int attempt = 0; attempt < 2; attempt++) {
        if (acquire() != 0)
            return -1;
        struct pool *p = current;
        const struct match_candidate *cand = find_cand(p, candidate_id);
        if (!cand) {
            pthread_rwlock_unlock(&lock);
            int seen = exists_unseen(&SQL_CAND_EXISTS, candidate_id, true);
            if (seen <= 0)
                return seen;
            continue;
        }
        struct match_filter f;
        filter_of(p, q, &f);
        size_t nmine;
        const struct match_contact *mine = contacts_range(p->by_cand, p->ncontact, false, cand->id, &nmine);
        struct match_page page = { 0 };
        uint8_t *scratch;
        if (page_alloc(&page, &scratch, p->npost, q->limit) != 0) {
            pthread_rwlock_unlock(&lock);
            return -1;
        }
        match_rank_posts(cfg, cand, p->post, p->npost, mine, nmine, &f, q->offset, q->limit, scratch, &page);
        out->found = true;
        out->eligible = cand->eligible;
        out->total = page.total;
        out->rows = calloc(page.n ? page.n : 1, sizeof *out->rows);
        for (size_t i = 0; out->rows && i < page.n; i++) {
            const struct match_post *o = &p->post[page.index[i]];
            out->rows[i].id = o->id;
            match_score(cfg, cand, o, match_best_contact(mine, nmine, o->company_id), &out->rows[i].result);
        }
        out->n = out->rows ? page.n : 0;
        memcpy(out->langs, p->langs, sizeof out->langs);
        pthread_rwlock_unlock(&lock);
        free(scratch);
        free(page.index);
        free(page.score);
        return out->rows ? 0 : -1;
    }
    return 0;
}
