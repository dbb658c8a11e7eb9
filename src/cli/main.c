/*
 * main.c - the pagalba binary: parses the subcommand and global options,
 * builds the configuration, and hands over. No global state: the config
 * and, for `serve`, the struct app live on main's stack.
 */
#include "app.h"
#include "cli/cli.h"
#include "core/log.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: pagalba [--db URL] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n"
	"  serve      run the HTTP server (API and web UI)\n"
	"  init       create or migrate the database\n"
	"  demo       fill a new database with demo data\n"
	"  user       add, passwd, disable users\n"
	"  backup     online backup of a SQLite database\n"
	"  audit      verify the audit log's hash chain\n"
	"  plan       plan a department's week of home visits\n"
	"\n"
	"Run 'pagalba COMMAND --help' for a command's options.\n"
	"\n"
	"Environment:\n"
	"  PAGALBA_DB         sqlite:PATH (default sqlite:pagalba.db) or postgresql://...\n"
	"  PAGALBA_AUDIT_KEY  audit key file (default: DBPATH.auditkey, or pagalba.auditkey)\n"
	"  PAGALBA_BIND       address to listen on (default 127.0.0.1)\n"
	"  PAGALBA_PORT       port (default 8080)\n"
	"  PAGALBA_THREADS    HTTP threads (default 4)\n"
	"  PAGALBA_WEB_DIR    built web UI directory\n"
	"  PAGALBA_OSRM_URL   OSRM-compatible routing server for road travel times\n"
	"  PAGALBA_LOG        debug|info|warn|error\n";

int main(int argc, char **argv)
{
	struct app_config cfg;
	int i = 1;

	if (sodium_init() < 0) {
		fprintf(stderr, "pagalba: libsodium failed to initialise\n");
		return 1;
	}
	/* Local time is Europe/Vilnius unless the operator says otherwise. */
	if (!getenv("TZ"))
		setenv("TZ", "Europe/Vilnius", 1);
	app_config_defaults(&cfg);
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			cfg.db_url = argv[i + 1];
			i += 2;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			puts("pagalba " PAGALBA_VERSION);
			return 0;
		} else {
			fprintf(stderr, "pagalba: unknown option %s\n\n%s", argv[i], usage);
			return 2;
		}
	}
	if (i >= argc) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[i];
	int sub_argc = argc - i;
	char **sub_argv = argv + i;
	if (!strcmp(cmd, "serve"))
		return cli_serve(&cfg, sub_argc, sub_argv);
	if (!strcmp(cmd, "init"))
		return cli_init(&cfg, sub_argc, sub_argv);
	if (!strcmp(cmd, "demo"))
		return cli_demo(&cfg, sub_argc, sub_argv);
	if (!strcmp(cmd, "user"))
		return cli_user(&cfg, sub_argc, sub_argv);
	if (!strcmp(cmd, "backup"))
		return cli_backup(&cfg, sub_argc, sub_argv);
	if (!strcmp(cmd, "audit"))
		return cli_audit(&cfg, sub_argc, sub_argv);
	if (!strcmp(cmd, "plan"))
		return cli_plan(&cfg, sub_argc, sub_argv);
	fprintf(stderr, "pagalba: unknown command '%s'\n\n%s", cmd, usage);
	return 2;
}
