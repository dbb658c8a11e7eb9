/*
 * cw_report.h - reports generated from the child welfare records: the
 * Commission's annual report (meetings held, questions considered,
 * orders by kind and subject, measures running and ending, evaluation
 * results, with its summary sentence), and staff development (hours per
 * worker against the yearly norm, who falls short, hours by
 * department). Each report is a JSON document; cw_report_csv renders
 * its table for Lithuanian Excel (UTF-8 with BOM, ';' separated).
 *
 * The reports hold counts and staff names, no client data. Documents
 * belong to the caller. Thread-safe given one connection per thread.
 */
#ifndef PAGALBA_DOMAIN_CW_REPORT_H
#define PAGALBA_DOMAIN_CW_REPORT_H

#include <jansson.h>
#include <stddef.h>

struct db;

/* The Commission's report for year: {"year", "summary_lt",
 * "summary_en", "meetings", "questions", "orders": [{kind, subject, n}],
 * "orders_total", "measures_running", "measures_ended", "evaluations":
 * {carried_out, partly, not_carried_out}, "rows": [[label, n]...]}. */
int cw_report_commission(struct db *db, int year, json_t **doc);

/* Staff development for year: {"year", "norm_hours", "workers": [...
 * {staff_id, name, department, hours, short}], "short": [...],
 * "departments": [{department, hours}], "rows": [[...]]}. */
int cw_report_staffdev(struct db *db, int year, json_t **doc);

/* The "rows" of a report (arrays of strings and integers) as CSV: BOM,
 * ';' separators, fields quoted when they hold ';', '"' or a line
 * break. *out is malloc'd (free), *len its length. */
int cw_report_csv(const json_t *rows, char **out, size_t *len);

#endif
