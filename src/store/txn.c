/* Transactions: stage in memory; at commit write the new files and an intent into
 * the staging folder and fsync them (the commit point), then apply the intent:
 * rename the new files into place, write the ledger lines and the history line at
 * the offsets it names, fsync them together, and mark the intent empty. Applying an
 * intent is idempotent — files are cut back to the recorded offset before being
 * written — so a crash at any step is completed by running the same intent again,
 * which the next writer does (txn_recover). When history.log holds the intent's
 * lines and every ledger its bytes, the change is complete. This is the redo log
 * of a database (git's lockfile rename and SQLite's journal are the same idea). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "txn.h"
#include "fsutil.h"
#include "hashcache.h"
#include "history.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"

#define INTENT TXN_INTENT
#define INTENT_MAGIC "ejournal-intent 1\n"
#define HISTORY "history.log"

enum op_kind { OP_MKDIR, OP_REPLACE, OP_APPEND, OP_CUT, OP_RECORD };

struct op {
	enum op_kind kind;
	char *rel;
	char *header;
	struct strbuf data;
	/* Filled when the commit prepares the op. */
	char *stage;		/* OP_REPLACE: its new content's name in the staging folder */
	long long offset;	/* OP_APPEND, OP_CUT: the file's whole lines; written from here */
	long long torn;		/* bytes of a torn last line cut off */
	char state[96];		/* "size:sha256" once the op is applied */
	char cut_state[96];	/* ... after the cut alone */
	int merged;		/* OP_CUT of a file appended to: the append cuts it */
	struct sha256 after;	/* OP_APPEND: the hash state of the file once applied */
};

struct txn {
	const struct jfs *fs;
	struct op *ops;
	size_t nops, alloc;
	pthread_mutex_t lock;	/* txn_cut may come from a loader's thread */
};

/* One change of an intent, as applied: a directory to make, a staged file to
 * rename into place, or bytes to write at an offset after cutting the file there
 * (len 0: a cut alone). The last op writes history.log. */
enum iop_kind { I_DIR, I_REPLACE, I_WRITE };

struct iop {
	enum iop_kind kind;
	const char *rel;
	const char *stage;
	long long offset;
	const char *data;
	size_t len;
};

struct intent {
	struct iop *ops;
	size_t n, alloc;
};

struct txn *txn_begin(const struct jfs *fs)
{
	struct txn *t = xcalloc(1, sizeof(*t));
	t->fs = fs;
	pthread_mutex_init(&t->lock, NULL);
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

void txn_cut(struct txn *t, const char *rel)
{
	pthread_mutex_lock(&t->lock);
	if (!find_op(t, OP_CUT, rel))
		new_op(t, OP_CUT, rel);
	pthread_mutex_unlock(&t->lock);
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
		free(t->ops[i].stage);
		sb_release(&t->ops[i].data);
	}
	free(t->ops);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

/* --- applying an intent --- */

static void iop_add(struct intent *in, enum iop_kind kind, const char *rel, const char *stage, long long offset,
		    const char *data, size_t len)
{
	struct iop *o;

	ALLOC_GROW(in->ops, in->n + 1, in->alloc);
	o = &in->ops[in->n++];
	o->kind = kind;
	o->rel = rel;
	o->stage = stage;
	o->offset = offset;
	o->data = data;
	o->len = len;
}

static int parent_mkdirs(const struct jfs *fs, const char *rel, struct err *e)
{
	const char *slash = strrchr(rel, '/');
	char *dir;
	int rc;

	if (!slash)
		return 0;
	dir = xstrndup(rel, (size_t)(slash - rel));
	rc = jfs_mkdirs(fs, dir, e);
	free(dir);
	return rc;
}

/* Cuts rel back to o->offset and writes o's bytes there, and starts writing them
 * to the disk; returns the file, open, for apply_writes to fsync, or -1 with e
 * filled. */
static int write_start(const struct jfs *fs, const struct iop *o, struct err *e)
{
	struct stat st;
	int fd = jfs_openat(fs, o->rel, O_RDWR | O_CREAT, fs->fmode), rc = 0;

	if (fd < 0 && errno == ENOENT && parent_mkdirs(fs, o->rel, e) == 0)
		fd = jfs_openat(fs, o->rel, O_RDWR | O_CREAT, fs->fmode);
	if (fd < 0)
		return jfs_error(o->rel, errno, EX_IOERR_, "open", e);
	if (fstat(fd, &st) < 0) {
		rc = jfs_error(o->rel, errno, EX_IOERR_, "write", e);
	} else if (!S_ISREG(st.st_mode)) {
		rc = err_set(e, EX_DATAERR_, "cannot write '%s': not a regular file", o->rel);
	} else if (st.st_size < o->offset) {
		/* Whole lines the intent counted on are gone: not ours to invent. */
		rc = err_set(e, EX_IOERR_, "cannot complete the change of '%s': the file has %lld bytes, %lld were "
			     "recorded; restore the journal from a backup", o->rel, (long long)st.st_size, o->offset);
	} else if ((st.st_size != o->offset && ftruncate(fd, (off_t)o->offset) < 0) ||
		   pwrite_all(fd, o->data, o->len, (off_t)o->offset) < 0) {
		rc = jfs_error(o->rel, errno, EX_IOERR_, "write", e);
	}
	if (rc < 0) {
		close(fd);
		return -1;
	}
	/* Only a start: the fsync after reports any failure. */
	if (o->len)
		(void)sync_file_range(fd, (off_t)o->offset, (off_t)o->len, SYNC_FILE_RANGE_WRITE);
	return fd;
}

/* How many files apply_writes keeps open at once. */
#define WRITES_OPEN 64

/* Applies the intent's writes: each file's bytes are on their way to the disk
 * before the first fsync is waited for, so that the disk takes them together
 * rather than one after another. history.log may so reach the disk before a
 * ledger does; a change is found applied only when every file holds its bytes
 * (intent_applied). A new file's folder is fsynced too. */
static int apply_writes(const struct jfs *fs, const struct intent *in, struct err *e)
{
	int fds[WRITES_OPEN];
	size_t of[WRITES_OPEN], first = 0, i;
	int rc = 0;

	while (rc == 0 && first < in->n) {
		size_t n = 0, last = first;

		for (; last < in->n && n < WRITES_OPEN; last++) {
			if (in->ops[last].kind != I_WRITE)
				continue;
			fds[n] = write_start(fs, &in->ops[last], e);
			if (fds[n] < 0) {
				rc = -1;
				break;
			}
			of[n++] = last;
		}
		for (i = 0; i < n; i++) {
			if (rc == 0 && fsync(fds[i]) < 0)
				rc = jfs_error(in->ops[of[i]].rel, errno, EX_IOERR_, "write", e);
			close(fds[i]);
		}
		for (i = first; rc == 0 && i < last; i++) {
			const char *base;
			int dfd;

			if (in->ops[i].kind != I_WRITE || in->ops[i].offset)
				continue;
			dfd = jfs_parent(fs, in->ops[i].rel, &base);
			if (dfd < 0 || fsync(dfd) < 0)
				rc = jfs_error(in->ops[i].rel, errno, EX_IOERR_, "sync the folder of", e);
			if (dfd >= 0)
				close(dfd);
		}
		first = last;
	}
	return rc;
}

static int apply_replace(const struct jfs *fs, int txnfd, const struct iop *o, struct err *e)
{
	const char *base;
	struct stat st;
	int dfd = jfs_parent(fs, o->rel, &base), rc = 0;

	if (dfd < 0)
		return jfs_error(o->rel, errno, EX_CANTCREAT_, "create", e);
	if (renameat(txnfd, o->stage, dfd, base) < 0) {
		/* Renamed before an interruption: the file is in place already. */
		if (errno != ENOENT || fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) < 0)
			rc = jfs_error(o->rel, errno, EX_IOERR_, "replace", e);
	}
	if (rc == 0 && fsync(dfd) < 0)
		rc = jfs_error(o->rel, errno, EX_IOERR_, "sync the folder of", e);
	close(dfd);
	return rc;
}

/* 1 when the file of the write o holds its bytes at its offset (a cut alone: ends
 * there), else 0. history.log, the intent's last write, missing or shorter than
 * the intent counted on is -1 with e filled: lines it committed were lost. */
static int write_present(const struct jfs *fs, const struct iop *o, struct err *e)
{
	int history = !strcmp(o->rel, HISTORY), fd = jfs_openat(fs, o->rel, O_RDONLY, 0), present = 0;
	struct stat st;

	if (fd < 0) {
		if (!history || (errno == ENOENT && o->offset == 0))
			return 0;
		return jfs_error(HISTORY, errno, EX_IOERR_, "open", e);
	}
	if (fstat(fd, &st) < 0) {
		if (history)
			present = jfs_error(HISTORY, errno, EX_IOERR_, "read", e);
	} else if (!S_ISREG(st.st_mode)) {
		present = 0;	/* apply_write says so */
	} else if (history && st.st_size < o->offset) {
		present = err_set(e, EX_IOERR_, "cannot complete an interrupted change: history.log has %lld bytes, "
				  "%lld were recorded; restore the journal from a backup", (long long)st.st_size,
				  o->offset);
	} else if (!o->len) {
		present = st.st_size == o->offset;
	} else if (st.st_size >= o->offset + (long long)o->len) {
		char *buf = xmalloc(o->len);
		present = pread(fd, buf, o->len, (off_t)o->offset) == (ssize_t)o->len && !memcmp(buf, o->data, o->len);
		free(buf);
	}
	close(fd);
	return present;
}

/* 1 when the intent is applied: history.log holds its lines, and every other
 * file written holds its bytes (apply_writes syncs them together, so history.log
 * alone does not tell). 0 when not, -1 with e filled when history.log is shorter
 * than the intent counted on. */
static int intent_applied(const struct jfs *fs, const struct intent *in, struct err *e)
{
	int done = write_present(fs, &in->ops[in->n - 1], e);
	size_t i;

	for (i = 0; done > 0 && i + 1 < in->n; i++)
		if (in->ops[i].kind == I_WRITE)
			done = write_present(fs, &in->ops[i], e);
	return done;
}

/* Makes the journal what the intent says; every step may be run again. */
static int roll_forward(const struct jfs *fs, int txnfd, const struct intent *in, struct err *e)
{
	size_t i;
	int done = intent_applied(fs, in, e);

	if (done)
		return done < 0 ? -1 : 0;
	for (i = 0; i < in->n; i++)
		if (in->ops[i].kind == I_DIR && jfs_mkdirs(fs, in->ops[i].rel, e) < 0)
			return -1;
	for (i = 0; i < in->n; i++)
		if (in->ops[i].kind == I_REPLACE && apply_replace(fs, txnfd, &in->ops[i], e) < 0)
			return -1;
	return apply_writes(fs, in, e);
}

/* --- the intent record --- */

static void intent_write(const struct intent *in, struct strbuf *out)
{
	char hex[SHA256_HEX];
	size_t i;

	sb_adds(out, INTENT_MAGIC);
	for (i = 0; i < in->n; i++) {
		const struct iop *o = &in->ops[i];
		if (o->kind == I_DIR)
			sb_addf(out, "dir %s\n", o->rel);
		else if (o->kind == I_REPLACE)
			sb_addf(out, "replace %s %s\n", o->rel, o->stage);
		else {
			sb_addf(out, "write %s %lld %zu\n", o->rel, o->offset, o->len);
			sb_add(out, o->data, o->len);
		}
	}
	sha256_hex(out->buf, out->len, hex);
	sb_addf(out, "end %s\n", hex);
}

/* The offset of a record's "end" line, walking its lines and the bytes each
 * "write" line announces, or -1 when there is none: the record was cut short. */
static long long record_end(const char *buf, size_t len)
{
	size_t pos = strlen(INTENT_MAGIC);

	if (len < pos || memcmp(buf, INTENT_MAGIC, pos))
		return -1;
	while (pos < len) {
		const char *line = buf + pos, *nl = memchr(line, '\n', len - pos), *p;
		unsigned long long n = 0;

		if (!nl)
			return -1;
		if (nl - line == 4 + 64 && !memcmp(line, "end ", 4))
			return (long long)pos;
		pos = (size_t)(nl + 1 - buf);
		if (strncmp(line, "write ", 6))
			continue;
		for (p = (const char *)memrchr(line, ' ', (size_t)(nl - line)) + 1; p < nl; p++) {
			if (*p < '0' || *p > '9' || (n = n * 10 + (unsigned)(*p - '0')) > len)
				return -1;
		}
		if (n > len - pos)
			return -1;
		pos += n;
	}
	return -1;
}

/* Parses an intent record; its ops point into buf, which must outlive them (the
 * fields are cut out of it with NULs). 0, or -1 when it is not whole: it ends
 * with an "end" line holding the SHA-256 of everything before it. What follows
 * that line is what an earlier, longer record left in the file (intent_create). */
static int intent_parse(char *buf, size_t len, struct intent *in)
{
	size_t pos = strlen(INTENT_MAGIC), end;
	long long at = record_end(buf, len);
	char hex[SHA256_HEX];

	memset(in, 0, sizeof(*in));
	if (at < 0)
		return -1;
	end = (size_t)at;
	sha256_hex(buf, end, hex);
	if (memcmp(buf + end + 4, hex, 64))
		return -1;
	while (pos < end) {
		char *line = buf + pos, *nl = memchr(line, '\n', end - pos), *f[4];
		int nf = 0;
		if (!nl)
			return -1;
		*nl = '\0';
		for (char *p = line; nf < 4; nf++) {
			f[nf] = p;
			p = strchr(p, ' ');
			if (!p) {
				nf++;
				break;
			}
			*p++ = '\0';
		}
		pos = (size_t)(nl + 1 - buf);
		if (nf == 2 && !strcmp(f[0], "dir")) {
			iop_add(in, I_DIR, f[1], NULL, 0, NULL, 0);
		} else if (nf == 3 && !strcmp(f[0], "replace")) {
			iop_add(in, I_REPLACE, f[1], f[2], 0, NULL, 0);
		} else if (nf == 4 && !strcmp(f[0], "write")) {
			long long off = strtoll(f[2], NULL, 10);
			size_t n = (size_t)strtoull(f[3], NULL, 10);
			if (off < 0 || n > end - pos)
				return -1;
			iop_add(in, I_WRITE, f[1], NULL, off, buf + pos, n);
			pos += n;
		} else {
			return -1;
		}
	}
	return pos == end && in->n && in->ops[in->n - 1].kind == I_WRITE && !strcmp(in->ops[in->n - 1].rel, HISTORY)
		       ? 0 : -1;
}

/* Removes every staged file from the journal's root: what a crash left there (the
 * intent's file stays: txn_recover has dealt with its record). */
static void staging_clear(const struct jfs *fs)
{
	/* Not a dup of the root's descriptor: that would share its read offset. */
	int fd = openat(fs->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, TXN_PREFIX, strlen(TXN_PREFIX)) && strcmp(de->d_name, INTENT))
			unlinkat(fs->fd, de->d_name, 0);
	closedir(d);
}

/* --- commit --- */

static int is_dir_staged(const struct txn *t, const char *dir, size_t len)
{
	size_t i;
	for (i = 0; i < t->nops; i++)
		if (t->ops[i].kind == OP_MKDIR && !strncmp(t->ops[i].rel, dir, len) &&
		    (t->ops[i].rel[len] == '\0' || t->ops[i].rel[len] == '/'))
			return 1;
	return 0;
}

/* Writes a replaced file's new content into the staging folder, fsynced. */
static int stage_replace(struct txn *t, int txnfd, struct op *op, struct err *e)
{
	const char *slash = strrchr(op->rel, '/');
	struct tmpfile tf;
	char hex[SHA256_HEX];

	if (slash && !is_dir_staged(t, op->rel, (size_t)(slash - op->rel))) {
		char *dir = xstrndup(op->rel, (size_t)(slash - op->rel));
		int ok = jfs_is_dir(t->fs, dir);
		free(dir);
		if (!ok)
			return err_set(e, EX_CANTCREAT_, "cannot create '%s': %s", op->rel, strerror(ENOENT));
	}
	memset(&tf, 0, sizeof(tf));
	if (tmpfile_open_at(&tf, txnfd, "txn-new", t->fs->fmode, e) < 0)
		return -1;
	op->stage = xstrdup(tf.name);
	if (tmpfile_write(&tf, op->data.buf, op->data.len, e) < 0 || tmpfile_close(&tf, e) < 0) {
		tmpfile_abort(&tf);
		return -1;
	}
	tmpfile_forget(&tf);
	sha256_hex(op->data.buf, op->data.len, hex);
	snprintf(op->state, sizeof(op->state), "%zu:%s", op->data.len, hex);
	return 0;
}

/* Measures a ledger before lines are appended to it or its torn line is cut:
 * where its whole lines end, and the hashes of the file cut there and of the file
 * once op's lines are added. */
static int measure_ledger(struct txn *t, struct op *op, const struct hashcache *hc, struct err *e)
{
	int fd = jfs_openat(t->fs, op->rel, O_RDONLY, 0);
	struct sha256 h;
	struct stat st;
	char hex[SHA256_HEX], buf[65536];
	long long at = 0;
	off_t keep;

	sha256_init(&h);
	op->offset = op->torn = 0;
	if (fd < 0 && errno != ENOENT)
		return jfs_error(op->rel, errno, EX_IOERR_, "open", e);
	if (fd >= 0) {
		if (fstat(fd, &st) < 0) {
			int en = errno;
			close(fd);
			return jfs_error(op->rel, en, EX_IOERR_, "read", e);
		}
		/* Unchanged since a writer appended to it: its state is known, and
		 * the file, written by that writer, ends with a whole line. */
		if (hc && hashcache_get(hc, op->rel, &st, &h))
			at = keep = st.st_size;
		else if ((keep = whole_lines_end(fd, st.st_size)) < 0) {
			int en = errno;
			close(fd);
			return jfs_error(op->rel, en, EX_IOERR_, "read", e);
		}
		while (at < keep) {
			size_t want = keep - at < (long long)sizeof(buf) ? (size_t)(keep - at) : sizeof(buf);
			ssize_t n = pread(fd, buf, want, (off_t)at);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				int en = n < 0 ? errno : EIO;
				close(fd);
				return jfs_error(op->rel, en, EX_IOERR_, "read", e);
			}
			sha256_update(&h, buf, (size_t)n);
			at += n;
		}
		close(fd);
		op->offset = keep;
		op->torn = st.st_size - keep;
	}
	sha256_peek(&h, hex);
	snprintf(op->cut_state, sizeof(op->cut_state), "%lld:%s", op->offset, hex);
	if (op->kind == OP_APPEND) {
		/* A ledger with no whole line yet gets its header first. */
		if (op->offset == 0 && op->header && *op->header) {
			struct strbuf with = STRBUF_INIT;
			sb_adds(&with, op->header);
			sb_add(&with, op->data.buf, op->data.len);
			sb_release(&op->data);
			op->data = with;
		}
		sha256_update(&h, op->data.buf, op->data.len);
		sha256_peek(&h, hex);
		snprintf(op->state, sizeof(op->state), "%lld:%s", op->offset + (long long)op->data.len, hex);
		op->after = h;
	}
	return 0;
}

/* The history lines of the commit: a repair line for each torn line cut, then the
 * command's line with the state of every file it changed. */
static int history_lines(struct txn *t, const char *at, const char *login, const char *command,
			 struct strbuf *lines, long long *offset, struct err *e)
{
	int fd = jfs_openat(t->fs, HISTORY, O_RDONLY, 0), changes = 0;
	struct strbuf files = STRBUF_INIT, what = STRBUF_INIT;
	char prev[SHA256_HEX];
	long long torn = 0;
	struct stat st;
	long seq = 0;
	size_t i;
	off_t keep = 0;

	memset(prev, '0', 64);
	prev[64] = '\0';
	if (fd < 0 && errno != ENOENT)
		return jfs_error(HISTORY, errno, EX_IOERR_, "open", e);
	if (fd >= 0) {
		if (fstat(fd, &st) < 0 || (keep = whole_lines_end(fd, st.st_size)) < 0) {
			int en = errno;
			close(fd);
			return jfs_error(HISTORY, en, EX_IOERR_, "read", e);
		}
		torn = st.st_size - keep;
		if (history_last(fd, keep, &seq, prev, e) < 0) {
			close(fd);
			return -1;
		}
		close(fd);
	}
	*offset = keep;
	if (torn) {
		/* Logged too, so the cut is visible in the audit trail. */
		sb_addf(&what, "repair history.log: removed %lld bytes of an interrupted line", torn);
		history_format(lines, ++seq, at, login, what.buf, "", prev);
		sha256_hex(lines->buf, lines->len, prev);
	}
	for (i = 0; i < t->nops; i++) {
		struct op *op = &t->ops[i];
		size_t from = lines->len;
		if ((op->kind != OP_APPEND && op->kind != OP_CUT) || op->merged || !op->torn)
			continue;
		sb_reset(&what);
		sb_reset(&files);
		sb_addf(&what, "repair %s: removed %lld bytes of an interrupted line", op->rel, op->torn);
		sb_addf(&files, "%s=%s", op->rel, op->cut_state);
		history_format(lines, ++seq, at, login, what.buf, files.buf, prev);
		sha256_hex(lines->buf + from, lines->len - from, prev);
	}
	sb_reset(&files);
	for (i = 0; i < t->nops; i++) {
		struct op *op = &t->ops[i];
		if (op->kind == OP_RECORD)
			sb_addf(&files, "%s%s=%s", files.len ? " " : "", op->rel, op->data.buf);
		else if (op->kind == OP_REPLACE || op->kind == OP_APPEND)
			sb_addf(&files, "%s%s=%s", files.len ? " " : "", op->rel, op->state);
		changes += op->kind != OP_CUT;
	}
	if (changes)
		history_format(lines, ++seq, at, login, command, files.buf, prev);
	sb_release(&files);
	sb_release(&what);
	return 0;
}

/* A path the intent's text can carry: no space or line break in it. */
static int plain_rel(const char *rel, struct err *e)
{
	if (!*rel || strpbrk(rel, " \n\r"))
		return err_set(e, EX_SOFTWARE_, "cannot stage '%s': a journal path has no spaces", rel);
	return 0;
}

/* Builds the intent of a prepared transaction; its ops point into t. */
static void intent_of(struct txn *t, const struct strbuf *lines, long long hist_offset, struct intent *in)
{
	size_t i;

	memset(in, 0, sizeof(*in));
	for (i = 0; i < t->nops; i++)
		if (t->ops[i].kind == OP_MKDIR)
			iop_add(in, I_DIR, t->ops[i].rel, NULL, 0, NULL, 0);
	for (i = 0; i < t->nops; i++)
		if (t->ops[i].kind == OP_REPLACE)
			iop_add(in, I_REPLACE, t->ops[i].rel, t->ops[i].stage, 0, NULL, 0);
	for (i = 0; i < t->nops; i++) {
		struct op *op = &t->ops[i];
		if (op->kind == OP_APPEND || (op->kind == OP_CUT && !op->merged && op->torn))
			iop_add(in, I_WRITE, op->rel, NULL, op->offset, op->kind == OP_APPEND ? op->data.buf : "",
				op->kind == OP_APPEND ? op->data.len : 0);
	}
	iop_add(in, I_WRITE, HISTORY, NULL, hist_offset, lines->buf, lines->len);
}

/* 1 when the intent's file fd (of st) holds a record: it is not empty and its
 * first byte is not the NUL that intent_empty writes. */
static int intent_held(int fd, const struct stat *st)
{
	char c;

	if (!S_ISREG(st->st_mode))
		return 1;
	return st->st_size > 0 && (pread(fd, &c, 1, 0) != 1 || c != '\0');
}

/* Writes the intent record into INTENT in the folder dirfd and syncs it, and its
 * name when the file is new; returns the file, open, or -1 with e filled as a
 * staged file's failure reads (the file is emptied again). The file stays between
 * commits, as SQLite's journal does in its PERSIST mode: a commit writes its
 * record over the start of the file and intent_empty marks it empty, so that
 * neither creating the file nor removing it costs the folder a write and an
 * fsync, and a record that fits in the file changes no size: fdatasync writes the
 * bytes and not the inode. A record that does not fit grows the file to whole 4 KB
 * blocks, padded with NULs, for the next ones. What follows a record's "end" line
 * is left from a longer one before it and is never read. A record cut short by a
 * crash does not parse (its last line is the hash of the rest) and nothing was
 * applied before it was synced, so txn_recover drops it, as it would a record the
 * disk lost. Emptying is not synced either: a record that comes back after a crash
 * was applied in full (each file it wrote was synced before) and is found applied
 * (intent_applied). *size is the file's size. */
static int intent_create(int dirfd, mode_t mode, const struct strbuf *record, off_t *size, struct err *e)
{
	int fd = openat(dirfd, INTENT, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode), created = fd >= 0;
	int en = errno, grow;
	struct stat st = { 0 };
	char *padded = NULL;
	size_t len = record->len;

	if (fd < 0 && en == EEXIST) {
		fd = openat(dirfd, INTENT, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
		en = errno;
		/* A record the recovery before this commit left. */
		if (fd >= 0 && (fstat(fd, &st) < 0 || intent_held(fd, &st))) {
			close(fd);
			fd = -1;
			en = EEXIST;
		}
	}
	if (fd < 0)
		return err_set(e, en == EACCES || en == EROFS || en == ENOSPC || en == EDQUOT ? EX_CANTCREAT_ : EX_IOERR_,
			       "cannot create '%s': %s", "txn-intent", strerror(en));
	grow = (off_t)len > st.st_size;
	if (grow) {
		len = (len + 4095) / 4096 * 4096;
		padded = xcalloc(1, len);
		memcpy(padded, record->buf, record->len);
	}
	*size = grow ? (off_t)len : st.st_size;
	if (pwrite_all(fd, grow ? padded : record->buf, len, 0) < 0) {
		en = errno;
		err_set(e, en == ENOSPC || en == EDQUOT ? EX_CANTCREAT_ : EX_IOERR_, "cannot write '%s': %s",
			"txn-intent", strerror(en));
	} else if ((grow ? fsync(fd) : fdatasync(fd)) < 0) {
		en = errno;
		err_set(e, EX_IOERR_, "cannot write '%s': %s", "txn-intent", strerror(en));
	} else if (created && fsync(dirfd) < 0) {
		jfs_error(INTENT, errno, EX_IOERR_, "write", e);
	} else {
		free(padded);
		return fd;
	}
	free(padded);
	(void)!ftruncate(fd, 0);
	close(fd);
	return -1;
}

/* Marks the intent's file fd (of size bytes) empty once its record is applied:
 * a NUL over the record's first byte, unsynced; a file grown past 64 KB by a large
 * change is cut to nothing instead. */
static void intent_empty(int fd, off_t size)
{
	if (size > 64 * 1024)
		(void)!ftruncate(fd, 0);
	else
		(void)!pwrite(fd, "", 1, 0);
}

/* Keeps the hash state of each ledger appended to, for the next writer. */
static void remember_states(const struct txn *t, struct hashcache *hc)
{
	size_t i;

	for (i = 0; i < t->nops; i++) {
		const struct op *op = &t->ops[i];
		struct stat st;
		int fd;

		if (op->kind != OP_APPEND)
			continue;
		fd = jfs_openat(t->fs, op->rel, O_RDONLY, 0);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == sha256_length(&op->after))
			hashcache_put(hc, op->rel, &st, &op->after);
		close(fd);
	}
}

int txn_commit(struct txn *t, const char *at, const char *login, const char *command, struct err *e)
{
	struct strbuf lines = STRBUF_INIT, record = STRBUF_INIT;
	struct intent in = { 0 };
	long long hist_offset = 0;
	int txnfd = -1, intentfd = -1, committed = 0, rc = -1, hc_open = 0;
	off_t intent_size = 0;
	struct hashcache hc;
	size_t i;

	if (txn_empty(t)) {
		txn_abort(t);
		return 0;
	}
	/* A torn line seen by a loader is cut by the append to the same file. */
	for (i = 0; i < t->nops; i++)
		if (t->ops[i].kind == OP_CUT && find_op(t, OP_APPEND, t->ops[i].rel))
			t->ops[i].merged = 1;
	for (i = 0; i < t->nops; i++)
		if (t->ops[i].kind != OP_RECORD && plain_rel(t->ops[i].rel, e) < 0)
			goto out;
	txnfd = t->fs->fd;	/* the staged files wait in the root */
	for (i = 0; i < t->nops; i++) {
		struct op *op = &t->ops[i];
		if (op->kind == OP_REPLACE && stage_replace(t, txnfd, op, e) < 0)
			goto out;
		if (op->kind == OP_APPEND && !hc_open) {
			hashcache_open(&hc, t->fs);
			hc_open = 1;
		}
		if ((op->kind == OP_APPEND || (op->kind == OP_CUT && !op->merged)) &&
		    measure_ledger(t, op, hc_open ? &hc : NULL, e) < 0)
			goto out;
	}
	if (history_lines(t, at, login, command, &lines, &hist_offset, e) < 0)
		goto out;
	if (!lines.len) {
		rc = 0;		/* only cuts staged, and nothing was torn after all */
		goto out;
	}
	intent_of(t, &lines, hist_offset, &in);
	intent_write(&in, &record);
	/* The commit point: the intent, fsynced, under its name, and the name
	 * fsynced. */
	intentfd = intent_create(txnfd, t->fs->fmode, &record, &intent_size, e);
	if (intentfd < 0)
		goto out;
	committed = 1;
	if (roll_forward(t->fs, txnfd, &in, e) < 0) {
		char msg[sizeof(e->msg)];
		snprintf(msg, sizeof(msg), _("%.900s; the change is kept and the next ejournal command completes it"),
			 e->msg);
		err_set(e, e->code, "%s", msg);
		goto out;
	}
	intent_empty(intentfd, intent_size);
	if (hc_open)
		remember_states(t, &hc);
	rc = 0;
out:
	if (intentfd >= 0)
		close(intentfd);
	if (hc_open)
		hashcache_close(&hc);
	/* Before the commit point a failure takes back the staged files; after
	 * it they belong to the intent, which the next writer completes. */
	for (i = 0; !committed && txnfd >= 0 && i < t->nops; i++)
		if (t->ops[i].stage)
			unlinkat(txnfd, t->ops[i].stage, 0);
	free(in.ops);
	sb_release(&record);
	sb_release(&lines);
	txn_abort(t);
	return rc;
}

/* --- recovery --- */

int txn_pending(const struct jfs *fs)
{
	struct stat st;
	int fd, held;

	/* Between commits the file stays, empty (intent_empty). */
	if (fstatat(fs->fd, INTENT, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;
	if (!S_ISREG(st.st_mode) || !st.st_size)
		return !S_ISREG(st.st_mode);
	fd = openat(fs->fd, INTENT, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno != ENOENT;
	held = fstat(fd, &st) < 0 || intent_held(fd, &st);
	close(fd);
	return held;
}

int txn_recover(const struct jfs *fs, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	struct intent in;
	int fd, rc = 0;

	if (!txn_pending(fs)) {
		staging_clear(fs);
		return 0;
	}
	fd = openat(fs->fd, INTENT, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT) {
		rc = jfs_error(INTENT, errno, EX_IOERR_, "open", e);
	} else if (fd >= 0 && read_fd(fd, INTENT, &sb, e) < 0) {
		rc = -1;
	} else if (fd >= 0) {
		/* An intent is synced before anything of it is applied: one that does
		 * not parse (cut short by a crash while it was written, or lost by the
		 * disk) was never committed, and nothing of it applied. */
		if (intent_parse(sb.buf, sb.len, &in) == 0) {
			rc = roll_forward(fs, fs->fd, &in, e) < 0 ? -1 : 1;
			if (rc < 0) {
				char msg[sizeof(e->msg)];
				snprintf(msg, sizeof(msg), _("cannot complete a change interrupted earlier: %.900s"), e->msg);
				err_set(e, e->code, "%s", msg);
			}
		}
		free(in.ops);
	}
	if (rc >= 0) {
		if (fd >= 0)
			unlinkat(fs->fd, INTENT, 0);
		staging_clear(fs);
	}
	sb_release(&sb);
	return rc;
}
