/* demo: the demo data `make run` loads, so a newcomer sees a living
 * service point: companies in Stadt and Kreis Offenbach with contacts,
 * activities, follow-ups and posts, and two offers from the public form
 * waiting for review. Fictitious throughout. */
#ifndef APP_DEMO_H
#define APP_DEMO_H

#include <stdint.h>

/* Loads the demo records when there are no companies yet; caseworker_id
 * owns them. Returns the number of companies created, or -1. */
int demo_load(int64_t caseworker_id);

/* A synthetic region for benchmarks: n companies with plausible names,
 * places from the postal code table, statuses and tags, from a seeded
 * generator so the same seed gives the same data. Returns the number
 * created or -1. */
int demo_synthetic_companies(int n, unsigned seed);

/* n candidates with names of the region's many origins, birth dates of
 * 14 to 22 years, schools (three made when there are none), certificates,
 * up to three desired occupations and languages; same terms. */
int demo_synthetic_candidates(int n, unsigned seed);
/* n synthetic posts over the companies in the database (the synthetic
 * ones after demo_synthetic_companies): active occupations, one to three
 * places, starts in the next three years, most open and some pending,
 * filled or closed, from the same kind of seeded generator. The number
 * created, or -1 (also when there is no company to give them to). */
int demo_synthetic_posts(int n, unsigned seed);

/* A year of work over the newest `companies` companies and `candidates`
 * candidates (the ones seed synthetic just made): activities, some with
 * follow-ups, and placements at stages short of a contract. 0 with the
 * counts, or -1. */
int demo_synthetic_work(int companies, int candidates, unsigned seed, int *activities, int *placements);

#endif
