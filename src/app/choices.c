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
/* every kind of activity; a company's and a pupil's each offer their
 * own part of it (activities.c, OWNERS) */
struct choices CHOICES_ACTIVITY_KIND = { .key = "kind",
                                         .values = VALUES("call", "visit", "email", "counselling", "event",
                                                          "referral", "application_training", "internship", "meeting",
                                                          "joint_event") };
struct choices CHOICES_TOPIC = { .key = "topic",
                                 .values = VALUES("authorisation", "aevo", "funding", "recruiting", "contracts") };
/* the bodies responsible for vocational training (as for occupations:
 * freie Berufe, öffentlicher Dienst, Landwirtschaft, Hauswirtschaft), and
 * the employment agency and job centre */
struct choices CHOICES_REFERRAL = { .key = "referral",
                                    .values = VALUES("ihk", "hwk", "fb", "oed", "lw", "hw", "agentur", "jobcenter") };
/* the languages a form offers, those most spoken in Stadt and Kreis
 * Offenbach first; any ISO 639-1 code is accepted and kept (V_LANGS) */
struct choices CHOICES_LANGUAGE = { .key = "lang", .values = VALUES("de", "tr", "ar", "pl", "ru", "it", "ro", "bg", "el", "hr", "sr", "bs", "sq", "ku", "fa", "uk", "en", "fr", "es", "pt", "ps", "ti", "so", "ur", "hi", "ta", "vi", "zh", "hu", "cs", "sk", "sl", "mk", "am", "ka", "hy", "az", "nl") };
/* what the audit log records: actions, kinds of objects (those of areas
 * still to come too, so their entries read as words from the start), and
 * field names, labelled by the forms' own "field_<name>" (an open set: a
 * name without a label shows as it is) */
struct choices CHOICES_AUDIT_ACTION = {
    .key = "audit_action",
    .values = VALUES("create", "update", "delete", "read", "export", "login", "login_failed", "login_throttled",
                     "login_otp_asked", "logout", "change_password", "password_change_failed",
                     "password_change_throttled", "reset_password", "end_sessions", "csrf_refused", "forbidden",
                     "mfa_enable", "mfa_enable_failed", "mfa_replace", "mfa_replace_failed", "mfa_replace_throttled",
                     "mfa_disable", "mfa_disable_failed", "mfa_disable_throttled", "mfa_reset", "answer", "disclose")
};
struct choices CHOICES_AUDIT_OBJECT = {
    .key = "audit_object",
    .values = VALUES("company", "company_contact", "activity", "user", "route", "post", "occupation", "offer",
                     "candidate", "school", "placement", "partner", "event", "signup_link", "school_teacher",
                     "event_participant", "partner_contact", "report")
};
struct choices CHOICES_SCHOOL_KIND = { .key = "school_kind",
                                       .values = VALUES("hauptschule", "realschule", "gesamtschule", "gymnasium",
                                                        "foerderschule", "berufliche_schule", "other") };
/* ordered: none < hauptschule < mittlere_reife < fachhochschulreife < abitur */
struct choices CHOICES_CERTIFICATE = { .key = "certificate",
                                       .values = VALUES("none", "hauptschule", "mittlere_reife", "fachhochschulreife",
                                                        "abitur") };
struct choices CHOICES_MIGRATION_BACKGROUND = { .key = "migration_background",
                                                .values = VALUES("not_stated", "yes", "no") };
struct choices CHOICES_CANDIDATE_STATUS = { .key = "candidate_status",
                                            .values = VALUES("new", "active", "placed", "inactive") };
struct choices CHOICES_GENDER = { .key = "gender", .values = VALUES("female", "male", "diverse") };
struct choices CHOICES_EVENT_KIND = { .key = "event_kind",
                                      .values = VALUES("school_meets_business", "company_visit", "fair",
                                                       "information_evening", "other") };
struct choices CHOICES_FIELD_NAME = { .key = "field", .values = (const char *const[]){ NULL } };
struct choices CHOICES_DUE_WHEN = { .key = "due", .values = VALUES("overdue", "today", "this_week", "next_week", "later") };
/* the bodies responsible for an occupation (IHK, Handwerkskammer, freie
 * Berufe, öffentlicher Dienst, Landwirtschaft, Hauswirtschaft,
 * Seeschifffahrt), as migration 0003 lists them */
struct choices CHOICES_BODY = { .key = "body", .values = VALUES("ihk", "hwk", "fb", "oed", "lw", "hw", "see") };
/* school certificates, in their order */
struct choices CHOICES_POST_STATUS = { .key = "post_status", .values = VALUES("pending", "open", "filled", "closed") };
struct choices CHOICES_OFFER_STATUS = { .key = "offer_status", .values = VALUES("pending", "approved", "rejected") };
struct choices CHOICES_OFFER_MATCH = { .key = "offer_match", .values = VALUES("new", "suggested", "confirmed") };

/* a placement's stages, in the order a placement goes through them, then
 * the three it can end in */
struct choices CHOICES_PLACEMENT_STAGE = { .key = "stage",
                                           .values = VALUES("proposed", "applied", "interview", "internship",
                                                            "contract", "started", "rejected", "withdrawn",
                                                            "dropped") };
/* a network partner's kind and its cooperation with the service point */
struct choices CHOICES_PARTNER_KIND = { .key = "partner_kind",
                                        .values = VALUES("chamber", "migrant_organisation", "association",
                                                         "school_network", "vocational_school", "employment_agency",
                                                         "jobcenter", "municipal", "other") };
struct choices CHOICES_PARTNER_STATUS = { .key = "partner_status", .values = VALUES("contact", "agreement", "active") };
/* a company's answer to a proposal, through its link */
struct choices CHOICES_SHARE_ANSWER = { .key = "share_answer", .values = VALUES("interview", "decline") };

struct choices *const app_choices[] = {
    &CHOICES_CHAMBER,       &CHOICES_OWNER_BACKGROUND, &CHOICES_TRAINING_STATUS, &CHOICES_TRAINER_APTITUDE,
    &CHOICES_TRAINING_AUTHORISATION, &CHOICES_AREA,    &CHOICES_ROLE,            &CHOICES_ACTIVITY_KIND,
    &CHOICES_TOPIC,         &CHOICES_REFERRAL,         &CHOICES_DUE_WHEN,        &CHOICES_LANGUAGE,        &CHOICES_AUDIT_ACTION,
    &CHOICES_AUDIT_OBJECT,  &CHOICES_FIELD_NAME,       &CHOICES_SCHOOL_KIND,     &CHOICES_CERTIFICATE,
    &CHOICES_MIGRATION_BACKGROUND, &CHOICES_CANDIDATE_STATUS, &CHOICES_GENDER, &CHOICES_EVENT_KIND, &CHOICES_BODY,
    &CHOICES_POST_STATUS,   &CHOICES_OFFER_STATUS,     &CHOICES_OFFER_MATCH,
    &CHOICES_PLACEMENT_STAGE, &CHOICES_SHARE_ANSWER, &CHOICES_PARTNER_KIND, &CHOICES_PARTNER_STATUS, NULL,
};
