/* The libyaml adapter: YAML files as a small tree of maps, sequences and scalars,
 * with line numbers for messages, and the emitter for files the tool writes. */
#ifndef EJ_YAMLIO_H
#define EJ_YAMLIO_H
#include <stddef.h>
#include "../util/error.h"
#include "../util/strbuf.h"

enum ynode_type { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ynode_type type;
	char *value;		/* Y_SCALAR */
	int quoted;		/* the scalar was quoted in the source */
	size_t n, alloc;	/* Y_SEQ, Y_MAP: n children */
	struct ynode **items;
	char **keys;		/* Y_MAP: n keys */
	int line, col;		/* 1-based position in the source */
	int flow;		/* emit in flow style: [a, b] / {k: v} */
};

/* The longest scalar (key or value) the loader accepts, in characters. */
#define YAML_MAX_SCALAR 1000

/* Parses a single-document YAML text; *root is owned by the caller (ynode_free).
 * An empty document gives an empty map. Errors are "name:line:col: problem"
 * (EX_CONFIG_): besides syntax, nesting deeper than 64, more than 20,000 values,
 * more than 1 MB, a key or value longer than YAML_MAX_SCALAR or holding what
 * utf8_text_fault refuses (control, bidirectional, invisible characters, tabs,
 * line breaks). */
int yaml_load_buf(const char *name, const char *buf, size_t len, struct ynode **root, struct err *e);
int yaml_load_file(const char *path, const char *name, struct ynode **root, struct err *e);
/* Checks a value a user gives for a YAML file of the journal by the loader's
 * rules (text, length): 0, or -1 with e filled (EX_DATAERR_) as "what: problem". */
int yaml_value_check(const char *what, const char *v, struct err *e);
void ynode_free(struct ynode *n);

/* Child of map under key, or NULL. */
struct ynode *ynode_get(const struct ynode *map, const char *key);
/* Scalar value under key, or NULL when absent or not a scalar. */
const char *ynode_str(const struct ynode *map, const char *key);

/* Builders; the parent takes ownership of children. */
struct ynode *ynode_map(int flow);
struct ynode *ynode_seq(int flow);
struct ynode *ynode_scalar(const char *value);
/* Sets key of map to child, in the place of the key's old child if it has one. */
void ynode_set(struct ynode *map, const char *key, struct ynode *child);
void ynode_setstr(struct ynode *map, const char *key, const char *value);
void ynode_push(struct ynode *seq, struct ynode *child);

/* Emits root as a YAML document (UTF-8 kept as is). A key or value the loader
 * would refuse is not written: -1 with e filled (EX_DATAERR_) as
 * "school.name: a value of 1001 characters, at most 1000". */
int yaml_emit(const struct ynode *root, struct strbuf *out, struct err *e);

#endif
