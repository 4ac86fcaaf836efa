/* The class model of the daily journal, built from the year's files. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "school.h"
#include "columns.h"
#include "schema.h"
#include "ledger.h"
#include "../util/hash.h"
#include "../util/xalloc.h"

/* The year-wide files (classes, curriculum, timetable, year.yaml) are the same for
 * every class: a whole-school statement would otherwise parse and check them once
 * per class. Each is loaded once per process and shared by every struct klass; a
 * file changed since (same process, after a write) is loaded anew, and the old
 * copy stays alive for the classes still pointing into it. A whole-school
 * statement loads its classes on two threads (report.c rep_classes_run): the
 * list of them is kept under a lock.
 *
 * A statement of the whole school holds instead, of a curriculum or timetable
 * larger than INDEX_MIN, an index of the file by class (klass_load_school):
 * each class reads and parses only its own lines, and frees them with the
 * class, so that the statement's memory does not grow with the school. */
struct year_file {
	char *path;
	struct stat st;
	struct table t;
	struct calendar cal;
	struct class_row *by_class;	/* t's rows by class, made when first asked */
	int indexed;			/* t is not held: spans instead */
	int fd;				/* indexed: the file, open */
	char *header;			/* indexed: its first line, with the line feed */
	size_t hlen;
	struct class_span *spans;	/* indexed: by class, then place in the file */
	size_t nspans;
};

/* Lines of an indexed file that hold the rows of one class, one after another:
 * from the first line of one of its rows to the first of another class's. */
struct class_span {
	char *cls;
	off_t off;
	size_t len;
	int line;			/* the line it begins on */
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
	if (c && !c->indexed) {
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

/* A year-wide file larger than this is indexed rather than held (the large
 * school's timetable, 60 classes, is not); the index's check reads and parses
 * it INDEX_SLICE at a time. */
#define INDEX_MIN (128 * 1024)
#define INDEX_SLICE (32 * 1024)

/* The line feeds of the n bytes at s. */
static int count_lines(const char *s, size_t n)
{
	const char *end = s + n;
	int lines = 0;

	while (s < end && (s = memchr(s, '\n', (size_t)(end - s)))) {
		s++;
		lines++;
	}
	return lines;
}

/* Reads up to n bytes of fd at off into buf: their number, or -1. */
static ssize_t pread_full(int fd, char *buf, size_t n, off_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, buf + got, n - got, off + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (!r)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static int cmp_span(const void *pa, const void *pb)
{
	const struct class_span *a = pa, *b = pb;
	int c = strcmp(a->cls, b->cls);

	return c ? c : (a->off < b->off ? -1 : a->off > b->off);
}

static int cmp_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

static void spans_free(struct class_span *sp, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(sp[i].cls);
	free(sp);
}

/* The hash of row r's key, its fields apart. */
static uint64_t key_hash(const struct schema *s, const struct table *t, size_t r)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < s->nkey; i++) {
		const char *v = table_get(t, r, s->key[i]);
		h = (h ^ str_hash(v)) * 0x100000001b3ULL;
		h = (h ^ 0x1f) * 0x100000001b3ULL;
	}
	return h;
}

/* Indexes the year-wide file rel by class into f, checking every row as
 * journal_load would, a slice of lines at a time (the header before each):
 * nothing of the file is held but the places of each class's lines. 0 when done;
 * 1 when the file must be loaded whole instead: it is missing or empty, or
 * anything in it is wrong, or may be (two keys hash alike) -- journal_load then
 * gives its verdict, the same as ever. */
static int year_index(const struct journal *j, const struct schema *s, const char *rel, const struct stat *st,
		      struct year_file *f)
{
	struct class_span *sp = NULL;
	uint64_t *keys = NULL;
	size_t nsp = 0, asp = 0, nkeys = 0, akeys = 0, hlen, i;
	struct stat fst;
	char *buf = NULL, *nl;
	int fd, cc = schema_col(s, "class"), line = 2, rc = 1, slices;
	off_t pos, size;
	ssize_t n;

	if (cc < 0 || !s->nkey)
		return 1;
	fd = jfs_openat(&j->fs, rel, O_RDONLY, 0);
	if (fd < 0)
		return 1;
	if (fstat(fd, &fst) < 0 || !S_ISREG(fst.st_mode) || !fst.st_size || fst.st_ino != st->st_ino ||
	    fst.st_dev != st->st_dev || fst.st_size != st->st_size)
		goto out;
	size = fst.st_size;
	buf = xmalloc(2 * INDEX_SLICE);	/* the header, then a slice */
	n = pread_full(fd, buf, INDEX_SLICE, 0);
	if (n <= 0 || !(nl = memchr(buf, '\n', (size_t)n)))
		goto out;
	hlen = (size_t)(nl - buf) + 1;
	/* Another header (columns missing, a carriage return): the rows would
	 * need the loader's mapping. */
	if (hlen != strlen(schema_header(s)) || memcmp(buf, schema_header(s), hlen))
		goto out;
	pos = (off_t)hlen;
	/* Each slice's keys are checked by its loader; only of two or more do
	 * keys need comparing between slices. */
	slices = size - pos > INDEX_SLICE;
	do {
		struct strbuf problems = STRBUF_INIT;
		struct table tmp;
		struct err e;
		size_t len, r, at = 0;
		int np, cur = 2;

		/* The header, then the whole lines of the next slice. */
		n = pread_full(fd, buf + hlen, INDEX_SLICE, pos);
		if (n < 0)
			goto out;
		len = (size_t)n;
		if (pos + n < size) {
			while (len && buf[hlen + len - 1] != '\n')
				len--;
			if (!len)
				goto out;	/* a line of 32 KB: loaded whole */
		}
		np = schema_load_buf(s, buf, hlen + len, rel, CSV_JOURNAL, NULL, &tmp, &problems, &e);
		sb_release(&problems);
		if (np) {
			table_free(&tmp);
			goto out;
		}
		for (r = 0; r < tmp.nrows; r++) {
			const char *cls = table_get(&tmp, r, cc);
			off_t off;
			/* The line the row begins on, in the slice. */
			while (cur < tmp.rows[r].line) {
				const char *p = memchr(buf + hlen + at, '\n', len - at);
				if (!p)
					break;
				at = (size_t)(p - buf - (ptrdiff_t)hlen) + 1;
				cur++;
			}
			off = pos + (off_t)at;
			if (slices) {
				ALLOC_GROW(keys, nkeys + 1, akeys);
				keys[nkeys++] = key_hash(s, &tmp, r);
			}
			if (nsp && !strcmp(sp[nsp - 1].cls, cls))
				continue;
			if (nsp)
				sp[nsp - 1].len = (size_t)(off - sp[nsp - 1].off);
			ALLOC_GROW(sp, nsp + 1, asp);
			sp[nsp].cls = xstrdup(cls);
			sp[nsp].off = off;
			sp[nsp].len = 0;
			sp[nsp].line = line + tmp.rows[r].line - 2;
			nsp++;
		}
		table_free(&tmp);
		line += count_lines(buf + hlen, len);
		pos += (off_t)len;
	} while (pos < size);
	if (nsp)
		sp[nsp - 1].len = (size_t)(size - sp[nsp - 1].off);
	/* A key twice in the file (or two alike by their hash): the whole load says
	 * which. */
	xqsort(keys, nkeys, sizeof(*keys), cmp_u64);
	for (i = 1; i < nkeys; i++)
		if (keys[i] == keys[i - 1])
			goto out;
	xqsort(sp, nsp, sizeof(*sp), cmp_span);
	f->indexed = 1;
	f->fd = fd;
	f->header = xmalloc(hlen);
	memcpy(f->header, buf, hlen);
	f->hlen = hlen;
	f->spans = sp;
	f->nspans = nsp;
	sp = NULL;
	nsp = 0;
	rc = 0;
out:
	if (rc)
		close(fd);
	spans_free(sp, nsp);
	free(keys);
	free(buf);
	return rc;
}

/* What year_index_read's reader fills: the class's table, and where each span
 * it reads begins among the lines it parses (first[i]) and in the file. */
struct index_read {
	struct table *t;
	const struct class_span *sp;
	size_t nsp, i;
	const int *first;
	int header_done;
};

/* A row of lines the index checked: copied as it is, a blank one left out, as
 * the schema's loader does; its line the file's. */
static int index_read_row(const struct csv_row *row, void *data, struct err *e)
{
	struct index_read *ir = data;
	struct csv_row *added;
	size_t i;

	(void)e;
	if (!ir->header_done) {
		ir->header_done = 1;
		return 0;
	}
	for (i = 0; i < row->n && !row->f[i][0]; i++)
		;
	if (i == row->n)
		return 0;
	added = table_add_row(ir->t, row);
	while (ir->i + 1 < ir->nsp && row->line >= ir->first[ir->i + 1])
		ir->i++;
	if (ir->nsp)
		added->line = ir->sp[ir->i].line + (row->line - ir->first[ir->i]);
	return 0;
}

/* The rows of class cls of the index f, parsed from the file into t: the
 * index was made from the same file, every row of it checked; its header is the
 * schema's, so that its rows are the table's as they are. */
static int year_index_read(const struct year_file *f, const struct schema *s, const char *rel,
			   const struct class_span *sp, size_t nsp, struct table *t, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	struct index_read ir;
	int *first = xcalloc(nsp + 1, sizeof(*first));
	size_t i;
	int rc, lines = 2;

	sb_add(&sb, f->header, f->hlen);
	for (i = 0; i < nsp; i++) {
		ssize_t got;
		sb_grow(&sb, sp[i].len + 1);
		got = pread_full(f->fd, sb.buf + sb.len, sp[i].len, sp[i].off);
		if (got != (ssize_t)sp[i].len) {
			sb_release(&sb);
			free(first);
			return jfs_error(rel, got < 0 ? errno : EIO, EX_IOERR_, "read", e);
		}
		first[i] = lines;
		lines += count_lines(sb.buf + sb.len, sp[i].len);
		sb_setlen(&sb, sb.len + sp[i].len);
		if (sb.buf[sb.len - 1] != '\n') {
			sb_addch(&sb, '\n');
			lines++;
		}
	}
	first[nsp] = lines;
	schema_table(s, t);
	table_reserve(t, sb.len / 48 + 1);
	memset(&ir, 0, sizeof(ir));
	ir.t = t;
	ir.sp = sp;
	ir.nsp = nsp;
	ir.first = first;
	rc = csv_read_buf(rel, sb.buf, sb.len, CSV_JOURNAL, index_read_row, &ir, e);
	sb_release(&sb);
	free(first);
	if (rc < 0)
		table_free(t);
	return rc;
}

/* Class cls's rows of a year-wide file into t: of a file larger than INDEX_MIN,
 * its own, through the process's index of the file (made by the first class:
 * every row checked then, so that a problem anywhere in the file stops the
 * statement there, as the shared copy would); of a smaller one (or one that
 * could not be indexed), the process's shared copy, as year_table. */
static int year_table_indexed(const struct journal *j, const char *schema, const char *file, const char *cls,
			      struct table *t, struct err *e)
{
	const struct schema *s = schema_get(schema);
	char *rel = year_rel(j, file);
	const struct year_file *c;
	struct class_span *sp;
	size_t nsp, lo, hi;
	struct year_file fresh, *f;
	struct stat st;
	int rc;

	if (!s)
		BUG("no schema '%s'", schema);
	pthread_mutex_lock(&year_files_lock);
	c = year_file_cached(j, rel, &st);
	if (!c) {
		memset(&fresh, 0, sizeof(fresh));
		if ((st.st_size <= INDEX_MIN || year_index(j, s, rel, &st, &fresh) != 0) &&
		    journal_load(j, schema, rel, 1, &fresh.t, e) < 0) {
			pthread_mutex_unlock(&year_files_lock);
			free(rel);
			return -1;
		}
		f = year_file_add(rel, &st);
		fresh.path = f->path;
		fresh.st = f->st;
		*f = fresh;
		c = f;
	}
	if (!c->indexed) {
		*t = c->t;
		pthread_mutex_unlock(&year_files_lock);
		free(rel);
		return 0;
	}
	lo = 0;
	hi = c->nspans;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(c->spans[mid].cls, cls) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < c->nspans && !strcmp(c->spans[hi].cls, cls); hi++)
		;
	nsp = hi - lo;
	/* Copied: the list of files may move while the class is read. */
	sp = xcalloc(nsp + 1, sizeof(*sp));
	memcpy(sp, c->spans + lo, nsp * sizeof(*sp));
	fresh = *c;
	pthread_mutex_unlock(&year_files_lock);
	rc = year_index_read(&fresh, s, rel, sp, nsp, t, e);
	free(sp);
	free(rel);
	return rc;
}

/* 1 when t is the process's shared copy of a year-wide file. */
static int year_file_holds(const struct table *t)
{
	size_t i;
	int held = 0;

	pthread_mutex_lock(&year_files_lock);
	for (i = 0; i < nyear_files && !held; i++)
		held = t->cols && year_files[i].t.cols == t->cols;
	pthread_mutex_unlock(&year_files_lock);
	return held;
}

/* A year-wide file: the process's shared copy of every class's rows, or (alone; own,
 * but for classes.csv) a copy of the class's own rows that k owns. */
static int klass_year_table(const struct journal *j, const struct klass *k, const char *schema,
			    const char *file, struct table *t, struct err *e)
{
	if (k->owns_year_rows == KLASS_ALONE || (k->owns_year_rows == KLASS_OWN && strcmp(schema, "classes")))
		return year_table_of_class(j, schema, file, k->cls, t, e);
	if (k->owns_year_rows == KLASS_SCHOOL && strcmp(schema, "classes"))
		return year_table_indexed(j, schema, file, k->cls, t, e);
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

int klass_load_school(const struct journal *j, const char *cls, struct klass *k, struct err *e)
{
	return klass_load_as(j, cls, KLASS_SCHOOL, k, e);
}

int klass_load_curriculum(const struct journal *j, struct klass *k, int mode, struct err *e)
{
	k->owns_year_rows = mode;
	if (klass_year_table(j, k, "curriculum", "curriculum.csv", &k->curriculum, e) < 0)
		return -1;
	k->ncur_rows = class_rows(&k->curriculum, k->cls, &k->cur_rows);
	return 0;
}

int klass_curriculum_shared(const struct klass *k)
{
	return k->owns_year_rows == KLASS_SCHOOL && year_file_holds(&k->curriculum);
}

int klass_share_curriculum(const struct klass *first, struct klass *k)
{
	if (!klass_curriculum_shared(first))
		return 0;
	k->owns_year_rows = KLASS_SCHOOL;
	k->curriculum = first->curriculum;
	k->ncur_rows = class_rows(&k->curriculum, k->cls, &k->cur_rows);
	return 1;
}

void klass_free(struct klass *k)
{
	/* The calendar is shared (year_files), and so are classes, curriculum and
	 * timetable unless the class was loaded alone (curriculum and timetable: own;
	 * for a statement of the school, those read through the index). */
	if (k->owns_year_rows == KLASS_ALONE)
		table_free(&k->classes);
	if (k->owns_year_rows == KLASS_SCHOOL) {
		if (!year_file_holds(&k->curriculum))
			table_free(&k->curriculum);
		if (!year_file_holds(&k->timetable))
			table_free(&k->timetable);
	} else if (k->owns_year_rows) {
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
