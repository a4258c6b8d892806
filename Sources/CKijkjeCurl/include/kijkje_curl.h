#ifndef KIJKJE_CURL_H
#define KIJKJE_CURL_H

#include <stddef.h>

/// Loads the system's libcurl (libcurl.so.4) at run time; returns 1 when it is there.
/// Loading at run time means building Kijkje needs no libcurl headers; sending mail needs the library.
int kijkje_curl_available(void);

/// Sends one message over SMTP through libcurl. `url` is smtp://host:port or smtps://host:port;
/// `starttls` 0 = never, 1 = when offered, 2 = required. `user`/`password`/`ca_file` may be NULL.
/// Returns 0 on success, else a libcurl error code (or -1 when libcurl is missing) with `error` filled.
int kijkje_smtp_send(const char *url, const char *user, const char *password, int starttls, const char *ca_file,
                     const char *from, const char *const *recipients, int recipient_count,
                     const char *payload, size_t payload_length, char *error, size_t error_size);

#endif
