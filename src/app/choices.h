/* choices: every set of enum values the application knows, in one place.
 * Fields point at these (validate.h's struct choices); the catalogs label
 * each value as "<key>_<value>"; the migrations' CHECK constraints list the
 * same values, which tests/unit/test_entity.c compares. */
#ifndef APP_CHOICES_H
#define APP_CHOICES_H

#include "core/validate.h"

extern struct choices CHOICES_CHAMBER;              /* a company's chamber */
extern struct choices CHOICES_OWNER_BACKGROUND;     /* the owner's migration background */
extern struct choices CHOICES_TRAINING_STATUS;      /* none -> ... -> training */
extern struct choices CHOICES_TRAINER_APTITUDE;     /* AEVO */
extern struct choices CHOICES_TRAINING_AUTHORISATION;
extern struct choices CHOICES_AREA;                 /* Stadt, Kreis, region: from the postal code */
extern struct choices CHOICES_ROLE;                 /* staff roles */
extern struct choices CHOICES_PLACEMENT_STAGE;
extern struct choices CHOICES_SHARE_ANSWER;     /* a company's answer to a proposal */
extern struct choices CHOICES_ACTIVITY_KIND;
extern struct choices CHOICES_TOPIC;                /* counselling topics */
extern struct choices CHOICES_REFERRAL;             /* bodies a company is referred to */
extern struct choices CHOICES_DUE_WHEN;             /* when a follow-up falls due, in words */
extern struct choices CHOICES_LANGUAGE;             /* languages offered in forms, the region's first */
extern struct choices CHOICES_AUDIT_ACTION;         /* what the audit log records */
extern struct choices CHOICES_AUDIT_OBJECT;         /* the kinds of objects it names */
extern struct choices CHOICES_FIELD_NAME;           /* field names, labelled "field_<name>" (an open set) */
extern struct choices CHOICES_SCHOOL_KIND;
extern struct choices CHOICES_CERTIFICATE;          /* school certificates, lowest first */
extern struct choices CHOICES_MIGRATION_BACKGROUND; /* a candidate's: yes, no, not stated */
extern struct choices CHOICES_CANDIDATE_STATUS;
extern struct choices CHOICES_GENDER;
extern struct choices CHOICES_EVENT_KIND;
extern struct choices CHOICES_BODY;                 /* bodies responsible for an occupation */
extern struct choices CHOICES_POST_STATUS;          /* pending -> open -> filled | closed */
extern struct choices CHOICES_OFFER_STATUS;         /* a public offer's review: pending, approved, rejected */
extern struct choices CHOICES_PARTNER_KIND;         /* chamber, migrant organisation, ... */
extern struct choices CHOICES_PARTNER_STATUS;       /* contact, agreement, active */
extern struct choices CHOICES_OFFER_MATCH;          /* an offer's company: new, suggested (a duplicate), confirmed */

/* All of them, NULL-terminated: for label tables and the agreement test. */
extern struct choices *const app_choices[];

#endif
