/*
 * user.c - `pagalba user add|passwd|disable|list`: user administration
 * from the command line (the first administrator is made here). Every
 * change is recorded in the audit log as done by "cli".
 */
#include "app.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/session.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char user_usage[] =
	"Usage:\n"
	"  pagalba user add USERNAME --role ROLE [--name \"Full Name\"]\n"
	"                  [--department CODE] [--institution ID]\n"
	"                  [--password PW | --password-stdin]\n"
	"  pagalba user passwd USERNAME [--password PW | --password-stdin]\n"
	"  pagalba user disable USERNAME\n"
	"  pagalba user list\n"
	"Roles: admin, director, head, social_worker, partner, auditor.\n"
	"head and social_worker need --department; partner needs --institution.\n"
	"Without a password option a random one is generated and printed once.\n";

static int username_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 63)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int read_password(int from_stdin, const char *given, char *out, size_t cap, int *generated)
{
	*generated = 0;
	if (given) {
		snprintf(out, cap, "%s", given);
	} else if (from_stdin) {
		if (!fgets(out, (int)cap, stdin))
			return ERR_INVALID;
		out[strcspn(out, "\r\n")] = '\0';
	} else {
		unsigned char raw[12];
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2base64(out, cap, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		*generated = 1;
	}
	const char *why;
	if (password_check_policy(out, &why)) {
		fprintf(stderr, "pagalba user: password rejected: %s\n", why);
		return ERR_INVALID;
	}
	return 0;
}

static int cli_audit_append(struct db *db, const unsigned char *key, const char *action, int64_t id)
{
	struct audit_entry e;
	memset(&e, 0, sizeof(e));
	snprintf(e.username, sizeof(e.username), "cli");
	e.action = action;
	e.entity = "user";
	e.entity_id = id;
	snprintf(e.ip, sizeof(e.ip), "local");
	return audit_append_tx(db, key, &e, 1);
}

int cli_user(struct app_config *cfg, int argc, char **argv)
{
	const char *role = NULL, *name = NULL, *dept = NULL, *inst = NULL, *pw = NULL;
	int pw_stdin = 0, generated = 0;
	char password[PASSWORD_MAX_LEN + 1], hash[crypto_pwhash_STRBYTES], now[TIMESTAMP_ISO_LEN];
	unsigned char key[AUDIT_KEY_BYTES];
	struct db_pool *pool = NULL;
	struct db *db = NULL;
	struct db_stmt *st;
	int rc;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(user_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *verb = argv[1];
	const char *username = argc > 2 ? argv[2] : NULL;
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--role") && i + 1 < argc)
			role = argv[++i];
		else if (!strcmp(argv[i], "--name") && i + 1 < argc)
			name = argv[++i];
		else if (!strcmp(argv[i], "--department") && i + 1 < argc)
			dept = argv[++i];
		else if (!strcmp(argv[i], "--institution") && i + 1 < argc)
			inst = argv[++i];
		else if (!strcmp(argv[i], "--password") && i + 1 < argc)
			pw = argv[++i];
		else if (!strcmp(argv[i], "--password-stdin"))
			pw_stdin = 1;
		else {
			fprintf(stderr, "pagalba user: unknown option %s\n\n%s", argv[i], user_usage);
			return 2;
		}
	}
	if (strcmp(verb, "list") && !username) {
		fputs(user_usage, stderr);
		return 2;
	}
	if (cli_open_db(cfg, 1, &pool))
		return 1;
	if (cli_audit_key(cfg, 1, key)) {
		db_pool_free(pool);
		return 1;
	}
	rc = db_pool_acquire(pool, &db);
	if (rc)
		goto out;
	time_format_iso(time_now_ms(), now);

	if (!strcmp(verb, "list")) {
		rc = db_prepare(db, "SELECT u.username, u.role, COALESCE(d.code, ''), u.disabled, u.display_name FROM users u LEFT JOIN departments d ON d.id = u.department_id ORDER BY u.username", &st);
		if (rc)
			goto out;
		while ((rc = db_step(st)) == DB_ROW)
			printf("%-24s %-14s %-12s %s  %s\n", db_col_text(st, 0), db_col_text(st, 1),
			       db_col_text(st, 2), db_col_int(st, 3) ? "disabled" : "active", db_col_text(st, 4));
		db_stmt_done(st);
		goto out;
	}
	if (!strcmp(verb, "add")) {
		enum role r = access_role_parse(role);
		int64_t dept_id = 0, inst_id = 0;
		if (!username_ok(username)) {
			fprintf(stderr, "pagalba user: user name must be 3-63 of a-z 0-9 . - _\n");
			rc = ERR_INVALID;
			goto out;
		}
		if (r == ROLE_NONE) {
			fprintf(stderr, "pagalba user: --role must be one of admin, director, head, social_worker, partner, auditor\n");
			rc = ERR_INVALID;
			goto out;
		}
		if ((r == ROLE_HEAD || r == ROLE_SOCIAL_WORKER) && !dept) {
			fprintf(stderr, "pagalba user: role %s needs --department CODE\n", role);
			rc = ERR_INVALID;
			goto out;
		}
		if (r == ROLE_PARTNER && !inst) {
			fprintf(stderr, "pagalba user: role partner needs --institution ID\n");
			rc = ERR_INVALID;
			goto out;
		}
		if (dept) {
			rc = db_prepare(db, "SELECT id FROM departments WHERE code = $1", &st);
			if (rc)
				goto out;
			db_bind_text(st, 1, dept);
			if (db_step(st) == DB_ROW)
				dept_id = db_col_int(st, 0);
			db_stmt_done(st);
			if (!dept_id) {
				fprintf(stderr, "pagalba user: no department with code %s\n", dept);
				rc = ERR_NOT_FOUND;
				goto out;
			}
		}
		if (inst) {
			char *end;
			inst_id = strtoll(inst, &end, 10);
			int64_t ok = 0;
			if (!*end && inst_id > 0) {
				rc = db_prepare(db, "SELECT id FROM institutions WHERE id = $1 AND kind = 'partner'", &st);
				if (rc)
					goto out;
				db_bind_int(st, 1, inst_id);
				if (db_step(st) == DB_ROW)
					ok = 1;
				db_stmt_done(st);
			}
			if (!ok) {
				fprintf(stderr, "pagalba user: no partner institution with id %s\n", inst);
				rc = ERR_NOT_FOUND;
				goto out;
			}
		}
		rc = read_password(pw_stdin, pw, password, sizeof(password), &generated);
		if (!rc)
			rc = password_hash(password, cfg->fast_hash, hash, sizeof(hash));
		if (rc)
			goto out;
		rc = db_tx_begin(db, DB_TX_WRITE);
		if (rc)
			goto out;
		rc = db_prepare(db, "INSERT INTO users (username, display_name, password_hash, role, department_id, institution_id, password_changed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7) RETURNING id", &st);
		if (rc)
			goto out;
		db_bind_text(st, 1, username);
		db_bind_text(st, 2, name ? name : username);
		db_bind_text(st, 3, hash);
		db_bind_text(st, 4, access_role_name(r));
		if (dept_id)
			db_bind_int(st, 5, dept_id);
		else
			db_bind_null(st, 5);
		if (inst_id)
			db_bind_int(st, 6, inst_id);
		else
			db_bind_null(st, 6);
		db_bind_text(st, 7, now);
		rc = db_step(st);
		int64_t id = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_stmt_done(st);
		if (rc == ERR_CONFLICT) {
			fprintf(stderr, "pagalba user: user %s already exists (or the institution does not)\n", username);
			goto out;
		}
		if (rc != DB_ROW) {
			rc = rc < 0 ? rc : ERR_DB;
			goto out;
		}
		rc = cli_audit_append(db, key, "create", id);
		if (!rc)
			rc = db_tx_commit(db);
		if (!rc) {
			printf("User %s added (%s).\n", username, access_role_name(r));
			if (generated)
				printf("Password: %s\n", password);
		}
		goto out;
	}
	if (!strcmp(verb, "passwd") || !strcmp(verb, "disable")) {
		int is_pw = !strcmp(verb, "passwd");
		if (is_pw) {
			rc = read_password(pw_stdin, pw, password, sizeof(password), &generated);
			if (!rc)
				rc = password_hash(password, cfg->fast_hash, hash, sizeof(hash));
			if (rc)
				goto out;
		}
		rc = db_tx_begin(db, DB_TX_WRITE);
		if (rc)
			goto out;
		rc = db_prepare(db, is_pw ? "UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3, disabled = 0, version = version + 1 WHERE username = $1 RETURNING id"
					  : "UPDATE users SET disabled = 1, updated_at = $3, version = version + 1 WHERE username = $1 AND $2 = $2 RETURNING id",
				&st);
		if (rc)
			goto out;
		db_bind_text(st, 1, username);
		db_bind_text(st, 2, is_pw ? hash : "");
		db_bind_text(st, 3, now);
		rc = db_step(st);
		int64_t id = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_stmt_done(st);
		if (!id) {
			fprintf(stderr, "pagalba user: no user %s\n", username);
			rc = rc < 0 ? rc : ERR_NOT_FOUND;
			goto out;
		}
		rc = session_revoke_user(db, id, 0);
		if (!rc)
			rc = cli_audit_append(db, key, is_pw ? "password_reset" : "update", id);
		if (!rc)
			rc = db_tx_commit(db);
		if (!rc) {
			printf(is_pw ? "Password of %s changed; sessions ended.\n" : "User %s disabled; sessions ended.\n", username);
			if (generated)
				printf("Password: %s\n", password);
		}
		goto out;
	}
	fprintf(stderr, "pagalba user: unknown verb %s\n\n%s", verb, user_usage);
	rc = ERR_INVALID;
out:
	sodium_memzero(password, sizeof(password));
	sodium_memzero(key, sizeof(key));
	if (db) {
		if (db_in_tx(db))
			db_tx_rollback(db);
		db_pool_release(pool, db);
	}
	db_pool_free(pool);
	return rc ? 1 : 0;
}
