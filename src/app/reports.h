/* reports: the funder's indicators for any period, counted in SQL over the
 * records as they are when asked (never typed in), each with its split by
 * Stadt/Kreis Offenbach, by migration background and, for people, by
 * gender; small numbers of people are written "<3". As a page with SVG
 * charts and tables, as JSON, CSV and XLSX; the records behind a figure
 * for staff; and a caseworker's own figures for the start page. */
#ifndef APP_REPORTS_H
#define APP_REPORTS_H

#include "core/http.h"

/* GET /reports?from=&to=&per=month|quarter (HTML, JSON) */
int reports_page(struct req *r);
/* GET /reports.csv and /reports.xlsx with the same query */
int reports_csv(struct req *r);
int reports_xlsx(struct req *r);
/* GET /reports/records?indicator=&from=&to=[&area=|&gender=] */
int reports_records(struct req *r);

/* The request's user's own figures for this calendar year (activities
 * they wrote, placements they made), for the start page:
 * {"year", "items": [{"key","label","value"}]}; NULL on error. */
json_t *reports_own_figures(struct req *r);

#endif
