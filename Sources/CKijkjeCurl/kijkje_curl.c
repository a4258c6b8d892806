#include "kijkje_curl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The few libcurl entry points and option numbers SMTP needs (values from curl.h, stable across libcurl 7 and 8). */
typedef void CURL;
struct curl_slist;
enum {
    OPT_URL = 10002, OPT_READDATA = 10009, OPT_ERRORBUFFER = 10010, OPT_READFUNCTION = 20012, OPT_TIMEOUT = 13,
    OPT_UPLOAD = 46, OPT_CAINFO = 10065, OPT_CONNECTTIMEOUT = 78, OPT_NOSIGNAL = 99, OPT_USE_SSL = 119,
    OPT_USERNAME = 10173, OPT_PASSWORD = 10174, OPT_MAIL_FROM = 10186, OPT_MAIL_RCPT = 10187,
    GLOBAL_DEFAULT = 3, ERROR_SIZE = 256
};

static struct {
    int loaded;
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    void (*easy_cleanup)(CURL *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    const char *(*easy_strerror)(int);
} curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    *(void **)&curl.global_init = dlsym(lib, "curl_global_init");
    *(void **)&curl.easy_init = dlsym(lib, "curl_easy_init");
    *(void **)&curl.easy_setopt = dlsym(lib, "curl_easy_setopt");
    *(void **)&curl.easy_perform = dlsym(lib, "curl_easy_perform");
    *(void **)&curl.easy_cleanup = dlsym(lib, "curl_easy_cleanup");
    *(void **)&curl.slist_append = dlsym(lib, "curl_slist_append");
    *(void **)&curl.slist_free_all = dlsym(lib, "curl_slist_free_all");
    *(void **)&curl.easy_strerror = dlsym(lib, "curl_easy_strerror");
    if (curl.global_init && curl.easy_init && curl.easy_setopt && curl.easy_perform && curl.easy_cleanup &&
        curl.slist_append && curl.slist_free_all && curl.easy_strerror) {
        curl.global_init(GLOBAL_DEFAULT);
        curl.loaded = 1;
    }
}

int kijkje_curl_available(void) {
    pthread_once(&once, load);
    return curl.loaded;
}

struct upload { const char *data; size_t left; };

static size_t read_payload(char *buffer, size_t size, size_t count, void *userdata) {
    struct upload *upload = userdata;
    size_t room = size * count;
    size_t n = upload->left < room ? upload->left : room;
    memcpy(buffer, upload->data, n);
    upload->data += n;
    upload->left -= n;
    return n;
}

int kijkje_smtp_send(const char *url, const char *user, const char *password, int starttls, const char *ca_file,
                     const char *from, const char *const *recipients, int recipient_count,
                     const char *payload, size_t payload_length, char *error, size_t error_size) {
    if (!kijkje_curl_available()) {
        snprintf(error, error_size, "libcurl (libcurl.so.4) is not installed");
        return -1;
    }
    CURL *handle = curl.easy_init();
    if (!handle) {
        snprintf(error, error_size, "libcurl could not start a transfer");
        return -1;
    }
    char curl_error[ERROR_SIZE] = {0};
    struct curl_slist *rcpt = NULL;
    for (int i = 0; i < recipient_count; i++) rcpt = curl.slist_append(rcpt, recipients[i]);
    struct upload upload = { payload, payload_length };
    curl.easy_setopt(handle, OPT_URL, url);
    curl.easy_setopt(handle, OPT_MAIL_FROM, from);
    curl.easy_setopt(handle, OPT_MAIL_RCPT, rcpt);
    curl.easy_setopt(handle, OPT_READFUNCTION, read_payload);
    curl.easy_setopt(handle, OPT_READDATA, &upload);
    curl.easy_setopt(handle, OPT_UPLOAD, 1L);
    curl.easy_setopt(handle, OPT_USE_SSL, (long)starttls);
    curl.easy_setopt(handle, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, OPT_CONNECTTIMEOUT, 10L);
    curl.easy_setopt(handle, OPT_TIMEOUT, 60L);
    curl.easy_setopt(handle, OPT_ERRORBUFFER, curl_error);
    if (user) curl.easy_setopt(handle, OPT_USERNAME, user);
    if (password) curl.easy_setopt(handle, OPT_PASSWORD, password);
    if (ca_file) curl.easy_setopt(handle, OPT_CAINFO, ca_file);
    int result = curl.easy_perform(handle);
    if (result != 0) snprintf(error, error_size, "%s", curl_error[0] ? curl_error : curl.easy_strerror(result));
    curl.slist_free_all(rcpt);
    curl.easy_cleanup(handle);
    return result;
}
