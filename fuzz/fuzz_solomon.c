/*
 * fuzz_solomon.c - libFuzzer target for the Solomon VRPTW reader.
 *
 * The reader is the one parser in src/plan that takes outside text.  Any
 * accepted instance is also converted to a plan_problem (when small) and
 * checked with plan_problem_check(), so that the reader cannot hand the
 * solver values the solver's own contract rejects.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "plan.h"
#include "solomon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct solomon_instance inst;
	struct solomon_problem sp;
	int line = 0;

	if (solomon_parse((const char *)data, size, &inst, &line) != 0)
		return 0;
	/* A dense matrix of a few hundred nodes is cheap; larger inputs only
	 * exercise the reader. */
	if (inst.n_nodes <= 300 && solomon_to_problem(&inst, 0, &sp) == 0) {
		if (plan_problem_check(&sp.pb) != 0)
			abort();
		solomon_problem_release(&sp);
	}
	solomon_release(&inst);
	return 0;
}
