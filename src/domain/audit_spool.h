/*
 * audit_spool.h - the read records' spool: a file mapped into memory in
 * which every read record is written, numbered, before its answer leaves.
 *
 * The read log's writer commits records within about a millisecond of a
 * read (audit.h); until then they live in memory. Written here as well,
 * they are in the kernel's page cache the moment the answer leaves, so
 * a killed server loses none: at the next start audit_log_new appends
 * every spooled record numbered above the mark the read log keeps
 * (audit_reads_spool, committed with each group). A power loss can still
 * take what the page cache had not written out, as it can the read log's
 * last ~100 ms.
 *
 * A ring of fixed slots, as many as the writer's queue holds, so a slot
 * is reused only after its record was committed. Each slot carries a
 * keyed hash (the audit key) over its contents, so a slot torn by a crash
 * in the middle of writing it, or garbage, is never replayed.
 */
#ifndef PAGALBA_DOMAIN_AUDIT_SPOOL_H
#define PAGALBA_DOMAIN_AUDIT_SPOOL_H

#include "domain/audit.h"

#include <stddef.h>
#include <stdint.h>

struct audit_spool;

/* A record read back for replay: e's action and entity point into the
 * struct itself. */
struct audit_spooled {
	uint64_t no;
	struct audit_entry e;
	char action[32];
	char entity[32];
};

/* Opens the spool at path, creating or resizing it to `slots` slots. */
int audit_spool_open(const char *path, const unsigned char *key,
		     size_t slots, struct audit_spool **out);
void audit_spool_close(struct audit_spool *s);

/* Writes record number no (>= 1) into its slot. Not thread-safe: the
 * caller holds the queue's lock. */
void audit_spool_put(struct audit_spool *s, uint64_t no,
		     const struct audit_entry *e);

/* Empties every slot: after a clean stop, when the read log holds every
 * record, so that a spool left next to another copy of the database
 * never replays into it. */
void audit_spool_clear(struct audit_spool *s);

/* The intact records numbered above mark, in number order (*out is
 * malloc'd, *n of them; NULL when none). */
int audit_spool_pending(struct audit_spool *s, uint64_t mark,
			struct audit_spooled **out, size_t *n);

#endif
