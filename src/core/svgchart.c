#include "core/svgchart.h"

#include "core/buf.h"

#include <stdio.h>
#include <string.h>

/* Text as XML character data or attribute value: the five special
 * characters escaped, control characters (not allowed in XML 1.0) left
 * out. */
static void put_escaped(struct buf *b, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n')
                buf_append(b, s, 1);
        }
    }
}

/* An id made only of letters, digits and '-', so it is safe in an
 * attribute and in aria-labelledby's list. */
static void put_id(struct buf *b, const char *id)
{
    for (; id && *id; id++)
        if ((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') || (*id >= '0' && *id <= '9') || *id == '-')
            buf_append(b, id, 1);
}

char *svgchart_bars(const char *id, const char *title, const char *desc, const struct svg_bar *bars, size_t n,
                    int width, int height)
{
    if (width < 120)
        width = 120;
    if (height < 80)
        height = 80;
    struct buf b = { 0 };
    /* room for the value above the bars and the labels below */
    const int top = 18, bottom = 34, left = 4, right = 4;
    const int plot_h = height - top - bottom, plot_w = width - left - right;
    long long max = 0;
    for (size_t i = 0; i < n; i++)
        if (!bars[i].suppressed && bars[i].value > max)
            max = bars[i].value;
    buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" "
                   "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"",
               width, height, width, height);
    put_id(&b, id);
    buf_puts(&b, "-title ");
    put_id(&b, id);
    buf_puts(&b, "-desc\"><title id=\"");
    put_id(&b, id);
    buf_puts(&b, "-title\">");
    put_escaped(&b, title);
    buf_puts(&b, "</title><desc id=\"");
    put_id(&b, id);
    buf_puts(&b, "-desc\">");
    put_escaped(&b, desc);
    buf_puts(&b, "</desc>");
    buf_printf(&b, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\"/>", left,
               top + plot_h, left + plot_w, top + plot_h);
    double slot = n ? (double)plot_w / (double)n : 0;
    double bar_w = slot * 0.7;
    for (size_t i = 0; i < n; i++) {
        double x = left + slot * (double)i + (slot - bar_w) / 2;
        double cx = left + slot * (double)i + slot / 2;
        double h = !bars[i].suppressed && max > 0 ? (double)plot_h * (double)bars[i].value / (double)max : 0;
        if (h > 0)
            buf_printf(&b, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", x,
                       top + plot_h - h, bar_w, h);
        buf_printf(&b, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", cx, top + plot_h - h - 4);
        if (bars[i].suppressed)
            buf_puts(&b, "&lt;3");
        else
            buf_printf(&b, "%lld", bars[i].value);
        buf_printf(&b, "</text><text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", cx,
                   top + plot_h + 16);
        put_escaped(&b, bars[i].label);
        buf_puts(&b, "</text>");
    }
    if (buf_puts(&b, "</svg>") != 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}
