/*
 * cli.h - the subcommands of the pagalba binary. Each takes argc/argv
 * after its own name and returns a process exit code.
 */
#ifndef PAGALBA_CLI_H
#define PAGALBA_CLI_H

struct app_config;

int cli_serve(struct app_config *cfg, int argc, char **argv);
int cli_init(struct app_config *cfg, int argc, char **argv);
int cli_demo(struct app_config *cfg, int argc, char **argv);
int cli_user(struct app_config *cfg, int argc, char **argv);
int cli_backup(struct app_config *cfg, int argc, char **argv);
int cli_audit(struct app_config *cfg, int argc, char **argv);
int cli_plan(struct app_config *cfg, int argc, char **argv);

/* Opens the database and applies migrations; prints errors. */
struct db_pool;
int cli_open_db(struct app_config *cfg, unsigned pool_size, struct db_pool **out);
/* Loads (creating if asked) the audit key named by the config. */
int cli_audit_key(struct app_config *cfg, int create, unsigned char *key);

#endif
