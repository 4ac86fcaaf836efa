/* Unit test for tools/schemac.c: the schemas compiled into the binary
 * (build/schemas_compiled.c) are the ones src/core/schema.c parses from
 * schemas/NAME.yaml, every field of every column. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "core/schema.h"

extern struct schema *const ej_schemas_compiled[];

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static int same_strs(char **a, char **b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!same_str(a[i], b[i]))
			return 0;
	return 1;
}

/* 1 when the two schemas hold the same; else prints what differs. */
static int same_schema(const struct schema *p, const struct schema *c)
{
	size_t i;

	if (!same_str(p->name, c->name) || !same_str(p->file, c->file) || p->ledger != c->ledger ||
	    p->nkey != c->nkey || p->ncols != c->ncols || p->birth_col != c->birth_col || p->nfixed != c->nfixed ||
	    !same_str(p->header, c->header)) {
		printf("# %s: the schema's own fields differ\n", p->name);
		return 0;
	}
	for (i = 0; i < p->nkey; i++)
		if (p->key[i] != c->key[i]) {
			printf("# %s: key %zu differs\n", p->name, i);
			return 0;
		}
	for (i = 0; i < p->ncols; i++) {
		const struct schema_col *a = &p->cols[i], *b = &c->cols[i];
		if (!same_str(a->name, b->name) || a->type != b->type || a->required != b->required ||
		    a->nvalues != b->nvalues || !same_strs(a->values, b->values, a->nvalues) || a->min != b->min ||
		    a->max != b->max || a->has_range != b->has_range || !same_str(a->ref, b->ref) ||
		    a->naliases != b->naliases || !same_strs(a->aliases, b->aliases, a->naliases) ||
		    a->maxlen != b->maxlen || a->deletes != b->deletes || a->birth_of != b->birth_of ||
		    a->optional != b->optional) {
			printf("# %s: column %s differs\n", p->name, a->name);
			return 0;
		}
	}
	return 1;
}

int main(void)
{
	size_t n = schema_count(), i, same = 0;

	CHECK(n > 10, "the built-in schemas are there");
	for (i = 0; i < n; i++) {
		struct schema *p = schema_parse(i);
		same += ej_schemas_compiled[i] && same_schema(p, ej_schemas_compiled[i]);
		schema_free(p);
	}
	CHECK(same == n && !ej_schemas_compiled[n], "every compiled schema is its parsed text, field by field");
	{
		const struct schema *m = schema_get("marks");
		size_t k;
		for (k = 0; k < n && ej_schemas_compiled[k] != m; k++)
			;
		CHECK(k < n, "schema_get gives the compiled schema, not a parse");
	}
	return unit_failures ? 1 : 0;
}
