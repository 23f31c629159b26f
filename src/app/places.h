/* places: German postal codes and the places of the region (the places
 * table, from GeoNames; migrations/0004_places.sql). Application data, not
 * framework: the rule for a postal code lives here. */
#ifndef APP_PLACES_H
#define APP_PLACES_H

struct place {
    char name[128];   /* the town, "Offenbach am Main" */
    char area[16];    /* "stadt", "kreis" or "region" */
};

/* A field rule's extra check (validate.h): a German postal code has five
 * digits. NULL when fine, else the message key. */
const char *places_check_plz(const char *value);

/* The place of a postal code: 0 found, 1 not in the region (or plz NULL
 * or empty), -1 database error. */
int places_find(const char *plz, struct place *out);

#endif
