#include "core/err.h"

static const struct err_info table[ERR_COUNT] = {
    [ERR_NONE] = { 200, "ok", "error_internal" },
    [ERR_BAD_REQUEST] = { 400, "bad_request", "error_bad_request" },
    [ERR_INVALID] = { 400, "invalid", "error_invalid" },
    [ERR_UNAUTHORIZED] = { 401, "unauthorized", "error_unauthorized" },
    [ERR_OTP_REQUIRED] = { 401, "otp_required", "error_otp_required" },
    [ERR_FORBIDDEN] = { 403, "forbidden", "error_forbidden" },
    [ERR_CSRF] = { 403, "csrf", "error_csrf" },
    [ERR_PASSWORD_CHANGE] = { 403, "password_change_required", "error_password_change" },
    [ERR_MFA_REQUIRED] = { 403, "mfa_required", "error_mfa_required" },
    [ERR_NOT_FOUND] = { 404, "not_found", "error_not_found" },
    [ERR_METHOD] = { 405, "method_not_allowed", "error_method" },
    [ERR_CONFLICT] = { 409, "conflict", "error_conflict" },
    [ERR_GONE] = { 410, "gone", "error_gone" },
    [ERR_TOO_LARGE] = { 413, "payload_too_large", "error_too_large" },
    [ERR_URI_TOO_LONG] = { 414, "uri_too_long", "error_uri_too_long" },
    [ERR_UNSUPPORTED_MEDIA] = { 415, "unsupported_media_type", "error_unsupported_media" },
    [ERR_THROTTLED] = { 429, "too_many_requests", "error_throttled" },
    [ERR_INTERNAL] = { 500, "internal", "error_internal" },
    [ERR_UNAVAILABLE] = { 503, "unavailable", "error_unavailable" },
};

const struct err_info *err_info(enum err e)
{
    if ((int)e <= 0 || e >= ERR_COUNT)
        e = ERR_INTERNAL;
    return &table[e];
}
