#include "domain/case_state.h"

#include "core/err.h"

#include <string.h>

#define X CASE__STATUS_COUNT /* not allowed */

/* next[step][from]: the state after the step, or X. */
static const unsigned char next[CASE__STEP_COUNT][CASE__STATUS_COUNT] = {
	/*                     APPLIED   ASSESSED  WAITING   DEC_ASSIGN REFUSED  ACTIVE    SUSPENDED  TERMINATED */
	[CASE_STEP_APPLY] = {X, X, X, X, X, X, X, X},
	[CASE_STEP_ASSESS] = {CASE_ASSESSED, CASE_ASSESSED, CASE_WAITING, X, X, CASE_ACTIVE, CASE_SUSPENDED, X},
	[CASE_STEP_DECIDE_ASSIGN] = {X, CASE_DECIDED_ASSIGN, CASE_DECIDED_ASSIGN, X, X, X, X, X},
	[CASE_STEP_DECIDE_WAIT] = {X, CASE_WAITING, X, X, X, X, X, X},
	[CASE_STEP_DECIDE_REFUSE] = {X, CASE_REFUSED, CASE_REFUSED, X, X, X, X, X},
	[CASE_STEP_AMEND] = {X, X, X, X, X, CASE_ACTIVE, CASE_SUSPENDED, X},
	[CASE_STEP_SIGN_CONTRACT] = {X, X, X, CASE_ACTIVE, X, CASE_ACTIVE, X, X},
	[CASE_STEP_SUSPEND] = {X, X, X, X, X, CASE_SUSPENDED, X, X},
	[CASE_STEP_RESUME] = {X, X, X, X, X, X, CASE_ACTIVE, X},
	[CASE_STEP_REVIEW] = {X, X, X, X, X, CASE_ACTIVE, CASE_SUSPENDED, X},
	[CASE_STEP_TERMINATE] = {CASE_TERMINATED, CASE_TERMINATED, CASE_TERMINATED, CASE_TERMINATED, X, CASE_TERMINATED, CASE_TERMINATED, X},
	[CASE_STEP_REOPEN] = {X, X, X, X, CASE_APPLIED, X, X, CASE_APPLIED},
};

int case_step_apply(enum case_status from, enum case_step step,
		    enum case_status *to)
{
	if ((unsigned)step >= CASE__STEP_COUNT || (unsigned)from > CASE__STATUS_COUNT)
		return ERR_INVALID;
	if (step == CASE_STEP_APPLY) {
		if (from != CASE__STATUS_COUNT)
			return ERR_CONFLICT;
		*to = CASE_APPLIED;
		return 0;
	}
	if (from == CASE__STATUS_COUNT)
		return ERR_INVALID;
	unsigned char t = next[step][from];
	if (t == X)
		return ERR_CONFLICT;
	*to = (enum case_status)t;
	return 0;
}

int case_status_delivers(enum case_status s)
{
	return s == CASE_ACTIVE;
}

int case_status_closed(enum case_status s)
{
	return s == CASE_REFUSED || s == CASE_TERMINATED;
}

static const char *const status_names[CASE__STATUS_COUNT] = {
	"applied", "assessed", "waiting", "decided_assign",
	"refused", "active", "suspended", "terminated",
};

static const char *const step_names[CASE__STEP_COUNT] = {
	"apply", "assess", "decide_assign", "decide_wait", "decide_refuse",
	"amend", "sign_contract", "suspend", "resume", "review", "terminate",
	"reopen",
};

static int parse(const char *const *names, int n, const char *s, int *out)
{
	if (!s)
		return ERR_INVALID;
	for (int i = 0; i < n; i++)
		if (!strcmp(s, names[i])) {
			*out = i;
			return 0;
		}
	return ERR_INVALID;
}

const char *case_status_name(enum case_status s)
{
	return (unsigned)s < CASE__STATUS_COUNT ? status_names[s] : NULL;
}

int case_status_parse(const char *s, enum case_status *out)
{
	int v, rc = parse(status_names, CASE__STATUS_COUNT, s, &v);
	if (!rc)
		*out = (enum case_status)v;
	return rc;
}

const char *case_step_name(enum case_step s)
{
	return (unsigned)s < CASE__STEP_COUNT ? step_names[s] : NULL;
}

int case_step_parse(const char *s, enum case_step *out)
{
	int v, rc = parse(step_names, CASE__STEP_COUNT, s, &v);
	if (!rc)
		*out = (enum case_step)v;
	return rc;
}
