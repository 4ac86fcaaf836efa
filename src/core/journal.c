/* Opening the journal and loading its files; everything else builds on this. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "journal.h"
#include "calendar.h"
#include "schema.h"
#include "../store/applog.h"
#include "../store/fsutil.h"
#include "../store/txn.h"
#include "../util/xalloc.h"

int year_check(const char *y, struct err *e)
{
	int a, b, n = 0;

	if (sscanf(y, "%4d-%4d%n", &a, &b, &n) != 2 || n != 9 || (int)strlen(y) != 9 ||
	    b != a + 1 || a < 2000 || a > 2100)
		return err_set(e, EX_USAGE_, "invalid academic year '%s' (expected like 2023-2024)", y);
	return 0;
}

int journal_find_root(const char *dir, char **root, struct err *e)
{
	char cwd[PATH_MAX], *p, *cfg;
	const char *env = getenv("EJOURNAL_DIR");

	if (dir || (env && *env)) {
		const char *d = dir ? dir : env;
		cfg = xasprintf("%s/ejournal.yaml", d);
		if (!file_exists(cfg)) {
			free(cfg);
			return err_set(e, EX_NOINPUT_, "'%s' is not a journal (no ejournal.yaml); create one with 'ejournal init'", d);
		}
		free(cfg);
		*root = xstrdup(d);
		return 0;
	}
	if (!getcwd(cwd, sizeof(cwd)))
		return err_set(e, EX_IOERR_, "cannot get the current directory: %s", strerror(errno));
	for (;;) {
		cfg = xasprintf("%s/ejournal.yaml", cwd);
		if (file_exists(cfg)) {
			free(cfg);
			*root = xstrdup(cwd);
			return 0;
		}
		free(cfg);
		p = strrchr(cwd, '/');
		if (!p || p == cwd)
			break;
		*p = '\0';
	}
	return err_set(e, EX_NOINPUT_, "not inside a journal: use -C DIR or set EJOURNAL_DIR");
}

/* 1 when two lstats are of the same file, unchanged: a journal file is changed by
 * replacing it (txn), which gives it a new inode and times. */
static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* "ejournal.yaml:LINE" for a node read from the file; set ones have no line. */
static const char *where(const struct ynode *n)
{
	static char buf[64];

	if (n && n->line > 0)
		snprintf(buf, sizeof(buf), "ejournal.yaml:%d", n->line);
	else
		snprintf(buf, sizeof(buf), "ejournal.yaml");
	return buf;
}

static int int_opt(const struct ynode *m, const char *key, int def, int min, int max, int *out,
		   struct err *e)
{
	const struct ynode *n = ynode_get(m, key);
	char *end;
	long v;

	*out = def;
	if (!n)
		return 0;
	v = n->type == Y_SCALAR ? strtol(n->value, &end, 10) : 0;
	if (n->type != Y_SCALAR || *end || end == n->value || v < min || v > max)
		return err_set(e, EX_CONFIG_, "%s: policy %s must be a whole number %d..%d",
			       where(n), key, min, max);
	*out = (int)v;
	return 0;
}

static int num_opt(const struct ynode *m, const char *key, double def, double min, double max,
		   double *out, struct err *e)
{
	const struct ynode *n = ynode_get(m, key);
	char *end;
	double v;

	*out = def;
	if (!n)
		return 0;
	v = n->type == Y_SCALAR ? strtod(n->value, &end) : 0;
	if (n->type != Y_SCALAR || *end || end == n->value || v < min || v > max)
		return err_set(e, EX_CONFIG_, "%s: policy %s must be a number %g..%g",
			       where(n), key, min, max);
	*out = v;
	return 0;
}

static int bool_opt(const struct ynode *m, const char *key, int def, int *out, struct err *e)
{
	const struct ynode *n = ynode_get(m, key);

	*out = def;
	if (!n)
		return 0;
	if (n->type == Y_SCALAR && (!strcmp(n->value, "true") || !strcmp(n->value, "false"))) {
		*out = n->value[0] == 't';
		return 0;
	}
	return err_set(e, EX_CONFIG_, "%s: policy %s must be true or false", where(n), key);
}

static int read_policy(struct journal *j, struct err *e)
{
	const struct ynode *pol = ynode_get(j->config, "policy"), *g;
	struct policy *p = &j->policy;
	const char *avg;
	size_t i;

	memset(p, 0, sizeof(*p));
	if (pol && pol->type != Y_MAP)
		return err_set(e, EX_CONFIG_, "%s: policy must be a mapping", where(pol));
	g = ynode_get(pol, "no_marks_grades");
	if (!g) {
		p->no_marks_grades[1] = 1;
	} else if (g->type != Y_SEQ) {
		return err_set(e, EX_CONFIG_, "%s: no_marks_grades must be a list like [1]", where(g));
	} else {
		for (i = 0; i < g->n; i++) {
			int v = g->items[i]->type == Y_SCALAR ? atoi(g->items[i]->value) : 0;
			if (v < 1 || v > 11)
				return err_set(e, EX_CONFIG_, "%s: no_marks_grades holds grades 1..11",
					       where(g->items[i]));
			p->no_marks_grades[v] = 1;
		}
	}
	if (int_opt(pol, "entry_window_days", 0, 0, 365, &p->entry_window_days, e) < 0 ||
	    num_opt(pol, "topic_deadline_hours", 1, 0, 240, &p->topic_deadline_hours, e) < 0 ||
	    int_opt(pol, "control_marks_days", 3, 0, 60, &p->control_marks_days, e) < 0 ||
	    int_opt(pol, "min_marks_many", 5, 1, 50, &p->min_marks_many, e) < 0 ||
	    int_opt(pol, "final_deadline_days", 2, 0, 60, &p->final_deadline_days, e) < 0 ||
	    int_opt(pol, "group_fix_days", 3, 0, 60, &p->group_fix_days, e) < 0 ||
	    num_opt(pol, "round_at", 0.5, 0.01, 0.99, &p->round_at, e) < 0)
		return -1;
	/* Period marks are entered in days that open before they are due: a
	 * deadline of more than a week before the end gets a window holding it,
	 * unless the journal sets its own. */
	g = ynode_get(pol, "final_window_days");
	if (int_opt(pol, "final_window_days", p->final_deadline_days > 7 ? p->final_deadline_days : 7, 0, 366,
		    &p->final_window_days, e) < 0)
		return -1;
	if (p->final_window_days < p->final_deadline_days)
		return err_set(e, EX_CONFIG_, "%s: policy final_window_days (%d) must be at least final_deadline_days (%d): "
			       "the days period marks are entered must open before they are due", where(g),
			       p->final_window_days, p->final_deadline_days);
	if (bool_opt(pol, "russian_records", 0, &p->russian_records, e) < 0)
		return -1;
	p->foreign_languages = ynode_get(pol, "foreign_languages");
	g = p->foreign_languages;
	if (g && g->type != Y_SEQ)
		return err_set(e, EX_CONFIG_, "%s: foreign_languages must be a list of subjects like [eng]", where(g));
	for (i = 0; g && i < g->n; i++)
		if (g->items[i]->type != Y_SCALAR)
			return err_set(e, EX_CONFIG_, "%s: foreign_languages must be a list of subjects like [eng]",
				       where(g->items[i]));
	avg = ynode_str(pol, "average");
	if (avg && strcmp(avg, "arithmetic") && strcmp(avg, "weighted"))
		return err_set(e, EX_CONFIG_, "ejournal.yaml: policy average must be arithmetic or weighted, not '%s'", avg);
	p->weighted = avg && !strcmp(avg, "weighted");
	p->weights = ynode_get(pol, "weights");
	if (p->weights && p->weights->type != Y_MAP)
		return err_set(e, EX_CONFIG_, "%s: weights must map a kind of work to a number",
			       where(p->weights));
	if (int_opt(ynode_get(j->config, "meals"), "check_period", 2, 1, 12, &j->meals_check_period, e) < 0)
		return -1;
	j->meals_responsible = ynode_str(ynode_get(j->config, "meals"), "responsible");
	return 0;
}

/* "closed:" maps each closed year to how it was closed: {at, by, order}. */
static int check_closed(const struct ynode *closed, struct err *e)
{
	size_t i;

	if (!closed)
		return 0;
	if (closed->type != Y_MAP)
		return err_set(e, EX_CONFIG_, "%s: closed must map years to {at, by, order}", where(closed));
	for (i = 0; i < closed->n; i++)
		if (year_check(closed->keys[i], e) < 0 || closed->items[i]->type != Y_MAP ||
		    !ynode_str(closed->items[i], "at") || !ynode_str(closed->items[i], "by"))
			return err_set(e, EX_CONFIG_, "%s: closed must map years to {at, by, order}",
				       where(closed->items[i]));
	return 0;
}

int journal_year_closed(const struct journal *j, const char *year, struct year_closure *c)
{
	const struct ynode *y = ynode_get(ynode_get(j->config, "closed"), year);
	const char *order;

	if (!y || y->type != Y_MAP)
		return 0;
	if (c) {
		order = ynode_str(y, "order");
		c->at = ynode_str(y, "at") ? ynode_str(y, "at") : "";
		c->by = ynode_str(y, "by") ? ynode_str(y, "by") : "";
		c->order = order ? order : "";
	}
	return 1;
}

/* Checks j->config and fills the fields derived from it; year_opt overrides the
 * configured year. */
static int apply_config(struct journal *j, const char *year_opt, struct err *e)
{
	const char *fmt, *year;
	const struct ynode *school;
	char *ydir;
	int rc;

	fmt = ynode_str(j->config, "format");
	if (!fmt)
		return err_set(e, EX_CONFIG_, "ejournal.yaml: no 'format:'; is this an ejournal journal?");
	if (atoi(fmt) > EJ_FORMAT)
		return err_set(e, EX_CONFIG_, "ejournal.yaml: format %s is newer than this ejournal understands (%d); install a newer ejournal",
			       fmt, EJ_FORMAT);
	if (atoi(fmt) < 1)
		return err_set(e, EX_CONFIG_, "ejournal.yaml: invalid format '%s'", fmt);
	school = ynode_get(j->config, "school");
	if (school && school->type != Y_MAP)
		return err_set(e, EX_CONFIG_, "%s: school must be a mapping", where(school));
	j->school_name = ynode_str(school, "name") ? ynode_str(school, "name") : "";
	j->school_short = ynode_str(school, "short") ? ynode_str(school, "short") : j->school_name;
	j->director = ynode_str(school, "director");
	if (read_policy(j, e) < 0 || check_closed(ynode_get(j->config, "closed"), e) < 0)
		return -1;
	year = year_opt ? year_opt : ynode_str(j->config, "year");
	if (!year)
		return err_set(e, EX_CONFIG_, "ejournal.yaml: no 'year:' (the current academic year, like 2023-2024)");
	if (year_check(year, e) < 0) {
		if (!year_opt)
			e->code = EX_CONFIG_;
		return -1;
	}
	free(j->year);
	j->year = xstrdup(year);
	ydir = xasprintf("years/%s", year);
	if (j->fs.fd >= 0) {
		rc = jfs_is_dir(&j->fs, ydir);
	} else {
		char *abs = journal_abs(j, ydir);
		rc = dir_exists(abs);
		free(abs);
	}
	free(ydir);
	if (!rc)
		return err_set(e, year_opt ? EX_NOINPUT_ : EX_CONFIG_, "the journal has no year %s", year);
	return 0;
}

/* journal_yaml, and the stat of the file read in *st: *known is 1 when it is a
 * regular file. */
static int yaml_stat(const struct journal *j, const char *rel, struct ynode **root, struct stat *st, int *known,
		     struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int fd = jfs_openat(&j->fs, rel, O_RDONLY, 0), rc;

	*known = 0;
	if (fd < 0)
		return jfs_error(rel, errno, EX_IOERR_, "open", e);
	*known = fstat(fd, st) == 0 && S_ISREG(st->st_mode);
	rc = read_fd(fd, rel, &sb, e);
	if (rc == 0)
		rc = yaml_load_buf(rel, sb.buf, sb.len, root, e);
	sb_release(&sb);
	return rc;
}

int journal_open(struct journal *j, const char *root, const char *year_opt, struct err *e)
{
	memset(j, 0, sizeof(*j));
	j->root = xstrdup(root);
	if (jfs_open(&j->fs, root, e) < 0)
		return -1;
	output_guard(j->fs.dev, j->fs.ino);
	if (yaml_stat(j, "ejournal.yaml", &j->config, &j->config_st, &j->config_known, e) < 0 ||
	    apply_config(j, year_opt, e) < 0)
		return -1;
	return clock_init(&j->clock, e);
}

int journal_reload(struct journal *j, const char *year_opt, struct err *e)
{
	struct ynode *config;
	struct stat st;

	/* Unchanged since it was read (a change replaces the file): the tree in
	 * hand is the file's; the year it names is checked again. */
	if (j->config && j->config_known && jfs_stat(&j->fs, "ejournal.yaml", &st) == 0 &&
	    same_file(&st, &j->config_st))
		return apply_config(j, year_opt, e);
	if (yaml_stat(j, "ejournal.yaml", &config, &st, &j->config_known, e) < 0)
		return -1;
	ynode_free(j->config);
	j->config = config;
	j->config_st = st;
	return apply_config(j, year_opt, e);
}

int journal_yaml(const struct journal *j, const char *rel, struct ynode **root, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = jfs_read(&j->fs, rel, &sb, e);

	if (rc == 0)
		rc = yaml_load_buf(rel, sb.buf, sb.len, root, e);
	sb_release(&sb);
	return rc;
}

/* year.yaml is asked for by most commands several times (the refusals of a
 * statement, its heading, each class, a background job): it is parsed once per
 * process and each caller gets a copy of its own. An entry holds while the file
 * is the same (its lstat); one changed since (a writer in this process, another
 * writer) is parsed anew. Only a calendar parsed without a problem is kept, so a
 * damaged file says so every time. The cache may be asked from background jobs:
 * it is kept under a lock. journal_close empties it. */
struct calendar_entry {
	char *rel;
	struct stat st;
	struct calendar cal;
};

static struct calendar_entry *calendars;
static size_t ncalendars, acalendars;
static pthread_mutex_t calendars_lock = PTHREAD_MUTEX_INITIALIZER;

/* The entry of rel, or NULL. Called with calendars_lock held. */
static struct calendar_entry *calendar_entry(const char *rel)
{
	size_t i;

	for (i = 0; i < ncalendars; i++)
		if (!strcmp(calendars[i].rel, rel))
			return &calendars[i];
	return NULL;
}

static void calendars_free(void)
{
	size_t i;

	pthread_mutex_lock(&calendars_lock);
	for (i = 0; i < ncalendars; i++) {
		free(calendars[i].rel);
		calendar_free(&calendars[i].cal);
	}
	free(calendars);
	calendars = NULL;
	ncalendars = acalendars = 0;
	pthread_mutex_unlock(&calendars_lock);
}

int journal_calendar(const struct journal *j, const char *year, struct calendar *cal, struct err *e)
{
	char *rel = xasprintf("years/%s/year.yaml", year);
	struct calendar_entry *c;
	struct ynode *y;
	struct stat st;
	int rc, known;

	pthread_mutex_lock(&calendars_lock);
	known = calendar_entry(rel) != NULL;
	pthread_mutex_unlock(&calendars_lock);
	if (known && jfs_stat(&j->fs, rel, &st) == 0) {
		pthread_mutex_lock(&calendars_lock);
		c = calendar_entry(rel);
		if (c && same_file(&c->st, &st)) {
			calendar_copy(cal, &c->cal);
			pthread_mutex_unlock(&calendars_lock);
			free(rel);
			return 0;
		}
		pthread_mutex_unlock(&calendars_lock);
	}
	rc = yaml_stat(j, rel, &y, &st, &known, e);
	memset(cal, 0, sizeof(*cal));
	if (rc == 0) {
		rc = calendar_parse(cal, y, rel, year, e);
		ynode_free(y);
	}
	if (rc == 0 && known) {
		pthread_mutex_lock(&calendars_lock);
		c = calendar_entry(rel);
		if (c) {
			calendar_free(&c->cal);
		} else {
			ALLOC_GROW(calendars, ncalendars + 1, acalendars);
			c = &calendars[ncalendars++];
			c->rel = xstrdup(rel);
		}
		c->st = st;
		calendar_copy(&c->cal, cal);
		pthread_mutex_unlock(&calendars_lock);
	}
	free(rel);
	return rc;
}

int journal_config_check(const char *root, struct ynode *config, struct err *e)
{
	struct journal tmp;
	int rc;

	memset(&tmp, 0, sizeof(tmp));
	tmp.fs.fd = -1;
	tmp.root = (char *)root;
	tmp.config = config;
	rc = apply_config(&tmp, NULL, e);
	free(tmp.year);
	return rc;
}

void journal_close(struct journal *j)
{
	calendars_free();
	jfs_close(&j->fs);
	ynode_free(j->config);
	free(j->root);
	free(j->year);
	memset(j, 0, sizeof(*j));
}

/* The concatenation of the n strings of parts, a new string: the paths of the
 * files a statement reads are made for every class, without printf's parsing. */
static char *concat(const char *const *parts, size_t n)
{
	size_t len[6], total = 0, i;
	char *s, *p;

	for (i = 0; i < n; i++)
		total += len[i] = strlen(parts[i]);
	p = s = xmalloc(total + 1);
	for (i = 0; i < n; i++) {
		memcpy(p, parts[i], len[i]);
		p += len[i];
	}
	*p = '\0';
	return s;
}

char *year_rel(const struct journal *j, const char *rel)
{
	const char *parts[] = { "years/", j->year, "/", rel };
	return concat(parts, 4);
}

char *class_rel(const struct journal *j, const char *cls, const char *rel)
{
	const char *parts[] = { "years/", j->year, "/classes/", cls, "/", rel };
	return concat(parts, 6);
}

char *journal_abs(const struct journal *j, const char *rel)
{
	return xasprintf("%s/%s", j->root, rel);
}

int journal_load(const struct journal *j, const char *schema, const char *rel, int missing_ok,
		 struct table *t, struct err *e)
{
	return journal_load_filter(j, schema, rel, missing_ok, NULL, t, e);
}

/* Reads the journal file rel whole: an append-only log under its own lock
 * (store/applog.h), so that no half-appended line is read. */
static int journal_read(const struct journal *j, const char *rel, struct strbuf *sb, struct err *e)
{
	if (applog_is_log(rel))
		return applog_read(&j->fs, rel, sb, e);
	return jfs_read(&j->fs, rel, sb, e);
}

/* A ledger's torn last line is dropped (and its cut staged in a writer's txn);
 * *missing is set when nothing is left. */
static void drop_torn(const struct journal *j, const struct schema *s, const char *rel, struct strbuf *sb,
		      int *missing)
{
	if ((s->ledger || applog_is_log(rel)) && sb->len && sb->buf[sb->len - 1] != '\n') {
		/* Every row the tool writes ends with its newline: a line without one
		 * is a write that never finished, and no one was told it succeeded. */
		size_t keep = sb->len;
		while (keep && sb->buf[keep - 1] != '\n')
			keep--;
		sb_setlen(sb, keep);
		if (j->txn && s->ledger)
			txn_cut(j->txn, rel);
		*missing = keep == 0;
	}
}

/* Reads a journal file for a loader: a missing one is NULL in *missing; a
 * ledger's torn last line is dropped (and its cut staged in a writer's txn). */
static int read_for_load(const struct journal *j, const struct schema *s, const char *rel, struct strbuf *sb,
			 int *missing, struct err *e)
{
	*missing = 0;
	if (journal_read(j, rel, sb, e) < 0) {
		if (e->code != EX_NOINPUT_)
			return -1;
		*missing = 1;
		return 0;
	}
	drop_torn(j, s, rel, sb, missing);
	return 0;
}

/* Loads the rows of sb, rel as read_for_load read it, and releases sb. */
static int load_text(const struct schema *s, const char *rel, struct strbuf *sb, int missing, int missing_ok,
		     const struct csv_filter *filter, struct table *t, struct err *e)
{
	struct strbuf problems = STRBUF_INIT;
	int n;

	if (missing) {
		sb_release(sb);
		if (!missing_ok)
			return err_set(e, EX_NOINPUT_, "the journal has no %s; load it with 'ejournal import'", rel);
		schema_table(s, t);
		return 0;
	}
	n = schema_load_buf(s, sb->buf, sb->len, rel, CSV_JOURNAL, filter, t, &problems, e);
	sb_release(sb);
	return journal_load_verdict(n, &problems, t, e);
}

int journal_load_filter(const struct journal *j, const char *schema, const char *rel, int missing_ok,
			const struct csv_filter *filter, struct table *t, struct err *e)
{
	const struct schema *s = schema_get(schema);
	struct strbuf sb = STRBUF_INIT;
	int missing;

	if (!s)
		BUG("no schema '%s'", schema);
	if (read_for_load(j, s, rel, &sb, &missing, e) < 0) {
		sb_release(&sb);
		return -1;
	}
	return load_text(s, rel, &sb, missing, missing_ok, filter, t, e);
}

int journal_load_fd(const struct journal *j, const char *schema, const char *rel, int fd,
		    const struct csv_filter *filter, struct table *t, struct err *e)
{
	const struct schema *s = schema_get(schema);
	struct strbuf sb = STRBUF_INIT;
	int missing = 0;

	if (!s)
		BUG("no schema '%s'", schema);
	if (read_fd(fd, rel, &sb, e) < 0) {
		sb_release(&sb);
		return -1;
	}
	drop_torn(j, s, rel, &sb, &missing);
	return load_text(s, rel, &sb, missing, 1, filter, t, e);
}

int journal_load_verdict(int n, struct strbuf *problems, struct table *t, struct err *e)
{
	if (n > 0) {
		char *nl = strchr(problems->buf, '\n');
		if (nl)
			*nl = '\0';
		err_set(e, EX_DATAERR_, "%s (run 'ejournal verify' for every problem)", problems->buf);
		table_free(t);
	}
	sb_release(problems);
	return n == 0 ? 0 : -1;
}

int journal_load_all(const struct journal *j, const char *schema, const char *rel, struct table *t,
		     struct strbuf *problems, struct err *e)
{
	const struct schema *s = schema_get(schema);
	struct strbuf sb = STRBUF_INIT;
	size_t keep;
	int n, torn = 0;

	if (!s)
		BUG("no schema '%s'", schema);
	if (journal_read(j, rel, &sb, e) < 0) {
		sb_release(&sb);
		return -1;
	}
	keep = sb.len;
	if (applog_is_log(rel) && keep && sb.buf[keep - 1] != '\n') {
		/* The log's appender cuts it before it appends: say so, and check
		 * the whole lines. */
		size_t i;
		while (keep && sb.buf[keep - 1] != '\n')
			keep--;
		for (i = 0, torn = 1; i < keep; i++)
			torn += sb.buf[i] == '\n';
		sb_setlen(&sb, keep);
	}
	n = schema_load_buf(s, sb.buf, sb.len, rel, CSV_JOURNAL, NULL, t, problems, e);
	sb_release(&sb);
	if (n >= 0 && torn) {
		sb_addf(problems, "%s:%d: incomplete last line (an append interrupted by a crash; the next one cuts it)\n",
			rel, torn);
		n++;
	}
	return n;
}

void journal_stage_table(struct txn *txn, const char *rel, const struct table *t)
{
	struct strbuf sb = STRBUF_INIT;

	table_write(t, &sb);
	txn_replace(txn, rel, sb.buf, sb.len);
	sb_release(&sb);
}

const char *journal_now(const struct journal *j)
{
	static char buf[32];
	return clock_fmt(&j->clock, buf);
}

int policy_no_marks(const struct policy *p, int grade)
{
	return grade >= 1 && grade <= 11 && p->no_marks_grades[grade];
}

const char *journal_deputy(const struct journal *j)
{
	const struct ynode *school = ynode_get(j->config, "school");
	const struct ynode *deps = school ? ynode_get(school, "deputies") : NULL;

	if (deps && deps->type == Y_SEQ && deps->n && deps->items[0]->type == Y_SCALAR)
		return deps->items[0]->value;
	return NULL;
}

const char *journal_pdf_font(const struct journal *j)
{
	const struct ynode *pdf = ynode_get(j->config, "pdf");
	const struct ynode *font = pdf ? ynode_get(pdf, "font") : NULL;

	return font && font->type == Y_SCALAR && *font->value ? font->value : NULL;
}
