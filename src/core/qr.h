/* qr: QR codes as SVG images (libqrencode), for the second factor's
 * enrolment and the schools' sign-up flyers. */
#ifndef CORE_QR_H
#define CORE_QR_H

/* text (at most a few hundred bytes: an address) as a QR code with error
 * correction level M and the four-module quiet zone, drawn as one SVG path
 * that scales without blurring. New string (free it), or NULL. */
char *qr_svg(const char *text);

#endif
