/* ejournal verify: is the journal whole? Every file well-formed against its schema,
 * every reference resolving, the history chain unbroken, and every file as the
 * tool last wrote it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <fnmatch.h>
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
#include "../store/history.h"
#include "../store/txn.h"
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
	} else if (ent->runtime && !strcmp(sub, TXN_INTENT)) {
		/* verify completes a waiting change before it begins, when it
		 * may write the journal: this one it could not. */
		finding(v, "%s: a change interrupted by a crash waits to be completed; the next ejournal write "
			"completes it", sub);
	} else if (ent->runtime && strcmp(sub, ".lock")) {
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

/* Loads the file a reference points into, for the year and class of rel. */
static int ref_table(struct verify *v, const char *rel, const char *ref, struct table *t)
{
	char year[64] = "", cls[128] = "", *path;
	const char *schema = ref;
	struct strbuf dummy = STRBUF_INIT;
	struct err e;
	int n;

	sscanf(rel, "years/%63[^/]/classes/%127[^/]/", year, cls);
	if (!*year)
		sscanf(rel, "years/%63[^/]/", year);
	if (!strcmp(ref, "staff"))
		path = xstrdup("staff.csv");
	else if (!strcmp(ref, "subjects"))
		path = xstrdup("subjects.csv");
	else if (!strcmp(ref, "classes") && *year)
		path = xasprintf("years/%s/classes.csv", year);
	else if (!strcmp(ref, "students") && *cls)
		path = xasprintf("years/%s/classes/%s/students.csv", year, cls);
	else
		return -1;
	n = jfs_is_file(&v->ctx->j.fs, path) ? journal_load_all(&v->ctx->j, schema, path, t, &dummy, &e) : -1;
	free(path);
	sb_release(&dummy);
	if (n < 0)
		return -1;
	return 0;
}

static const char *ref_key(const char *ref)
{
	if (!strcmp(ref, "staff"))
		return "login";
	if (!strcmp(ref, "subjects") || !strcmp(ref, "students"))
		return "id";
	return "class";
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

static void check_file(struct verify *v, const char *rel)
{
	const char *schema = schema_for(rel);
	const struct schema *s;
	struct strbuf problems = STRBUF_INIT;
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
				finding(v, "%s", e.msg);
			else
				calendar_free(&cal);
		} else if (strcmp(rel, "ejournal.yaml")) {
			finding(v, "%s: not a journal file", rel);
		}
		return;
	}
	s = schema_get(schema);
	n = journal_load_all(&v->ctx->j, schema, rel, &t, &problems, &e);
	if (n < 0) {
		finding(v, "%s", e.msg);
		sb_release(&problems);
		return;
	}
	if (n > 0) {
		sb_setlen(&problems, problems.len - 1);
		finding(v, "%s", problems.buf);
		v->nproblems += n - 1;
	}
	sb_release(&problems);
	for (c = 0; c < s->ncols; c++) {
		struct table ref;
		if (!s->cols[c].ref)
			continue;
		if (ref_table(v, rel, s->cols[c].ref, &ref) < 0)
			continue;
		for (r = 0; r < t.nrows; r++) {
			const char *val = table_get(&t, r, (int)c);
			if (*val && table_find(&ref, ref_key(s->cols[c].ref), val) < 0)
				finding(v, "%s:%d: %s '%s' does not resolve (no such entry in %s)", rel, t.rows[r].line,
					s->cols[c].name, val, s->cols[c].ref);
		}
		table_free(&ref);
	}
	table_free(&t);
}

static void check_hashes(struct verify *v)
{
	size_t i;

	for (i = 0; i < v->nfiles; i++) {
		const struct recorded *r = last_state(v, v->files[i]);
		char hex[SHA256_HEX];
		long long size;
		struct err e;

		if (applog_is_log(v->files[i])) {
			continue;	/* the read log: appended by reads, recorded by no change */
		} else if (!r) {
			finding(v, "%s: not recorded in history.log (created or copied outside ejournal)", v->files[i]);
		} else if (jfs_sha256(&v->ctx->j.fs, v->files[i], hex, &size, &e) < 0) {
			finding(v, "%s", e.msg);
		} else {
			char now[128];
			snprintf(now, sizeof(now), "%lld:%s", size, hex);
			if (strcmp(now, r->state))
				finding(v, "%s: changed outside ejournal since history entry %ld", v->files[i], r->seq);
		}
	}
	for (i = 0; i < v->nrec; i++) {
		size_t k;
		int present = 0;
		if (i + 1 < v->nrec && !strcmp(v->rec[i].rel, v->rec[i + 1].rel))
			continue;
		for (k = 0; k < v->nfiles && !present; k++)
			present = !strcmp(v->files[k], v->rec[i].rel);
		if (!present)
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
	for (i = 0; i < v.nfiles; i++)
		check_file(&v, v.files[i]);
	check_hashes(&v);
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
