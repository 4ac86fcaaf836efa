/* The class model of the daily journal, built from the year's files. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "school.h"
#include "columns.h"
#include "schema.h"
#include "ledger.h"
#include "../util/xalloc.h"

/* The year-wide files (classes, curriculum, timetable, year.yaml) are the same for
 * every class: a whole-school statement would otherwise parse and check them once
 * per class. Each is loaded once per process and shared by every struct klass; a
 * file changed since (same process, after a write) is loaded anew, and the old
 * copy stays alive for the classes still pointing into it. A whole-school
 * statement loads its classes on two threads (report.c rep_classes_run): the
 * list of them is kept under a lock. */
struct year_file {
	char *path;
	struct stat st;
	struct table t;
	struct calendar cal;
	struct class_row *by_class;	/* t's rows by class, made when first asked */
};

/* A row of a year-wide file and its class, sorted by class, then row. */
struct class_row {
	const char *cls;
	size_t row;
};

static struct year_file *year_files;
static size_t nyear_files, ayear_files;
static pthread_mutex_t year_files_lock = PTHREAD_MUTEX_INITIALIZER;

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* The cached entry of rel if the file is unchanged (or still missing), else NULL. */
static const struct year_file *year_file_cached(const struct journal *j, const char *path, struct stat *st)
{
	size_t i;

	if (jfs_stat(&j->fs, path, st) < 0)
		memset(st, 0, sizeof(*st));
	for (i = nyear_files; i-- > 0;)
		if (!strcmp(year_files[i].path, path))
			return same_file(&year_files[i].st, st) ? &year_files[i] : NULL;
	return NULL;
}

static struct year_file *year_file_add(const char *path, const struct stat *st)
{
	struct year_file *f;

	ALLOC_GROW(year_files, nyear_files + 1, ayear_files);
	f = &year_files[nyear_files++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->st = *st;
	return f;
}

static int year_table(const struct journal *j, const char *schema, const char *file, struct table *t,
		      struct err *e)
{
	char *rel = year_rel(j, file);
	const struct year_file *c;
	struct table fresh;
	struct stat st;
	int rc = 0;

	pthread_mutex_lock(&year_files_lock);
	c = year_file_cached(j, rel, &st);
	if (c) {
		*t = c->t;
	} else if ((rc = journal_load(j, schema, rel, 1, &fresh, e)) == 0) {
		struct year_file *f = year_file_add(rel, &st);
		f->t = fresh;
		*t = fresh;
	}
	pthread_mutex_unlock(&year_files_lock);
	free(rel);
	return rc;
}

static int year_calendar(const struct journal *j, struct calendar *cal, struct err *e)
{
	char *rel = year_rel(j, "year.yaml");
	const struct year_file *c;
	struct calendar fresh;
	struct stat st;
	int rc = 0;

	pthread_mutex_lock(&year_files_lock);
	c = year_file_cached(j, rel, &st);
	if (c) {
		*cal = c->cal;
	} else if ((rc = journal_calendar(j, j->year, &fresh, e)) == 0) {
		struct year_file *f = year_file_add(rel, &st);
		f->cal = fresh;
		*cal = fresh;
	}
	pthread_mutex_unlock(&year_files_lock);
	free(rel);
	return rc;
}

/* Only the rows of class cls of a year-wide file, into a table of the caller's: a
 * line that does not hold the class's name is skipped unparsed, so a command about
 * one class reads the large school's timetable at the cost of a scan, and a broken
 * row of another class does not stop it (verify still reports it). */
static int year_table_of_class(const struct journal *j, const char *schema, const char *file, const char *cls,
			       struct table *t, struct err *e)
{
	const struct schema *s = schema_get(schema);
	const char *values[1];
	struct csv_filter f;
	char *rel;
	int rc;

	values[0] = cls;
	f.prefix = NULL;
	f.col = s ? schema_col(s, "class") : -1;
	f.values = values;
	f.nvalues = 1;
	if (f.col < 0)
		BUG("%s has no class column to filter on", schema);
	rel = year_rel(j, file);
	rc = ledger_load_mapped(j, schema, rel, &f, t, e);
	free(rel);
	return rc;
}

/* A year-wide file: the process's shared copy of every class's rows, or (alone; own,
 * but for classes.csv) a copy of the class's own rows that k owns. */
static int klass_year_table(const struct journal *j, const struct klass *k, const char *schema,
			    const char *file, struct table *t, struct err *e)
{
	if (k->owns_year_rows == KLASS_ALONE || (k->owns_year_rows == KLASS_OWN && strcmp(schema, "classes")))
		return year_table_of_class(j, schema, file, k->cls, t, e);
	return year_table(j, schema, file, t, e);
}

static int cmp_group_entry(const void *pa, const void *pb)
{
	const struct group_entry *a = pa, *b = pb;
	int c = strcmp(a->student, b->student);

	if (!c)
		c = strcmp(a->subject, b->subject);
	if (!c)
		c = a->from < b->from ? -1 : a->from > b->from;
	/* Then file order: of two rows from the same day, the later wins. */
	return c ? c : (a->row < b->row ? -1 : a->row > b->row);
}

/* klass_group_of is asked for every pupil's every group lesson of a statement:
 * the subgroup rows sorted once, so that it looks up a few rows, not all. */
void klass_index_groups(struct klass *k)
{
	int cs = GROUPS_SUBJECT, cst = GROUPS_STUDENT, cf = GROUPS_FROM, cg = GROUPS_GROUP;
	size_t r;

	free(k->gidx);
	k->gidx = xcalloc(k->groups.nrows + 1, sizeof(*k->gidx));
	k->ngidx = k->groups.nrows;
	for (r = 0; r < k->groups.nrows; r++) {
		k->gidx[r].student = table_get(&k->groups, r, cst);
		k->gidx[r].subject = table_get(&k->groups, r, cs);
		k->gidx[r].group = table_get(&k->groups, r, cg);
		k->gidx[r].from = date_parse_iso(table_get(&k->groups, r, cf));
		k->gidx[r].row = r;
	}
	xqsort(k->gidx, k->ngidx, sizeof(*k->gidx), cmp_group_entry);
}

static int cmp_class_row(const void *pa, const void *pb)
{
	const struct class_row *a = pa, *b = pb;
	int c = strcmp(a->cls, b->cls);

	return c ? c : (a->row < b->row ? -1 : a->row > b->row);
}

/* The rows of the process's copy of a year-wide file by class, or NULL when t is
 * not one: made once, so that each class of a whole-school statement finds its
 * rows without a pass over the school's. Called with year_files_lock held. */
static const struct class_row *year_by_class(const struct table *t)
{
	size_t i, r;

	for (i = 0; i < nyear_files && (!t->rows || year_files[i].t.rows != t->rows); i++)
		;
	if (i == nyear_files)
		return NULL;
	if (!year_files[i].by_class) {
		int cc = table_col(t, "class");
		struct class_row *b = xcalloc(t->nrows, sizeof(*b));
		for (r = 0; r < t->nrows; r++) {
			b[r].cls = table_get(t, r, cc);
			b[r].row = r;
		}
		xqsort(b, t->nrows, sizeof(*b), cmp_class_row);
		year_files[i].by_class = b;
	}
	return year_files[i].by_class;
}

/* The indexes of the rows of t whose class is cls, in file order, in a new array. */
static size_t class_rows(const struct table *t, const char *cls, size_t **out)
{
	int cc = table_col(t, "class");
	const struct class_row *b;
	size_t r, n = 0, lo = 0, hi = t->nrows;

	pthread_mutex_lock(&year_files_lock);
	b = year_by_class(t);
	if (b) {
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (strcmp(b[mid].cls, cls) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (hi = lo; hi < t->nrows && !strcmp(b[hi].cls, cls); hi++)
			;
		*out = xcalloc(hi - lo + 1, sizeof(**out));
		for (; lo < hi; lo++)
			(*out)[n++] = b[lo].row;
	}
	pthread_mutex_unlock(&year_files_lock);
	if (b)
		return n;
	*out = xcalloc(t->nrows + 1, sizeof(**out));
	for (r = 0; r < t->nrows; r++)
		if (!strcmp(table_get(t, r, cc), cls))
			(*out)[n++] = r;
	return n;
}

static int klass_load_as(const struct journal *j, const char *cls, int alone, struct klass *k, struct err *e)
{
	char *rel;
	size_t r;
	int cc, found = 0, rc;

	memset(k, 0, sizeof(*k));
	k->cls = xstrdup(cls);
	k->owns_year_rows = alone;
	if (klass_year_table(j, k, "classes", "classes.csv", &k->classes, e) < 0)
		return -1;
	cc = CLASSES_CLASS;
	for (r = 0; r < k->classes.nrows; r++)
		if (!strcmp(table_get(&k->classes, r, cc), cls)) {
			k->grade = atoi(table_get(&k->classes, r, CLASSES_GRADE));
			k->shift = atoi(table_get(&k->classes, r, CLASSES_SHIFT));
			k->class_teacher = table_get(&k->classes, r, CLASSES_CLASS_TEACHER);
			found = 1;
		}
	if (!found)
		return err_set(e, EX_DATAERR_, "there is no class %s in %s", cls, j->year);
	if (klass_year_table(j, k, "curriculum", "curriculum.csv", &k->curriculum, e) < 0 ||
	    klass_year_table(j, k, "timetable", "timetable.csv", &k->timetable, e) < 0)
		return -1;
	/* The curriculum and the timetable are the whole school's: their questions
	 * about this class (hours, teacher, groups, a day's lessons) are asked for
	 * every pupil, subject and day of a statement. */
	k->ncur_rows = class_rows(&k->curriculum, cls, &k->cur_rows);
	k->ntt_rows = class_rows(&k->timetable, cls, &k->tt_rows);
	rel = class_rel(j, cls, "groups.csv");
	rc = journal_load(j, "groups", rel, 1, &k->groups, e);
	free(rel);
	if (rc < 0)
		return -1;
	klass_index_groups(k);
	rel = class_rel(j, cls, "exemptions.csv");
	rc = journal_load(j, "exemptions", rel, 1, &k->exemptions, e);
	free(rel);
	if (rc < 0)
		return -1;
	if (roster_load(j, cls, &k->ro, e) < 0)
		return -1;
	return year_calendar(j, &k->cal, e);
}

int klass_load(const struct journal *j, const char *cls, struct klass *k, struct err *e)
{
	return klass_load_as(j, cls, 0, k, e);
}

int klass_load_alone(const struct journal *j, const char *cls, struct klass *k, struct err *e)
{
	return klass_load_as(j, cls, KLASS_ALONE, k, e);
}

int klass_load_own(const struct journal *j, const char *cls, struct klass *k, struct err *e)
{
	return klass_load_as(j, cls, KLASS_OWN, k, e);
}

void klass_free(struct klass *k)
{
	/* The calendar is shared (year_files), and so are classes, curriculum and
	 * timetable unless the class was loaded alone (curriculum and timetable: own). */
	if (k->owns_year_rows == KLASS_ALONE)
		table_free(&k->classes);
	if (k->owns_year_rows) {
		table_free(&k->curriculum);
		table_free(&k->timetable);
	}
	free(k->cls);
	table_free(&k->groups);
	free(k->gidx);
	free(k->cur_rows);
	free(k->tt_rows);
	table_free(&k->exemptions);
	roster_free(&k->ro);
	memset(k, 0, sizeof(*k));
}

const struct study_period *klass_period_at(const struct klass *k, ej_date date)
{
	return calendar_period_at(&k->cal, k->grade, date);
}

char *klass_ledger_rel(const struct journal *j, const struct klass *k, ej_date date, const char *file,
		       struct err *e)
{
	const struct study_period *p = klass_period_at(k, date);
	char b[11], *sub, *rel;

	if (!p) {
		err_set(e, EX_DATAERR_, "%s is in no study period of grade %d (see year.yaml)", date_fmt(date, b), k->grade);
		return NULL;
	}
	sub = xasprintf("%s/%s", p->id, file);
	rel = class_rel(j, k->cls, sub);
	free(sub);
	return rel;
}

const char *klass_no_school(const struct klass *k, ej_date date)
{
	const struct holiday *h = calendar_holiday(&k->cal, k->grade, date);

	if (h)
		return h->name && *h->name ? h->name : N_("a holiday");
	if (date_weekday(date) > k->cal.days_per_week[k->grade])
		return date_weekday(date) == 7 ? N_("a Sunday") : N_("a day off for this grade");
	if (!klass_period_at(k, date))
		return N_("outside the study periods");
	return NULL;
}

static int cmp_slot(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->period != y->period)
		return x->period - y->period;
	return strcmp(x->group, y->group);
}

struct slot *klass_slots(const struct klass *k, ej_date date, size_t *n)
{
	const struct table *t = &k->timetable;
	int cf = TIMETABLE_VALID_FROM, cto = TIMETABLE_VALID_TO, cw = TIMETABLE_WEEKDAY, cp = TIMETABLE_PERIOD,
	    cs = TIMETABLE_SUBJECT, cg = TIMETABLE_GROUP, ct = TIMETABLE_TEACHER, cr = TIMETABLE_ROOM;
	struct slot *out = xcalloc(k->ntt_rows + 1, sizeof(*out));
	int wd = date_weekday(date);
	size_t i;

	*n = 0;
	if (klass_no_school(k, date))
		return out;
	for (i = 0; i < k->ntt_rows; i++) {
		size_t r = k->tt_rows[i];
		if (atoi(table_get(t, r, cw)) != wd || date < date_parse_iso(table_get(t, r, cf)) ||
		    date > date_parse_iso(table_get(t, r, cto)))
			continue;
		out[*n].period = atoi(table_get(t, r, cp));
		out[*n].subject = table_get(t, r, cs);
		out[*n].group = table_get(t, r, cg);
		out[*n].teacher = table_get(t, r, ct);
		out[*n].room = table_get(t, r, cr);
		(*n)++;
	}
	xqsort(out, *n, sizeof(*out), cmp_slot);
	return out;
}

int klass_subject_has_groups(const struct klass *k, const char *subject)
{
	const struct table *t = &k->curriculum;
	int cs = CURRICULUM_SUBJECT, cg = CURRICULUM_GROUP;
	size_t i;

	for (i = 0; i < k->ncur_rows; i++)
		if (!strcmp(table_get(t, k->cur_rows[i], cs), subject) && *table_get(t, k->cur_rows[i], cg))
			return 1;
	return 0;
}

static long curriculum_row(const struct klass *k, const char *subject, const char *group)
{
	const struct table *t = &k->curriculum;
	int cs = CURRICULUM_SUBJECT, cg = CURRICULUM_GROUP;
	size_t i;

	for (i = 0; i < k->ncur_rows; i++)
		if (!strcmp(table_get(t, k->cur_rows[i], cs), subject) && !strcmp(table_get(t, k->cur_rows[i], cg), group))
			return (long)k->cur_rows[i];
	return -1;
}

int klass_teaches(const struct klass *k, const char *subject, const char *group)
{
	return curriculum_row(k, subject, group) >= 0;
}

const char *klass_teacher_of(const struct klass *k, const char *subject, const char *group)
{
	long r = curriculum_row(k, subject, group);
	return r < 0 ? "" : table_get(&k->curriculum, (size_t)r, CURRICULUM_TEACHER);
}

double klass_hours(const struct klass *k, const char *subject)
{
	const struct table *t = &k->curriculum;
	int cs = CURRICULUM_SUBJECT, ch = CURRICULUM_HOURS_PER_WEEK;
	size_t i;

	for (i = 0; i < k->ncur_rows; i++)
		if (!strcmp(table_get(t, k->cur_rows[i], cs), subject))
			return atof(table_get(t, k->cur_rows[i], ch));
	return 0;
}

const char *klass_group_of(const struct klass *k, const char *subject, const char *student, ej_date date)
{
	size_t lo = 0, hi = k->ngidx;
	const char *best = "";

	/* The first entry of (student, subject), then the last of them from before
	 * date on: the same answer as groups_on over the table. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(k->gidx[mid].student, student);
		if (!c)
			c = strcmp(k->gidx[mid].subject, subject);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < k->ngidx && !strcmp(k->gidx[lo].student, student) && !strcmp(k->gidx[lo].subject, subject); lo++)
		if (k->gidx[lo].from <= date)
			best = k->gidx[lo].group;
	return best;
}

const char *groups_on(const struct table *g, const char *subject, const char *student, ej_date date)
{
	int cs = GROUPS_SUBJECT, cst = GROUPS_STUDENT, cf = GROUPS_FROM, cg = GROUPS_GROUP;
	const char *best = "";
	ej_date best_from = DATE_NONE;
	size_t r;

	for (r = 0; r < g->nrows; r++) {
		ej_date f;
		/* Asked for every pupil's every group lesson: the date only of a match. */
		if (strcmp(table_get(g, r, cst), student) || strcmp(table_get(g, r, cs), subject))
			continue;
		f = date_parse_iso(table_get(g, r, cf));
		if (f > date)
			continue;
		if (f >= best_from) {
			best_from = f;
			best = table_get(g, r, cg);
		}
	}
	return best;
}

long klass_exemption(const struct klass *k, const char *student, const char *subject, ej_date from, ej_date to)
{
	const struct table *t = &k->exemptions;
	int cst = EXEMPTIONS_STUDENT, cs = EXEMPTIONS_SUBJECT, cf = EXEMPTIONS_FROM, cto = EXEMPTIONS_TO;
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if (!strcmp(table_get(t, r, cst), student) && !strcmp(table_get(t, r, cs), subject) &&
		    date_parse_iso(table_get(t, r, cf)) <= to && date_parse_iso(table_get(t, r, cto)) >= from)
			return (long)r;
	return -1;
}

int klass_lesson_end(const struct klass *k, int period)
{
	int shift = k->shift >= 1 && k->shift <= 3 ? k->shift : 1;

	if (period < 1 || (size_t)period > k->cal.nbells[shift])
		return -1;
	return k->cal.bells[shift][period - 1].end;
}

int klass_last_bell(const struct klass *k, ej_date date)
{
	size_t n, i;
	struct slot *s = klass_slots(k, date, &n);
	int last = 0;

	for (i = 0; i < n; i++)
		if (s[i].period > last)
			last = s[i].period;
	free(s);
	return last ? klass_lesson_end(k, last) : -1;
}

int klass_bell_start(const struct klass *k, int period)
{
	int shift = k->shift >= 1 && k->shift <= 3 ? k->shift : 1;

	if (period < 1 || (size_t)period > k->cal.nbells[shift])
		return -1;
	return k->cal.bells[shift][period - 1].start;
}

long klass_planned(const struct klass *k, const char *subject, const char *group, ej_date from, ej_date to)
{
	long n = 0;

	klass_planned_each(k, from, to, 1, &subject, &group, &n);
	return n;
}

void klass_planned_each(const struct klass *k, ej_date from, ej_date to, size_t n, const char *const *subjects,
			const char *const *groups, long *counts)
{
	ej_date day;
	size_t j;

	for (j = 0; j < n; j++)
		counts[j] = 0;
	for (day = from; day <= to; day++) {
		size_t ns, i;
		struct slot *s = klass_slots(k, day, &ns);
		for (i = 0; i < ns; i++)
			for (j = 0; j < n; j++)
				if (!strcmp(s[i].subject, subjects[j]) && !strcmp(s[i].group, groups[j]))
					counts[j]++;
		free(s);
	}
}

const char *subject_name_of(const struct table *subjects, const char *subject)
{
	long row = table_find(subjects, "id", subject);
	return row >= 0 ? table_get(subjects, (size_t)row, SUBJECTS_NAME) : subject;
}

const char *subject_short_name_of(const struct table *subjects, const char *subject)
{
	long row = table_find(subjects, "id", subject);
	const char *s = row >= 0 ? table_get(subjects, (size_t)row, SUBJECTS_SHORT) : "";

	return *s ? s : subject;
}

/* The study period of grade holding day, or NULL. */
static const struct study_period *period_of_grade(const struct calendar *cal, int grade, ej_date day)
{
	size_t i;

	for (i = 0; i < cal->nperiods; i++)
		if (grade >= cal->periods[i].gmin && grade <= cal->periods[i].gmax && cal->periods[i].from <= day &&
		    day <= cal->periods[i].to)
			return &cal->periods[i];
	return NULL;
}

long klass_arrivals(const struct journal *j, const struct klass *k, ej_date from, ej_date to, struct arrival **out,
		    struct err *e)
{
	struct arrival *a = NULL;
	size_t n = 0, alloc = 0, r, c;
	int any = 0;

	*out = NULL;
	for (r = 0; r < k->ro.t.nrows && !any; r++) {
		ej_date in = date_parse_iso(table_get(&k->ro.t, r, k->ro.c_enrolled));
		any = in > from && in <= to;
	}
	if (!any)
		return 0;	/* nobody came in the span: no roster to read */
	for (c = 0; c < k->classes.nrows; c++) {
		const char *other = table_get(&k->classes, c, CLASSES_CLASS);
		struct roster ro;
		if (!strcmp(other, k->cls))
			continue;
		if (roster_load(j, other, &ro, e) < 0) {
			arrivals_free(a, n);
			return -1;
		}
		for (r = 0; r < k->ro.t.nrows; r++) {
			const char *id = table_get(&k->ro.t, r, k->ro.c_id), *in = table_get(&k->ro.t, r, k->ro.c_enrolled);
			ej_date din = date_parse_iso(in);
			const struct study_period *p;
			long o;
			if (din <= from || din > to || (o = roster_find_id(&ro, id)) < 0 ||
			    strcmp(table_get(&ro.t, (size_t)o, ro.c_left), in))
				continue;
			p = period_of_grade(&k->cal, atoi(table_get(&k->classes, c, CLASSES_GRADE)), din - 1);
			ALLOC_GROW(a, n + 1, alloc);
			a[n].id = xstrdup(id);
			a[n].from_cls = xstrdup(other);
			a[n].last_day = din - 1;
			if (p) {
				char *sub = xasprintf("%s/marks.csv", p->id);
				a[n].marks_rel = class_rel(j, other, sub);
				free(sub);
			} else {
				a[n].marks_rel = NULL;
			}
			n++;
		}
		roster_free(&ro);
	}
	*out = a;
	return (long)n;
}

void arrivals_free(struct arrival *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].id);
		free(a[i].from_cls);
		free(a[i].marks_rel);
	}
	free(a);
}

ej_date klass_last_planned(const struct klass *k, const char *subject, const char *group, ej_date from, ej_date to,
			   int *period)
{
	ej_date day;

	for (day = to; day >= from; day--) {
		size_t ns, i;
		struct slot *s = klass_slots(k, day, &ns);
		int last = 0;
		for (i = 0; i < ns; i++)
			if (!strcmp(s[i].subject, subject) && !strcmp(s[i].group, group) && s[i].period > last)
				last = s[i].period;
		free(s);
		if (last) {
			*period = last;
			return day;
		}
	}
	return DATE_NONE;
}
