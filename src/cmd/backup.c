/* ejournal backup: archives of the journal (SPEC 8). create writes a gzip'd ustar
 * archive with a MANIFEST of SHA-256 sums under the journal lock; verify checks one
 * without a journal; restore verifies, then extracts into an empty directory, all or
 * nothing; list and prune look after the backup directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd.h"
#include "../store/fsutil.h"
#include "../store/history.h"
#include "../store/tar.h"
#include "../store/txn.h"
#include "../util/privilege.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const backup_create_usage[] = { "ejournal backup create [--dest DIR]", NULL };
const char *const backup_list_usage[] = { "ejournal backup list [DIR]", NULL };
const char *const backup_verify_usage[] = { "ejournal backup verify FILE", NULL };
const char *const backup_restore_usage[] = { "ejournal backup restore FILE --into DIR", NULL };
const char *const backup_prune_usage[] = { "ejournal backup prune [--keep-monthly N] [--keep-yearly N] [DIR]", NULL };

#define MANIFEST "MANIFEST"
/* Level 6, gzip's default: measured as fast as `tar czf` for a third fewer bytes
 * than level 1 (see the man page). */
#define LEVEL 6

/* --- archive names: ejournal-<school>-<YYYY-MM-DD>[-N].tar.gz --- */

/* The school's part of an archive name: its short name (or full name), letters
 * and digits kept, every other run of characters one '-'. Returns a new string. */
static char *school_tag(const struct journal *j)
{
	const char *s = j->school_short && *j->school_short ? j->school_short : j->school_name;
	struct strbuf sb = STRBUF_INIT;
	int dash = 0;

	while (s && *s) {
		const char *start = s;
		int32_t c = utf8_next(&s);
		int keep = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			   (c >= 0x400 && c <= 0x4ff);
		if (c < 0)
			break;
		if (!keep) {
			dash = sb.len > 0;
			continue;
		}
		if (sb.len + 4 > 60)
			break;
		if (dash)
			sb_addch(&sb, '-');
		dash = 0;
		sb_add(&sb, start, (size_t)(s - start));
	}
	if (!sb.len)
		sb_adds(&sb, "school");
	return sb_detach(&sb, NULL);
}

struct archive_name {
	char *file;		/* the directory entry */
	char *school;
	ej_date date;
	long seq;		/* 1, or N of a "-N" suffix */
	long long size;
};

/* 1 when the stem (the name without ".tar.gz", stem bytes) ends with
 * "-YYYY-MM-DD" after "ejournal-" and at least one character of school. */
static int date_at_end(const char *file, size_t stem, ej_date *d)
{
	char day[11];

	if (stem < 9 + 1 + 11 || file[stem - 11] != '-')
		return 0;
	memcpy(day, file + stem - 10, 10);
	day[10] = '\0';
	*d = date_parse_iso(day);
	return *d != DATE_NONE;
}

/* Parses an archive's file name; 0 when it is one of ours. */
static int parse_archive_name(const char *file, struct archive_name *a)
{
	size_t len = strlen(file), stem, k;

	if (strncmp(file, "ejournal-", 9) || len <= 7 || strcmp(file + len - 7, ".tar.gz"))
		return -1;
	stem = len - 7;
	a->seq = 1;
	if (!date_at_end(file, stem, &a->date)) {
		/* A second archive of the day: "-N" after the date. */
		for (k = stem; k > 0 && stem - k < 6 && file[k - 1] >= '0' && file[k - 1] <= '9'; k--)
			;
		if (k == stem || k == 0 || file[k - 1] != '-' || file[k] == '0')
			return -1;
		a->seq = strtol(file + k, NULL, 10);
		stem = k - 1;
		if (a->seq < 2 || !date_at_end(file, stem, &a->date))
			return -1;
	}
	a->school = xstrndup(file + 9, stem - 11 - 9);
	a->file = xstrdup(file);
	return 0;
}

static void archive_names_free(struct archive_name *a, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(a[i].file);
		free(a[i].school);
	}
	free(a);
}

/* Newest first: by date, then by the -N suffix. */
static int cmp_newest(const void *pa, const void *pb)
{
	const struct archive_name *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date > b->date ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq > b->seq ? -1 : 1;
	return strcmp(a->file, b->file);
}

/* The archives in dir (school: only that school's), newest first. Dies 66 when
 * dir cannot be read. */
static struct archive_name *archives_in(const char *dir, const char *school, size_t *n)
{
	struct archive_name *a = NULL;
	size_t alloc = 0;
	DIR *d = opendir(dir);
	struct dirent *de;

	*n = 0;
	if (!d)
		die(errno == ENOENT ? EX_NOINPUT_ : EX_IOERR_, "cannot read the backup directory '%s': %s", dir,
		    strerror(errno));
	while ((de = readdir(d))) {
		struct archive_name an;
		struct stat st;
		char *path;
		if (parse_archive_name(de->d_name, &an) < 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if ((school && strcmp(an.school, school)) || lstat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
			free(path);
			free(an.file);
			free(an.school);
			continue;
		}
		free(path);
		an.size = (long long)st.st_size;
		ALLOC_GROW(a, *n + 1, alloc);
		a[(*n)++] = an;
	}
	closedir(d);
	xqsort(a, *n, sizeof(*a), cmp_newest);
	return a;
}

/* backup.dir of ejournal.yaml, or dies telling what to do. */
static const char *default_dir(struct ctx *ctx, const char *what)
{
	const struct ynode *bk = ynode_get(ctx->j.config, "backup");
	const char *dir = bk ? ynode_str(bk, "dir") : NULL;

	if (!dir || !*dir)
		die(EX_CONFIG_, "no backup directory: give %s or set backup.dir (ejournal config set backup.dir DIR)",
		    what);
	return dir;
}

/* --- create --- */

struct writer {
	struct tar_out *t;
	const struct jfs *fs;
	const char *top;
	struct strbuf manifest;
	struct strbuf data;
	size_t nfiles;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Archives the directory rel (relative to the root; "" for the root) and all under
 * it, in byte order of names, so the same journal gives the same archive. */
static int add_tree(struct writer *w, const char *rel, struct err *e)
{
	DIR *d = jfs_opendir(w->fs, rel);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	int rc = 0;

	if (!d)
		return jfs_error(*rel ? rel : ".", errno, EX_IOERR_, "read the directory", e);
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/* The lock and the writers' staged files belong to the running
		 * journal, not to its copy. */
		if (!*rel && (!strcmp(de->d_name, ".lock") || !strncmp(de->d_name, TXN_PREFIX, strlen(TXN_PREFIX))))
			continue;
		ALLOC_GROW(names, n + 1, alloc);
		names[n++] = xstrdup(de->d_name);
	}
	xqsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && rc == 0; i++) {
		char *sub = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		char *in = xasprintf("%s/%s", w->top, sub);
		struct stat st;

		if (fstatat(dirfd(d), names[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			rc = jfs_error(sub, errno, EX_IOERR_, "stat", e);
		} else if (!utf8_valid_text(sub, 0)) {
			warning("'%s': a name with control characters or invalid UTF-8 is not archived", sub);
		} else if (S_ISDIR(st.st_mode)) {
			rc = tar_out_dir(w->t, in, EJ_DIR_MODE, e);
			if (rc == 0)
				rc = add_tree(w, sub, e);
		} else if (!S_ISREG(st.st_mode)) {
			warning("'%s' is not a regular file (a link or device): not archived; see 'ejournal verify'", sub);
		} else if (!*rel && !strcmp(sub, MANIFEST)) {
			warning("'%s': the name MANIFEST is the archive's own: not archived", sub);
		} else {
			char hex[SHA256_HEX];
			sb_reset(&w->data);
			rc = jfs_read(w->fs, sub, &w->data, e);
			if (rc == 0) {
				sha256_hex(w->data.buf, w->data.len, hex);
				sb_addf(&w->manifest, "%s %zu %s\n", hex, w->data.len, sub);
				rc = tar_out_file(w->t, in, EJ_FILE_MODE, w->data.buf, w->data.len, e);
				w->nfiles++;
			}
		}
		free(sub);
		free(in);
	}
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Writes the whole archive to fd: the top directory, the journal, the MANIFEST
 * last (so one pass both hashes and archives each file). */
static long long write_archive(int fd, const struct jfs *fs, const char *top, long long mtime, size_t *nfiles,
			       struct err *e)
{
	struct writer w = { NULL, fs, top, STRBUF_INIT, STRBUF_INIT, 0 };
	long long size = -1;
	char *mf = xasprintf("%s/%s", top, MANIFEST);

	w.t = tar_out_open(fd, LEVEL, mtime, e);
	if (w.t && tar_out_dir(w.t, top, EJ_DIR_MODE, e) == 0 && add_tree(&w, "", e) == 0 &&
	    tar_out_file(w.t, mf, EJ_FILE_MODE, w.manifest.buf, w.manifest.len, e) == 0) {
		size = tar_out_close(w.t, e);
		w.t = NULL;
	}
	tar_out_abort(w.t);
	*nfiles = w.nfiles;
	free(mf);
	sb_release(&w.manifest);
	sb_release(&w.data);
	return size;
}

int cmd_backup_create(int argc, const char **argv, struct ctx *ctx)
{
	const char *dest = NULL;
	struct option opts[] = {
		OPT_STR(0, "dest", &dest, "DIR", "the directory of the archive (default: backup.dir)"),
		OPT_END_()
	};
	char day[11], *tag, *base = NULL, *path = NULL, *top, hex[SHA256_HEX], *state;
	struct tmpfile tf;
	long long size, fsize;
	size_t nfiles;
	struct stat st;
	struct err e;
	int n, saved;

	argc = parse_options(argc, argv, opts, backup_create_usage);
	if (argc)
		usage_error(backup_create_usage, opts, "backup create takes only --dest");
	require_or_die(ctx, ROLE_ICT | ROLE_ADMIN, "back the journal up");
	if (!dest)
		dest = default_dir(ctx, "--dest DIR");
	/* Before anything is created: the archive must not end up inside the tree it
	 * copies. The backup folder is made and written with the user's own rights. */
	if (output_dir_outside_journal(dest, &e) < 0)
		die_err(&e);
	saved = as_user_group();
	if (mkdir_p(dest, &e) < 0)
		die_err(&e);
	as_journal_group(saved);
	if (access(dest, W_OK | X_OK) < 0)
		die(EX_CANTCREAT_, "cannot write to the backup directory '%s': %s", dest, strerror(errno));

	/* The first free name: an archive is never overwritten. */
	tag = school_tag(&ctx->j);
	date_fmt(ctx->j.clock.today, day);
	for (n = 1; ; n++) {
		free(base);
		free(path);
		base = n == 1 ? xasprintf("ejournal-%s-%s", tag, day) : xasprintf("ejournal-%s-%s-%d", tag, day, n);
		path = xasprintf("%s/%s.tar.gz", dest, base);
		if (lstat(path, &st) < 0) {
			if (errno != ENOENT)
				die(EX_CANTCREAT_, "cannot check '%s': %s", path, strerror(errno));
			break;
		}
	}
	top = base;
	if (outfile_open(&tf, path, &e) < 0)
		die_err(&e);
	size = write_archive(tf.fd, &ctx->j.fs, top, ctx->j.clock.epoch, &nfiles, &e);
	/* Never replace an archive that appeared meanwhile. */
	if (size < 0)
		tmpfile_abort(&tf);
	else if (tmpfile_commit(&tf, 1, &e) < 0)
		size = -1;
	if (size < 0) {
		free(tag);
		free(base);
		free(path);
		die_err(&e);
	}
	if (sha256_file(path, hex, &fsize, &e) < 0)
		die_err(&e);
	state = xasprintf("%lld:%s", fsize, hex);
	txn_record(ctx->txn, "backup", state);
	say("%s", path);
	note("archived %zu files into '%s' (%lld bytes)", nfiles, path, fsize);
	free(state);
	free(tag);
	free(base);
	free(path);
	return 0;
}

/* --- list --- */

int cmd_backup_list(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct archive_name *a;
	struct rtable *t;
	const char *dir;
	size_t n, i;

	argc = parse_options(argc, argv, opts, backup_list_usage);
	if (argc > 1)
		usage_error(backup_list_usage, opts, "backup list takes at most one directory");
	require_or_die(ctx, ROLE_ICT | ROLE_ADMIN, "list the archives");
	dir = argc ? argv[0] : default_dir(ctx, "a directory");
	as_user_group();	/* the backup folder is the user's, not the journal's */
	a = archives_in(dir, NULL, &n);
	t = rtable_new("Архивы журнала");
	rtable_name(t, "backups");
	rtable_col(t, "file", "Архив", 0);
	rtable_col(t, "date", "Дата", 0);
	rtable_col(t, "size", "Размер, байт", 1);
	/* Oldest first, as a directory listing reads. */
	for (i = n; i-- > 0;) {
		size_t row = rtable_row(t);
		char b[11];
		rtable_set(t, row, 0, a[i].file);
		rtable_set(t, row, 1, date_fmt_ru(a[i].date, b));
		rtable_setf(t, row, 2, "%lld", a[i].size);
	}
	if (!n)
		note("no archives in '%s'", dir);
	else
		output_table(ctx, t);
	rtable_free(t);
	archive_names_free(a, n);
	return 0;
}

/* --- verify and restore --- */

struct member {
	char *rel;		/* under the top directory; "" for the top itself */
	int dir;
	long long size;
	char sha[SHA256_HEX];
};

struct scan {
	const char *file;	/* the archive, as given: every problem starts with it */
	struct strbuf problems;
	int nproblems;
	char *top;
	struct member *m;
	size_t n, alloc;
	struct strbuf manifest, history;
	int have_manifest, have_history;
};

static void problem_at(struct scan *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem_at(struct scan *s, const char *fmt, ...)
{
	va_list ap;

	sb_addf(&s->problems, "%s: ", s->file);
	va_start(ap, fmt);
	sb_vaddf(&s->problems, fmt, ap);
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
	case '1': return "a hard link";
	case '2': return "a symbolic link";
	case '3': return "a character device";
	case '4': return "a block device";
	case '6': return "a FIFO";
	case '7': return "a contiguous file";
	case 'x': case 'g': return "a pax extended header";
	case 'L': case 'K': return "a GNU long-name header";
	default: return NULL;
	}
}

/* Checks a member's name and type. Returns its path under the top directory (a
 * new string; "" for the top itself) or NULL when it must not be extracted; the
 * reason is then in s. The first member names the top directory. */
static char *member_path(struct scan *s, const struct tar_entry *ent)
{
	char *name = printable(ent->name), *copy, *p, *slash;
	int is_dir = ent->type == '5', bad = 0;
	size_t len;

	if (ent->type != '0' && ent->type != '\0' && !is_dir) {
		const char *kind = kind_of(ent->type);
		if (kind)
			problem_at(s, "'%s' is %s%s%s%s; an ejournal archive holds only files and directories", name,
				   kind, *ent->linkname ? " (to '" : "", *ent->linkname ? ent->linkname : "",
				   *ent->linkname ? "')" : "");
		else
			problem_at(s, "'%s' is of tar type '%c'; an ejournal archive holds only files and directories",
				   name, ent->type >= 0x20 && ent->type < 0x7f ? ent->type : '?');
		free(name);
		return NULL;
	}
	if (is_dir && ent->size) {
		problem_at(s, "'%s': a directory with data", name);
		bad = 1;
	}
	if (!utf8_valid_text(ent->name, 0) || !*ent->name) {
		problem_at(s, "'%s': an empty name, or one with control characters or invalid UTF-8", name);
		free(name);
		return NULL;
	}
	if (ent->name[0] == '/') {
		problem_at(s, "'%s': an absolute path; refusing to write outside the directory", name);
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
			problem_at(s, "'%s': a '..' component; refusing to write outside the directory", name);
			bad = 1;
		} else if (len == 0 || (len == 1 && *p == '.')) {
			problem_at(s, "'%s': an empty or '.' path component", name);
			bad = 1;
		}
	}
	if (!bad) {
		slash = strchr(copy, '/');
		len = slash ? (size_t)(slash - copy) : strlen(copy);
		if (!s->top)
			s->top = xstrndup(copy, len);
		if (strlen(s->top) != len || strncmp(copy, s->top, len)) {
			problem_at(s, "'%s' is not under the archive's top directory '%s'", name, s->top);
			bad = 1;
		} else if (!slash && !is_dir) {
			problem_at(s, "'%s': the top directory is a file", name);
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
	return strcmp(((const struct member *)pa)->rel, ((const struct member *)pb)->rel);
}

static struct member *find_member(struct scan *s, const char *rel)
{
	struct member key = { (char *)rel, 0, 0, "" };
	return bsearch(&key, s->m, s->n, sizeof(*s->m), cmp_member);
}

/* Duplicates, and files standing where a directory must be. */
static void check_tree(struct scan *s)
{
	size_t i;

	xqsort(s->m, s->n, sizeof(*s->m), cmp_member);
	for (i = 0; i + 1 < s->n; i++)
		if (!strcmp(s->m[i].rel, s->m[i + 1].rel))
			problem_at(s, "'%s/%s' appears twice in the archive", s->top, s->m[i].rel);
	for (i = 0; i < s->n; i++) {
		char *path = xstrdup(s->m[i].rel), *slash;
		while ((slash = strrchr(path, '/'))) {
			struct member *parent;
			*slash = '\0';
			parent = find_member(s, path);
			if (parent && !parent->dir) {
				problem_at(s, "'%s/%s': its parent '%s' is a file", s->top, s->m[i].rel, path);
				break;
			}
		}
		free(path);
	}
}

/* The MANIFEST against the files: each listed once, with its size and SHA-256. */
static void check_manifest(struct scan *s)
{
	const char *p = s->manifest.buf, *end = p + s->manifest.len;
	char **listed = NULL;
	size_t nlisted = 0, alloc = 0, i;
	int line = 0;

	if (!s->have_manifest) {
		problem_at(s, "no %s: not an ejournal archive, or a damaged one", MANIFEST);
		return;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char *l = xstrndup(p, nl ? (size_t)(nl - p) : (size_t)(end - p)), *sp1, *sp2, *num_end;
		long long size;
		struct member *m;

		line++;
		p = nl ? nl + 1 : end;
		sp1 = strchr(l, ' ');
		sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		size = sp2 ? strtoll(sp1 + 1, &num_end, 10) : -1;
		if (!nl || !sp2 || sp1 - l != 64 || strspn(l, "0123456789abcdef") != 64 || num_end != sp2 ||
		    size < 0 || !sp2[1]) {
			problem_at(s, "%s:%d: malformed line (expected: SHA-256 SIZE PATH)", MANIFEST, line);
			free(l);
			continue;
		}
		*sp1 = '\0';
		m = find_member(s, sp2 + 1);
		ALLOC_GROW(listed, nlisted + 1, alloc);
		listed[nlisted++] = xstrdup(sp2 + 1);
		if (!m || m->dir)
			problem_at(s, "'%s/%s' is in the %s but not in the archive", s->top, sp2 + 1, MANIFEST);
		else if (m->size != size)
			problem_at(s, "'%s/%s': %lld bytes, the %s says %lld", s->top, m->rel, m->size, MANIFEST, size);
		else if (strcmp(m->sha, l))
			problem_at(s, "'%s/%s': its SHA-256 differs from the %s (the file was damaged or altered)",
				   s->top, m->rel, MANIFEST);
		free(l);
	}
	xqsort(listed, nlisted, sizeof(*listed), cmp_str);
	for (i = 0; i + 1 < nlisted; i++)
		if (!strcmp(listed[i], listed[i + 1]))
			problem_at(s, "'%s' is listed twice in the %s", listed[i], MANIFEST);
	for (i = 0; i < s->n; i++) {
		const struct member *m = &s->m[i];
		if (!m->dir && strcmp(m->rel, MANIFEST) &&
		    !bsearch(&m->rel, listed, nlisted, sizeof(*listed), cmp_str))
			problem_at(s, "'%s/%s' is not in the %s", s->top, m->rel, MANIFEST);
	}
	for (i = 0; i < nlisted; i++)
		free(listed[i]);
	free(listed);
}

/* history.log's chain, checked as verify checks it in a journal (SPEC 7). */
static void check_history(struct scan *s)
{
	struct strbuf probs = STRBUF_INIT;
	char *line, *save = NULL;
	struct err e;

	if (!s->have_history) {
		problem_at(s, "no history.log: not an ejournal archive");
		return;
	}
	if (history_read_buf(s->history.buf, s->history.len, NULL, NULL, &probs, &e) < 0)
		problem_at(s, "%s", e.msg);
	for (line = strtok_r(probs.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		problem_at(s, "%s", line);
	sb_release(&probs);
}

/* Reads the whole archive file (gz, len) into a fresh s: every member's name and
 * type checked, files hashed, then the tree, the MANIFEST and the history chain.
 * Returns the number of problems. */
static int scan_archive(struct scan *s, const char *file, const void *gz, size_t len)
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
	r = tar_in_open(gz, len, &e);
	if (!r) {
		problem_at(s, "%s", e.msg);
		return s->nproblems;
	}
	while ((rc = tar_in_next(r, &ent, &e)) > 0) {
		char *rel = member_path(s, &ent);
		struct member *m;
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
		if (!strcmp(rel, MANIFEST)) {
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
		problem_at(s, "%s", e.msg);
		return s->nproblems;
	}
	if (!s->top) {
		problem_at(s, "an empty archive");
		return s->nproblems;
	}
	check_tree(s);
	check_manifest(s);
	check_history(s);
	if (!find_member(s, "ejournal.yaml"))
		problem_at(s, "no ejournal.yaml: not an ejournal archive");
	return s->nproblems;
}

static void scan_free(struct scan *s)
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

static size_t scan_files(const struct scan *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++)
		n += !s->m[i].dir && strcmp(s->m[i].rel, MANIFEST);
	return n;
}

/* Reads the archive file whole (it is read twice by restore, and must not change
 * between the check and the extraction), or dies. */
static void read_archive_or_die(const char *file, struct strbuf *sb)
{
	struct err e;

	if (read_file(file, sb, &e) < 0)
		die_err(&e);
}

int cmd_backup_verify(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct strbuf gz = STRBUF_INIT;
	struct scan s;

	(void)ctx;
	argc = parse_options(argc, argv, opts, backup_verify_usage);
	if (argc != 1)
		usage_error(backup_verify_usage, opts, "backup verify takes one archive");
	read_archive_or_die(argv[0], &gz);
	if (scan_archive(&s, argv[0], gz.buf, gz.len)) {
		fputs(s.problems.buf, stdout);
		fflush(stdout);
		note("%s: %d problem%s found; do not restore from it", argv[0], s.nproblems,
		     s.nproblems == 1 ? "" : "s");
		scan_free(&s);
		sb_release(&gz);
		return EX_FOUND;
	}
	printf("%s: %zu files, verified\n", argv[0], scan_files(&s));
	scan_free(&s);
	sb_release(&gz);
	return 0;
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

/* The second pass: the archive verified, its members go into tmp. */
static int extract(struct scan *s, const void *gz, size_t len, const char *tmp, struct created *c,
		   struct err *e)
{
	struct tar_in *r = tar_in_open(gz, len, e);
	struct tar_entry ent;
	struct scan again;
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
		const struct member *m = rel ? find_member(s, rel) : NULL;
		rc = 0;
		if (!rel || !m || (!m->dir && ent.type == '5') || (m->dir && ent.type != '5')) {
			rc = err_set(e, EX_DATAERR_, "the archive changed while it was read");
		} else if (ent.type == '5') {
			if (*rel)
				rc = make_dirs(tmp, rel, 1, c, e);
		} else if (strcmp(rel, MANIFEST)) {
			rc = make_dirs(tmp, rel, 0, c, e);
			if (rc == 0)
				rc = write_member(tmp, rel, ent.data, (size_t)ent.size, c, e);
		}
		free(rel);
	}
	tar_in_close(r);
	scan_free(&again);
	return rc < 0 ? -1 : 0;
}

int cmd_backup_restore(int argc, const char **argv, struct ctx *ctx)
{
	const char *into = NULL;
	struct option opts[] = {
		OPT_STR(0, "into", &into, "DIR", "the directory to restore into: new or empty"),
		OPT_END_()
	};
	struct strbuf gz = STRBUF_INIT;
	struct created c = { NULL, 0, 0 };
	struct scan s;
	struct stat st;
	struct err e;
	char *parent, *tmp, *slash, *dir;
	size_t nfiles;
	int rc;

	(void)ctx;
	/* Restore works on the user's folders alone: with the user's rights, never a
	 * setgid install's (which could write into the journal itself). */
	as_user_group();
	argc = parse_options(argc, argv, opts, backup_restore_usage);
	if (argc != 1)
		usage_error(backup_restore_usage, opts, "backup restore takes one archive");
	if (!into || !*into)
		usage_error(backup_restore_usage, opts, "say where to restore: --into DIR");
	dir = xstrdup(into);
	while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	if (lstat(dir, &st) == 0 && (!S_ISDIR(st.st_mode) || !dir_is_empty(dir)))
		die(EX_CANTCREAT_, "'%s' is not an empty directory; restore only into a new or empty one", dir);
	slash = strrchr(dir, '/');
	parent = slash ? xstrndup(dir, slash == dir ? 1 : (size_t)(slash - dir)) : xstrdup(".");
	if (!dir_exists(parent))
		die(EX_CANTCREAT_, "cannot restore into '%s': the directory '%s' does not exist", dir, parent);

	read_archive_or_die(argv[0], &gz);
	if (scan_archive(&s, argv[0], gz.buf, gz.len)) {
		fputs(s.problems.buf, stderr);
		die(EX_DATAERR_, "%s: not restored: %d problem%s; '%s' is left as it was", argv[0], s.nproblems,
		    s.nproblems == 1 ? "" : "s", dir);
	}

	/* Extract next to DIR, then rename: DIR is never seen half-restored. */
	tmp = xasprintf("%s/.%s.restore%ld", parent, slash ? slash + 1 : dir, (long)getpid());
	if (mkdir(tmp, EJ_DIR_MODE) < 0)
		die(EX_CANTCREAT_, "cannot create '%s': %s", tmp, strerror(errno));
	created_add(&c, tmp);
	rc = chmod(tmp, EJ_DIR_MODE) < 0 ? err_set(&e, EX_CANTCREAT_, "cannot create '%s': %s", tmp, strerror(errno))
					  : extract(&s, gz.buf, gz.len, tmp, &c, &e);
	if (rc == 0 && rename(tmp, dir) < 0)
		rc = err_set(&e, EX_CANTCREAT_, "cannot restore into '%s': %s", dir, strerror(errno));
	if (rc < 0) {
		created_undo(&c, 1);
		die_err(&e);
	}
	created_undo(&c, 0);
	if (fsync_parent(dir, &e) < 0)
		die_err(&e);
	nfiles = scan_files(&s);
	note("restored %zu files from '%s' into '%s'; check it with: ejournal -C '%s' verify", nfiles, argv[0],
	     dir, dir);
	scan_free(&s);
	sb_release(&gz);
	free(tmp);
	free(parent);
	free(dir);
	return 0;
}

/* --- prune --- */

/* A whole number >= 0 from backup.<key>, or def when it is not set. */
static int config_count(struct ctx *ctx, const char *key, int def)
{
	const struct ynode *bk = ynode_get(ctx->j.config, "backup");
	const char *v = bk ? ynode_str(bk, key) : NULL;
	char *end;
	long n;

	if (!v)
		return def;
	n = strtol(v, &end, 10);
	if (!*v || *end || n < 0 || n > INT_MAX)
		die(EX_CONFIG_, "ejournal.yaml: backup.%s is '%s', not a whole number", key, v);
	return (int)n;
}

int cmd_backup_prune(int argc, const char **argv, struct ctx *ctx)
{
	int monthly = INT_MIN, yearly = INT_MIN, y, m, d, cur_y, cur_m;
	struct option opts[] = {
		OPT_INT_(0, "keep-monthly", &monthly, "N", "keep the newest archive of each of the last N months"),
		OPT_INT_(0, "keep-yearly", &yearly, "N", "keep the newest archive of each of the last N years"),
		OPT_END_()
	};
	struct archive_name *a;
	const char *dir;
	char *tag;
	size_t n, i, removed = 0;
	long last_month = LONG_MIN, last_year = LONG_MIN;

	argc = parse_options(argc, argv, opts, backup_prune_usage);
	if (argc > 1)
		usage_error(backup_prune_usage, opts, "backup prune takes at most one directory");
	if ((monthly < 0 && monthly != INT_MIN) || (yearly < 0 && yearly != INT_MIN))
		usage_error(backup_prune_usage, opts, "--keep-monthly and --keep-yearly take a number >= 0");
	require_or_die(ctx, ROLE_ICT | ROLE_ADMIN, "prune the archives");
	if (monthly == INT_MIN)
		monthly = config_count(ctx, "keep_monthly", 60);
	if (yearly == INT_MIN)
		yearly = config_count(ctx, "keep_yearly", 25);
	dir = argc ? argv[0] : default_dir(ctx, "a directory");
	tag = school_tag(&ctx->j);
	as_user_group();	/* the backup folder is the user's, not the journal's */
	a = archives_in(dir, tag, &n);
	date_to_ymd(ctx->j.clock.today, &cur_y, &cur_m, &d);
	/* Newest first: the first of a month or a year is its newest archive. */
	for (i = 0; i < n; i++) {
		long month, keep = i == 0;	/* the newest of all is never removed */
		date_to_ymd(a[i].date, &y, &m, &d);
		month = (long)y * 12 + m - 1;
		if (month != last_month && (long)cur_y * 12 + cur_m - 1 - month < monthly)
			keep = 1;
		if (y != last_year && cur_y - y < yearly)
			keep = 1;
		last_month = month;
		last_year = y;
		if (keep)
			continue;
		{
			char *path = xasprintf("%s/%s", dir, a[i].file);
			if (unlink(path) < 0)
				die(EX_IOERR_, "cannot remove '%s': %s", path, strerror(errno));
			printf("removed %s\n", path);
			free(path);
			removed++;
		}
	}
	if (removed) {
		char *any = xasprintf("%s/.", dir);
		struct err e;
		if (fsync_parent(any, &e) < 0)
			die_err(&e);
		free(any);
	}
	note("kept %zu archive%s of %s in '%s', removed %zu (monthly %d, yearly %d)", n - removed,
	     n - removed == 1 ? "" : "s", tag, dir, removed, monthly, yearly);
	free(tag);
	archive_names_free(a, n);
	return 0;
}
