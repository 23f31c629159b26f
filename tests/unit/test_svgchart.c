/* The server's SVG bar charts: escaped text, sizes, an image with a title
 * and a description for assistive technology, bars proportional to their
 * values, small numbers of people written as "<3" without a bar. */
#include "core/svgchart.h"
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The height attribute of the n-th <rect> (0-based), or -1. */
static double rect_height(const char *svg, int n)
{
    const char *p = svg;
    for (int i = 0; (p = strstr(p, "<rect")) != NULL; i++, p++)
        if (i == n) {
            const char *h = strstr(p, "height=\"");
            return h ? atof(h + 8) : -1;
        }
    return -1;
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p++)
        n++;
    return n;
}

START_TEST(labels_and_titles_are_escaped)
{
    struct svg_bar bars[] = { { "<script>&\"'", 3, false } };
    char *svg = svgchart_bars("c1\"><x", "A & <b>", "d > \"e\"", bars, 1, 300, 150);
    ck_assert_ptr_nonnull(svg);
    ck_assert_ptr_null(strstr(svg, "<script>"));
    ck_assert_ptr_null(strstr(svg, "<b>"));
    ck_assert_ptr_null(strstr(svg, "<x"));
    ck_assert_ptr_nonnull(strstr(svg, "&lt;script&gt;&amp;&quot;&#39;"));
    ck_assert_ptr_nonnull(strstr(svg, "<title id=\"c1x-title\">A &amp; &lt;b&gt;</title>"));
    ck_assert_ptr_nonnull(strstr(svg, "<desc id=\"c1x-desc\">d &gt; &quot;e&quot;</desc>"));
    free(svg);
}
END_TEST

START_TEST(an_image_with_title_and_description)
{
    struct svg_bar bars[] = { { "Jan", 1, false } };
    char *svg = svgchart_bars("k", "T", "D", bars, 1, 400, 200);
    ck_assert_ptr_nonnull(strstr(svg, "role=\"img\""));
    ck_assert_ptr_nonnull(strstr(svg, "aria-labelledby=\"k-title k-desc\""));
    ck_assert_ptr_nonnull(strstr(svg, "width=\"400\" height=\"200\" viewBox=\"0 0 400 200\""));
    ck_assert_int_eq(strncmp(svg, "<svg ", 5), 0);
    ck_assert_int_eq(strcmp(svg + strlen(svg) - 6, "</svg>"), 0);
    free(svg);
    /* too small a box is raised to the least that fits labels */
    svg = svgchart_bars("k", "T", "D", bars, 1, 10, 10);
    ck_assert_ptr_nonnull(strstr(svg, "width=\"120\" height=\"80\""));
    free(svg);
}
END_TEST

START_TEST(bars_are_proportional)
{
    struct svg_bar bars[] = { { "a", 10, false }, { "b", 5, false }, { "c", 0, false }, { "d", 20, false } };
    char *svg = svgchart_bars("p", "T", "D", bars, 4, 400, 252);
    /* plot height 252 - 18 - 34 = 200: the largest is 200 high */
    ck_assert_int_eq(count(svg, "<rect"), 3); /* a zero has no bar */
    ck_assert_double_eq_tol(rect_height(svg, 0), 100.0, 0.05);
    ck_assert_double_eq_tol(rect_height(svg, 1), 50.0, 0.05);
    ck_assert_double_eq_tol(rect_height(svg, 2), 200.0, 0.05);
    ck_assert_ptr_nonnull(strstr(svg, ">20</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">0</text>"));
    free(svg);
}
END_TEST

START_TEST(small_numbers_are_written_not_drawn)
{
    struct svg_bar bars[] = { { "stadt", 2, true }, { "kreis", 4, false } };
    char *svg = svgchart_bars("s", "T", "D", bars, 2, 300, 150);
    ck_assert_int_eq(count(svg, "<rect"), 1);
    ck_assert_ptr_nonnull(strstr(svg, ">&lt;3</text>"));
    ck_assert_ptr_null(strstr(svg, ">2</text>"));
    free(svg);
    /* no bars at all: still a valid, labelled image */
    svg = svgchart_bars("e", "T", "D", NULL, 0, 300, 150);
    ck_assert_ptr_nonnull(strstr(svg, "role=\"img\""));
    free(svg);
}
END_TEST

Suite *svgchart_suite(void)
{
    Suite *s = suite_create("svgchart");
    TCase *c = tcase_create("bars");
    tcase_add_test(c, labels_and_titles_are_escaped);
    tcase_add_test(c, an_image_with_title_and_description);
    tcase_add_test(c, bars_are_proportional);
    tcase_add_test(c, small_numbers_are_written_not_drawn);
    suite_add_tcase(s, c);
    return s;
}
