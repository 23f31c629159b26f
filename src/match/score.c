/* score: one pair's score with its reasons, and the small conversions the
 * pool needs (days, certificates, places on the flat map). */
#include "match/match.h"
#include "match/pair.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The defaults config.ini documents: occupation first, then certificate
 * and distance, start, languages and earlier contact; 100 in all. */
void match_config_defaults(struct match_config *cfg)
{
    static const int w[CRIT_COUNT] = { [CRIT_OCCUPATION] = 40, [CRIT_CERTIFICATE] = 20, [CRIT_DISTANCE] = 20,
                                       [CRIT_START] = 10, [CRIT_LANGUAGES] = 5, [CRIT_CONTACT] = 5 };
    memcpy(cfg->weight, w, sizeof w);
    cfg->default_commute_km = 25;
    cfg->late_months = 3;
}

/* No filter: everything that passes the hard filters is listed. */
void match_filter_none(struct match_filter *f)
{
    *f = (struct match_filter){ .min_score = -1, .max_km = -1, .cert = -1, .town = MATCH_NO_TOWN };
}

void match_score(const struct match_config *cfg, const struct match_candidate *c, const struct match_post *p,
                 const struct match_contact *contact, struct match_result *out)
{
    pair_score(cfg, c, p, contact, out);
}

float match_km(const struct match_candidate *c, const struct match_post *p)
{
    if (!c->located || !p->located)
        return -1;
    float dx = c->x - p->x, dy = c->y - p->y;
    return sqrtf(dx * dx + dy * dy);
}

/* An internship tells more than an event; of the same kind, the latest. */
const struct match_contact *match_best_contact(const struct match_contact *list, size_t n, int64_t company_id)
{
    const struct match_contact *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const struct match_contact *m = &list[i];
        if (m->company_id != company_id || m->kind == CONTACT_NONE)
            continue;
        if (!best || m->kind > best->kind || (m->kind == best->kind && m->day > best->day))
            best = m;
    }
    return best;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t match_day(const char *iso)
{
    int y, m, d;
    char tail;
    if (!iso || strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
        d < 1 || d > 31 || y < 1)
        return MATCH_NO_DAY;
    return days_from_civil(y, m, d);
}

void match_day_iso(int32_t day, char out[11])
{
    if (day == MATCH_NO_DAY) {
        out[0] = '\0';
        return;
    }
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    if (y < 0 || y > 9999)
        y = 0;
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 13u, ud = (unsigned)d % 32u;
    out[0] = (char)('0' + uy / 1000);
    out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10);
    out[3] = (char)('0' + uy % 10);
    out[4] = '-';
    out[5] = (char)('0' + um / 10);
    out[6] = (char)('0' + um % 10);
    out[7] = '-';
    out[8] = (char)('0' + ud / 10);
    out[9] = (char)('0' + ud % 10);
    out[10] = '\0';
}

int match_cert_of(const char *word)
{
    static const char *const words[CERT_COUNT] = { "none", "hauptschule", "mittlere_reife", "fachhochschulreife",
                                                   "abitur" };
    for (int i = 0; word && i < CERT_COUNT; i++)
        if (!strcmp(word, words[i]))
            return i;
    return -1;
}

/* An equirectangular map around Offenbach (50.1 N, 8.77 E): across the
 * region (100 km) within a fraction of a per cent of the great circle,
 * and a distance is then one square root. */
void match_project(double lat, double lon, float *x, float *y)
{
    const double km_per_degree = 111.195, lat0 = 50.1, lon0 = 8.77;
    *x = (float)((lon - lon0) * km_per_degree * cos(lat0 * M_PI / 180.0));
    *y = (float)((lat - lat0) * km_per_degree);
}
