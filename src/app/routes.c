/* The one route table and the list of declared areas: every path the program answers, its handler, the
 * least role it needs and its body limit. Areas own their handlers and SQL;
 * they are wired here so the whole surface reads in one place. */
#include "app/routes.h"

#include "app/activities.h"
#include "app/admin.h"
#include "app/auth.h"
#include "app/candidates.h"
#include "app/events.h"
#include "app/join.h"
#include "app/placements.h"
#include "app/schools.h"
#include "app/companies.h"
#include "app/home.h"
#include "app/jobs.h"
#include "app/matches.h"
#include "app/mfa.h"
#include "app/occupations.h"
#include "app/offers.h"
#include "app/partners.h"
#include "app/posts.h"
#include "app/reports.h"
#include "app/users.h"
#include "core/entity.h"
#include "core/static.h"

#define KIB 1024

const struct route app_routes[] = {
    /* public */
    { .method = "GET", .pattern = "/", .handler = home_page, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/healthz", .handler = home_health, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/about", .handler = home_about, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/impressum", .handler = home_impressum, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/datenschutz", .handler = home_privacy, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/static/*", .handler = static_serve, .role = ROLE_PUBLIC,
      .flags = ROUTE_NO_SESSION },
    { .method = "GET", .pattern = "/lang/{token}", .handler = home_language, .role = ROLE_PUBLIC },

    /* the job board: open posts for everyone */
    { .method = "GET", .pattern = "/jobs", .handler = jobs_list, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/jobs.atom", .handler = jobs_feed, .role = ROLE_PUBLIC },
    { .method = "GET", .pattern = "/jobs/{id}", .handler = jobs_show, .role = ROLE_PUBLIC },

    /* what companies send themselves (see offers.h for its protection) */
    { .method = "GET", .pattern = "/offer", .handler = offers_form, .role = ROLE_PUBLIC },
    { .method = "POST", .pattern = "/offer", .handler = offers_submit, .role = ROLE_PUBLIC, .body_limit = 64 * KIB,
      .flags = ROUTE_NO_CSRF },
    { .method = "GET", .pattern = "/offer/sent", .handler = offers_sent, .role = ROLE_PUBLIC },

    /* log-in and one's own account */
    { .method = "GET", .pattern = "/login", .handler = auth_login_form, .role = ROLE_PUBLIC },
    { .method = "POST", .pattern = "/login", .handler = auth_login, .role = ROLE_PUBLIC, .body_limit = 8 * KIB,
      .flags = ROUTE_NO_CSRF },
    { .method = "POST", .pattern = "/logout", .handler = auth_logout, .role = ROLE_VIEWER, .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/me", .handler = auth_me, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/me/sessions", .handler = auth_sessions, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/me/sessions", .handler = auth_end_other_sessions, .role = ROLE_VIEWER,
      .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/me/password", .handler = auth_change_password, .role = ROLE_VIEWER,
      .body_limit = 8 * KIB },
    { .method = "GET", .pattern = "/me/mfa", .handler = mfa_page, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/me/mfa/qr.svg", .handler = mfa_qr, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/me/mfa", .handler = mfa_enable, .role = ROLE_VIEWER, .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/me/mfa/disable", .handler = mfa_disable, .role = ROLE_VIEWER,
      .body_limit = 4 * KIB },

    /* companies, their contacts and activities; follow-ups */
    { .method = "GET", .pattern = "/companies", .handler = companies_list, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/companies", .handler = companies_create, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/companies/new", .handler = companies_new_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/companies/export.csv", .handler = companies_export, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/companies/{id}", .handler = companies_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/companies/{id}", .handler = companies_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PUT", .pattern = "/companies/{id}", .handler = companies_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PATCH", .pattern = "/companies/{id}", .handler = companies_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "DELETE", .pattern = "/companies/{id}", .handler = companies_delete, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/companies/{id}/edit", .handler = companies_edit_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/companies/{id}/delete", .handler = companies_delete_form,
      .role = ROLE_CASEWORKER },
    { .method = "POST", .pattern = "/companies/{id}/delete", .handler = companies_delete, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/companies/{id}/contacts", .handler = companies_add_contact,
      .role = ROLE_CASEWORKER, .body_limit = 8 * KIB },
    { .method = "POST", .pattern = "/companies/{id}/contacts/{id}", .handler = companies_update_contact,
      .role = ROLE_CASEWORKER, .body_limit = 8 * KIB },
    { .method = "GET", .pattern = "/companies/{id}/contacts/{id}/edit", .handler = companies_contact_edit_form,
      .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/companies/{id}/contacts/{id}/delete", .handler = companies_contact_delete_form,
      .role = ROLE_CASEWORKER },
    { .method = "POST", .pattern = "/companies/{id}/contacts/{id}/delete", .handler = companies_delete_contact,
      .role = ROLE_CASEWORKER, .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/companies/{id}/activities", .handler = activities_list, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/companies/{id}/activities", .handler = activities_create,
      .role = ROLE_CASEWORKER, .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/candidates/{id}/activities", .handler = activities_list_candidate,
      .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/candidates/{id}/activities", .handler = activities_create_candidate,
      .role = ROLE_CASEWORKER, .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/activities/{id}", .handler = activities_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/activities/{id}", .handler = activities_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PUT", .pattern = "/activities/{id}", .handler = activities_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PATCH", .pattern = "/activities/{id}", .handler = activities_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "DELETE", .pattern = "/activities/{id}", .handler = activities_delete, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/activities/{id}/edit", .handler = activities_edit_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/activities/{id}/delete", .handler = activities_delete_form,
      .role = ROLE_CASEWORKER },
    { .method = "POST", .pattern = "/activities/{id}/delete", .handler = activities_delete, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/followups", .handler = followups_list, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/followups/{id}", .handler = followups_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/followups/{id}", .handler = followups_move, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/followups/{id}/done", .handler = followups_done, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/followups/{id}/reopen", .handler = followups_reopen, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },

    /* occupations and posts */
    { .method = "GET", .pattern = "/occupations", .handler = occupations_list, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/occupations/export.csv", .handler = occupations_export, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/occupations/{id}", .handler = occupations_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/occupations/{id}", .handler = occupations_update, .role = ROLE_ADMIN,
      .body_limit = 4 * KIB },
    { .method = "PUT", .pattern = "/occupations/{id}", .handler = occupations_update, .role = ROLE_ADMIN,
      .body_limit = 4 * KIB },
    { .method = "PATCH", .pattern = "/occupations/{id}", .handler = occupations_update, .role = ROLE_ADMIN,
      .body_limit = 4 * KIB },
    { .method = "DELETE", .pattern = "/occupations/{id}", .handler = occupations_delete, .role = ROLE_ADMIN },
    { .method = "POST", .pattern = "/occupations/{id}/delete", .handler = occupations_delete, .role = ROLE_ADMIN,
      .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/posts", .handler = posts_list, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/posts", .handler = posts_create, .role = ROLE_CASEWORKER, .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/posts/new", .handler = posts_new_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/posts/export.csv", .handler = posts_export, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/posts/{id}", .handler = posts_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/posts/{id}", .handler = posts_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PUT", .pattern = "/posts/{id}", .handler = posts_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PATCH", .pattern = "/posts/{id}", .handler = posts_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/posts/{id}/edit", .handler = posts_edit_form, .role = ROLE_CASEWORKER },
    /* candidates ranked for a post (a read of candidates' data: audited) */
    { .method = "GET", .pattern = "/posts/{id}/matches", .handler = matches_for_post, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/posts/{id}/status", .handler = posts_set_status, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },

    { .method = "GET", .pattern = "/offers", .handler = offers_list, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/offers/{id}", .handler = offers_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/offers/{id}/match", .handler = offers_match, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/offers/{id}/approve", .handler = offers_approve, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/offers/{id}/reject", .handler = offers_reject, .role = ROLE_CASEWORKER,
      .body_limit = 8 * KIB },

    /* pupils sign up through their school's link (public, own form token) */
    { .method = "GET", .pattern = "/join/{token}", .handler = join_form, .role = ROLE_PUBLIC },
    { .method = "POST", .pattern = "/join/{token}", .handler = join_submit, .role = ROLE_PUBLIC,
      .body_limit = 16 * KIB, .flags = ROUTE_NO_CSRF },
    { .method = "GET", .pattern = "/join/{token}/thanks", .handler = join_thanks, .role = ROLE_PUBLIC },

    /* schools, their contact teachers and sign-up links */
    { .method = "GET", .pattern = "/schools", .handler = schools_list, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/schools", .handler = schools_create, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/schools/new", .handler = schools_new_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/schools/{id}", .handler = schools_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/schools/{id}", .handler = schools_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PUT", .pattern = "/schools/{id}", .handler = schools_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PATCH", .pattern = "/schools/{id}", .handler = schools_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "DELETE", .pattern = "/schools/{id}", .handler = schools_delete, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/schools/{id}/edit", .handler = schools_edit_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/schools/{id}/delete", .handler = schools_delete_form, .role = ROLE_CASEWORKER },
    { .method = "POST", .pattern = "/schools/{id}/delete", .handler = schools_delete, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/schools/{id}/teachers", .handler = schools_add_teacher, .role = ROLE_CASEWORKER,
      .body_limit = 8 * KIB },
    { .method = "POST", .pattern = "/schools/{id}/teachers/{id}/delete", .handler = schools_delete_teacher,
      .role = ROLE_CASEWORKER, .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/schools/{id}/links", .handler = schools_links, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/schools/{id}/links", .handler = schools_add_link, .role = ROLE_CASEWORKER,
      .body_limit = 8 * KIB },
    { .method = "POST", .pattern = "/schools/{id}/links/{id}/close", .handler = schools_close_link,
      .role = ROLE_CASEWORKER, .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/schools/{id}/links/{id}/qr.svg", .handler = schools_link_qr, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/schools/{id}/links/{id}/flyer", .handler = schools_link_flyer,
      .role = ROLE_VIEWER },

    /* the candidate pool (personal: every read audited) */
    { .method = "GET", .pattern = "/candidates", .handler = candidates_list, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/candidates", .handler = candidates_create, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/candidates/new", .handler = candidates_new_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/candidates/export.csv", .handler = candidates_export, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/candidates/{id}", .handler = candidates_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/candidates/{id}", .handler = candidates_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PUT", .pattern = "/candidates/{id}", .handler = candidates_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PATCH", .pattern = "/candidates/{id}", .handler = candidates_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/candidates/{id}/edit", .handler = candidates_edit_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/candidates/{id}/matches", .handler = matches_for_candidate, .role = ROLE_VIEWER },

    /* events with schools, companies and participants */
    { .method = "GET", .pattern = "/events", .handler = events_list, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/events", .handler = events_create, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/events/new", .handler = events_new_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/events/{id}", .handler = events_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/events/{id}", .handler = events_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PUT", .pattern = "/events/{id}", .handler = events_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PATCH", .pattern = "/events/{id}", .handler = events_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/events/{id}/edit", .handler = events_edit_form, .role = ROLE_CASEWORKER },
    { .method = "POST", .pattern = "/events/{id}/participants", .handler = events_add_participant,
      .role = ROLE_CASEWORKER, .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/events/{id}/attendance", .handler = events_attendance, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/events/{id}/participants/{id}/remove", .handler = events_participant_remove_form,
      .role = ROLE_CASEWORKER },
    { .method = "POST", .pattern = "/events/{id}/participants/{id}/remove", .handler = events_remove_participant,
      .role = ROLE_CASEWORKER, .body_limit = 4 * KIB },
    { .method = "DELETE", .pattern = "/events/{id}/participants/{id}", .handler = events_remove_participant,
      .role = ROLE_CASEWORKER },

    /* network partners, their contacts and activities */
    { .method = "GET", .pattern = "/partners", .handler = partners_list, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/partners", .handler = partners_create, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "GET", .pattern = "/partners/new", .handler = partners_new_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/partners/export.csv", .handler = partners_export, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/partners/{id}", .handler = partners_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/partners/{id}", .handler = partners_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PUT", .pattern = "/partners/{id}", .handler = partners_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "PATCH", .pattern = "/partners/{id}", .handler = partners_update, .role = ROLE_CASEWORKER,
      .body_limit = 64 * KIB },
    { .method = "DELETE", .pattern = "/partners/{id}", .handler = partners_delete, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/partners/{id}/edit", .handler = partners_edit_form, .role = ROLE_CASEWORKER },
    { .method = "GET", .pattern = "/partners/{id}/delete", .handler = partners_delete_form, .role = ROLE_CASEWORKER },
    { .method = "POST", .pattern = "/partners/{id}/delete", .handler = partners_delete, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/partners/{id}/contacts", .handler = partners_add_contact,
      .role = ROLE_CASEWORKER, .body_limit = 8 * KIB },
    { .method = "POST", .pattern = "/partners/{id}/contacts/{id}/delete", .handler = partners_delete_contact,
      .role = ROLE_CASEWORKER, .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/partners/{id}/activities", .handler = activities_list_partner,
      .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/partners/{id}/activities", .handler = activities_create_partner,
      .role = ROLE_CASEWORKER, .body_limit = 64 * KIB },

    /* the funder's indicators for a period (aggregates only; the records
     * behind a figure for staff, pupils' reads audited) */
    { .method = "GET", .pattern = "/reports", .handler = reports_page, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/reports.csv", .handler = reports_csv, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/reports.xlsx", .handler = reports_xlsx, .role = ROLE_VIEWER },
    { .method = "GET", .pattern = "/reports/records", .handler = reports_records, .role = ROLE_VIEWER },

    /* administration */
    { .method = "GET", .pattern = "/admin/users", .handler = users_list, .role = ROLE_ADMIN },
    { .method = "GET", .pattern = "/admin/users/new", .handler = users_new_form, .role = ROLE_ADMIN },
    { .method = "POST", .pattern = "/admin/users", .handler = users_create, .role = ROLE_ADMIN, .body_limit = 8 * KIB },
    { .method = "GET", .pattern = "/admin/users/{id}", .handler = users_show, .role = ROLE_ADMIN },
    { .method = "POST", .pattern = "/admin/users/{id}", .handler = users_update, .role = ROLE_ADMIN,
      .body_limit = 8 * KIB },
    { .method = "PUT", .pattern = "/admin/users/{id}", .handler = users_update, .role = ROLE_ADMIN,
      .body_limit = 8 * KIB },
    { .method = "PATCH", .pattern = "/admin/users/{id}", .handler = users_update, .role = ROLE_ADMIN,
      .body_limit = 8 * KIB },
    { .method = "POST", .pattern = "/admin/users/{id}/sessions", .handler = users_end_sessions,
      .role = ROLE_ADMIN, .body_limit = 4 * KIB },
    { .method = "POST", .pattern = "/admin/users/{id}/password", .handler = users_reset_password,
      .role = ROLE_ADMIN, .body_limit = 8 * KIB },
    { .method = "POST", .pattern = "/admin/users/{id}/mfa/reset", .handler = mfa_admin_reset,
      .role = ROLE_ADMIN, .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/admin/audit", .handler = admin_audit, .role = ROLE_ADMIN },

    /* placements: proposals followed to a contract; the company's answer
     * through its own link (public: the token is the key) */
    { .method = "GET", .pattern = "/placements", .handler = placements_list, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/placements", .handler = placements_create, .role = ROLE_CASEWORKER,
      .body_limit = 16 * KIB },
    { .method = "GET", .pattern = "/placements/{id}", .handler = placements_show, .role = ROLE_VIEWER },
    { .method = "POST", .pattern = "/placements/{id}", .handler = placements_move, .role = ROLE_CASEWORKER,
      .body_limit = 16 * KIB },
    { .method = "POST", .pattern = "/placements/{id}/note", .handler = placements_note, .role = ROLE_CASEWORKER,
      .body_limit = 16 * KIB },
    { .method = "POST", .pattern = "/placements/{id}/share", .handler = placements_share, .role = ROLE_CASEWORKER,
      .body_limit = 4 * KIB },
    { .method = "GET", .pattern = "/p/{token}", .handler = placements_answer_form, .role = ROLE_PUBLIC },
    { .method = "POST", .pattern = "/p/{token}", .handler = placements_answer, .role = ROLE_PUBLIC,
      .body_limit = 16 * KIB, .flags = ROUTE_NO_CSRF },
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];

int app_init(void)
{
    static struct entity *const areas[] = { &COMPANY, &USER,     &AUDIT_ENTRY, &SCHOOL, &CANDIDATE,
                                            &EVENT,   &OCCUPATION, &POST,      &OFFER,  &JOB,       &PLACEMENT,
                                            &PARTNER, NULL };
    if (entity_init(areas) != 0 || entity_init(activities_entities) != 0)
        return -1;
    return 0;
}
