#include "app/choices.h"

#include <stddef.h>

#define VALUES(...) (const char *const[]){ __VA_ARGS__, NULL }

struct choices CHOICES_CHAMBER = { .key = "chamber", .values = VALUES("ihk", "hwk", "other", "none") };
struct choices CHOICES_OWNER_BACKGROUND = { .key = "owner_migration_background",
                                            .values = VALUES("yes", "no", "unknown") };
struct choices CHOICES_TRAINING_STATUS = { .key = "training_status",
                                           .values = VALUES("none", "interested", "in_progress", "authorised",
                                                            "training") };
struct choices CHOICES_TRAINER_APTITUDE = { .key = "trainer_aptitude", .values = VALUES("yes", "no", "planned") };
struct choices CHOICES_TRAINING_AUTHORISATION = { .key = "training_authorisation",
                                                  .values = VALUES("yes", "no", "applied") };
struct choices CHOICES_AREA = { .key = "area", .values = VALUES("stadt", "kreis", "region") };
struct choices CHOICES_ROLE = { .key = "role", .values = VALUES("admin", "caseworker", "viewer") };
struct choices CHOICES_ACTIVITY_KIND = { .key = "kind",
                                         .values = VALUES("call", "visit", "email", "counselling", "event",
                                                          "referral") };
struct choices CHOICES_TOPIC = { .key = "topic",
                                 .values = VALUES("authorisation", "aevo", "funding", "recruiting", "contracts") };
/* the bodies responsible for vocational training (as for occupations:
 * freie Berufe, öffentlicher Dienst, Landwirtschaft, Hauswirtschaft), and
 * the employment agency and job centre */
struct choices CHOICES_REFERRAL = { .key = "referral",
                                    .values = VALUES("ihk", "hwk", "fb", "oed", "lw", "hw", "agentur", "jobcenter") };
struct choices CHOICES_DUE_WHEN = { .key = "due", .values = VALUES("overdue", "today", "this_week", "next_week", "later") };
/* the bodies responsible for an occupation (IHK, Handwerkskammer, freie
 * Berufe, öffentlicher Dienst, Landwirtschaft, Hauswirtschaft,
 * Seeschifffahrt), as migration 0003 lists them */
struct choices CHOICES_BODY = { .key = "body", .values = VALUES("ihk", "hwk", "fb", "oed", "lw", "hw", "see") };
/* school certificates, in their order */
struct choices CHOICES_CERTIFICATE = { .key = "certificate",
                                       .values = VALUES("none", "hauptschule", "mittlere_reife", "fachhochschulreife",
                                                        "abitur") };
struct choices CHOICES_POST_STATUS = { .key = "post_status", .values = VALUES("pending", "open", "filled", "closed") };
struct choices CHOICES_OFFER_STATUS = { .key = "offer_status", .values = VALUES("pending", "approved", "rejected") };
struct choices CHOICES_OFFER_MATCH = { .key = "offer_match", .values = VALUES("new", "suggested", "confirmed") };

struct choices *const app_choices[] = {
    &CHOICES_CHAMBER,       &CHOICES_OWNER_BACKGROUND, &CHOICES_TRAINING_STATUS, &CHOICES_TRAINER_APTITUDE,
    &CHOICES_TRAINING_AUTHORISATION, &CHOICES_AREA,    &CHOICES_ROLE,            &CHOICES_ACTIVITY_KIND,
    &CHOICES_TOPIC,         &CHOICES_REFERRAL,         &CHOICES_DUE_WHEN,        &CHOICES_BODY,
    &CHOICES_CERTIFICATE,   &CHOICES_POST_STATUS,      &CHOICES_OFFER_STATUS,    &CHOICES_OFFER_MATCH,
    NULL,
};
