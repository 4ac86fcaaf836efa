/* Transactions: stage in memory, then write with temp+rename or whole-line appends,
 * then record the new hash of every changed file in history.log. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "txn.h"
#include "fsutil.h"
#include "history.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"

enum op_kind { OP_MKDIR, OP_REPLACE, OP_APPEND, OP_RECORD };

struct op {
	enum op_kind kind;
	char *rel;
	char *header;
	struct strbuf data;
};

struct txn {
	char *root;
	struct op *ops;
	size_t nops, alloc;
};

struct txn *txn_begin(const char *root)
{
	struct txn *t = xcalloc(1, sizeof(*t));
	t->root = xstrdup(root);
	return t;
}

static struct op *find_op(struct txn *t, enum op_kind kind, const char *rel)
{
	size_t i;
	for (i = 0; i < t->nops; i++)
		if (t->ops[i].kind == kind && !strcmp(t->ops[i].rel, rel))
			return &t->ops[i];
	return NULL;
}

static struct op *new_op(struct txn *t, enum op_kind kind, const char *rel)
{
	struct op *op;

	ALLOC_GROW(t->ops, t->nops + 1, t->alloc);
	op = &t->ops[t->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->rel = xstrdup(rel);
	sb_init(&op->data, 0);
	return op;
}

void txn_replace(struct txn *t, const char *rel, const char *data, size_t len)
{
	struct op *op = find_op(t, OP_REPLACE, rel);

	if (!op)
		op = new_op(t, OP_REPLACE, rel);
	sb_reset(&op->data);
	sb_add(&op->data, data, len);
}

void txn_append(struct txn *t, const char *rel, const char *header, const char *lines, size_t len)
{
	struct op *op = find_op(t, OP_APPEND, rel);

	if (!op) {
		op = new_op(t, OP_APPEND, rel);
		op->header = xstrdup(header ? header : "");
	}
	sb_add(&op->data, lines, len);
}

void txn_mkdir(struct txn *t, const char *rel)
{
	if (!find_op(t, OP_MKDIR, rel))
		new_op(t, OP_MKDIR, rel);
}

void txn_record(struct txn *t, const char *name, const char *state)
{
	struct op *op = new_op(t, OP_RECORD, name);
	sb_adds(&op->data, state);
}

int txn_empty(const struct txn *t)
{
	return t->nops == 0;
}

void txn_abort(struct txn *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nops; i++) {
		free(t->ops[i].rel);
		free(t->ops[i].header);
		sb_release(&t->ops[i].data);
	}
	free(t->ops);
	free(t->root);
	free(t);
}

static int add_file_hash(struct strbuf *files, const char *root, const char *rel, struct err *e)
{
	char hex[SHA256_HEX];
	long long size;
	char *path = xasprintf("%s/%s", root, rel);
	int rc = sha256_file(path, hex, &size, e);

	free(path);
	if (rc < 0)
		return -1;
	if (files->len)
		sb_addch(files, ' ');
	sb_addf(files, "%s=%lld:%s", rel, size, hex);
	return 0;
}

static int do_append(struct txn *t, struct op *op, const char *at, const char *login, struct err *e)
{
	char *path = xasprintf("%s/%s", t->root, op->rel);
	struct strbuf buf = STRBUF_INIT;
	long torn;
	int fd, rc = -1, fresh;

	torn = repair_torn_line(path, e);
	if (torn < 0)
		goto out;
	if (torn > 0) {
		struct strbuf files = STRBUF_INIT, cmd = STRBUF_INIT;
		sb_addf(&cmd, "repair %s: removed %ld bytes of an interrupted line", op->rel, torn);
		if (add_file_hash(&files, t->root, op->rel, e) < 0 ||
		    history_append(t->root, at, login, cmd.buf, files.buf, e) < 0) {
			sb_release(&files);
			sb_release(&cmd);
			goto out;
		}
		sb_release(&files);
		sb_release(&cmd);
	}
	fresh = !file_exists(path);
	if (fresh) {
		/* The first row of a new study period creates its folder. */
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			if (mkdir_p(dir, e) < 0) {
				free(dir);
				goto out;
			}
		}
		free(dir);
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, EJ_FILE_MODE);
	if (fd < 0) {
		err_set(e, EX_CANTCREAT_, "cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	if (fresh || lseek(fd, 0, SEEK_END) == 0)
		sb_adds(&buf, op->header);
	sb_add(&buf, op->data.buf, op->data.len);
	/* One write(2) of whole lines: a reader never sees half a row unless the
	 * machine dies mid-write, and then the next writer cuts it back. */
	if (write_all(fd, buf.buf, buf.len) < 0 || fsync(fd) < 0) {
		err_set(e, EX_IOERR_, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
		goto out;
	}
	close(fd);
	if (fresh && fsync_parent(path, e) < 0)
		goto out;
	rc = 0;
out:
	sb_release(&buf);
	free(path);
	return rc;
}

int txn_commit(struct txn *t, const char *at, const char *login, const char *command, struct err *e)
{
	struct strbuf files = STRBUF_INIT;
	size_t i;
	int rc = -1;

	if (txn_empty(t)) {
		txn_abort(t);
		return 0;
	}
	for (i = 0; i < t->nops; i++) {
		struct op *op = &t->ops[i];
		char *path;
		if (op->kind != OP_MKDIR)
			continue;
		path = xasprintf("%s/%s", t->root, op->rel);
		if (mkdir_p(path, e) < 0) {
			free(path);
			goto out;
		}
		free(path);
	}
	for (i = 0; i < t->nops; i++) {
		struct op *op = &t->ops[i];
		char *path;
		if (op->kind != OP_REPLACE)
			continue;
		path = xasprintf("%s/%s", t->root, op->rel);
		rc = write_atomic(path, op->data.buf, op->data.len, e);
		free(path);
		if (rc < 0)
			goto out;
		rc = -1;
	}
	for (i = 0; i < t->nops; i++)
		if (t->ops[i].kind == OP_APPEND && do_append(t, &t->ops[i], at, login, e) < 0)
			goto out;
	for (i = 0; i < t->nops; i++) {
		struct op *op = &t->ops[i];
		if (op->kind == OP_RECORD)
			sb_addf(&files, "%s%s=%s", files.len ? " " : "", op->rel, op->data.buf);
		else if (op->kind != OP_MKDIR && add_file_hash(&files, t->root, op->rel, e) < 0)
			goto out;
	}
	rc = history_append(t->root, at, login, command, files.buf, e);
out:
	sb_release(&files);
	txn_abort(t);
	return rc;
}
