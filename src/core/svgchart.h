/* svgchart: bar charts as SVG text, drawn by the server, so a report's
 * figures are readable without JavaScript. Each chart is an image to
 * assistive technology (role="img", aria-labelledby its <title> and
 * <desc>); the page puts the numbers in a table beside it. Every text
 * given (title, description, labels) is escaped for XML here, so the
 * result may be placed into a page as markup. Pure: no I/O. */
#ifndef CORE_SVGCHART_H
#define CORE_SVGCHART_H

#include <stdbool.h>
#include <stddef.h>

/* One bar: its label (borrowed) and value; a suppressed value (a small
 * number of people) is drawn without a bar and written as "<3". */
struct svg_bar {
    const char *label;
    long long value;
    bool suppressed;
};

/* A vertical bar chart of n bars in a width x height box (at least
 * 120 x 80; smaller sizes are raised to it), bars proportional to their
 * values against the largest, each value written above its bar and its
 * label below. id: a short token (letters, digits, '-') making the
 * <title>/<desc> ids unique on the page. Returns a new string (the
 * caller frees it), or NULL when memory runs out. */
char *svgchart_bars(const char *id, const char *title, const char *desc, const struct svg_bar *bars, size_t n,
                    int width, int height);

#endif
