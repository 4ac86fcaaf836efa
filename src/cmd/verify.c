/* ejournal verify: is the journal whole? Every file well-formed against its schema,
 * every reference resolving, the history chain unbroken, and every file as the
 * tool last wrote it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd.h"
#include "../core/calendar.h"
#include "../core/schema.h"
#include "../store/applog.h"
#include "../store/fsutil.h"
#include "../store/hashcache.h"
#include "../store/history.h"
#include "../store/txn.h"
#include "../util/bg.h"
#include "../util/hash.h"
#include "../util/xalloc.h"

const char *const verify_usage[] = { N_("ejournal verify [FILE.pdf]"), NULL };

/* The name under which history.log records the SHA-256 of a certified copy. */
#define CERTIFIED "certified-copy"
/* ... and the SHA-256 of an archive `backup create` wrote. */
#define BACKUP "backup"

struct recorded {
	char *rel;
	char *state;		/* "size:sha256" */
	long seq;
};

struct verify {
	struct ctx *ctx;
	struct strbuf out;
	int nproblems;
	struct recorded *rec;
	size_t nrec, arec;
	char **files;
	size_t nfiles, afiles;
	const char *copy_state;	/* verify FILE: "size:sha256" of the file */
	struct strbuf certified;	/* ... the history entry that certified it */
};

/* A referenced file (staff.csv, a class's students.csv, ...) as ref_table loaded
 * it, with the values of its key column hashed: the files of a class are checked
 * one after the other, and their every row looks a value up. */
struct ref_cache {
	char *path;		/* NULL: nothing cached */
	int rc;			/* ref_table's answer */
	struct table t;
	const char **keys;	/* open addressing: the key column's values, NULL empty */
	size_t nkeys;		/* a power of two, more than twice the rows */
};

/* The loader's check for duplicate keys (a table's, not a ledger's) sorts with a
 * comparison that finds its schema in a static: one such load at a time. */
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

/* What the check of one file found, kept apart so that two threads may check the
 * files and the findings still come in the files' order. */
struct file_check {
	struct strbuf out;	/* check_file's findings, a line each */
	int nproblems;
	int hashed;		/* the hash below is known: 1 computed, -1 failed (hash_err) */
	char hex[SHA256_HEX];
	long long size;
	char *hash_err;
};

/* The files not yet claimed: v->files[lo, hi). */
struct verify_claims {
	pthread_mutex_t lock;
	size_t lo, hi;
};

/* A thread's share of the check: the files it claims, and its cached references. */
struct verify_worker {
	struct verify *v;
	struct file_check *fc;	/* one per file of v */
	struct verify_claims *claims;	/* shared by the workers */
	int from_end;		/* claims the last file left, not the first */
	struct ref_cache refs[4];	/* staff, subjects, classes, students */
	struct bg_job job;
};

static void finding(struct verify *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void finding(struct verify *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&v->out, _(fmt), ap);
	va_end(ap);
	sb_addch(&v->out, '\n');
	v->nproblems++;
}

/* The same for the check of one file. */
static void file_finding(struct file_check *fc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void file_finding(struct file_check *fc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&fc->out, _(fmt), ap);
	va_end(ap);
	sb_addch(&fc->out, '\n');
	fc->nproblems++;
}

static int on_entry(const struct hist_entry *h, void *data, struct err *e)
{
	struct verify *v = data;
	char *copy = xstrdup(h->files), *save = NULL, *w;

	(void)e;
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char *eq = strrchr(w, '=');
		if (!eq)
			continue;
		if ((size_t)(eq - w) == strlen(BACKUP) && !strncmp(w, BACKUP, strlen(BACKUP)))
			continue;	/* an archive written by backup create, outside the journal */
		if ((size_t)(eq - w) == strlen(CERTIFIED) && !strncmp(w, CERTIFIED, strlen(CERTIFIED))) {
			/* A paper copy vouched for, not a file of the journal. */
			if (v->copy_state && !strcmp(eq + 1, v->copy_state) && !v->certified.len)
				sb_addf(&v->certified, _("history.log entry %ld, %s, by %s: %s"), h->seq, h->at, h->login,
					h->command);
			continue;
		}
		ALLOC_GROW(v->rec, v->nrec + 1, v->arec);
		v->rec[v->nrec].rel = xstrndup(w, (size_t)(eq - w));
		v->rec[v->nrec].state = xstrdup(eq + 1);
		v->rec[v->nrec].seq = h->seq;
		v->nrec++;
	}
	free(copy);
	return 0;
}

static int cmp_rec(const void *pa, const void *pb)
{
	const struct recorded *a = pa, *b = pb;
	int c = strcmp(a->rel, b->rel);
	return c ? c : (a->seq < b->seq ? -1 : a->seq > b->seq);
}

/* The last recorded state of rel, or NULL. rec is sorted by path, then sequence. */
static const struct recorded *last_state(const struct verify *v, const char *rel)
{
	size_t lo = 0, hi = v->nrec;
	const struct recorded *found = NULL;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(v->rec[mid].rel, rel) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && !strcmp(v->rec[lo - 1].rel, rel))
		found = &v->rec[lo - 1];
	return found;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the journal's files, refusing what has no place in a journal: links and
 * devices. Nothing is followed out of the tree. */
static int on_walk(const struct jfs_entry *ent, void *data, struct err *e)
{
	struct verify *v = data;
	const char *sub = ent->rel;

	(void)e;
	if (ent->dir_error) {
		if (ent->errnum == ELOOP)
			finding(v, "%s: a symbolic link (a link does not belong in a journal)", sub);
		else
			finding(v, "%s: cannot read the directory", *sub ? sub : ".");
	} else if (!ent->st) {
		finding(v, "%s: cannot stat", sub);
	} else if (S_ISLNK(ent->st->st_mode)) {
		finding(v, "%s: a symbolic link (a link does not belong in a journal)", sub);
	} else if (S_ISDIR(ent->st->st_mode)) {
		return 0;
	} else if (ent->runtime && !strcmp(sub, TXN_INTENT) && !txn_pending(&v->ctx->j.fs)) {
		return 0;	/* the intent's file between commits */
	} else if (ent->runtime && !strcmp(sub, TXN_INTENT)) {
		/* verify completes a waiting change before it begins, when it
		 * may write the journal: this one it could not. */
		finding(v, "%s: a change interrupted by a crash waits to be completed; the next ejournal write "
			"completes it", sub);
	} else if (ent->runtime && strcmp(sub, ".lock") && strcmp(sub, HASH_CACHE)) {
		finding(v, "%s: left by a change interrupted before it was recorded (the next ejournal write "
			"removes it)", sub);
	} else if (!S_ISREG(ent->st->st_mode)) {
		finding(v, "%s: not a regular file (a link or device does not belong in a journal)", sub);
	} else if (!ent->runtime && strcmp(sub, "history.log")) {
		ALLOC_GROW(v->files, v->nfiles + 1, v->afiles);
		v->files[v->nfiles++] = xstrdup(sub);
	}
	return 0;
}

static void walk(struct verify *v)
{
	jfs_walk(&v->ctx->j.fs, "", on_walk, v, NULL);
}

/* Which schema describes a journal-relative path, or NULL. */
static const char *schema_for(const char *rel)
{
	static const struct { const char *pattern, *schema; } map[] = {
		{ "staff.csv", "staff" },
		{ "subjects.csv", "subjects" },
		{ "years/*/classes.csv", "classes" },
		{ "years/*/curriculum.csv", "curriculum" },
		{ "years/*/timetable.csv", "timetable" },
		{ "years/*/substitutions.csv", "substitutions" },
		{ "years/*/reads.csv", "reads" },
		{ "years/*/classes/*/students.csv", "students" },
		{ "years/*/classes/*/groups.csv", "groups" },
		{ "years/*/classes/*/exemptions.csv", "exemptions" },
		{ "years/*/classes/*/finals.csv", "finals" },
		{ "years/*/classes/*/plans/*.csv", "plan" },
		{ "years/*/classes/*/*/lessons.csv", "lessons" },
		{ "years/*/classes/*/*/marks.csv", "marks" },
		{ "years/*/classes/*/*/attendance.csv", "attendance" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (fnmatch(map[i].pattern, rel, FNM_PATHNAME) == 0)
			return map[i].schema;
	return NULL;
}

/* The file a reference from rel points into, for the year and class of rel, or
 * NULL when there is none to check against. A new string. */
static char *ref_path(const char *rel, const char *ref)
{
	char year[64] = "", cls[128] = "";

	sscanf(rel, "years/%63[^/]/classes/%127[^/]/", year, cls);
	if (!*year)
		sscanf(rel, "years/%63[^/]/", year);
	if (!strcmp(ref, "staff"))
		return xstrdup("staff.csv");
	if (!strcmp(ref, "subjects"))
		return xstrdup("subjects.csv");
	if (!strcmp(ref, "classes") && *year)
		return xasprintf("years/%s/classes.csv", year);
	if (!strcmp(ref, "students") && *cls)
		return xasprintf("years/%s/classes/%s/students.csv", year, cls);
	return NULL;
}

/* Loads the file path a reference of kind ref points into. */
static int ref_table(struct verify *v, const char *path, const char *ref, struct table *t)
{
	struct strbuf dummy = STRBUF_INIT;
	struct err e;
	int n;

	pthread_mutex_lock(&table_lock);
	n = jfs_is_file(&v->ctx->j.fs, path) ? journal_load_all(&v->ctx->j, ref, path, t, &dummy, &e) : -1;
	pthread_mutex_unlock(&table_lock);
	sb_release(&dummy);
	return n < 0 ? -1 : 0;
}

static const char *ref_key(const char *ref)
{
	if (!strcmp(ref, "staff"))
		return "login";
	if (!strcmp(ref, "subjects") || !strcmp(ref, "students"))
		return "id";
	return "class";
}

static void ref_cache_clear(struct ref_cache *rc)
{
	if (rc->path && rc->rc == 0)
		table_free(&rc->t);
	free(rc->path);
	free(rc->keys);
	memset(rc, 0, sizeof(*rc));
}

/* The table of a reference from rel, as ref_table loads it, cached in w: NULL
 * when there is none. */
static struct ref_cache *ref_cached(struct verify_worker *w, const char *rel, const char *ref)
{
	static const char *const kinds[] = { "staff", "subjects", "classes", "students" };
	struct ref_cache *rc = NULL;
	char *path = ref_path(rel, ref);
	size_t k, r;
	int c;

	if (!path)
		return NULL;
	for (k = 0; k < 4 && !rc; k++)
		if (!strcmp(ref, kinds[k]))
			rc = &w->refs[k];
	if (!rc->path || strcmp(rc->path, path)) {
		ref_cache_clear(rc);
		rc->path = path;
		path = NULL;
		rc->rc = ref_table(w->v, rc->path, ref, &rc->t);
		if (rc->rc < 0)
			memset(&rc->t, 0, sizeof(rc->t));
		c = rc->rc < 0 ? -1 : table_col(&rc->t, ref_key(ref));
		for (rc->nkeys = 16; rc->nkeys <= 2 * rc->t.nrows; rc->nkeys *= 2)
			;
		rc->keys = xcalloc(rc->nkeys, sizeof(*rc->keys));
		for (r = 0; c >= 0 && r < rc->t.nrows; r++) {
			const char *key = table_get(&rc->t, r, c);
			size_t i;
			for (i = str_hash(key) & (rc->nkeys - 1); rc->keys[i] && strcmp(rc->keys[i], key);
			     i = (i + 1) & (rc->nkeys - 1))
				;
			rc->keys[i] = key;
		}
	}
	free(path);
	return rc->rc < 0 ? NULL : rc;
}

/* 1 when the referenced table has a row with key val (table_find). */
static int ref_has(const struct ref_cache *rc, const char *val)
{
	size_t i;

	for (i = str_hash(val) & (rc->nkeys - 1); rc->keys[i]; i = (i + 1) & (rc->nkeys - 1))
		if (!strcmp(rc->keys[i], val))
			return 1;
	return 0;
}

/* 1 when rel is a ledger whose last line has no newline: a write interrupted
 * before it was recorded (by an earlier version, or a file system that lost the
 * end of an append), which no one was told succeeded. */
static int torn_ledger(struct verify *v, const char *rel)
{
	const char *schema = schema_for(rel);
	const struct schema *s = schema ? schema_get(schema) : NULL;
	struct stat st;
	char last = '\n';
	int fd, torn = 0;

	if (!s || !s->ledger)
		return 0;
	fd = jfs_openat(&v->ctx->j.fs, rel, O_RDONLY, 0);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) == 1)
		torn = last != '\n';
	close(fd);
	return torn;
}

/* Cuts the torn last lines of the ledgers, as the next write to them would, so
 * that what is left is checked: the cut is logged in history.log. When it cannot
 * be made, the torn lines are findings. Returns 1 when something was cut. */
static int repair_torn(struct verify *v)
{
	char **torn = NULL;
	size_t i, n = 0, alloc = 0;
	struct err e;
	int rc = 0;

	for (i = 0; i < v->nfiles; i++) {
		if (torn_ledger(v, v->files[i])) {
			ALLOC_GROW(torn, n + 1, alloc);
			torn[n++] = v->files[i];
		}
	}
	if (n) {
		if (ctx_repair_torn(v->ctx, torn, n, &e) < 0) {
			for (i = 0; i < n; i++)
				finding(v, "%s: incomplete last line (a write was interrupted; the next write to it "
					"repairs it)", torn[i]);
			finding(v, "%s", e.msg);
		} else {
			for (i = 0; i < n; i++)
				note("cut the incomplete last line an interrupted write left in %s (see 'ejournal log')",
				     torn[i]);
			rc = 1;
		}
	}
	free(torn);
	return rc;
}

/* Hashes a recorded file for check_hashes into fc: buf, its bytes when read
 * already, else the file. */
static void hash_file(struct verify *v, const char *rel, const struct strbuf *buf, struct file_check *fc)
{
	struct err e;

	if (applog_is_log(rel) || !last_state(v, rel))
		return;	/* check_hashes asks not */
	if (buf) {
		sha256_hex(buf->buf, buf->len, fc->hex);
		fc->size = (long long)buf->len;
		fc->hashed = 1;
	} else if (jfs_sha256(&v->ctx->j.fs, rel, fc->hex, &fc->size, &e) < 0) {
		fc->hash_err = xstrdup(e.msg);
		fc->hashed = -1;
	} else {
		fc->hashed = 1;
	}
}

/* Checks file rel against its schema and references, and hashes it: a CSV file
 * is read once for both (journal_load_all reads the read log under its lock,
 * which is never hashed). What is found goes to fc. */
static void check_file(struct verify_worker *w, const char *rel, struct file_check *fc)
{
	struct verify *v = w->v;
	const char *schema = schema_for(rel);
	const struct schema *s;
	struct strbuf problems = STRBUF_INIT, buf = STRBUF_INIT;
	struct table t;
	struct err e;
	size_t c, r;
	int n;

	if (!schema) {
		if (fnmatch("years/*/year.yaml", rel, FNM_PATHNAME) == 0) {
			struct calendar cal;
			char year[64] = "";
			sscanf(rel, "years/%63[^/]/", year);
			if (journal_calendar(&v->ctx->j, year, &cal, &e) < 0)
				file_finding(fc, "%s", e.msg);
			else
				calendar_free(&cal);
		} else if (strcmp(rel, "ejournal.yaml")) {
			file_finding(fc, "%s: not a journal file", rel);
		}
		hash_file(v, rel, NULL, fc);
		return;
	}
	s = schema_get(schema);
	if (!applog_is_log(rel) && jfs_read(&v->ctx->j.fs, rel, &buf, &e) == 0) {
		hash_file(v, rel, &buf, fc);
		if (!s->ledger)
			pthread_mutex_lock(&table_lock);
		n = schema_load_buf(s, buf.buf, buf.len, rel, CSV_JOURNAL, NULL, &t, &problems, &e);
	} else {
		/* What journal_load_all says of a file it cannot read, or of the log. */
		if (!s->ledger)
			pthread_mutex_lock(&table_lock);
		n = journal_load_all(&v->ctx->j, schema, rel, &t, &problems, &e);
		hash_file(v, rel, NULL, fc);
	}
	if (!s->ledger)
		pthread_mutex_unlock(&table_lock);
	sb_release(&buf);
	if (n < 0) {
		file_finding(fc, "%s", e.msg);
		sb_release(&problems);
		return;
	}
	if (n > 0) {
		sb_setlen(&problems, problems.len - 1);
		file_finding(fc, "%s", problems.buf);
		fc->nproblems += n - 1;
	}
	sb_release(&problems);
	for (c = 0; c < s->ncols; c++) {
		const struct ref_cache *ref;
		if (!s->cols[c].ref || !(ref = ref_cached(w, rel, s->cols[c].ref)))
			continue;
		for (r = 0; r < t.nrows; r++) {
			const char *val = table_get(&t, r, (int)c);
			if (*val && !ref_has(ref, val))
				file_finding(fc, "%s:%d: %s '%s' does not resolve (no such entry in %s)", rel,
					     t.rows[r].line, s->cols[c].name, val, s->cols[c].ref);
		}
	}
	table_free(&t);
}

/* Claims files and checks them, on either thread. */
static int verify_files(void *arg, struct err *e)
{
	struct verify_worker *w = arg;

	(void)e;
	for (;;) {
		size_t i = (size_t)-1;
		pthread_mutex_lock(&w->claims->lock);
		if (w->claims->lo < w->claims->hi)
			i = w->from_end ? --w->claims->hi : w->claims->lo++;
		pthread_mutex_unlock(&w->claims->lock);
		if (i == (size_t)-1)
			return 0;
		check_file(w, w->v->files[i], &w->fc[i]);
	}
}

/* Checks every file, this thread from the first, the background one from the
 * last, until they meet: each keeps to a class's files a while (its references
 * cached), and the two seldom want table_lock at once. The findings are told in
 * the files' order. */
static struct file_check *check_files(struct verify *v)
{
	struct file_check *fc = xcalloc(v->nfiles ? v->nfiles : 1, sizeof(*fc));
	struct verify_claims claims;
	struct verify_worker w[2];
	size_t i, k;

	pthread_mutex_init(&claims.lock, NULL);
	claims.lo = 0;
	claims.hi = v->nfiles;
	for (k = 0; k < 2; k++) {
		memset(&w[k], 0, sizeof(w[k]));
		w[k].v = v;
		w[k].fc = fc;
		w[k].claims = &claims;
		w[k].from_end = k == 1;
		w[k].job.fn = verify_files;
		w[k].job.arg = &w[k];
	}
	for (i = 0; i < v->nfiles; i++)
		sb_init(&fc[i].out, 0);
	bg_submit(&w[1].job);
	verify_files(&w[0], NULL);
	bg_wait(&w[1].job, NULL);
	pthread_mutex_destroy(&claims.lock);
	for (k = 0; k < 2; k++)
		for (i = 0; i < 4; i++)
			ref_cache_clear(&w[k].refs[i]);
	for (i = 0; i < v->nfiles; i++) {
		sb_add(&v->out, fc[i].out.buf, fc[i].out.len);
		v->nproblems += fc[i].nproblems;
		sb_release(&fc[i].out);
	}
	return fc;
}

static void check_hashes(struct verify *v, struct file_check *fc)
{
	struct err e;
	size_t i;

	for (i = 0; i < v->nfiles; i++) {
		const struct recorded *r = last_state(v, v->files[i]);

		if (applog_is_log(v->files[i])) {
			continue;	/* the read log: appended by reads, recorded by no change */
		} else if (!r) {
			finding(v, "%s: not recorded in history.log (created or copied outside ejournal)", v->files[i]);
		} else if (!fc[i].hashed && jfs_sha256(&v->ctx->j.fs, v->files[i], fc[i].hex, &fc[i].size, &e) < 0) {
			finding(v, "%s", e.msg);
		} else if (fc[i].hashed < 0) {
			finding(v, "%s", fc[i].hash_err);
		} else {
			char now[128];
			snprintf(now, sizeof(now), "%lld:%s", fc[i].size, fc[i].hex);
			if (strcmp(now, r->state))
				finding(v, "%s: changed outside ejournal since history entry %ld", v->files[i], r->seq);
		}
		free(fc[i].hash_err);
	}
	for (i = 0; i < v->nrec; i++) {
		const char *rel = v->rec[i].rel;
		if (i + 1 < v->nrec && !strcmp(v->rec[i].rel, v->rec[i + 1].rel))
			continue;
		/* v->files is sorted */
		if (!bsearch(&rel, v->files, v->nfiles, sizeof(char *), cmp_str))
			finding(v, "%s: recorded in history.log but missing", v->rec[i].rel);
	}
}

/* verify FILE: is it the copy `export journal --final` certified? Its SHA-256 must
 * be recorded in an unbroken history.log. */
static int verify_copy(struct verify *v, const char *file)
{
	struct strbuf chain = STRBUF_INIT;
	char hex[SHA256_HEX], *state;
	long long size;
	struct err e;
	int rc;

	if (sha256_file(file, hex, &size, &e) < 0)
		die(EX_NOINPUT_, "cannot read %s: give the PDF file to check", file);
	state = xasprintf("%lld:%s", size, hex);
	v->copy_state = state;
	if (history_read(&v->ctx->j.fs, on_entry, v, &chain, &e) < 0)
		die(EX_FOUND, "%s: cannot be checked: %s", file, e.msg);
	if (chain.len) {
		sb_setlen(&chain, chain.len - 1);
		error("%s", chain.buf);
		rc = EX_FOUND;
		error("%s: cannot be trusted as certified: history.log is broken (see above)", file);
	} else if (v->certified.len) {
		printf(_("%s: the certified copy (SHA-256 %s), %s\n"), file, hex, v->certified.buf);
		rc = 0;
	} else {
		printf(_("%s: not a certified copy: its SHA-256 %s is recorded by no `export journal --final` in "
			 "history.log\n"), file, hex);
		rc = EX_FOUND;
	}
	fflush(stdout);
	for (size_t i = 0; i < v->nrec; i++) {
		free(v->rec[i].rel);
		free(v->rec[i].state);
	}
	free(v->rec);
	sb_release(&v->certified);
	sb_release(&v->out);
	sb_release(&chain);
	free(state);
	return rc;
}

int cmd_verify(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct file_check *fc;
	struct verify v;
	struct err e;
	size_t i;

	argc = parse_options(argc, argv, opts, verify_usage);
	if (argc > 1)
		usage_error(verify_usage, opts, "verify takes at most one file, a paper copy to check");
	/* The secretary archives the certified paper copy (seed 7.3, 6.24): she may
	 * check that a copy is the one certified, not diagnose the journal. */
	if (argc == 1)
		require_or_die(ctx, ROLE_ICT | ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_SECRETARY,
			       "check a certified copy");
	else if ((ctx->id.roles & ROLE_SECRETARY) && !(ctx->id.roles & (ROLE_ICT | ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR)))
		die(EX_NOPERM_, "permission denied: to verify the journal you need the admin, ict, deputy or director "
		    "role; the secretary checks a certified copy: ejournal verify FILE.pdf");
	else
		require_or_die(ctx, ROLE_ICT | ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR, "verify the journal");
	memset(&v, 0, sizeof(v));
	v.ctx = ctx;
	sb_init(&v.out, 0);
	sb_init(&v.certified, 0);
	if (argc == 1)
		return verify_copy(&v, argv[0]);
	walk(&v);
	if (repair_torn(&v) && !v.nproblems) {
		/* The lock was let go for the repair: list the files anew. */
		for (i = 0; i < v.nfiles; i++)
			free(v.files[i]);
		v.nfiles = 0;
		walk(&v);
	}
	{
		struct strbuf chain = STRBUF_INIT;
		if (history_read(&ctx->j.fs, on_entry, &v, &chain, &e) < 0)
			finding(&v, "%s", e.msg);
		if (chain.len) {
			sb_setlen(&chain, chain.len - 1);
			finding(&v, "%s", chain.buf);
		}
		sb_release(&chain);
	}
	xqsort(v.rec, v.nrec, sizeof(*v.rec), cmp_rec);
	xqsort(v.files, v.nfiles, sizeof(char *), cmp_str);
	fc = check_files(&v);
	check_hashes(&v, fc);
	free(fc);
	ctx_unlock(ctx);
	fputs(v.out.buf, stdout);
	fflush(stdout);
	if (v.nproblems)
		error("%d problem%s found", v.nproblems, v.nproblems == 1 ? "" : "s");
	else
		note("journal verified: %zu files, all as recorded in history.log", v.nfiles);
	for (i = 0; i < v.nrec; i++) {
		free(v.rec[i].rel);
		free(v.rec[i].state);
	}
	for (i = 0; i < v.nfiles; i++)
		free(v.files[i]);
	free(v.rec);
	free(v.files);
	sb_release(&v.out);
	sb_release(&v.certified);
	return v.nproblems ? EX_FOUND : 0;
}
