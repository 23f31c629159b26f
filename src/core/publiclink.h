/* publiclink: links that open one thing to someone without an account (a
 * company answering a proposal): a random token of 192 bits, URL-safe,
 * of which only a digest is stored, so a copy of the database opens
 * nothing; and the address at which the public reaches the site, for the
 * links the program hands out. */
#ifndef CORE_PUBLICLINK_H
#define CORE_PUBLICLINK_H

#include "core/http.h"

#include <stdbool.h>
#include <stddef.h>

#define PUBLICLINK_TOKEN_MAX 64      /* room for a token and its NUL */
#define PUBLICLINK_DIGEST_HEX 65     /* a digest as hex, and its NUL */
#define PUBLICLINK_URL_MAX 1024

/* The configured public address ([public] public_url), or "" to take the
 * request's Host. Call once at start-up, before threads. */
void publiclink_configure(const char *public_url);

/* A new token into token and its digest (hex) into digest. */
void publiclink_new(char token[PUBLICLINK_TOKEN_MAX], char digest[PUBLICLINK_DIGEST_HEX]);

/* The digest of token (untrusted text from a path) into digest: false when
 * it cannot be one of ours (empty, too long, other characters), so it
 * answers 404 without a look in the database. */
bool publiclink_digest(const char *token, char digest[PUBLICLINK_DIGEST_HEX]);

/* The site as the public reaches it, without a trailing slash: the
 * configured address, else the request's Host (only the characters a host
 * and port have; r may be NULL) with the scheme the server or its proxy
 * speaks. */
void publiclink_base(struct req *r, char *out, size_t n);

/* base + path + token ("/p/" and a token), into out. */
void publiclink_url(struct req *r, const char *path, const char *token, char *out, size_t n);

#endif
