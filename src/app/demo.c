#include "app/demo.h"

#include "app/activities.h"
#include "app/companies.h"
#include "core/audit.h"
#include "core/db.h"
#include "core/text.h"

#include <jansson.h>
#include <stdio.h>

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
    int rc = activities_store(company, a, caseworker, &id);
    if (rc == 0)
        rc = audit_write_system("demo data", "create", "activity", id, a);
    json_decref(a);
    return rc;
}

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
    return 0;
}

int demo_load(int64_t caseworker_id)
{
    struct ctx c = { caseworker_id, 0 };
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
