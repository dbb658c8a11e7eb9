#include "http/assets.h"
#include "core/err.h"
#include "core/log.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ASSETS_MAX_BYTES (64u << 20)
#define ASSETS_MAX_FILES 4096

struct assets {
	struct asset *files;
	size_t n, cap;
	size_t total;
};

static int assets_add(struct assets *a, const char *rel, const char *full)
{
	FILE *f = fopen(full, "rb");
	if (!f)
		return ERR_IO;
	struct stat st;
	if (fstat(fileno(f), &st) || (size_t)st.st_size > ASSETS_MAX_BYTES ||
	    a->total + (size_t)st.st_size > ASSETS_MAX_BYTES || a->n >= ASSETS_MAX_FILES) {
		fclose(f);
		return ERR_TOO_LARGE;
	}
	char *data = malloc((size_t)st.st_size + 1);
	size_t got = data ? fread(data, 1, (size_t)st.st_size, f) : 0;
	fclose(f);
	if (!data || got != (size_t)st.st_size) {
		free(data);
		return ERR_IO;
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 64;
		struct asset *p = realloc(a->files, cap * sizeof(*p));
		if (!p) {
			free(data);
			return ERR_NOMEM;
		}
		a->files = p;
		a->cap = cap;
	}
	a->files[a->n].path = strdup(rel);
	a->files[a->n].data = data;
	a->files[a->n].len = got;
	a->n++;
	a->total += got;
	return 0;
}

static int assets_walk(struct assets *a, const char *root, const char *rel)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s%s", root, rel);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	int rc = 0;
	while (!rc && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char r[1024], full[2048];
		snprintf(r, sizeof(r), "%s/%s", rel, e->d_name);
		snprintf(full, sizeof(full), "%s%s", root, r);
		struct stat st;
		if (stat(full, &st))
			continue;
		if (S_ISDIR(st.st_mode))
			rc = assets_walk(a, root, r);
		else if (S_ISREG(st.st_mode))
			rc = assets_add(a, r, full);
	}
	closedir(d);
	return rc;
}

int assets_load(const char *dir, struct assets **out)
{
	struct assets *a = calloc(1, sizeof(*a));
	if (!a)
		return ERR_NOMEM;
	int rc = dir ? assets_walk(a, dir, "") : 0;
	if (rc) {
		assets_free(a);
		return rc;
	}
	if (dir && a->n == 0)
		log_warn("assets: no web UI files in the web directory; build it with make");
	*out = a;
	return 0;
}

void assets_free(struct assets *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free((char *)a->files[i].path);
		free((char *)a->files[i].data);
	}
	free(a->files);
	free(a);
}

static const struct asset *assets_get(const struct assets *a, const char *path)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->files[i].path, path))
			return &a->files[i];
	return NULL;
}

static const char *assets_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".html"))
		return "text/html; charset=utf-8";
	if (!strcmp(dot, ".js") || !strcmp(dot, ".mjs"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".ico"))
		return "image/x-icon";
	if (!strcmp(dot, ".json"))
		return "application/json";
	if (!strcmp(dot, ".woff2"))
		return "font/woff2";
	if (!strcmp(dot, ".txt"))
		return "text/plain; charset=utf-8";
	return "application/octet-stream";
}

int assets_find(const struct assets *a, const char *path, int accept_gzip,
		struct asset_hit *hit)
{
	const char *slash = strrchr(path, '/');
	if (!strcmp(path, "/") || (slash && !strchr(slash, '.')))
		path = "/index.html";
	if (strstr(path, "..") || strlen(path) > 900)
		return ERR_NOT_FOUND;
	const struct asset *f = NULL;
	hit->gzip = 0;
	if (accept_gzip) {
		char gz[1024];
		snprintf(gz, sizeof(gz), "%s.gz", path);
		f = assets_get(a, gz);
		if (f)
			hit->gzip = 1;
	}
	if (!f)
		f = assets_get(a, path);
	if (!f)
		return ERR_NOT_FOUND;
	hit->data = f->data;
	hit->len = f->len;
	hit->content_type = assets_type(path);
	hit->immutable = !strncmp(path, "/assets/", 8);
	return 0;
}
