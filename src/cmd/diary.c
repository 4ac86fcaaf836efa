/* ejournal diary: what the journal promises parents and students (seed 8.1, SPEC
 * 4.2): for each school day, the pupil's lessons with topic, homework, the marks
 * with the teacher's comment (a deputy's correction shown as one), and absences;
 * then the pupil's period and year marks with the class's average beside them.
 * A pupil's or a parent's read is recorded in the read log (seed 4.15, 6.21); the
 * class teacher writes a whole class's diaries, a PDF file a pupil (seed 4.6). */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "daily.h"
#include "../core/readlog.h"
#include "../store/fsutil.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const diary_usage[] = {
	N_("ejournal diary [STUDENT] [--week D|--from D --to D]"),
	N_("ejournal diary --class C [--week D|--from D --to D] -o DIR/"),
	NULL
};

static const char *const weekdays[] = { "", "понедельник", "вторник", "среда", "четверг", "пятница",
					"суббота", "воскресенье" };

/* A pupil found in the school: the class whose roster holds them, and their id. */
struct pupil {
	char *cls, *id;
};

struct match {
	struct strbuf cand;
	size_t n, nexact;
	char *cls, *id;		/* the last match (exact matches win) */
};

static void match_add(struct match *m, const struct roster *ro, size_t row, int exact)
{
	char *name = roster_fullname(ro, row);

	if (exact && !m->nexact) {
		/* An exact full name wins over the longer names it prefixes. */
		sb_reset(&m->cand);
		m->n = 0;
	}
	if (exact || !m->nexact) {
		if (m->n++)
			sb_adds(&m->cand, "; ");
		sb_addf(&m->cand, "%s (%s, %s)", name, table_get(&ro->t, row, ro->c_id), ro->cls);
		free(m->cls);
		free(m->id);
		m->cls = xstrdup(ro->cls);
		m->id = xstrdup(table_get(&ro->t, row, ro->c_id));
	}
	if (exact)
		m->nexact++;
	free(name);
}

/* Finds a pupil by id (unique in the school) or by a prefix of "Фамилия Имя
 * Отчество" among the pupils of every class who have not left; a pupil who moved
 * is found in the class they are in now. An id of a pupil who left the school is
 * found in the class they left last, so staff can still read their diary. Dies
 * with 65 on an unknown or ambiguous name, listing the candidates. */
static void pupil_find(struct ctx *ctx, const struct table *classes, const char *query, struct pupil *p)
{
	int cc = CLASSES_CLASS;
	char *q = utf8_fold(query), *left_cls = NULL, *left_on = NULL;
	size_t qlen = strlen(q), k;
	struct match m;

	memset(&m, 0, sizeof(m));
	sb_init(&m.cand, 0);
	memset(p, 0, sizeof(*p));
	for (k = 0; k < classes->nrows && !p->id; k++) {
		struct roster ro;
		struct err e;
		size_t r;

		if (roster_load(&ctx->j, table_get(classes, k, cc), &ro, &e) < 0)
			die_err(&e);
		for (r = 0; r < ro.t.nrows; r++) {
			const char *left = table_get(&ro.t, r, ro.c_left);
			char *name, *folded;

			if (!strcmp(table_get(&ro.t, r, ro.c_id), query)) {
				if (!*left) {
					p->cls = xstrdup(ro.cls);
					p->id = xstrdup(query);
					break;
				}
				if (!left_on || strcmp(left, left_on) > 0) {
					free(left_cls);
					free(left_on);
					left_cls = xstrdup(ro.cls);
					left_on = xstrdup(left);
				}
				continue;
			}
			if (*left)
				continue;
			name = roster_fullname(&ro, r);
			folded = utf8_fold(name);
			if (!strncmp(folded, q, qlen))
				match_add(&m, &ro, r, !strcmp(folded, q));
			free(name);
			free(folded);
		}
		roster_free(&ro);
	}
	if (!p->id && left_cls) {
		p->cls = left_cls;
		p->id = xstrdup(query);
		left_cls = NULL;
	} else if (!p->id && m.n == 1) {
		p->cls = m.cls;
		p->id = m.id;
		m.cls = m.id = NULL;
	} else if (!p->id && !m.n) {
		die(EX_DATAERR_, "no student '%s' in %s: give the id or the start of \"Фамилия Имя Отчество\" as in 'ejournal student list' (a pupil who left is found by id)",
		    query, ctx->j.year);
	} else if (!p->id) {
		die(EX_DATAERR_, "'%s' matches %zu students: %s; give more of the name or the id", query, m.n,
		    m.cand.buf);
	}
	free(left_cls);
	free(left_on);
	free(m.cls);
	free(m.id);
	sb_release(&m.cand);
	free(q);
}

/* The roster row of id: the one not left, if the pupil came back to the class. */
static long pupil_row(const struct roster *ro, const char *id)
{
	long found = -1;
	size_t r;

	for (r = 0; r < ro->t.nrows; r++)
		if (!strcmp(table_get(&ro->t, r, ro->c_id), id)) {
			found = (long)r;
			if (!*table_get(&ro->t, r, ro->c_left))
				break;
		}
	return found;
}

/* A student or parent reads only their own diary: their id, or a prefix of their
 * own name. Anything else is refused without saying whether that pupil exists. */
static void require_own(struct ctx *ctx, const char *query)
{
	struct roster ro;
	struct err e;
	long row;
	int own = 0;

	if (!strcmp(query, ctx->id.student_id))
		return;
	if (roster_load(&ctx->j, ctx->id.student_class, &ro, &e) < 0)
		die_err(&e);
	row = roster_find_id(&ro, ctx->id.student_id);
	if (row >= 0 && *query) {
		char *name = roster_fullname(&ro, (size_t)row), *folded = utf8_fold(name), *q = utf8_fold(query);
		own = !strncmp(folded, q, strlen(q));
		free(name);
		free(folded);
		free(q);
	}
	roster_free(&ro);
	if (!own && (ctx->id.roles & ROLE_PARENT))
		die(EX_NOPERM_, "permission denied: as a parent, '%s' may read only their child's diary (give no STUDENT)",
		    ctx->id.login);
	if (!own)
		die(EX_NOPERM_, "permission denied: as a student, '%s' may read only their own diary (give no STUDENT)",
		    ctx->id.login);
}

/* Staff read a diary when they read the whole school's journal (admin, deputy,
 * director) or teach the pupil's class; the secretary keeps rosters only. */
static void require_staff_read(struct ctx *ctx, const struct klass *k, const char *name)
{
	int cc = CURRICULUM_CLASS, ct = CURRICULUM_TEACHER;
	size_t r;

	if (ctx->id.roles & (ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR))
		return;
	if (ctx->id.roles & ROLE_TEACHER) {
		if (is_class_teacher(&k->classes, ctx->id.login, k->cls))
			return;
		for (r = 0; r < k->curriculum.nrows; r++)
			if (!strcmp(table_get(&k->curriculum, r, cc), k->cls) &&
			    !strcmp(table_get(&k->curriculum, r, ct), ctx->id.login))
				return;
	}
	die(EX_NOPERM_, "permission denied: to read the diary of %s (%s) you need to teach in %s or the admin, deputy or director role",
	    name, k->cls, k->cls);
}

/* One lesson of the pupil, with what the diary shows of it. */
struct entry {
	ej_date date;
	int period;
	char *subject, *topic, *homework, *absence;
	struct strbuf marks;
};

struct collect {
	const struct klass *k;
	const char *id;
	size_t row;			/* the pupil's row in k->ro */
	ej_date from, to;		/* the range, within one study period */
	struct entry *e;
	size_t n, alloc, first;		/* entries of this study period start at first */
};

static void collect_lesson(struct ledger *l, size_t row, void *data)
{
	struct collect *c = data;
	ej_date dt = date_parse_iso(ledger_at(l, row, LESSONS_DATE));
	const char *subject = ledger_at(l, row, LESSONS_SUBJECT), *group = ledger_at(l, row, LESSONS_GROUP);
	struct entry *x;

	if (dt == DATE_NONE || dt < c->from || dt > c->to || !roster_enrolled_on(&c->k->ro, c->row, dt))
		return;
	/* A group's lesson belongs to the diary of its pupils only. */
	if (*group && strcmp(klass_group_of(c->k, subject, c->id, dt), group))
		return;
	ALLOC_GROW(c->e, c->n + 1, c->alloc);
	x = &c->e[c->n++];
	x->date = dt;
	x->period = atoi(ledger_at(l, row, LESSONS_PERIOD));
	x->subject = xstrdup(subject);
	x->topic = xstrdup(ledger_at(l, row, LESSONS_TOPIC));
	x->homework = xstrdup(ledger_at(l, row, LESSONS_HOMEWORK));
	x->absence = xstrdup("");
	sb_init(&x->marks, 0);
}

/* The pupil's entries of this study period at the date and period of a ledger row. */
static struct entry *entry_at(struct collect *c, struct ledger *l, size_t row, size_t *from)
{
	ej_date dt = date_parse_iso(ledger_get(l, row, "date"));
	int period = atoi(ledger_get(l, row, "period"));
	size_t i;

	for (i = *from; i < c->n; i++)
		if (c->e[i].date == dt && c->e[i].period == period) {
			*from = i + 1;
			return &c->e[i];
		}
	return NULL;
}

/* When row r of a marks or finals ledger is a correction (the deputy's or an
 * admin's, with a reason, seed 5.8) and the mark differs from the one the teacher
 * entered (the last row of its key before the corrections): that mark, or "—"
 * when the teacher had entered none. NULL otherwise. */
static const char *corrected_from(struct ledger *l, size_t r, int mark_col, int reason_col)
{
	const char *old = "";
	long prev = (long)r;

	if (!*ledger_at(l, r, reason_col))
		return NULL;
	while ((prev = ledger_previous(l, (size_t)prev)) >= 0)
		if (!*ledger_at(l, (size_t)prev, reason_col)) {
			old = ledger_at(l, (size_t)prev, mark_col);
			break;
		}
	if (!strcmp(old, ledger_at(l, r, mark_col)))
		return NULL;
	return *old ? old : "—";
}

/* Adds a mark as the diary shows it: "5", "5 (контрольная работа: молодец)", and a
 * correction with what it replaced, "4 (исправлено, было 3)", "— (исправлено,
 * было 3)" for a mark taken away. */
static void add_mark(struct strbuf *sb, const char *mark, const char *kind, const char *comment, const char *old)
{
	sb_adds(sb, *mark ? mark : "—");
	if (*kind || *comment || old)
		sb_addf(sb, " (%s%s%s%s%s%s)", kind, *kind && *comment ? ": " : "", comment,
			(*kind || *comment) && old ? "; " : "", old ? "исправлено, было " : "", old ? old : "");
}

/* The pupil's marks of a period's ledger onto their lessons: each latest row, and
 * one that takes a mark away when a correction did. */
static void collect_marks(struct collect *c, struct ledger *l)
{
	size_t row;

	for (row = 0; row < l->t.nrows; row++) {
		const char *kind = ledger_at(l, row, MARKS_KIND), *comment = ledger_at(l, row, MARKS_COMMENT);
		const char *subject = ledger_at(l, row, MARKS_SUBJECT), *mark = ledger_at(l, row, MARKS_MARK), *old;
		struct entry *x;
		size_t at = c->first;

		if (!ledger_latest(l, row) || strcmp(ledger_at(l, row, MARKS_STUDENT), c->id))
			continue;
		old = corrected_from(l, row, MARKS_MARK, MARKS_REASON);
		if (!*mark && !old)
			continue;
		while ((x = entry_at(c, l, row, &at)) && strcmp(x->subject, subject))
			;
		if (!x)
			continue;
		if (x->marks.len)
			sb_adds(&x->marks, ", ");
		/* An ordinary lesson's mark needs no kind; control work and the like do. */
		add_mark(&x->marks, mark, strcmp(kind, "урок") ? kind : "", comment, old);
	}
}

static void collect_absence(struct ledger *l, size_t row, void *data)
{
	struct collect *c = data;
	struct entry *x;
	size_t at = c->first;

	if (strcmp(ledger_at(l, row, ATTENDANCE_STUDENT), c->id))
		return;
	while ((x = entry_at(c, l, row, &at))) {
		free(x->absence);
		x->absence = xstrdup(ledger_at(l, row, ATTENDANCE_CODE));
	}
}

static void load_ledger(struct ctx *ctx, const struct klass *k, const struct study_period *p, const char *schema,
			struct ledger *l)
{
	char *sub = xasprintf("%s/%s.csv", p->id, schema), *rel = class_rel(&ctx->j, k->cls, sub);
	struct err e;

	if (ledger_load(&ctx->j, schema, rel, l, &e) < 0)
		die_err(&e);
	free(sub);
	free(rel);
}

static int cmp_entries(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->period != y->period)
		return x->period - y->period;
	return strcmp(x->subject, y->subject);
}

/* The name of subject from subjects.csv, or its id when it has none. */
static const char *subject_name(const struct table *subjects, const char *id)
{
	int ci = SUBJECTS_ID, cn = SUBJECTS_NAME;
	size_t r;

	for (r = 0; r < subjects->nrows; r++)
		if (!strcmp(table_get(subjects, r, ci), id))
			return *table_get(subjects, r, cn) ? table_get(subjects, r, cn) : id;
	return id;
}

/* Compute: the pupil's lessons, marks and absences from dfrom to dto, from the
 * ledgers of each study period of the class's grade that meets the range (a
 * period's ledgers hold the days of that period only), in the order of the days. */
static void diary_collect(struct ctx *ctx, struct collect *c, ej_date dfrom, ej_date dto)
{
	const struct klass *k = c->k;
	size_t i;

	for (i = 0; i < k->cal.nperiods; i++) {
		const struct study_period *sp = &k->cal.periods[i];
		struct ledger lessons, marks, attendance;

		if (k->grade < sp->gmin || k->grade > sp->gmax || sp->from > dto || sp->to < dfrom)
			continue;
		c->from = sp->from > dfrom ? sp->from : dfrom;
		c->to = sp->to < dto ? sp->to : dto;
		c->first = c->n;
		load_ledger(ctx, k, sp, "lessons", &lessons);
		ledger_each(&lessons, collect_lesson, c);
		ledger_free(&lessons);
		if (c->n == c->first)
			continue;
		load_ledger(ctx, k, sp, "marks", &marks);
		collect_marks(c, &marks);
		ledger_free(&marks);
		load_ledger(ctx, k, sp, "attendance", &attendance);
		ledger_each(&attendance, collect_absence, c);
		ledger_free(&attendance);
	}
	if (c->n)
		xqsort(c->e, c->n, sizeof(*c->e), cmp_entries);
}

/* Render: the diary's table, a row a lesson; on paper a day's date heads its
 * lessons, data formats repeat it. */
static struct rtable *diary_table(struct ctx *ctx, const struct collect *c, const struct table *subjects,
				  const char *name, ej_date dfrom, ej_date dto)
{
	struct rtable *t;
	char *title, b1[11], b2[11];
	size_t i;

	title = xasprintf("Дневник: %s, %s, %s–%s", name, c->k->cls, date_fmt_ru(dfrom, b1), date_fmt_ru(dto, b2));
	t = rtable_new(title);
	free(title);
	rtable_col(t, "date", "Дата", 0);
	rtable_col(t, "weekday", "День", 0);
	rtable_col(t, "period", "Урок", 1);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "topic", "Тема урока", 0);
	rtable_col(t, "homework", "Домашнее задание", 0);
	rtable_col(t, "marks", "Отметки", 0);
	rtable_col(t, "absence", "Пропуск", 0);
	for (i = 0; i < c->n; i++) {
		const struct entry *x = &c->e[i];
		size_t r = rtable_row(t);
		if (ctx->fmt != FMT_TEXT || !i || c->e[i - 1].date != x->date) {
			rtable_set(t, r, 0, date_fmt_ru(x->date, b1));
			rtable_set(t, r, 1, weekdays[date_weekday(x->date)]);
		}
		rtable_setf(t, r, 2, "%d", x->period);
		rtable_set(t, r, 3, subject_name(subjects, x->subject));
		rtable_set(t, r, 4, x->topic);
		rtable_set(t, r, 5, x->homework);
		rtable_set(t, r, 6, x->marks.buf);
		rtable_set(t, r, 7, x->absence);
	}
	return t;
}

/* The columns of the period marks: the study periods of the class's grade, then
 * the year's, the exam's and the final marks. */
struct pcol {
	const char *id, *name;
	int used;		/* the pupil has a mark of it */
	double *sum;		/* per subject: the class's 5-point marks */
	int *count;
};

/* The subjects of the period marks: the class's curriculum in its order, then any
 * other the pupil has a mark in (a subject since dropped). */
struct psubj {
	const char **id;
	char **cell;		/* [subject * ncols + col]: the pupil's mark as shown */
	size_t n, alloc;
};

static size_t psubj_index(struct psubj *ps, const char *id, size_t ncols)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (!strcmp(ps->id[i], id))
			return i;
	if (ps->n == ps->alloc) {
		size_t was = ps->alloc;
		ALLOC_GROW(ps->id, ps->n + 1, ps->alloc);
		ps->cell = xrealloc(ps->cell, ps->alloc * ncols * sizeof(char *));
		memset(ps->cell + was * ncols, 0, (ps->alloc - was) * ncols * sizeof(char *));
	}
	ps->id[ps->n] = id;
	return ps->n++;
}

/* Compute and render: the pupil's marks of the finals ledger (seed 8.1) for the
 * study periods begun by the diary's last day and for the year, the exam and the
 * final, corrections shown as in the lessons; beside each the class's average of
 * the 5-point marks of that subject and period. NULL when the pupil has none. */
static struct rtable *period_marks_table(struct ctx *ctx, const struct klass *k, const char *id,
					 const struct table *subjects, ej_date dto)
{
	static const char *const year_ids[][2] = { { "year", "Год" }, { "exam", "Экзамен" }, { "final", "Итог" } };
	int cs = CURRICULUM_SUBJECT;
	struct pcol *pc = xcalloc(k->cal.nperiods + 4, sizeof(*pc));
	struct psubj ps = { 0 };
	struct ledger f;
	struct rtable *t = NULL;
	struct err e;
	char *rel = class_rel(&ctx->j, k->cls, "finals.csv");
	size_t np = 0, i, r, c, used = 0;

	if (ledger_load(&ctx->j, "finals", rel, &f, &e) < 0)
		die_err(&e);
	free(rel);
	for (i = 0; i < k->cal.nperiods; i++) {
		const struct study_period *sp = &k->cal.periods[i];
		if (k->grade >= sp->gmin && k->grade <= sp->gmax && sp->from <= dto) {
			pc[np].id = sp->id;
			pc[np++].name = sp->name;
		}
	}
	for (i = 0; i < sizeof(year_ids) / sizeof(year_ids[0]); i++) {
		pc[np].id = year_ids[i][0];
		pc[np++].name = year_ids[i][1];
	}
	for (i = 0; i < k->ncur_rows; i++)
		psubj_index(&ps, table_get(&k->curriculum, k->cur_rows[i], cs), np);
	for (r = 0; r < f.t.nrows; r++) {
		const char *subject = ledger_at(&f, r, FINALS_SUBJECT), *period = ledger_at(&f, r, FINALS_PERIOD);
		const char *mark = ledger_at(&f, r, FINALS_MARK), *old;
		struct strbuf sb = STRBUF_INIT;
		size_t s;

		if (!ledger_latest(&f, r))
			continue;
		for (c = 0; c < np && strcmp(pc[c].id, period); c++)
			;
		if (c == np)
			continue;
		s = psubj_index(&ps, subject, np);
		if (!pc[c].sum) {
			pc[c].sum = xcalloc(k->ncur_rows + f.t.nrows + 1, sizeof(double));
			pc[c].count = xcalloc(k->ncur_rows + f.t.nrows + 1, sizeof(int));
		}
		if (mark_five_point(mark) > 0) {
			pc[c].sum[s] += mark_five_point(mark);
			pc[c].count[s]++;
		}
		if (strcmp(ledger_at(&f, r, FINALS_STUDENT), id))
			continue;
		old = corrected_from(&f, r, FINALS_MARK, FINALS_REASON);
		if (!*mark && !old)
			continue;
		add_mark(&sb, mark, "", "", old);
		free(ps.cell[s * np + c]);
		ps.cell[s * np + c] = sb_detach(&sb, NULL);
		pc[c].used = 1;
	}
	for (c = 0; c < np; c++)
		used += pc[c].used;
	if (used) {
		t = rtable_new("Отметки за учебные периоды");
		rtable_col(t, "subject", "Предмет", 0);
		for (c = 0; c < np; c++) {
			char *key;
			if (!pc[c].used)
				continue;
			rtable_col(t, pc[c].id, "отметка", 0);
			key = xasprintf("%s_class", pc[c].id);
			rtable_col(t, key, "по классу", 1);
			free(key);
			rtable_group(t, t->ncols - 2, 2, pc[c].name);
		}
		for (i = 0; i < ps.n; i++) {
			size_t row, col = 1;
			for (c = 0; c < np && !(pc[c].used && ps.cell[i * np + c]); c++)
				;
			if (c == np)
				continue;	/* no mark of the pupil in it */
			row = rtable_row(t);
			rtable_set(t, row, 0, subject_name(subjects, ps.id[i]));
			for (c = 0; c < np; c++) {
				if (!pc[c].used)
					continue;
				if (ps.cell[i * np + c])
					rtable_set(t, row, col, ps.cell[i * np + c]);
				if (pc[c].count[i])
					rtable_setf(t, row, col + 1, "%.2f", pc[c].sum[i] / pc[c].count[i]);
				col += 2;
			}
		}
		rtable_note(t, "По классу: средний балл класса по предмету за период, по отметкам от 1 до 5.");
	}
	for (c = 0; c < np; c++) {
		free(pc[c].sum);
		free(pc[c].count);
	}
	for (i = 0; i < ps.n * np; i++)
		free(ps.cell[i]);
	free(ps.cell);
	free(ps.id);
	free(pc);
	ledger_free(&f);
	return t;
}

static void diary_free_entries(struct collect *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->e[i].subject);
		free(c->e[i].topic);
		free(c->e[i].homework);
		free(c->e[i].absence);
		sb_release(&c->e[i].marks);
	}
	free(c->e);
}

/* Compute and render: the diary of the pupil of roster row row of k (id) from
 * dfrom to dto, to -o or standard output; what `diary STUDENT` prints. */
static void diary_write(struct ctx *ctx, const struct klass *k, const char *id, size_t row,
			const struct table *subjects, ej_date dfrom, ej_date dto)
{
	char *name = roster_fullname(&k->ro, row);
	struct collect c;
	struct rtable *t[2];

	memset(&c, 0, sizeof(c));
	c.k = k;
	c.id = id;
	c.row = row;
	diary_collect(ctx, &c, dfrom, dto);
	t[0] = diary_table(ctx, &c, subjects, name, dfrom, dto);
	t[1] = period_marks_table(ctx, k, id, subjects, dto);
	if (t[1] && ctx->fmt == FMT_JSON) {
		/* The keys of the JSON object; a workbook's sheets keep the titles. */
		rtable_name(t[0], "diary");
		rtable_name(t[1], "period_marks");
	}
	output_tables(ctx, (const struct rtable *const *)t, t[1] ? 2 : 1);
	rtable_free(t[0]);
	rtable_free(t[1]);
	diary_free_entries(&c);
	free(name);
}

/* The trace of a pupil's or a parent's read (seed 4.15, 6.21), once the diary is
 * shown. A read that cannot be recorded is not taken back: reading is the
 * family's right (seed 8.1), the record serves the staff's monitoring, and a full
 * disk must not shut parents out; the reader is told to report it. */
static void diary_record_read(struct ctx *ctx, const char *id, const char *cls, ej_date dfrom, ej_date dto)
{
	struct err e;

	if (readlog_record(&ctx->j, ctx->id.login, (ctx->id.roles & ROLE_PARENT) != 0, id, cls, dfrom, dto, &e) < 0)
		warning("this read of the diary was not recorded (%s); please tell the class teacher or the EJ administrator",
			e.msg);
}

/* A part of a file name as `diary --class` writes it: letters, digits and '-'
 * kept, anything else '_' (a space of a double name, an apostrophe). */
static void add_name_part(struct strbuf *sb, const char *s)
{
	while (*s) {
		const char *start = s;
		int32_t c = utf8_next(&s);
		if (c < 0)
			break;
		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
		    (c >= 0x400 && c <= 0x4ff))
			sb_add(sb, start, (size_t)(s - start));
		else
			sb_addch(sb, '_');
	}
}

/* "DIR/5А-1061-Ахметова-Эльвира.pdf": the class and the pupil's id first, which
 * do not change within the year (a script finds a pupil's file by "5А-1061-"),
 * then the names people look for. */
static char *diary_file(const char *dir, const struct roster *ro, size_t row)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(dir);

	sb_adds(&sb, dir);
	if (!len || dir[len - 1] != '/')
		sb_addch(&sb, '/');
	add_name_part(&sb, ro->cls);
	sb_addch(&sb, '-');
	add_name_part(&sb, table_get(&ro->t, row, ro->c_id));
	sb_addch(&sb, '-');
	add_name_part(&sb, table_get(&ro->t, row, ro->c_last));
	sb_addch(&sb, '-');
	add_name_part(&sb, table_get(&ro->t, row, ro->c_first));
	sb_adds(&sb, ".pdf");
	return sb_detach(&sb, NULL);
}

/* 1 when a roster row of id (a pupil who left and came back has two) was
 * enrolled on some day from dfrom to dto. */
static int enrolled_between(const struct roster *ro, const char *id, ej_date dfrom, ej_date dto)
{
	size_t r;
	ej_date d;

	for (r = 0; r < ro->t.nrows; r++) {
		if (strcmp(table_get(&ro->t, r, ro->c_id), id))
			continue;
		for (d = dfrom; d <= dto; d++)
			if (roster_enrolled_on(ro, r, d))
				return 1;
	}
	return 0;
}

/* diary --class C -o DIR/: the diary of every pupil of the class enrolled in the
 * range, one PDF each into the folder (seed 4.6: the class teacher informs the
 * parents through the diary), each written whole through its temporary file; the
 * files written are listed on standard output. The class teacher of the class,
 * the admin, deputy or director; a subject teacher reads one pupil at a time. */
static void diary_class(struct ctx *ctx, const char *arg, ej_date dfrom, ej_date dto)
{
	struct table classes, subjects;
	struct klass k;
	struct err e;
	char *cls;
	size_t r, n = 0;

	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	cls = class_or_die(ctx, &classes, arg, NULL);
	if (!(ctx->id.roles & (ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR)) &&
	    !((ctx->id.roles & ROLE_TEACHER) && is_class_teacher(&classes, ctx->id.login, cls)))
		die(EX_NOPERM_, "permission denied: the diaries of a whole class (%s) are for its class teacher or the admin, deputy or director role",
		    cls);
	table_free(&classes);
	if (output_folder_check(ctx->output_dir, &e) < 0)
		die_err(&e);
	if (klass_load(&ctx->j, cls, &k, &e) < 0)
		die_err(&e);
	roster_sort(&k.ro);
	load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
	for (r = 0; r < k.ro.t.nrows; r++) {
		const char *id = table_get(&k.ro.t, r, k.ro.c_id);
		long row;
		char *path;

		/* A pupil who came back has two rows: one file, once. */
		if (roster_find_id(&k.ro, id) != (long)r || !enrolled_between(&k.ro, id, dfrom, dto))
			continue;
		row = pupil_row(&k.ro, id);
		path = diary_file(ctx->output_dir, &k.ro, (size_t)row);
		ctx->output = path;
		diary_write(ctx, &k, id, (size_t)row, &subjects, dfrom, dto);
		ctx->output = NULL;
		if (printf("%s\n", path) < 0)
			die(EX_IOERR_, "cannot write to standard output");
		free(path);
		n++;
	}
	if (fflush(stdout) != 0)
		die(EX_IOERR_, "cannot write to standard output");
	if (!n) {
		char b1[11], b2[11];
		note("no pupil of %s was enrolled from %s to %s: no diary written", cls, date_fmt_ru(dfrom, b1),
		     date_fmt_ru(dto, b2));
	}
	table_free(&subjects);
	klass_free(&k);
	free(cls);
}

int cmd_diary(int argc, const char **argv, struct ctx *ctx)
{
	const char *week = NULL, *from = NULL, *to = NULL, *cls = NULL;
	struct option opts[] = {
		OPT_STR(0, "week", &week, "D", "the week (Monday to Saturday) holding this day (default: this week)"),
		OPT_STR(0, "from", &from, "D", "from this day"),
		OPT_STR(0, "to", &to, "D", "to this day (at most a year after --from)"),
		OPT_STR(0, "class", &cls, "C", "every pupil of the class, one PDF each into -o DIR/"),
		OPT_END_()
	};
	int learner = (ctx->id.roles & (ROLE_STUDENT | ROLE_PARENT)) != 0;
	struct pupil p;
	struct klass k;
	struct table classes;
	struct table subjects;
	struct err e;
	ej_date dfrom, dto;
	char *name;
	long row;

	argc = parse_options(argc, argv, opts, diary_usage);
	if (argc > 1)
		usage_error(diary_usage, opts, "diary takes one STUDENT");
	if (week && (from || to))
		usage_error(diary_usage, opts, "give --week or --from and --to, not both");
	if ((from || to) && (!from || !to))
		usage_error(diary_usage, opts, "give both --from and --to");
	if (cls && argc)
		usage_error(diary_usage, opts, "give STUDENT or --class, not both");
	if (cls && !ctx->output_dir)
		usage_error(diary_usage, opts, "diary --class writes one PDF a pupil into a folder: give -o DIR/, an existing directory");
	if (cls && ctx->fmt_given && ctx->fmt != FMT_PDF)
		usage_error(diary_usage, opts, "diary --class writes PDF files only");
	if (!cls && ctx->output_dir)
		output_dir_or_die(ctx->output_dir);	/* -o DIR/ of one diary: refused as a folder */
	require_or_die(ctx, ROLE_STUDENT | ROLE_PARENT | ROLE_TEACHER | ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR,
		       "read a pupil's diary");
	if (!argc && !learner && !cls)
		usage_error(diary_usage, opts, "diary needs STUDENT: an id or the start of \"Фамилия Имя Отчество\"");
	if (argc && !*argv[0])
		usage_error(diary_usage, opts, "STUDENT is empty");
	days_or_die(ctx, NULL, week, from, to, &dfrom, &dto);
	if (cls) {
		ctx->fmt = FMT_PDF;
		diary_class(ctx, cls, dfrom, dto);
		return 0;
	}

	if (learner) {
		if (argc)
			require_own(ctx, argv[0]);
		p.cls = xstrdup(ctx->id.student_class);
		p.id = xstrdup(ctx->id.student_id);
	} else {
		load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
		pupil_find(ctx, &classes, argv[0], &p);
		table_free(&classes);
	}
	if (klass_load(&ctx->j, p.cls, &k, &e) < 0)
		die_err(&e);
	row = pupil_row(&k.ro, p.id);
	if (row < 0)
		die(EX_SOFTWARE_, "student %s vanished from the roster of %s", p.id, p.cls);
	name = roster_fullname(&k.ro, (size_t)row);
	if (!learner)
		require_staff_read(ctx, &k, name);

	load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
	diary_write(ctx, &k, p.id, (size_t)row, &subjects, dfrom, dto);
	if (learner)
		diary_record_read(ctx, p.id, p.cls, dfrom, dto);

	table_free(&subjects);
	free(name);
	klass_free(&k);
	free(p.cls);
	free(p.id);
	return 0;
}
