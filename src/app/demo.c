#include "app/demo.h"

#include "app/activities.h"
#include "app/candidates.h"
#include "app/companies.h"
#include "app/events.h"
#include "app/offers.h"
#include "app/placements.h"
#include "app/partners.h"
#include "app/posts.h"
#include "app/schools.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/entity.h"
#include "core/text.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct db_sql SQL_ANY_COMPANY = DB_SQL("SELECT count(*) FROM companies");

static const struct demo_company {
    const char *name, *street, *plz, *phone, *industry, *chamber, *background, *langs, *status, *aptitude,
        *authorisation, *tags, *contact, *contact_role;
    int employees;
} COMPANIES[] = {
    { "Bäckerei Yılmaz", "Frankfurter Straße 41", "63065", "069 8001234", "Bäckerei", "hwk", "yes", "tr,de",
      "interested", "planned", "no", "Handwerk,Lebensmittel", "Emine Yılmaz", "Inhaberin", 9 },
    { "Autohaus Kaya GmbH", "Rudolf-Diesel-Straße 7", "63110", "06106 77889", "Kfz-Handel und Werkstatt", "hwk",
      "yes", "tr,de,en", "training", "yes", "yes", "Kfz,Handwerk", "Murat Kaya", "Geschäftsführer", 24 },
    { "Friseursalon Haddad", "Bieberer Straße 12", "63067", "069 84 55 21", "Friseurhandwerk", "hwk", "yes",
      "ar,de", "in_progress", "planned", "applied", "Handwerk", "Rania Haddad", "Inhaberin", 5 },
    { "Elektro Nowak GmbH", "Offenbacher Straße 88", "63128", "06074 123 45", "Elektroinstallation", "hwk", "yes",
      "pl,de", "authorised", "yes", "yes", "Handwerk,Elektro", "Piotr Nowak", "Meister", 14 },
    { "Steuerberatung Rossi & Partner", "Frankfurter Straße 150", "63263", "06102 55 66 77", "Steuerberatung",
      "other", "yes", "it,de", "interested", "no", "no", "Büro", "Giulia Rossi", "Partnerin", 11 },
    { "Pflegedienst Lebenswert", "Bahnstraße 3", "63225", "06103 90 90 90", "Ambulante Pflege", "other", "no",
      "de,ru", "training", "yes", "yes", "Pflege,Gesundheit", "Sabine Krüger", "Pflegedienstleitung", 38 },
    { "Restaurant Anatolia", "Marktplatz 5", "63069", "069 81 81 81", "Gastronomie", "ihk", "yes", "tr,ku,de",
      "none", "no", "no", "Gastronomie", "Hasan Demir", "Inhaber", 12 },
    { "Logistik Main GmbH", "Industriestraße 20", "63179", "06104 40 40", "Lagerlogistik", "ihk", "unknown",
      "de,en", "interested", "no", "no", "Logistik", "Thomas Becker", "Personalleiter", 65 },
    { "Zahnarztpraxis Dr. Popescu", "Frankfurter Straße 9", "63150", "06104 66 77 88", "Zahnmedizin", "other",
      "yes", "ro,de", "authorised", "yes", "yes", "Gesundheit", "Dr. Andrei Popescu", "Praxisinhaber", 8 },
    { "Malerbetrieb Schneider", "Aschaffenburger Straße 31", "63500", "06182 21 21 21", "Maler und Lackierer",
      "hwk", "no", "de", "training", "yes", "yes", "Handwerk", "Klaus Schneider", "Malermeister", 7 },
    { "Supermarkt Al-Amin", "Waldstraße 60", "63071", "069 83 83 00", "Lebensmitteleinzelhandel", "ihk", "yes",
      "ar,fa,de", "in_progress", "planned", "applied", "Einzelhandel,Lebensmittel", "Karim Al-Amin", "Inhaber", 16 },
    { "IT-Service Nguyen", "Hauptstraße 47", "63303", "06103 30 30 30", "IT-Dienstleistungen", "ihk", "yes",
      "vi,en,de", "interested", "no", "no", "IT", "Linh Nguyen", "Geschäftsführerin", 6 },
};

static json_t *list(const char *csv)
{
    json_t *a = json_array();
    const char *p = csv;
    while (*p) {
        size_t n = 0;
        while (p[n] && p[n] != ',')
            n++;
        json_array_append_new(a, json_stringn(p, n));
        p += n + (p[n] ? 1 : 0);
    }
    return a;
}

struct ctx {
    int64_t caseworker;
    int created;
    int64_t ids[sizeof COMPANIES / sizeof COMPANIES[0]];   /* the demo companies' ids, in COMPANIES' order */
};

static int add_activity(int64_t company, const char *kind, int when, const char *subject, const char *notes,
                        const char *topics, const char *referred, int follow_up, int64_t caseworker)
{
    char date[11], fu[11];
    text_local_day(when, date);
    text_local_day(follow_up, fu);
    json_t *a = json_pack("{s:s, s:s, s:s, s:s, s:o}", "kind", kind, "date", date, "subject", subject, "notes", notes,
                          "topics", list(topics));
    if (referred)
        json_object_set_new(a, "referred_to", json_string(referred));
    if (follow_up)
        json_object_set_new(a, "follow_up", json_string(fu));
    int64_t id;
    int rc = activities_store(OWNER_COMPANY, company, a, caseworker, &id);
    if (rc == 0)
        rc = audit_write_system("demo data", "create", "activity", id, a);
    json_decref(a);
    return rc;
}


/* ---- schools, pupils and an event (issue 11) ------------------------------ */

static const struct demo_school {
    const char *name, *kind, *street, *plz, *teacher, *class_, *subject;
} SCHOOLS[] = {
    { "Edith-Stein-Schule", "gesamtschule", "Bieberer Straße 180", "63071", "Sevgi Arslan", "9b", "Arbeitslehre" },
    { "Geschwister-Scholl-Schule", "realschule", "Am Schulzentrum 4", "63110", "Thomas Berger", "10a",
      "Berufsorientierung" },
    { "Theodor-Heuss-Schule", "berufliche_schule", "Buchhügelallee 86", "63071", "Ana Marković", "BFS 11",
      "Deutsch" },
};

/* Fictitious pupils of the region; age in years (under 16 with a parent). */
static const struct demo_pupil {
    const char *first, *last, *plz, *cert, *expected, *langs, *background, *occupations, *parent;
    int school, age;
} PUPILS[] = {
    { "Elif", "Demir", "63069", "hauptschule", "mittlere_reife", "tr,de", "yes", "Kaufmann/-frau für Büromanagement",
      NULL, 0, 16 },
    { "Deniz", "Aydın", "63071", "none", "hauptschule", "tr,ku,de", "yes", "Friseur/-in", "Fatma Aydın", 0, 14 },
    { "Lukas", "Schäfer", "63110", "mittlere_reife", NULL, "de,en", "no", "Elektroniker/-in", NULL, 1, 17 },
    { "Amira", "Haddad", "63067", "none", "mittlere_reife", "ar,de", "yes", "Zahnmedizinische/-r Fachangestellte/-r",
      "Rania Haddad", 1, 15 },
    { "Mateusz", "Kowalski", "63128", "hauptschule", NULL, "pl,de", "yes", "Fachkraft für Lagerlogistik", NULL, 2, 18 },
    { "Sara", "Rossi", "63263", "fachhochschulreife", NULL, "it,de,en", "not_stated", "Kaufmann/-frau im Einzelhandel",
      NULL, 2, 19 },
    { "Yusuf", "Ahmadi", "63065", "none", "hauptschule", "fa,de", "yes", "Koch/Köchin", "Nasrin Ahmadi", 0, 15 },
    { "Mia", "Weber", "63303", "mittlere_reife", "fachhochschulreife", "de", "no", "Fachinformatiker/-in", NULL, 1,
      16 },
};

static struct db_sql SQL_OCC_LIKE = DB_SQL("SELECT id FROM occupations WHERE active = 1 AND name LIKE ?1 || '%' "
                                           "ORDER BY length(name) LIMIT 1");

/* The id of the first occupation whose name begins with prefix, or 0. */
static int64_t occupation_like(const char *prefix)
{
    sqlite3_stmt *st = db_stmt(&SQL_OCC_LIKE);
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    int64_t id = db_step(st) == DB_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return id;
}

/* A birth date years (and some days) ago. */
static void born(int years, int days, char out[11])
{
    text_local_day(-(years * 365 + years / 4) - days, out);
}

/* Stores a pupil as a candidate (the kit's store: town, area, search). */
static int store_pupil(json_t *in, int64_t *id)
{
    *id = 0;
    if (entity_store(&CANDIDATE, in, NULL, id) != 0)
        return -1;
    return audit_write_system("demo data", "create", "candidate", *id, in);
}

static struct db_sql SQL_WISHED_POST = DB_SQL(
    "SELECT id FROM posts WHERE status = 'open' AND occupation_id = "
    "(SELECT value FROM candidate_occupations WHERE owner_id = ?1 AND pos = 0) ORDER BY id LIMIT 1");

/* A pupil's counselling and placements, as a caseworker's weeks leave them:
 * activities with follow-ups, and three placements at different stages
 * (none at a contract: that moves a post's places), each for an open post
 * of the pupil's most wanted occupation. */
static int pupil_work(const int64_t *pupils, int64_t caseworker)
{
    static const struct {
        int pupil, when, follow_up;
        const char *kind, *subject, *notes;
    } WORK[] = {
        { 0, -12, 2, "counselling", "Berufsorientierung: Büro oder Handel?", "Praktikum im Büro vorgeschlagen." },
        { 0, -5, 0, "application_training", "Bewerbungsmappe erstellt", "Lebenslauf und Anschreiben fertig." },
        { 1, -2, 5, "call", "Mit der Mutter telefoniert", "Einverständnis liegt vor; Termin in der Schule." },
        { 4, -9, 0, "application_training", "Vorstellungsgespräch geübt", "" },
    };
    for (size_t i = 0; i < sizeof WORK / sizeof WORK[0]; i++) {
        char date[11], fu[11];
        text_local_day(WORK[i].when, date);
        json_t *a = json_pack("{s:s, s:s, s:s, s:s, s:[]}", "kind", WORK[i].kind, "date", date, "subject",
                              WORK[i].subject, "notes", WORK[i].notes, "topics");
        if (WORK[i].follow_up) {
            text_local_day(WORK[i].follow_up, fu);
            json_object_set_new(a, "follow_up", json_string(fu));
        }
        int64_t id;
        int rc = activities_store(OWNER_CANDIDATE, pupils[WORK[i].pupil], a, caseworker, &id);
        if (rc == 0)
            rc = audit_write_system("demo data", "create", "activity", id, a);
        json_decref(a);
        if (rc != 0)
            return -1;
    }
    static const char *const PROPOSED[] = { "proposed", NULL };
    static const char *const INTERVIEW[] = { "proposed", "applied", "interview", NULL };
    static const char *const INTERNSHIP[] = { "proposed", "applied", "internship", NULL };
    static const struct {
        int pupil;
        const char *const *stages;
        const char *note;
    } PLACED[] = {
        { 4, INTERNSHIP, "Zuverlässig, hat schon im Lager gejobbt." },
        { 5, INTERVIEW, "Spricht Italienisch und Englisch, sucht einen Betrieb mit Kundschaft." },
        { 1, PROPOSED, "Sehr kreativ; Ausbildungsbeginn nach dem Hauptschulabschluss." },
    };
    for (size_t i = 0; i < sizeof PLACED / sizeof PLACED[0]; i++) {
        sqlite3_stmt *st = db_stmt(&SQL_WISHED_POST);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, pupils[PLACED[i].pupil]);
        int64_t post = 0, id = 0;
        int found = db_int64(st, &post);
        if (found < 0)
            return -1;
        if (found > 0)
            continue; /* no open post of that occupation in this demo */
        if (placements_store(pupils[PLACED[i].pupil], post, PLACED[i].stages, PLACED[i].note, caseworker, &id) != 0 ||
            audit_write_system("demo data", "create", "placement", id, NULL) != 0)
            return -1;
    }
    return 0;
}

static int load_pool(int64_t caseworker)
{
    int64_t school_ids[3], link_ids[3];
    char expires[11];
    text_local_day(60, expires);
    for (size_t i = 0; i < 3; i++) {
        const struct demo_school *d = &SCHOOLS[i];
        json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", d->name, "kind", d->kind, "street", d->street,
                               "postal_code", d->plz, "notes", "");
        school_ids[i] = 0;
        int rc = entity_store(&SCHOOL, in, NULL, &school_ids[i]);
        if (rc == 0)
            rc = audit_write_system("demo data", "create", "school", school_ids[i], in);
        json_decref(in);
        char token[SCHOOLS_TOKEN_MAX], label[64];
        snprintf(label, sizeof label, "Klasse %s", d->class_);
        sqlite3_stmt *st = rc == 0 ? db_stmt_text("INSERT INTO school_teachers (school_id, name, class, subject) "
                                                  "VALUES (?1, ?2, ?3, ?4)")
                                   : NULL;
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, school_ids[i]);
        sqlite3_bind_text(st, 2, d->teacher, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, d->class_, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, d->subject, -1, SQLITE_STATIC);
        if (db_run(st) != 0 ||
            schools_store_link(school_ids[i], label, expires, 0, &link_ids[i], token) != 0)
            return -1;
    }
    int64_t pupil_ids[sizeof PUPILS / sizeof PUPILS[0]];
    for (size_t i = 0; i < sizeof PUPILS / sizeof PUPILS[0]; i++) {
        const struct demo_pupil *p = &PUPILS[i];
        char birth[11], email[96];
        born(p->age, 30 + (int)i * 17, birth);
        snprintf(email, sizeof email, "schueler%zu@schule.example", i + 1);
        json_t *occ = json_array();
        int64_t o = occupation_like(p->occupations);
        if (o) {
            char num[24];
            snprintf(num, sizeof num, "%lld", (long long)o);
            json_array_append_new(occ, json_string(num));
        }
        json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:o, s:o, s:s, s:s, s:s}", "first_name",
                               p->first, "last_name", p->last, "birth_date", birth, "email", email, "phone", "",
                               "postal_code", p->plz, "school_id", (json_int_t)school_ids[p->school], "link_id",
                               (json_int_t)link_ids[p->school], "certificate", p->cert, "desired_occupations", occ,
                               "languages", list(p->langs), "migration_background", p->background, "status",
                               i % 3 == 2 ? "active" : "new", "notes", "");
        if (p->expected)
            json_object_set_new(in, "expected_certificate", json_string(p->expected));
        if (p->parent) {
            json_object_set_new(in, "parent_name", json_string(p->parent));
            json_object_set_new(in, "parent_phone", json_string("069 555 01 0"));
        }
        int rc = store_pupil(in, &pupil_ids[i]);
        json_decref(in);
        if (rc != 0 || candidates_add_consent(pupil_ids[i], "link", link_ids[p->school], p->parent != NULL) != 0)
            return -1;
    }
    char day[11];
    text_local_day(-14, day);
    json_t *ev = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[s,s], s:[s,s,s]}", "title",
                           "School meets Business: Speed-Dating in der Aula", "date", day, "kind",
                           "school_meets_business", "location", "Edith-Stein-Schule, Aula", "notes", "", "school_ids",
                           "1", "2", "company_ids", "1", "2", "12");
    int64_t event = 0;
    char a[24], b[24];
    snprintf(a, sizeof a, "%lld", (long long)school_ids[0]);
    snprintf(b, sizeof b, "%lld", (long long)school_ids[1]);
    json_array_set_new(json_object_get(ev, "school_ids"), 0, json_string(a));
    json_array_set_new(json_object_get(ev, "school_ids"), 1, json_string(b));
    if (entity_store(&EVENT, ev, NULL, &event) != 0 || audit_write_system("demo data", "create", "event", event, ev)) {
        json_decref(ev);
        return -1;
    }
    json_decref(ev);
    for (size_t i = 0; i < 4; i++)
        if (events_store_participant(event, pupil_ids[i], i != 3) != 0)
            return -1;
    return pupil_work(pupil_ids, caseworker);
}

static int add_posts(const int64_t *companies);
static int add_offers(const int64_t *companies);

static int load_tx(void *arg)
{
    struct ctx *c = arg;
    int64_t n;
    if (db_query_int64(&SQL_ANY_COMPANY, &n) != 0)
        return -1;
    if (n > 0)
        return 0;
    for (size_t i = 0; i < sizeof COMPANIES / sizeof COMPANIES[0]; i++) {
        const struct demo_company *d = &COMPANIES[i];
        char email[128];
        snprintf(email, sizeof email, "kontakt%zu@betrieb.example", i + 1);
        json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:i, s:o, s:s, "
                               "s:I}",
                               "name", d->name, "street", d->street, "postal_code", d->plz, "city", "", "phone",
                               d->phone, "email", email, "industry", d->industry, "chamber", d->chamber,
                               "owner_migration_background", d->background, "languages", list(d->langs),
                               "training_status", d->status, "trainer_aptitude", d->aptitude,
                               "training_authorisation", d->authorisation, "employees", d->employees, "tags",
                               list(d->tags), "notes", "", "caseworker_id", (json_int_t)c->caseworker);
        /* the town follows from the postal code, as in the form */
        json_object_del(in, "city");
        int64_t id = 0, contact;
        int rc = companies_store(in, &id);
        if (rc == 0)
            rc = audit_write_system("demo data", "create", "company", id, in);
        json_decref(in);
        if (rc != 0 || companies_store_contact(id, d->contact, d->contact_role, d->phone, NULL, &contact) != 0)
            return -1;
        c->ids[i] = id;
        c->created++;
    }
    /* a few weeks of work: follow-ups overdue, due today and later */
    int64_t cw = c->caseworker;
    if (add_activity(1, "visit", -20, "Erstbesuch in der Backstube", "Interesse an einer Ausbildung zur Bäckerin.",
                     "authorisation,aevo", NULL, -2, cw) ||
        add_activity(1, "referral", -10, "Weiterleitung zur Handwerkskammer", "Termin zur Eignungsfeststellung.",
                     "", "hwk", 0, cw) ||
        add_activity(2, "counselling", -15, "Beratung Ausbildungsvertrag", "Vertrag für August vorbereitet.",
                     "contracts", NULL, 7, cw) ||
        add_activity(3, "call", -3, "Rückruf wegen AEVO-Kurs", "Kurs im Frühjahr bei der HWK.", "aevo", NULL, 0, cw) ||
        add_activity(7, "event", -30, "Gespräch beim Unternehmerfrühstück", "Noch zurückhaltend.", "recruiting",
                     NULL, -5, cw) ||
        add_activity(11, "counselling", -8, "Beratung Förderprogramme", "Ausbildungsprämie erklärt.",
                     "funding,authorisation", NULL, 14, cw) ||
        add_activity(12, "email", -1, "Infomaterial zur IT-Ausbildung geschickt", "", "recruiting", NULL, 3, cw))
        return -1;
    if (add_posts(c->ids) != 0 || add_offers(c->ids) != 0 || partners_demo(cw) != 0)
        return -1;
    return load_pool(c->caseworker);
}

static struct db_sql SQL_OCCUPATION = DB_SQL("SELECT id FROM occupations WHERE name = ?1");

/* An occupation's id by its name (names are facts: migration 0003); 0
 * when there is none. */
static int64_t occupation(const char *name)
{
    sqlite3_stmt *st = db_stmt(&SQL_OCCUPATION);
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int64_t id = 0;
    return db_int64(st, &id) == 0 ? id : 0;
}

/* The demo's posts: company (by its place in COMPANIES, from 1),
 * occupation, title, places, certificate, status, and a few details. */
static const struct demo_post {
    int company;
    const char *occupation, *title, *certificate, *status, *langs, *description;
    int places, pay1, years_ahead;
    bool part_time;
} POSTS[] = {
    { 1, "Bäcker/-in", "Ausbildung zum Bäcker / zur Bäckerin", "hauptschule", "open", "de,tr",
      "Frühaufsteher willkommen: Arbeitsbeginn 4 Uhr, dafür früher Feierabend.", 1, 950, 0, false },
    { 2, "Kraftfahrzeugmechatroniker/-in", "Kfz-Mechatroniker/in (m/w/d)", "hauptschule", "open", "de,tr,en",
      "Werkstatt mit acht Leuten, moderne Diagnosegeräte.", 2, 1000, 0, false },
    { 3, "Friseur/-in", "Ausbildung Friseur/in", "none", "open", "ar,de", "", 1, 800, 0, true },
    { 4, "Elektroniker/-in", "Elektroniker/in für Energie- und Gebäudetechnik", "mittlere_reife", "filled", "pl,de",
      "", 1, 1000, 0, false },
    { 5, "Steuerfachangestellte/r", "Steuerfachangestellte/r", "mittlere_reife", "open", "it,de",
      "Sie rechnen gern und arbeiten genau.", 1, 1050, 0, true },
    { 7, "Koch/Köchin", "Koch/Köchin in der türkischen Küche", "none", "closed", "tr,ku,de", "", 1, 900, 0, false },
    { 8, "Fachkraft für Lagerlogistik", "Fachkraft für Lagerlogistik", "hauptschule", "open", "de,en",
      "Staplerschein machen Sie bei uns.", 3, 1000, 0, false },
    { 9, "Zahnmedizinische/r Fachangestellte/r", "ZFA (m/w/d) in freundlicher Praxis", "mittlere_reife", "open",
      "ro,de", "", 1, 950, 1, false },
    { 10, "Maler/-in und Lackierer/-in", "Maler/in und Lackierer/in", "hauptschule", "open", "de", "", 2, 900, 0,
      false },
    { 11, "Kaufmann/-frau im Einzelhandel", "Kaufmann/Kauffrau im Einzelhandel", "mittlere_reife", "open",
      "ar,fa,de", "Mehrsprachiges Team, Kundschaft aus aller Welt.", 1, 950, 0, false },
    { 12, "Fachinformatiker/-in", "Fachinformatiker/in Systemintegration", "fachhochschulreife", "pending",
      "vi,en,de", "", 1, 1100, 0, false },
};

/* The demo posts, each written through the kit and audited as demo data. */
static int add_posts(const int64_t *companies)
{
    char start[11];
    posts_default_start(start);
    for (size_t i = 0; i < sizeof POSTS / sizeof POSTS[0]; i++) {
        const struct demo_post *d = &POSTS[i];
        int64_t occ = occupation(d->occupation);
        if (!occ)
            return -1;
        char day[24]; /* room for any year the compiler cannot rule out */
        snprintf(day, sizeof day, "%04d%s", atoi(start) + d->years_ahead, start + 4);
        json_t *in = json_pack("{s:I, s:I, s:s, s:i, s:s, s:s, s:s, s:o, s:s, s:b, s:b, s:i, s:i, s:i}", "company_id",
                               (json_int_t)companies[d->company - 1], "occupation_id", (json_int_t)occ, "title", d->title, "places",
                               d->places, "start_date", day, "min_certificate", d->certificate, "status", d->status,
                               "languages", list(d->langs), "description", d->description, "part_time", d->part_time,
                               "internship", true, "pay_1", d->pay1, "pay_2", d->pay1 + 80, "pay_3", d->pay1 + 160);
        int64_t id;
        int rc = posts_store(in, &id);
        if (rc == 0)
            rc = audit_write_system("demo data", "create", "post", id, in);
        json_decref(in);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* Two companies that used the public form and wait for review: a new one,
 * and the demo bakery again, spelt as people type it without ı (the
 * duplicate rules find it; a caseworker confirms). */
static int add_offers(const int64_t *companies)
{
    char start[11];
    posts_default_start(start);
    int64_t cleaner = occupation("Gebäudereiniger/-in"), seller = occupation("Fachverkäufer/-in im Lebensmittelhandwerk");
    if (!cleaner || !seller)
        return -1;
    json_t *company = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", "Gebäudereinigung Öztürk", "street",
                                "Sprendlinger Landstraße 90", "postal_code", "63069", "city", "Offenbach am Main",
                                "phone", "069 84 12 34", "email", "info@reinigung-oeztuerk.example", "contact_name",
                                "Ayşe Öztürk");
    json_t *posts = json_pack("[{s:I, s:s, s:i, s:s, s:s, s:s}]", "occupation_id", (json_int_t)cleaner, "title",
                              "Gebäudereiniger/in", "places", 2, "start_date", start, "min_certificate", "none",
                              "description", "Wir arbeiten in Büros und Praxen, meist am frühen Morgen.");
    int64_t id;
    int rc = offers_store(company, posts, "de", 0, &id);
    json_decref(company);
    json_decref(posts);
    if (rc != 0)
        return -1;
    company = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", "Baeckerei Yilmaz", "street",
                        "Frankfurter Straße 41", "postal_code", "63065", "city", "", "phone", "069 8001234", "email",
                        "", "contact_name", "Emine Yılmaz");
    posts = json_pack("[{s:I, s:s, s:i, s:s, s:s, s:s}]", "occupation_id", (json_int_t)seller, "title",
                      "Verkäufer/in in der Bäckerei", "places", 1, "start_date", start, "min_certificate", "none",
                      "description", "");
    int64_t match = companies[0]; /* the demo bakery, as the duplicate rules find it on the form */
    rc = offers_store(company, posts, "de", match, &id);
    json_decref(company);
    json_decref(posts);
    return rc;
}

int demo_load(int64_t caseworker_id)
{
    struct ctx c = { .caseworker = caseworker_id };
    if (db_tx(load_tx, &c) != 0)
        return -1;
    return c.created;
}

/* ---- synthetic data for benchmarks -------------------------------------- */

static struct db_sql SQL_PLZ = DB_SQL("SELECT plz FROM places ORDER BY plz, place");

/* xorshift32: small, fast and the same everywhere for a given seed */
static unsigned next_rand(unsigned *s)
{
    unsigned x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x ? x : 0x9e3779b9u;
}

static const char *const SURNAMES[] = { "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Müller", "Schmidt",
                                        "Schneider", "Fischer", "Weber", "Becker", "Haddad", "Nowak", "Kowalski",
                                        "Rossi", "Popescu", "Nguyen", "Ahmadi", "Hoffmann", "Krüger", "Doğan",
                                        "Al-Amin", "Petrović", "Papadopoulos", "Wagner", "Koch", "Richter" };
static const struct {
    const char *trade, *industry, *chamber;
} TRADES[] = {
    { "Bäckerei", "Bäckerei", "hwk" },          { "Friseursalon", "Friseurhandwerk", "hwk" },
    { "Autohaus", "Kfz-Handel", "hwk" },        { "Elektro", "Elektroinstallation", "hwk" },
    { "Malerbetrieb", "Maler und Lackierer", "hwk" }, { "Restaurant", "Gastronomie", "ihk" },
    { "Supermarkt", "Einzelhandel", "ihk" },    { "Steuerbüro", "Steuerberatung", "other" },
    { "Logistik", "Lagerlogistik", "ihk" },     { "IT-Service", "IT-Dienstleistungen", "ihk" },
    { "Praxis", "Gesundheit", "other" },        { "Sanitär", "Sanitär, Heizung, Klima", "hwk" },
};
static const char *const STATUS[] = { "none", "interested", "in_progress", "authorised", "training" };
static const char *const LANGS[] = { "de", "tr", "ar", "pl", "it", "ro", "ru", "vi", "fa", "en" };

struct synth {
    int n;
    unsigned seed;
    int created;
};

static int synth_tx(void *arg)
{
    struct synth *c = arg;
    sqlite3_stmt *st = db_stmt(&SQL_PLZ);
    if (!st)
        return -1;
    json_t *plzs = json_array();
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW)
        json_array_append_new(plzs, json_string(db_text(st, 0)));
    sqlite3_reset(st);
    if (step == DB_ERROR) {
        json_decref(plzs);
        return -1;
    }
    size_t nplz = json_array_size(plzs);
    unsigned s = c->seed ? c->seed : 1;
    for (int i = 0; i < c->n; i++) {
        const char *surname = SURNAMES[next_rand(&s) % (sizeof SURNAMES / sizeof SURNAMES[0])];
        unsigned t = next_rand(&s) % (sizeof TRADES / sizeof TRADES[0]);
        char name[160];
        snprintf(name, sizeof name, "%s %s %d", TRADES[t].trade, surname, i + 1);
        json_t *langs = json_pack("[s]", "de");
        if (next_rand(&s) % 3)
            json_array_append_new(langs, json_string(LANGS[1 + next_rand(&s) % 9]));
        json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:i, s:[s], s:s}", "name", name,
                               "postal_code", nplz ? json_string_value(json_array_get(plzs, next_rand(&s) % nplz)) : "",
                               "industry", TRADES[t].industry, "chamber", TRADES[t].chamber,
                               "owner_migration_background", next_rand(&s) % 2 ? "yes" : "unknown", "street",
                               "Hauptstraße 1", "phone", "069 123456", "languages", langs, "training_status",
                               STATUS[next_rand(&s) % 5], "trainer_aptitude", next_rand(&s) % 2 ? "yes" : "no",
                               "training_authorisation", "no", "employees", (int)(next_rand(&s) % 200), "tags",
                               TRADES[t].trade, "notes", "");
        int64_t id = 0;
        int rc = companies_store(in, &id);
        json_decref(in);
        if (rc != 0) {
            json_decref(plzs);
            return -1;
        }
        c->created++;
    }
    json_decref(plzs);
    return audit_write_system("synthetic data", "create", "company", 0, NULL);
}

int demo_synthetic_companies(int n, unsigned seed)
{
    struct synth c = { n, seed, 0 };
    if (n <= 0)
        return 0;
    if (db_tx(synth_tx, &c) != 0)
        return -1;
    return c.created;
}

/* ---- synthetic candidates ------------------------------------------------ */

/* first names of the region's many origins */
static const char *const FIRST_NAMES[] = { "Elif", "Deniz", "Emre", "Zeynep", "Mehmet", "Ayşe", "Lukas", "Mia", "Leon",
                                           "Hannah", "Jonas", "Lea", "Amira", "Omar", "Yusuf", "Fatima", "Karim",
                                           "Layla", "Mateusz", "Zofia", "Jakub", "Giulia", "Marco", "Andrei",
                                           "Ioana", "Linh", "Minh", "Arash", "Shirin", "Dimitris", "Eleni",
                                           "Milan", "Jelena", "Ardit", "Besa", "Tesfay", "Saron", "Nikolai" };
static const char *const CERTS[] = { "none", "hauptschule", "mittlere_reife", "fachhochschulreife", "abitur" };

struct synth_cand {
    int n;
    unsigned seed;
    int created;
};

static struct db_sql SQL_SCHOOL_IDS = DB_SQL("SELECT id FROM schools ORDER BY id LIMIT 1000");
static struct db_sql SQL_OCC_IDS = DB_SQL("SELECT id FROM occupations WHERE active = 1 ORDER BY id");

/* The ids a statement yields, as an array; NULL on error. */
static json_t *ids_of(struct db_sql *sql)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    json_t *ids = json_array();
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW)
        json_array_append_new(ids, json_integer(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    if (step == DB_ERROR) {
        json_decref(ids);
        return NULL;
    }
    return ids;
}

static struct db_sql SQL_POST_OCCS = DB_SQL("SELECT occupation_id FROM posts ORDER BY id");
static struct db_sql SQL_HOME_PLZ = DB_SQL("SELECT DISTINCT plz FROM places WHERE area IN ('stadt', 'kreis') ORDER BY plz");
static struct db_sql SQL_OPT_OUT = DB_SQL("UPDATE candidates SET match_opt_out = 1 WHERE id = ?1");

/* A pick by weights (summing to 100) from r in 0..99. */
static int weighted(unsigned r, const int *weights, int n)
{
    int at = (int)(r % 100);
    for (int i = 0; i < n; i++) {
        if (at < weights[i])
            return i;
        at -= weights[i];
    }
    return n - 1;
}

/* The postal codes of statement sql, as strings; NULL on error. */
static json_t *codes_of(struct db_sql *sql)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    json_t *list = json_array();
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW)
        json_array_append_new(list, json_string(db_text(st, 0)));
    sqlite3_reset(st);
    if (step == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* A benchmark pool as the region's: wishes drawn mostly from the
 * occupations posts offer (so matching finds something), most pupils in
 * Stadt and Kreis Offenbach, certificates and expected ones, languages of
 * the region's origins, availability and commute limits often left open,
 * statuses as in a real pool, a few who asked to be left out of matching. */
static int synth_cand_tx(void *arg)
{
    struct synth_cand *c = arg;
    unsigned s = c->seed ? c->seed : 1;
    json_t *schools = ids_of(&SQL_SCHOOL_IDS), *occs = schools ? ids_of(&SQL_OCC_IDS) : NULL,
           *wanted = occs ? ids_of(&SQL_POST_OCCS) : NULL, *plzs = wanted ? codes_of(&SQL_PLZ) : NULL,
           *home = plzs ? codes_of(&SQL_HOME_PLZ) : NULL;
    if (!home) {
        json_decref(schools);
        json_decref(occs);
        json_decref(wanted);
        json_decref(plzs);
        return -1;
    }
    /* a few schools when there are none, so pupils have one */
    for (int k = 0; json_array_size(schools) == 0 && k < 1; k++) {
        static const char *const names[] = { "Gesamtschule am Main", "Realschule im Kreis", "Berufliche Schule" };
        static const char *const kinds[] = { "gesamtschule", "realschule", "berufliche_schule" };
        for (int j = 0; j < 3; j++) {
            json_t *in = json_pack("{s:s, s:s, s:s}", "name", names[j], "kind", kinds[j], "postal_code",
                                   j == 0 ? "63065" : j == 1 ? "63128" : "63071");
            int64_t id = 0;
            int rc = entity_store(&SCHOOL, in, NULL, &id);
            json_decref(in);
            if (rc != 0)
                break;
            json_array_append_new(schools, json_integer(id));
        }
    }
    size_t nplz = json_array_size(plzs), nhome = json_array_size(home), nocc = json_array_size(occs),
           nwanted = json_array_size(wanted), nsch = json_array_size(schools);
    static const int CERT_W[] = { 8, 30, 37, 10, 15 };
    static const char *const STATES[] = { "new", "active", "placed", "inactive" };
    static const int STATE_W[] = { 20, 65, 8, 7 };
    static const int COMMUTE[] = { 5, 10, 15, 20, 25, 30, 40, 50 };
    int rc = 0;
    for (int i = 0; i < c->n && rc == 0; i++) {
        const char *first = FIRST_NAMES[next_rand(&s) % (sizeof FIRST_NAMES / sizeof FIRST_NAMES[0])];
        const char *last = SURNAMES[next_rand(&s) % (sizeof SURNAMES / sizeof SURNAMES[0])];
        char birth[11], last_n[160];
        int age_days = 14 * 365 + (int)(next_rand(&s) % (8 * 365));
        text_local_day(-age_days, birth);
        snprintf(last_n, sizeof last_n, "%s", last);
        json_t *occ = json_array();
        for (unsigned k = 0, m = 1 + next_rand(&s) % 3; k < m && nocc; k++) {
            /* four wishes in five are an occupation some post offers */
            json_t *pick = nwanted && next_rand(&s) % 5 ? json_array_get(wanted, next_rand(&s) % nwanted)
                                                        : json_array_get(occs, next_rand(&s) % nocc);
            char num[24];
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(pick));
            bool dup = false;
            size_t x;
            json_t *v;
            json_array_foreach(occ, x, v) dup |= !strcmp(json_string_value(v), num);
            if (!dup)
                json_array_append_new(occ, json_string(num));
        }
        json_t *langs = json_pack("[s]", "de");
        for (unsigned k = 0, m = next_rand(&s) % 3; k < m; k++) {
            const char *l = LANGS[1 + next_rand(&s) % 9];
            bool dup = false;
            size_t x;
            json_t *v;
            json_array_foreach(langs, x, v) dup |= !strcmp(json_string_value(v), l);
            if (!dup)
                json_array_append_new(langs, json_string(l));
        }
        unsigned bg = next_rand(&s) % 3;
        int cert = weighted(next_rand(&s), CERT_W, 5);
        /* pupils still at school (under 17) often expect a higher certificate */
        int expected = age_days < 17 * 365 && cert < 4 && next_rand(&s) % 2 ? cert + 1 + (int)(next_rand(&s) % 2) : -1;
        if (expected > 4)
            expected = 4;
        char from[11];
        text_local_day((int)(next_rand(&s) % 730), from);
        bool has_from = next_rand(&s) % 5 < 2, has_commute = next_rand(&s) % 2;
        const char *plz = nhome && next_rand(&s) % 5 ? json_string_value(json_array_get(home, next_rand(&s) % nhome))
                          : nplz                    ? json_string_value(json_array_get(plzs, next_rand(&s) % nplz))
                                                    : "";
        json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:s, s:s, s:s}", "first_name", first,
                               "last_name", last_n, "birth_date", birth, "postal_code", plz, "school_id",
                               nsch ? json_incref(json_array_get(schools, next_rand(&s) % nsch)) : json_null(),
                               "certificate", CERTS[cert], "desired_occupations", occ, "languages", langs,
                               "migration_background", bg == 0 ? "yes" : bg == 1 ? "no" : "not_stated", "status",
                               STATES[weighted(next_rand(&s), STATE_W, 4)], "email", "");
        json_object_set_new(in, "expected_certificate", expected >= 0 ? json_string(CERTS[expected]) : json_null());
        json_object_set_new(in, "available_from", has_from ? json_string(from) : json_null());
        json_object_set_new(in, "max_commute_km",
                            has_commute ? json_integer(COMMUTE[next_rand(&s) % 8]) : json_null());
        int64_t id = 0;
        rc = entity_store(&CANDIDATE, in, NULL, &id);
        json_decref(in);
        if (rc == 0 && next_rand(&s) % 50 == 0) {
            sqlite3_stmt *st = db_stmt(&SQL_OPT_OUT);
            if (!st)
                rc = -1;
            else {
                sqlite3_bind_int64(st, 1, id);
                rc = db_run(st);
            }
        }
        c->created += rc == 0;
    }
    json_decref(schools);
    json_decref(occs);
    json_decref(wanted);
    json_decref(plzs);
    json_decref(home);
    return rc == 0 ? audit_write_system("synthetic data", "create", "candidate", 0, NULL) : -1;
}

int demo_synthetic_candidates(int n, unsigned seed)
{
    struct synth_cand c = { n, seed, 0 };
    if (n <= 0)
        return 0;
    if (db_tx(synth_cand_tx, &c) != 0)
        return -1;
    return c.created;
}

/* ---- synthetic posts ------------------------------------------------------ */

static struct db_sql SQL_COMPANY_IDS = DB_SQL("SELECT id FROM companies ORDER BY id");
static struct db_sql SQL_ACTIVE_OCCUPATIONS = DB_SQL("SELECT id, name FROM occupations WHERE active = 1 ORDER BY id");

struct synth_posts {
    int n;
    unsigned seed;
    int created;
};

/* The ids (and for occupations the names) a statement lists; NULL on error. */
static json_t *rows_of(struct db_sql *sql, bool named)
{
    sqlite3_stmt *st = db_stmt(sql);
    if (!st)
        return NULL;
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, named ? json_pack("[I,s]", (json_int_t)sqlite3_column_int64(st, 0), db_text(st, 1))
                                          : json_integer(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* The synthetic posts in one transaction, written through the kit (town,
 * start year, search entry), audited once as synthetic data. */
static int synth_posts_tx(void *arg)
{
    struct synth_posts *c = arg;
    json_t *companies = rows_of(&SQL_COMPANY_IDS, false), *occupations = rows_of(&SQL_ACTIVE_OCCUPATIONS, true);
    int rc = companies && occupations && json_array_size(companies) && json_array_size(occupations) ? 0 : -1;
    char start[11];
    posts_default_start(start);
    int year = atoi(start);
    static const char *const CERTS[] = { "none", "hauptschule", "mittlere_reife", "fachhochschulreife", "abitur" };
    /* most posts open, some waiting, filled or closed, as in a real region */
    static const char *const STATES[] = { "open", "open", "open", "open", "open", "open", "open", "pending",
                                          "filled", "closed" };
    unsigned s = c->seed ? c->seed : 1;
    for (int i = 0; i < c->n && rc == 0; i++) {
        json_t *occ = json_array_get(occupations, next_rand(&s) % json_array_size(occupations));
        char day[24]; /* room for any year the compiler cannot rule out */
        snprintf(day, sizeof day, "%04d-%s", year + (int)(next_rand(&s) % 3), next_rand(&s) % 4 ? "08-01" : "09-01");
        json_t *in = json_pack("{s:O, s:O, s:O, s:i, s:s, s:s, s:s, s:[s], s:s, s:b, s:i}", "company_id",
                               json_array_get(companies, next_rand(&s) % json_array_size(companies)), "occupation_id",
                               json_array_get(occ, 0), "title", json_array_get(occ, 1), "places",
                               1 + (int)(next_rand(&s) % 3), "start_date", day, "min_certificate",
                               CERTS[next_rand(&s) % 5], "status", STATES[next_rand(&s) % 10], "languages", "de",
                               "description", "Wir freuen uns auf Ihre Bewerbung.", "part_time", next_rand(&s) % 5 == 0,
                               "pay_1", 850 + (int)(next_rand(&s) % 300));
        /* two posts in five name a language of the region besides German */
        if (next_rand(&s) % 5 < 2)
            json_array_append_new(json_object_get(in, "languages"), json_string(LANGS[1 + next_rand(&s) % 9]));
        int64_t id;
        rc = posts_store(in, &id);
        json_decref(in);
        if (rc == 0)
            c->created++;
    }
    json_decref(companies);
    json_decref(occupations);
    return rc == 0 ? audit_write_system("synthetic data", "create", "post", 0, NULL) : -1;
}

int demo_synthetic_posts(int n, unsigned seed)
{
    struct synth_posts c = { n, seed, 0 };
    if (n <= 0)
        return 0;
    if (db_tx(synth_posts_tx, &c) != 0)
        return -1;
    return c.created;
}

/* ---- synthetic work: activities and placements ------------------------------ */

static struct db_sql SQL_SYN_ACTIVITY = DB_SQL(
    "INSERT INTO activities (company_id, candidate_id, kind, date, subject, caseworker_id, follow_up, "
    "follow_up_user_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?7 IS NOT NULL THEN ?6 END, "
    "?4 || 'T09:00:00Z', ?4 || 'T09:00:00Z')");
static struct db_sql SQL_SYN_STAFF = DB_SQL(
    "SELECT id FROM users WHERE role IN ('caseworker', 'admin') AND active = 1 ORDER BY role = 'admin', id "
    "LIMIT 1");
static struct db_sql SQL_SYN_COMPANIES = DB_SQL("SELECT id FROM companies ORDER BY id DESC LIMIT ?1");
static struct db_sql SQL_SYN_PUPILS = DB_SQL(
    "SELECT c.id, coalesce((SELECT value FROM candidate_occupations WHERE owner_id = c.id AND pos = 0), 0), "
    "c.status IN ('new', 'active') AND c.match_opt_out = 0 FROM candidates c ORDER BY c.id DESC LIMIT ?1");
static struct db_sql SQL_SYN_OPEN_POSTS = DB_SQL(
    "SELECT occupation_id, id FROM posts WHERE status = 'open' AND places_filled < places ORDER BY occupation_id, id");

struct synth_work {
    int companies, candidates;
    unsigned seed;
    int activities, placements;
};

/* One activity dated days ago (a follow-up some days on, or none). */
static int synth_activity(int64_t company, int64_t candidate, const char *kind, const char *subject, int days_ago,
                          int follow_in, int64_t staff)
{
    sqlite3_stmt *st = db_stmt(&SQL_SYN_ACTIVITY);
    if (!st)
        return -1;
    char day[11], fu[11];
    text_local_day(-days_ago, day);
    if (company)
        sqlite3_bind_int64(st, 1, company);
    else
        sqlite3_bind_null(st, 1);
    if (candidate)
        sqlite3_bind_int64(st, 2, candidate);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, subject, -1, SQLITE_STATIC);
    if (staff)
        sqlite3_bind_int64(st, 6, staff);
    else
        sqlite3_bind_null(st, 6);
    if (follow_in && staff) {
        text_local_day(follow_in - days_ago, fu);
        sqlite3_bind_text(st, 7, fu, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(st, 7);
    }
    return db_run(st);
}

/* Open posts by occupation: pairs (occupation, post), sorted. */
struct occ_post {
    int64_t occupation, post;
};

static int occ_post_cmp(const void *a, const void *b)
{
    int64_t x = ((const struct occ_post *)a)->occupation, y = ((const struct occ_post *)b)->occupation;
    return (x > y) - (x < y);
}

/* A year of work over the newest synthetic companies and candidates: a
 * third of each with an activity or two (some with follow-ups for the
 * first caseworker), and one candidate in twenty who may be matched
 * proposed for an open post of their most wanted occupation, at stages
 * short of a contract. Written directly (bulk), audited once per kind. */
static int synth_work_tx(void *arg)
{
    struct synth_work *w = arg;
    unsigned r = w->seed * 2654435761u + 17u;
    int64_t staff = 0;
    if (db_query_int64(&SQL_SYN_STAFF, &staff) < 0)
        return -1;
    static const char *const COMPANY_WORK[][2] = { { "visit", "Besuch im Betrieb" }, { "call", "Telefonat zur Ausbildung" },
                                                   { "counselling", "Beratung zur Ausbildungsberechtigung" },
                                                   { "email", "Infomaterial geschickt" } };
    static const char *const PUPIL_WORK[][2] = { { "counselling", "Berufsorientierung" },
                                                 { "application_training", "Bewerbungstraining" },
                                                 { "call", "Telefonat mit der Familie" } };
    sqlite3_stmt *st = db_stmt(&SQL_SYN_COMPANIES);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, w->companies);
    json_t *companies = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(companies, json_integer(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    size_t i;
    json_t *v;
    int fail = rc == DB_ERROR;
    json_array_foreach(companies, i, v) {
        if (fail || next_rand(&r) % 3 != 0)
            continue;
        int n = 1 + (int)(next_rand(&r) % 2);
        for (int k = 0; k < n && !fail; k++) {
            unsigned pick = next_rand(&r) % 4;
            fail = synth_activity(json_integer_value(v), 0, COMPANY_WORK[pick][0], COMPANY_WORK[pick][1],
                                  (int)(next_rand(&r) % 365), next_rand(&r) % 4 == 0 ? 7 + (int)(next_rand(&r) % 60) : 0,
                                  staff) != 0;
            w->activities += !fail;
        }
    }
    json_decref(companies);
    if (fail)
        return -1;
    /* the open posts by occupation, to propose candidates for */
    size_t nposts = 0, cap = 1024;
    struct occ_post *posts = malloc(cap * sizeof *posts);
    if (!posts || !(st = db_stmt(&SQL_SYN_OPEN_POSTS))) {
        free(posts);
        return -1;
    }
    while ((rc = db_step(st)) == DB_ROW) {
        if (nposts == cap) {
            struct occ_post *more = realloc(posts, 2 * cap * sizeof *posts);
            if (!more)
                break;
            posts = more;
            cap *= 2;
        }
        posts[nposts++] = (struct occ_post){ sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1) };
    }
    sqlite3_reset(st);
    if (rc != DB_DONE || !(st = db_stmt(&SQL_SYN_PUPILS))) {
        free(posts);
        return -1;
    }
    static const char *const PATH_PROPOSED[] = { "proposed", NULL };
    static const char *const PATH_APPLIED[] = { "proposed", "applied", NULL };
    static const char *const PATH_INTERVIEW[] = { "proposed", "applied", "interview", NULL };
    static const char *const PATH_INTERNSHIP[] = { "proposed", "applied", "interview", "internship", NULL };
    static const char *const PATH_REJECTED[] = { "proposed", "applied", "rejected", NULL };
    static const char *const PATH_WITHDRAWN[] = { "proposed", "withdrawn", NULL };
    static const char *const *const PATHS[] = { PATH_PROPOSED, PATH_APPLIED,  PATH_INTERVIEW,
                                                PATH_INTERNSHIP, PATH_REJECTED, PATH_WITHDRAWN };
    sqlite3_bind_int64(st, 1, w->candidates);
    json_t *pupils = json_array();
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(pupils, json_pack("[I,I,b]", (json_int_t)sqlite3_column_int64(st, 0),
                                                (json_int_t)sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2)));
    sqlite3_reset(st);
    fail = rc == DB_ERROR;
    json_array_foreach(pupils, i, v) {
        if (fail)
            break;
        int64_t id = json_integer_value(json_array_get(v, 0)), wish = json_integer_value(json_array_get(v, 1));
        if (next_rand(&r) % 3 == 0) {
            unsigned pick = next_rand(&r) % 3;
            fail = synth_activity(0, id, PUPIL_WORK[pick][0], PUPIL_WORK[pick][1], (int)(next_rand(&r) % 365),
                                  next_rand(&r) % 5 == 0 ? 7 + (int)(next_rand(&r) % 30) : 0, staff) != 0;
            w->activities += !fail;
        }
        if (fail || !json_is_true(json_array_get(v, 2)) || !wish || next_rand(&r) % 20 != 0)
            continue;
        struct occ_post key = { wish, 0 };
        struct occ_post *hit = nposts ? bsearch(&key, posts, nposts, sizeof *posts, occ_post_cmp) : NULL;
        if (!hit)
            continue;
        size_t lo = (size_t)(hit - posts), hi = lo;
        while (lo > 0 && posts[lo - 1].occupation == wish)
            lo--;
        while (hi + 1 < nposts && posts[hi + 1].occupation == wish)
            hi++;
        int64_t post = posts[lo + next_rand(&r) % (hi - lo + 1)].post, placement;
        fail = placements_store(id, post, PATHS[next_rand(&r) % (sizeof PATHS / sizeof PATHS[0])], "", staff,
                                &placement) != 0;
        w->placements += !fail;
    }
    json_decref(pupils);
    free(posts);
    if (fail)
        return -1;
    if ((w->activities && audit_write_system("synthetic data", "create", "activity", 0, NULL) != 0) ||
        (w->placements && audit_write_system("synthetic data", "create", "placement", 0, NULL) != 0))
        return -1;
    return 0;
}

int demo_synthetic_work(int companies, int candidates, unsigned seed, int *activities, int *placements)
{
    struct synth_work w = { companies, candidates, seed, 0, 0 };
    *activities = *placements = 0;
    if (companies <= 0 && candidates <= 0)
        return 0;
    if (db_tx(synth_work_tx, &w) != 0)
        return -1;
    *activities = w.activities;
    *placements = w.placements;
    return 0;
}
