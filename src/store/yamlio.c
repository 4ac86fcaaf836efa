/* libyaml adapter: event parser into a tree; emitter from a tree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "yamlio.h"
#include "fsutil.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* A journal's YAML is a few levels deep, some hundred values and some kilobytes:
 * the limits stop a hostile file (30,000 '[' would overflow the stack of the
 * recursive parse, a million values or a 10 MB name would be carried into every
 * command) with a message, well above anything a school writes. */
#define YAML_MAX_DEPTH 64
#define YAML_MAX_NODES 20000
#define YAML_MAX_BYTES (1024 * 1024)

static struct ynode *node_new(enum ynode_type t, int line, int col)
{
	struct ynode *n = xcalloc(1, sizeof(*n));
	n->type = t;
	n->line = line;
	n->col = col;
	return n;
}

void ynode_free(struct ynode *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++) {
		ynode_free(n->items[i]);
		if (n->keys)
			free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->value);
	free(n);
}

static void add_child(struct ynode *parent, char *key, struct ynode *child)
{
	size_t old = parent->alloc;

	ALLOC_GROW(parent->items, parent->n + 1, parent->alloc);
	if (parent->type == Y_MAP) {
		if (old != parent->alloc)
			parent->keys = xrealloc(parent->keys, parent->alloc * sizeof(char *));
		parent->keys[parent->n] = key;
	}
	parent->items[parent->n++] = child;
}

struct parse_state {
	yaml_parser_t p;
	const char *name;
	struct err *e;
	int depth;		/* collections open around the current event */
	size_t nodes;		/* nodes made so far */
};

static int parse_node(struct parse_state *ps, yaml_event_t *ev, struct ynode **out);
struct keyset;
static int parse_items(struct parse_state *ps, struct ynode *n, yaml_event_type_t end, struct keyset *ks);

static int fail_at(struct parse_state *ps, const yaml_event_t *ev, const char *what)
{
	return err_set(ps->e, EX_CONFIG_, "%s:%zu:%zu: %s", ps->name,
		       ev->start_mark.line + 1, ev->start_mark.column + 1, _(what));
}

/* A key or a value is shown in statements and messages: the text rules of
 * utf8_text_fault apply, and its length is bounded. The problem of v (len bytes,
 * a "key" or a "value") is written into msg; NULL when there is none. */
static const char *scalar_problem(const char *v, size_t len, const char *what, char *msg, size_t size)
{
	enum text_fault f;
	int32_t cp;
	size_t n;
	char buf[128];

	if (strlen(v) != len) {
		snprintf(msg, size, _("a %s holds a NUL character"), _(what));
		return msg;
	}
	f = utf8_text_fault(v, 0, &cp);
	if (f != TEXT_OK) {
		snprintf(msg, size, _("%s %s in a %s"), utf8_fault_str(f, cp, buf, sizeof(buf)),
			 f == TEXT_NOT_UTF8 ? _("is not allowed") : _("are not allowed"), _(what));
		return msg;
	}
	if (len > YAML_MAX_SCALAR && (n = utf8_length(v)) > YAML_MAX_SCALAR) {
		snprintf(msg, size, _("a %s of %zu characters, at most %d"), _(what), n, YAML_MAX_SCALAR);
		return msg;
	}
	return NULL;
}

int yaml_value_check(const char *what, const char *v, struct err *e)
{
	enum text_fault f;
	int32_t cp;
	size_t n;
	char why[128], *w;
	int rc = 0;

	if ((f = utf8_text_fault(v, 0, &cp)) != TEXT_OK) {
		w = utf8_printable(what, 80);
		rc = err_set(e, EX_DATAERR_, "%s: %s%s", w, utf8_fault_str(f, cp, why, sizeof(why)),
			     f == TEXT_NOT_UTF8 ? "" : _(" are not allowed"));
		free(w);
	} else if ((n = utf8_length(v)) > YAML_MAX_SCALAR) {
		w = utf8_printable(what, 80);
		rc = err_set(e, EX_DATAERR_, "%s: %zu characters, at most %d", w, n, YAML_MAX_SCALAR);
		free(w);
	}
	return rc;
}

static int check_scalar(struct parse_state *ps, const yaml_event_t *ev, const char *what)
{
	char msg[256];

	if (scalar_problem((const char *)ev->data.scalar.value, ev->data.scalar.length, what, msg, sizeof(msg)))
		return fail_at(ps, ev, msg);
	return 0;
}

static int next_event(struct parse_state *ps, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&ps->p, ev))
		return err_set(ps->e, EX_CONFIG_, "%s:%zu:%zu: %s", ps->name,
			       ps->p.problem_mark.line + 1, ps->p.problem_mark.column + 1,
			       ps->p.problem ? ps->p.problem : _("YAML syntax error"));
	return 0;
}

/* The keys of a mapping being read, hashed: a file of 20,000 keys is checked
 * for a duplicate in linear time. Slots hold an index into map->keys, plus one. */
struct keyset {
	size_t *slots;
	size_t cap;		/* a power of two, at least twice the keys */
};

static size_t key_hash(const char *s)
{
	size_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void keyset_put(struct keyset *ks, const struct ynode *map, size_t idx)
{
	size_t i = key_hash(map->keys[idx]) & (ks->cap - 1);

	while (ks->slots[i])
		i = (i + 1) & (ks->cap - 1);
	ks->slots[i] = idx + 1;
}

/* 1 when key is among the map's keys; otherwise makes room for it to be added. */
static int keyset_has(struct keyset *ks, const struct ynode *map, const char *key)
{
	size_t i;

	if (2 * (map->n + 1) > ks->cap) {
		size_t k;
		free(ks->slots);
		ks->cap = ks->cap ? 2 * ks->cap : 16;
		ks->slots = xcalloc(ks->cap, sizeof(size_t));
		for (k = 0; k < map->n; k++)
			keyset_put(ks, map, k);
	}
	for (i = key_hash(key) & (ks->cap - 1); ks->slots[i]; i = (i + 1) & (ks->cap - 1))
		if (!strcmp(map->keys[ks->slots[i] - 1], key))
			return 1;
	return 0;
}

static int parse_collection(struct parse_state *ps, struct ynode *n, yaml_event_type_t end)
{
	struct keyset ks = { NULL, 0 };
	int rc = parse_items(ps, n, end, &ks);

	free(ks.slots);
	return rc;
}

static int parse_items(struct parse_state *ps, struct ynode *n, yaml_event_type_t end, struct keyset *ks)
{
	for (;;) {
		yaml_event_t ev;
		struct ynode *child = NULL;
		char *key = NULL;

		if (next_event(ps, &ev) < 0)
			return -1;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (n->type == Y_MAP) {
			if (ev.type != YAML_SCALAR_EVENT) {
				fail_at(ps, &ev, "a key must be a plain value");
				yaml_event_delete(&ev);
				return -1;
			}
			if (check_scalar(ps, &ev, N_("key")) < 0) {
				yaml_event_delete(&ev);
				return -1;
			}
			key = xstrndup((char *)ev.data.scalar.value, ev.data.scalar.length);
			if (keyset_has(ks, n, key)) {
				char msg[300];
				snprintf(msg, sizeof(msg), _("duplicate key '%s'"), key);
				fail_at(ps, &ev, msg);
				free(key);
				yaml_event_delete(&ev);
				return -1;
			}
			yaml_event_delete(&ev);
			if (next_event(ps, &ev) < 0) {
				free(key);
				return -1;
			}
		}
		if (parse_node(ps, &ev, &child) < 0) {
			free(key);
			return -1;
		}
		add_child(n, key, child);
		if (key)
			keyset_put(ks, n, n->n - 1);
	}
}

/* Consumes ev (and the events of its children) into *out. */
static int parse_node(struct parse_state *ps, yaml_event_t *ev, struct ynode **out)
{
	struct ynode *n;
	int rc = 0;

	if (++ps->nodes > YAML_MAX_NODES) {
		char msg[160];
		snprintf(msg, sizeof(msg), _("more than %d values in one file"), YAML_MAX_NODES);
		fail_at(ps, ev, msg);
		yaml_event_delete(ev);
		return -1;
	}
	if ((ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT) &&
	    ps->depth >= YAML_MAX_DEPTH) {
		char msg[160];
		snprintf(msg, sizeof(msg), _("nested more than %d levels deep"), YAML_MAX_DEPTH);
		fail_at(ps, ev, msg);
		yaml_event_delete(ev);
		return -1;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (check_scalar(ps, ev, N_("value")) < 0) {
			yaml_event_delete(ev);
			return -1;
		}
		n = node_new(Y_SCALAR, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1);
		n->value = xstrndup((char *)ev->data.scalar.value, ev->data.scalar.length);
		n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
			    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
		break;
	case YAML_SEQUENCE_START_EVENT:
		n = node_new(Y_SEQ, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1);
		n->flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
		ps->depth++;
		rc = parse_collection(ps, n, YAML_SEQUENCE_END_EVENT);
		ps->depth--;
		break;
	case YAML_MAPPING_START_EVENT:
		n = node_new(Y_MAP, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1);
		n->flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		ps->depth++;
		rc = parse_collection(ps, n, YAML_MAPPING_END_EVENT);
		ps->depth--;
		break;
	case YAML_ALIAS_EVENT:
		fail_at(ps, ev, "aliases (*name) are not supported in journal files");
		yaml_event_delete(ev);
		return -1;
	default:
		fail_at(ps, ev, "unexpected YAML structure");
		yaml_event_delete(ev);
		return -1;
	}
	yaml_event_delete(ev);
	if (rc < 0) {
		ynode_free(n);
		return -1;
	}
	*out = n;
	return 0;
}

int yaml_load_buf(const char *name, const char *buf, size_t len, struct ynode **root, struct err *e)
{
	struct parse_state ps;
	yaml_event_t ev;
	int rc = -1, done = 0;

	*root = NULL;
	if (len > YAML_MAX_BYTES)
		return err_set(e, EX_CONFIG_, "%s: %zu bytes, at most %d in a YAML file of the journal", name, len,
			       YAML_MAX_BYTES);
	memset(&ps, 0, sizeof(ps));
	ps.name = name;
	ps.e = e;
	if (!yaml_parser_initialize(&ps.p))
		return err_set(e, EX_OSERR_, "cannot initialise the YAML parser");
	yaml_parser_set_input_string(&ps.p, (const unsigned char *)buf, len);
	while (!done) {
		if (next_event(&ps, &ev) < 0)
			goto out;
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			yaml_event_delete(&ev);
			break;
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			done = 1;
			break;
		default:
			if (*root) {
				fail_at(&ps, &ev, "only one YAML document is allowed");
				yaml_event_delete(&ev);
				goto out;
			}
			if (parse_node(&ps, &ev, root) < 0)
				goto out;
		}
	}
	if (!*root)
		*root = node_new(Y_MAP, 1, 1);
	if ((*root)->type != Y_MAP) {
		err_set(e, EX_CONFIG_, "%s:1:1: expected a mapping of keys to values", name);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		ynode_free(*root);
		*root = NULL;
	}
	yaml_parser_delete(&ps.p);
	return rc;
}

int yaml_load_file(const char *path, const char *name, struct ynode **root, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (read_file(path, &sb, e) < 0)
		return -1;
	rc = yaml_load_buf(name ? name : path, sb.buf, sb.len, root, e);
	sb_release(&sb);
	return rc;
}

struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (!map || map->type != Y_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (!strcmp(map->keys[i], key))
			return map->items[i];
	return NULL;
}

const char *ynode_str(const struct ynode *map, const char *key)
{
	struct ynode *n = ynode_get(map, key);
	return n && n->type == Y_SCALAR ? n->value : NULL;
}

struct ynode *ynode_map(int flow)
{
	struct ynode *n = node_new(Y_MAP, 0, 0);
	n->flow = flow;
	return n;
}

struct ynode *ynode_seq(int flow)
{
	struct ynode *n = node_new(Y_SEQ, 0, 0);
	n->flow = flow;
	return n;
}

struct ynode *ynode_scalar(const char *value)
{
	struct ynode *n = node_new(Y_SCALAR, 0, 0);
	n->value = xstrdup(value);
	return n;
}

void ynode_set(struct ynode *map, const char *key, struct ynode *child)
{
	size_t i;

	for (i = 0; i < map->n; i++)
		if (!strcmp(map->keys[i], key)) {
			ynode_free(map->items[i]);
			map->items[i] = child;
			return;
		}
	add_child(map, xstrdup(key), child);
}

void ynode_setstr(struct ynode *map, const char *key, const char *value)
{
	ynode_set(map, key, ynode_scalar(value));
}

void ynode_push(struct ynode *seq, struct ynode *child)
{
	add_child(seq, NULL, child);
}

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	sb_add(data, buffer, size);
	return 1;
}

static int emit(yaml_emitter_t *em, yaml_event_t *ev, struct err *e)
{
	if (!yaml_emitter_emit(em, ev))
		return err_set(e, EX_SOFTWARE_, "YAML emitter: %s", em->problem ? em->problem : _("error"));
	return 0;
}

/* Emits a key or a value; path names it in a message ("school.name"). What the
 * loader would refuse is not written: a file it cannot read back would stop every
 * command (init and config set write ejournal.yaml from what a user typed). */
static int emit_scalar(yaml_emitter_t *em, const char *v, const char *what, const struct strbuf *path,
		       struct err *e)
{
	yaml_event_t ev;
	char msg[256];

	if (scalar_problem(v, strlen(v), what, msg, sizeof(msg)))
		return err_set(e, EX_DATAERR_, "%s: %s", path->len ? path->buf : _("the document"), msg);
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)v, (int)strlen(v), 1, 1,
				     YAML_ANY_SCALAR_STYLE);
	return emit(em, &ev, e);
}

static int emit_node(yaml_emitter_t *em, const struct ynode *n, int depth, struct strbuf *path, struct err *e)
{
	yaml_event_t ev;
	size_t i, len = path->len;

	/* The trees emitted are the ones loaded (bounded above) or built by code:
	 * deeper is a bug, refused rather than recursed into. */
	if (depth > YAML_MAX_DEPTH)
		return err_set(e, EX_SOFTWARE_, "YAML emitter: nested more than %d levels deep", YAML_MAX_DEPTH);
	if (n->type == Y_SCALAR)
		return emit_scalar(em, n->value, N_("value"), path, e);
	if (n->type == Y_SEQ)
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			n->flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	else
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
			n->flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	if (emit(em, &ev, e) < 0)
		return -1;
	for (i = 0; i < n->n; i++) {
		if (n->type == Y_MAP) {
			char *shown = utf8_printable(n->keys[i], 80);
			if (len)
				sb_addch(path, '.');
			sb_adds(path, shown);
			free(shown);
			if (emit_scalar(em, n->keys[i], N_("key"), path, e) < 0)
				return -1;
		}
		if (emit_node(em, n->items[i], depth + 1, path, e) < 0)
			return -1;
		sb_setlen(path, len);
	}
	if (n->type == Y_SEQ)
		yaml_sequence_end_event_initialize(&ev);
	else
		yaml_mapping_end_event_initialize(&ev);
	return emit(em, &ev, e);
}

int yaml_emit(const struct ynode *root, struct strbuf *out, struct err *e)
{
	struct strbuf path = STRBUF_INIT;
	yaml_emitter_t em;
	yaml_event_t ev;
	int rc = -1;

	if (!yaml_emitter_initialize(&em))
		return err_set(e, EX_OSERR_, "cannot initialise the YAML emitter");
	yaml_emitter_set_output(&em, write_handler, out);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, 200);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	if (emit(&em, &ev, e) < 0)
		goto out;
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	if (emit(&em, &ev, e) < 0)
		goto out;
	if (emit_node(&em, root, 0, &path, e) < 0)
		goto out;
	yaml_document_end_event_initialize(&ev, 1);
	if (emit(&em, &ev, e) < 0)
		goto out;
	yaml_stream_end_event_initialize(&ev);
	if (emit(&em, &ev, e) < 0)
		goto out;
	if (!yaml_emitter_flush(&em)) {
		err_set(e, EX_SOFTWARE_, "YAML emitter: cannot flush");
		goto out;
	}
	rc = 0;
out:
	yaml_emitter_delete(&em);
	sb_release(&path);
	return rc;
}
