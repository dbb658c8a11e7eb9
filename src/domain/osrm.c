#include "domain/osrm.h"

#include "core/err.h"
#include "plan/plan_travel.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OSRM_MAX_BODY (64u << 20) /* a 2000 x 2000 table is ~40 MiB of text */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init_once(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

struct body {
	char *p;
	size_t n, cap;
	int too_big;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct body *b = arg;
	size_t add = size * nmemb;
	if (b->n + add + 1 > OSRM_MAX_BODY) {
		b->too_big = 1;
		return 0;
	}
	if (b->n + add + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 65536;
		while (cap < b->n + add + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return 0;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, ptr, add);
	b->n += add;
	b->p[b->n] = '\0';
	return add;
}

int osrm_table(const char *base_url, const char *profile,
	       const struct plan_coord *c, int n, double *minutes, char *err,
	       size_t err_cap)
{
	struct body b = {0};
	char *url = NULL;
	int rc = 0;
	err[0] = '\0';
	if (n > OSRM_MAX_LOCATIONS) {
		snprintf(err, err_cap, "more than %d places", OSRM_MAX_LOCATIONS);
		return ERR_TOO_LARGE;
	}
	if (n <= 1)
		return 0;
	size_t base_len = strlen(base_url);
	while (base_len && base_url[base_len - 1] == '/')
		base_len--;
	size_t len = base_len + strlen(profile) + 64 + (size_t)n * 26;
	url = malloc(len);
	if (!url)
		return ERR_NOMEM;
	size_t k = (size_t)snprintf(url, len, "%.*s/table/v1/%s/", (int)base_len, base_url, profile);
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(url + k, len - k, "%s%.6f,%.6f", i ? ";" : "", c[i].lon, c[i].lat);
	snprintf(url + k, len - k, "?annotations=duration");

	pthread_once(&curl_once, curl_init_once);
	CURL *h = curl_easy_init();
	if (!h) {
		free(url);
		snprintf(err, err_cap, "cannot start an HTTP client");
		return ERR_NOMEM;
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)OSRM_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	CURLcode cc = curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(h);
	free(url);
	if (cc != CURLE_OK) {
		snprintf(err, err_cap, "routing server unreachable: %s", b.too_big ? "answer too large" : curl_easy_strerror(cc));
		free(b.p);
		return ERR_IO;
	}
	json_t *doc = b.p ? json_loads(b.p, 0, NULL) : NULL;
	free(b.p);
	json_t *code = json_object_get(doc, "code"), *d = json_object_get(doc, "durations");
	if (status != 200 || !json_is_string(code) || strcmp(json_string_value(code), "Ok")) {
		snprintf(err, err_cap, "routing server answered %ld%s%s", status, json_is_string(code) ? " " : "",
			 json_is_string(code) ? json_string_value(code) : "");
		json_decref(doc);
		return ERR_IO;
	}
	if (!json_is_array(d) || json_array_size(d) != (size_t)n) {
		snprintf(err, err_cap, "routing server's table is not %d x %d", n, n);
		json_decref(doc);
		return ERR_INVALID;
	}
	for (int i = 0; i < n && !rc; i++) {
		json_t *row = json_array_get(d, (size_t)i);
		if (!json_is_array(row) || json_array_size(row) != (size_t)n) {
			snprintf(err, err_cap, "routing server's table is not %d x %d", n, n);
			rc = ERR_INVALID;
			break;
		}
		for (int j = 0; j < n; j++) {
			json_t *v = json_array_get(row, (size_t)j);
			if (json_is_number(v) && json_number_value(v) >= 0)
				minutes[(size_t)i * (size_t)n + (size_t)j] = json_number_value(v) / 60.0;
		}
	}
	json_decref(doc);
	return rc;
}
