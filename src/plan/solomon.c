/*
 * solomon.c - Solomon VRPTW text reader and conversion to a plan_problem.
 */
#include "solomon.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOLOMON_MAX_FILE (64L * 1024 * 1024)

/* Iterates over lines of a buffer that need not be NUL-terminated,
 * copying each trimmed line into a bounded, terminated buffer. */
struct line_reader {
	const char *p, *end;
	int lineno;
	char buf[SOLOMON_MAX_LINE + 1];
};

/* Returns 1 with the next non-blank line in r->buf, 0 at end of input,
 * PLAN_ERR_RANGE for an over-long line or PLAN_ERR_PARSE for a NUL byte. */
static int line_next(struct line_reader *r)
{
	while (r->p < r->end) {
		const char *s = r->p;
		const char *nl = memchr(s, '\n', (size_t)(r->end - s));
		const char *e = nl ? nl : r->end;
		r->p = nl ? nl + 1 : r->end;
		r->lineno++;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\f' ||
				 e[-1] == '\v'))
			e--;
		if (s == e)
			continue;
		if ((size_t)(e - s) > SOLOMON_MAX_LINE)
			return PLAN_ERR_RANGE;
		if (memchr(s, '\0', (size_t)(e - s)))
			return PLAN_ERR_PARSE;
		memcpy(r->buf, s, (size_t)(e - s));
		r->buf[e - s] = '\0';
		return 1;
	}
	return 0;
}

/* Splits buf in place on blanks; returns the field count (at most max). */
static int split_fields(char *buf, char **field, int max)
{
	int n = 0;
	char *p = buf;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return n;
		if (n == max)
			return max + 1;
		field[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

static int parse_double(const char *s, double *out)
{
	char *end;
	/* Plain decimal only: strtod would also take "inf", "nan" and hex. */
	for (const char *c = s; *c; c++)
		if (!strchr("0123456789+-.eE", *c))
			return -1;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

static int parse_int(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE || v < INT_MIN || v > INT_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

/* Case-sensitive check that the line's first word is `word`. */
static int line_starts_with(const char *line, const char *word)
{
	size_t n = strlen(word);
	return strncmp(line, word, n) == 0 && (line[n] == '\0' || line[n] == ' ' || line[n] == '\t');
}

void solomon_release(struct solomon_instance *inst)
{
	if (!inst)
		return;
	free(inst->x);
	free(inst->y);
	free(inst->demand);
	free(inst->ready);
	free(inst->due);
	free(inst->service);
	memset(inst, 0, sizeof(*inst));
}

/* Grows the node arrays to hold at least need nodes. */
static int grow(struct solomon_instance *in, int *cap, int need)
{
	if (need <= *cap)
		return 0;
	int nc = *cap ? *cap * 2 : 128;
	if (nc < need)
		nc = need;
	if (nc > SOLOMON_MAX_NODES)
		nc = SOLOMON_MAX_NODES;
	double **d[] = {&in->x, &in->y, &in->ready, &in->due, &in->service};
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		double *p = realloc(*d[i], (size_t)nc * sizeof(double));
		if (!p)
			return PLAN_ERR_NOMEM;
		*d[i] = p;
	}
	int *q = realloc(in->demand, (size_t)nc * sizeof(int));
	if (!q)
		return PLAN_ERR_NOMEM;
	in->demand = q;
	*cap = nc;
	return 0;
}

int solomon_parse(const char *text, size_t len, struct solomon_instance *out, int *err_line)
{
	struct line_reader *r = NULL;
	char *f[8];
	int rc, cap = 0, nf;

	if (err_line)
		*err_line = 0;
	if (!out || (!text && len > 0))
		return PLAN_ERR_INVALID;
	memset(out, 0, sizeof(*out));
	/* The line buffer is too big for a fuzzer-friendly stack frame. */
	r = calloc(1, sizeof(*r));
	if (!r)
		return PLAN_ERR_NOMEM;
	r->p = text;
	r->end = text + len;

#define NEXT_LINE()                                                                        \
	do {                                                                               \
		rc = line_next(r);                                                         \
		if (rc == 0) {                                                             \
			rc = PLAN_ERR_PARSE;                                               \
			goto fail;                                                         \
		}                                                                          \
		if (rc < 0)                                                                \
			goto fail;                                                         \
	} while (0)

	NEXT_LINE();
	nf = split_fields(r->buf, f, 1);
	if (nf != 1 || strlen(f[0]) >= sizeof(out->name)) {
		rc = PLAN_ERR_PARSE;
		goto fail;
	}
	memcpy(out->name, f[0], strlen(f[0]) + 1);

	NEXT_LINE();
	if (strcmp(r->buf, "VEHICLE") != 0) {
		rc = PLAN_ERR_PARSE;
		goto fail;
	}
	NEXT_LINE();
	if (!line_starts_with(r->buf, "NUMBER")) {
		rc = PLAN_ERR_PARSE;
		goto fail;
	}
	NEXT_LINE();
	nf = split_fields(r->buf, f, 2);
	if (nf != 2 || parse_int(f[0], &out->n_vehicles) || parse_int(f[1], &out->capacity) ||
	    out->n_vehicles <= 0 || out->capacity < 0) {
		rc = PLAN_ERR_PARSE;
		goto fail;
	}
	NEXT_LINE();
	if (strcmp(r->buf, "CUSTOMER") != 0) {
		rc = PLAN_ERR_PARSE;
		goto fail;
	}
	NEXT_LINE();
	if (!line_starts_with(r->buf, "CUST")) {
		rc = PLAN_ERR_PARSE;
		goto fail;
	}

	for (;;) {
		rc = line_next(r);
		if (rc < 0)
			goto fail;
		if (rc == 0)
			break;
		int k = out->n_nodes;
		int num, dem;
		double v[6];
		nf = split_fields(r->buf, f, 7);
		if (nf != 7 || parse_int(f[0], &num) || num != k || parse_int(f[3], &dem) || dem < 0) {
			rc = PLAN_ERR_PARSE;
			goto fail;
		}
		for (int i = 0; i < 6; i++) {
			if (i == 2)
				continue;
			if (parse_double(f[1 + i], &v[i])) {
				rc = PLAN_ERR_PARSE;
				goto fail;
			}
		}
		if (v[3] > v[4] || v[5] < 0) {
			rc = PLAN_ERR_PARSE;
			goto fail;
		}
		if (k >= SOLOMON_MAX_NODES) {
			rc = PLAN_ERR_RANGE;
			goto fail;
		}
		rc = grow(out, &cap, k + 1);
		if (rc)
			goto fail;
		out->x[k] = v[0];
		out->y[k] = v[1];
		out->demand[k] = dem;
		out->ready[k] = v[3];
		out->due[k] = v[4];
		out->service[k] = v[5];
		out->n_nodes = k + 1;
	}
#undef NEXT_LINE
	if (out->n_nodes == 0) {
		r->lineno = 0;
		rc = PLAN_ERR_PARSE;
		goto fail;
	}
	free(r);
	return 0;
fail:
	if (err_line)
		*err_line = rc == PLAN_ERR_NOMEM ? 0 : r->lineno;
	free(r);
	solomon_release(out);
	return rc;
}

int solomon_read_file(const char *path, struct solomon_instance *out, int *err_line)
{
	FILE *fp = NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (err_line)
		*err_line = 0;
	if (!path || !out)
		return PLAN_ERR_INVALID;
	memset(out, 0, sizeof(*out));
	fp = fopen(path, "rb");
	if (!fp)
		return PLAN_ERR_IO;
	for (;;) {
		if (len == cap) {
			if (cap >= (size_t)SOLOMON_MAX_FILE) {
				rc = PLAN_ERR_RANGE;
				goto out;
			}
			size_t nc = cap ? cap * 2 : 65536;
			char *p = realloc(buf, nc);
			if (!p) {
				rc = PLAN_ERR_NOMEM;
				goto out;
			}
			buf = p;
			cap = nc;
		}
		size_t got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (got == 0) {
			if (ferror(fp)) {
				rc = PLAN_ERR_IO;
				goto out;
			}
			break;
		}
	}
	rc = solomon_parse(buf, len, out, err_line);
out:
	free(buf);
	fclose(fp);
	return rc;
}

void solomon_problem_release(struct solomon_problem *sp)
{
	if (!sp)
		return;
	free(sp->travel);
	free(sp->visits);
	free(sp->workers);
	memset(sp, 0, sizeof(*sp));
}

int solomon_to_problem(const struct solomon_instance *inst, int n_workers,
		       struct solomon_problem *out)
{
	if (!out)
		return PLAN_ERR_INVALID;
	memset(out, 0, sizeof(*out));
	if (!inst || inst->n_nodes < 1)
		return PLAN_ERR_INVALID;
	if (inst->n_nodes > SOLOMON_MAX_MATRIX_NODES)
		return PLAN_ERR_RANGE;
	int nn = inst->n_nodes, nv = nn - 1;
	int nw = n_workers > 0 ? n_workers : inst->n_vehicles;

	out->travel = malloc((size_t)nn * (size_t)nn * sizeof(double));
	out->visits = malloc((size_t)(nv > 0 ? nv : 1) * sizeof(*out->visits));
	out->workers = malloc((size_t)nw * sizeof(*out->workers));
	if (!out->travel || !out->visits || !out->workers) {
		solomon_problem_release(out);
		return PLAN_ERR_NOMEM;
	}
	for (int a = 0; a < nn; a++)
		for (int b = 0; b < nn; b++)
			out->travel[(size_t)a * nn + b] =
				hypot(inst->x[a] - inst->x[b], inst->y[a] - inst->y[b]);
	for (int i = 0; i < nv; i++) {
		struct plan_visit *v = &out->visits[i];
		memset(v, 0, sizeof(*v));
		v->loc = i + 1;
		v->ready = inst->ready[i + 1];
		v->due = inst->due[i + 1];
		v->service = inst->service[i + 1];
		v->demand = inst->demand[i + 1];
		v->skills = 0;
	}
	for (int w = 0; w < nw; w++) {
		struct plan_worker *wk = &out->workers[w];
		memset(wk, 0, sizeof(*wk));
		wk->start_loc = 0;
		wk->end_loc = 0;
		wk->shift_start = inst->ready[0];
		wk->shift_end = inst->due[0];
		wk->capacity = inst->capacity;
	}
	out->pb.n_locs = nn;
	out->pb.travel = out->travel;
	out->pb.cost = NULL;
	out->pb.n_visits = nv;
	out->pb.visits = out->visits;
	out->pb.n_workers = nw;
	out->pb.workers = out->workers;
	return 0;
}
