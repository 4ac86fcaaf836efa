/* Archives read: every member checked before anything is written, then restored
 * all or nothing beside the target and renamed into place. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "backup.h"
#include "tar.h"
#include "../store/fsutil.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

void backup_problem(struct backup_scan *s, const char *fmt, ...)
{
	va_list ap;

	sb_addf(&s->problems, "%s: ", s->file);
	va_start(ap, fmt);
	sb_vaddf(&s->problems, _(fmt), ap);
	va_end(ap);
	sb_addch(&s->problems, '\n');
	s->nproblems++;
}

/* A name fit for a one-line message: control bytes and invalid UTF-8 become '?'. */
static char *printable(const char *s)
{
	char *out = xstrdup(s), *p;

	if (utf8_valid_text(s, 0))
		return out;
	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	return out;
}

static const char *kind_of(char type)
{
	switch (type) {
	case '1': return _("a hard link");
	case '2': return _("a symbolic link");
	case '3': return _("a character device");
	case '4': return _("a block device");
	case '6': return _("a FIFO");
	case '7': return _("a contiguous file");
	case 'x': case 'g': return _("a pax extended header");
	case 'L': case 'K': return _("a GNU long-name header");
	default: return NULL;
	}
}

/* Checks a member's name and type. Returns its path under the top directory (a
 * new string; "" for the top itself) or NULL when it must not be extracted; the
 * reason is then in s. The first member names the top directory. */
static char *member_path(struct backup_scan *s, const struct tar_entry *ent)
{
	char *name = printable(ent->name), *copy, *p, *slash;
	int is_dir = ent->type == '5', bad = 0;
	size_t len;

	if (ent->type != '0' && ent->type != '\0' && !is_dir) {
		const char *kind = kind_of(ent->type);
		if (kind)
			backup_problem(s, "'%s' is %s%s%s%s; an ejournal archive holds only files and directories", name,
				   kind, *ent->linkname ? _(" (to '") : "", *ent->linkname ? ent->linkname : "",
				   *ent->linkname ? "')" : "");
		else
			backup_problem(s, "'%s' is of tar type '%c'; an ejournal archive holds only files and directories",
				   name, ent->type >= 0x20 && ent->type < 0x7f ? ent->type : '?');
		free(name);
		return NULL;
	}
	if (is_dir && ent->size) {
		backup_problem(s, "'%s': a directory with data", name);
		bad = 1;
	}
	if (!utf8_valid_text(ent->name, 0) || !*ent->name) {
		backup_problem(s, "'%s': an empty name, or one with control characters or invalid UTF-8", name);
		free(name);
		return NULL;
	}
	if (ent->name[0] == '/') {
		backup_problem(s, "'%s': an absolute path; refusing to write outside the directory", name);
		free(name);
		return NULL;
	}
	copy = xstrdup(ent->name);
	len = strlen(copy);
	if (is_dir && len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	for (p = copy; p && !bad; p = slash ? slash + 1 : NULL) {
		slash = strchr(p, '/');
		len = slash ? (size_t)(slash - p) : strlen(p);
		if (len == 2 && !strncmp(p, "..", 2)) {
			backup_problem(s, "'%s': a '..' component; refusing to write outside the directory", name);
			bad = 1;
		} else if (len == 0 || (len == 1 && *p == '.')) {
			backup_problem(s, "'%s': an empty or '.' path component", name);
			bad = 1;
		}
	}
	if (!bad) {
		slash = strchr(copy, '/');
		len = slash ? (size_t)(slash - copy) : strlen(copy);
		if (!s->top)
			s->top = xstrndup(copy, len);
		if (strlen(s->top) != len || strncmp(copy, s->top, len)) {
			backup_problem(s, "'%s' is not under the archive's top directory '%s'", name, s->top);
			bad = 1;
		} else if (!slash && !is_dir) {
			backup_problem(s, "'%s': the top directory is a file", name);
			bad = 1;
		}
	}
	free(name);
	if (bad) {
		free(copy);
		return NULL;
	}
	p = xstrdup(slash ? slash + 1 : "");
	free(copy);
	return p;
}

static int cmp_member(const void *pa, const void *pb)
{
	return strcmp(((const struct backup_member *)pa)->rel, ((const struct backup_member *)pb)->rel);
}

struct backup_member *backup_find_member(const struct backup_scan *s, const char *rel)
{
	struct backup_member key = { (char *)rel, 0, 0, "" };
	/* An archive none of whose members was taken has no list at all. */
	if (!s->n)
		return NULL;
	return bsearch(&key, s->m, s->n, sizeof(*s->m), cmp_member);
}

/* Duplicates, and files standing where a directory must be. */
static void check_tree(struct backup_scan *s)
{
	size_t i;

	xqsort(s->m, s->n, sizeof(*s->m), cmp_member);
	for (i = 0; i + 1 < s->n; i++)
		if (!strcmp(s->m[i].rel, s->m[i + 1].rel))
			backup_problem(s, "'%s/%s' appears twice in the archive", s->top, s->m[i].rel);
	for (i = 0; i < s->n; i++) {
		char *path = xstrdup(s->m[i].rel), *slash;
		while ((slash = strrchr(path, '/'))) {
			struct backup_member *parent;
			*slash = '\0';
			parent = backup_find_member(s, path);
			if (parent && !parent->dir) {
				backup_problem(s, "'%s/%s': its parent '%s' is a file", s->top, s->m[i].rel, path);
				break;
			}
		}
		free(path);
	}
}

/* history.log's chain, checked as verify checks it in a journal (SPEC 7). */
static void check_history(struct backup_scan *s)
{
	struct strbuf probs = STRBUF_INIT;
	char *line, *save = NULL;
	struct err e;

	if (!s->have_history) {
		backup_problem(s, "no history.log: not an ejournal archive");
		return;
	}
	if (history_read_buf(s->history.buf, s->history.len, NULL, NULL, &probs, &e) < 0)
		backup_problem(s, "%s", e.msg);
	for (line = strtok_r(probs.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		backup_problem(s, "%s", line);
	sb_release(&probs);
}

/* Reads the whole archive file (at fd, in pieces) into a fresh s: every member's
 * name and type checked, files hashed, then the tree, the BACKUP_MANIFEST and the
 * history chain. Returns the number of problems. */
int backup_scan(struct backup_scan *s, const char *file, int fd)
{
	struct tar_in *r;
	struct tar_entry ent;
	struct err e;
	int rc;

	memset(s, 0, sizeof(*s));
	s->file = file;
	sb_init(&s->problems, 0);
	sb_init(&s->manifest, 0);
	sb_init(&s->history, 0);
	r = tar_in_open_fd(fd, &e);
	if (!r) {
		backup_problem(s, "%s", e.msg);
		return s->nproblems;
	}
	while ((rc = tar_in_next(r, &ent, &e)) > 0) {
		char *rel = member_path(s, &ent);
		struct backup_member *m;
		if (!rel)
			continue;
		ALLOC_GROW(s->m, s->n + 1, s->alloc);
		m = &s->m[s->n++];
		m->rel = rel;
		m->dir = ent.type == '5';
		m->size = ent.size;
		m->sha[0] = '\0';
		if (m->dir)
			continue;
		sha256_hex(ent.data, (size_t)ent.size, m->sha);
		if (!strcmp(rel, BACKUP_MANIFEST)) {
			s->have_manifest = 1;
			sb_reset(&s->manifest);
			sb_add(&s->manifest, ent.data, (size_t)ent.size);
		} else if (!strcmp(rel, "history.log")) {
			s->have_history = 1;
			sb_reset(&s->history);
			sb_add(&s->history, ent.data, (size_t)ent.size);
		}
	}
	tar_in_close(r);
	if (rc < 0) {
		/* The archive cannot be read on: what it holds is unknown. */
		backup_problem(s, "%s", e.msg);
		return s->nproblems;
	}
	if (!s->top) {
		backup_problem(s, "an empty archive");
		return s->nproblems;
	}
	check_tree(s);
	manifest_check(s);
	check_history(s);
	if (!backup_find_member(s, "ejournal.yaml"))
		backup_problem(s, "no ejournal.yaml: not an ejournal archive");
	return s->nproblems;
}

void backup_scan_free(struct backup_scan *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->m[i].rel);
	free(s->m);
	free(s->top);
	sb_release(&s->problems);
	sb_release(&s->manifest);
	sb_release(&s->history);
}

size_t backup_scan_files(const struct backup_scan *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++)
		n += !s->m[i].dir && strcmp(s->m[i].rel, BACKUP_MANIFEST);
	return n;
}

/* What restore has created, to take back if it cannot finish. */
struct created {
	char **paths;
	size_t n, alloc;
};

static void created_add(struct created *c, const char *path)
{
	ALLOC_GROW(c->paths, c->n + 1, c->alloc);
	c->paths[c->n++] = xstrdup(path);
}

/* Removes (when remove) what was created, the last first; frees the list. */
static void created_undo(struct created *c, int remove)
{
	while (c->n-- > 0) {
		if (remove && unlink(c->paths[c->n]) < 0)
			rmdir(c->paths[c->n]);
		free(c->paths[c->n]);
	}
	free(c->paths);
	c->paths = NULL;
	c->n = c->alloc = 0;
}

/* Creates dir/rel's missing directories (rel's own when is_dir). */
static int make_dirs(const char *dir, const char *rel, int is_dir, struct created *c, struct err *e)
{
	char *path = xasprintf("%s/%s", dir, rel), *p = path + strlen(dir) + 1, *slash;
	int rc = 0;

	for (;;) {
		slash = strchr(p, '/');
		if (!slash && !is_dir)
			break;
		if (slash)
			*slash = '\0';
		if (mkdir(path, EJ_DIR_MODE) == 0) {
			created_add(c, path);
			if (chmod(path, EJ_DIR_MODE) < 0) {
				rc = err_set(e, EX_CANTCREAT_, "cannot create '%s': %s", path, strerror(errno));
				break;
			}
		} else if (errno != EEXIST) {
			rc = err_set(e, EX_CANTCREAT_, "cannot create '%s': %s", path, strerror(errno));
			break;
		}
		if (!slash)
			break;
		*slash = '/';
		p = slash + 1;
	}
	free(path);
	return rc;
}

static int write_member(const char *dir, const char *rel, const unsigned char *data, size_t len,
			struct created *c, struct err *e)
{
	char *path = xasprintf("%s/%s", dir, rel);
	int fd, rc = 0;

	/* O_EXCL | O_NOFOLLOW: nothing in the fresh directory is replaced or followed. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, EJ_FILE_MODE);
	if (fd < 0) {
		rc = err_set(e, EX_CANTCREAT_, "cannot create '%s': %s", path, strerror(errno));
	} else {
		created_add(c, path);
		if (fchmod(fd, EJ_FILE_MODE) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0)
			rc = err_set(e, EX_IOERR_, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
	}
	free(path);
	return rc;
}

/* The second pass: the archive verified, its members go into tmp. The file is
 * read again: each member must be what the first pass checked, by name, type and
 * SHA-256, or nothing is restored. */
static int extract(const struct backup_scan *s, int fd, const char *tmp, struct created *c, struct err *e)
{
	struct tar_in *r = tar_in_open_fd(fd, e);
	struct tar_entry ent;
	struct backup_scan again;
	int rc = 0;

	if (!r)
		return -1;
	/* The same checks again, so nothing unchecked can be written even if this
	 * pass and the first disagreed. */
	memset(&again, 0, sizeof(again));
	again.file = s->file;
	sb_init(&again.problems, 0);
	while (rc == 0 && (rc = tar_in_next(r, &ent, e)) > 0) {
		char *rel = member_path(&again, &ent);
		const struct backup_member *m = rel ? backup_find_member(s, rel) : NULL;
		rc = 0;
		if (!rel || !m || (!m->dir && ent.type == '5') || (m->dir && ent.type != '5')) {
			rc = err_set(e, EX_DATAERR_, "the archive changed while it was read");
		} else if (ent.type == '5') {
			if (*rel)
				rc = make_dirs(tmp, rel, 1, c, e);
		} else if (strcmp(rel, BACKUP_MANIFEST)) {
			char sha[SHA256_HEX];
			sha256_hex(ent.data, (size_t)ent.size, sha);
			if (ent.size != m->size || strcmp(sha, m->sha))
				rc = err_set(e, EX_DATAERR_, "the archive changed while it was read");
			if (rc == 0)
				rc = make_dirs(tmp, rel, 0, c, e);
			if (rc == 0)
				rc = write_member(tmp, rel, ent.data, (size_t)ent.size, c, e);
		}
		free(rel);
	}
	tar_in_close(r);
	backup_scan_free(&again);
	return rc < 0 ? -1 : 0;
}


/* The folder holding dir (a new string) and dir's last component. */
static char *parent_of(const char *dir, const char **base)
{
	const char *slash = strrchr(dir, '/');

	*base = slash ? slash + 1 : dir;
	return slash ? xstrndup(dir, slash == dir ? 1 : (size_t)(slash - dir)) : xstrdup(".");
}

int backup_restore_check(const char *into, char **dir_out, struct err *e)
{
	char *dir = xstrdup(into), *parent;
	const char *base;
	struct stat st;
	int rc = 0;

	while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	*dir_out = dir;
	if (lstat(dir, &st) == 0 && (!S_ISDIR(st.st_mode) || !dir_is_empty(dir)))
		return err_set(e, EX_CANTCREAT_, "'%s' is not an empty directory; restore only into a new or empty one",
			       dir);
	parent = parent_of(dir, &base);
	if (!dir_exists(parent))
		rc = err_set(e, EX_CANTCREAT_, "cannot restore into '%s': the directory '%s' does not exist", dir,
			     parent);
	free(parent);
	return rc;
}

int backup_extract(const struct backup_scan *s, int fd, const char *dir, struct err *e)
{
	struct created c = { NULL, 0, 0 };
	const char *base;
	char *parent = parent_of(dir, &base), *tmp;
	int rc;

	/* Extract next to DIR, then rename: DIR is never seen half-restored. */
	tmp = xasprintf("%s/.%s.restore%ld", parent, base, (long)getpid());
	free(parent);
	if (mkdir(tmp, EJ_DIR_MODE) < 0) {
		rc = err_set(e, EX_CANTCREAT_, "cannot create '%s': %s", tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	created_add(&c, tmp);
	rc = chmod(tmp, EJ_DIR_MODE) < 0 ? err_set(e, EX_CANTCREAT_, "cannot create '%s': %s", tmp, strerror(errno))
					 : extract(s, fd, tmp, &c, e);
	if (rc == 0 && rename(tmp, dir) < 0)
		rc = err_set(e, EX_CANTCREAT_, "cannot restore into '%s': %s", dir, strerror(errno));
	created_undo(&c, rc < 0);
	free(tmp);
	if (rc < 0)
		return -1;
	return fsync_parent(dir, e);
}
