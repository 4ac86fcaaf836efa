/* ejournal-gen: writes a large, realistic journal for the benchmark (issue 8):
 * a school of N classes, its staff, curriculum and timetable, and W weeks of lessons,
 * marks, absences, corrections and period marks, deterministic from a seed.
 * It writes through the journal's own transactions, so history.log vouches for
 * every file and `ejournal verify` accepts the result. Each ledger is staged whole
 * and appended once: a school year in seconds, not one commit per row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/core/calendar.h"
#include "../../src/core/schema.h"
#include "../../src/store/csvio.h"
#include "../../src/store/fsutil.h"
#include "../../src/store/lock.h"
#include "../../src/store/txn.h"
#include "../../src/util/strbuf.h"
#include "../../src/util/xalloc.h"

#define YEAR "2023-2024"
#define MAXSLOTS 64
#define MAXSUBJ 24

static const char *usage_text =
	"usage: ejournal-gen DIR [--classes N] [--students N] [--weeks N] [--seed S]\n"
	"  writes a generated school's journal into DIR (new or empty): N classes of N\n"
	"  students, W weeks of the 2023-2024 year from 1 September (39: the whole year)\n";

/* Deterministic randomness: splitmix64, one stream per class and purpose. */
struct rng {
	unsigned long long s;
};

static unsigned long long rnext(struct rng *r)
{
	unsigned long long z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double runif(struct rng *r)
{
	return (double)(rnext(r) >> 11) / 9007199254740992.0;
}

static unsigned rint_(struct rng *r, unsigned n)
{
	return (unsigned)(rnext(r) % n);
}

static struct rng rng_for(unsigned long long seed, unsigned long long a, unsigned long long b)
{
	struct rng r = { seed * 1000003ULL + a * 7919ULL + b * 104729ULL };
	rnext(&r);
	return r;
}

/* The subjects a grade studies, its hours a week, and whether it is taught in two
 * subgroups (foreign language, informatics). */
struct subject_def {
	const char *id, *name, *shortname, *scale;
	int gmin, gmax;
	int hours, grouped;
	int primary;		/* taught by the class teacher in grades 1-4 */
};

static const struct subject_def subjects[] = {
	{ "rus", "Русский язык", "Рус. яз.", "5", 1, 11, 5, 0, 1 },
	{ "read", "Литературное чтение", "Лит. чт.", "5", 1, 4, 4, 0, 1 },
	{ "lit", "Литература", "Лит-ра", "5", 5, 11, 3, 0, 0 },
	{ "eng", "Английский язык", "Англ. яз.", "5", 2, 11, 3, 1, 0 },
	{ "math", "Математика", "Матем.", "5", 1, 6, 5, 0, 1 },
	{ "alg", "Алгебра", "Алгебра", "5", 7, 11, 3, 0, 0 },
	{ "geom", "Геометрия", "Геом.", "5", 7, 11, 2, 0, 0 },
	{ "prob", "Вероятность и статистика", "Вер. и стат.", "5", 7, 11, 1, 0, 0 },
	{ "inf", "Информатика", "Информ.", "5", 7, 11, 1, 1, 0 },
	{ "world", "Окружающий мир", "Окр. мир", "5", 1, 4, 2, 0, 1 },
	{ "hist", "История", "История", "5", 5, 11, 2, 0, 0 },
	{ "soc", "Обществознание", "Обществ.", "5", 6, 11, 1, 0, 0 },
	{ "geo", "География", "Геогр.", "5", 5, 11, 1, 0, 0 },
	{ "phys", "Физика", "Физика", "5", 7, 11, 2, 0, 0 },
	{ "chem", "Химия", "Химия", "5", 8, 11, 2, 0, 0 },
	{ "bio", "Биология", "Биол.", "5", 5, 11, 1, 0, 0 },
	{ "music", "Музыка", "Музыка", "5", 1, 8, 1, 0, 0 },
	{ "art", "Изобразительное искусство", "ИЗО", "5", 1, 7, 1, 0, 1 },
	{ "tech", "Труд (технология)", "Труд", "5", 1, 9, 1, 0, 1 },
	{ "pe", "Физическая культура", "Физ-ра", "5", 1, 11, 2, 0, 0 },
	{ "obzr", "Основы безопасности и защиты Родины", "ОБЗР", "5", 8, 11, 1, 0, 0 },
	{ "odnknr", "Основы духовно-нравственной культуры народов России", "ОДНКНР", "pass-fail", 5, 6, 1, 0, 0 },
	{ "orkse", "Основы религиозных культур и светской этики", "ОРКСЭ", "pass-fail", 4, 4, 1, 0, 1 },
	{ "proj", "Индивидуальный проект", "Инд. проект", "5", 10, 11, 1, 0, 0 },
};
#define NSUBJECTS (sizeof(subjects) / sizeof(subjects[0]))

/* Surnames (masculine form) with their transliteration for logins. */
static const char *const surnames[][2] = {
	{ "Иванов", "ivanov" }, { "Смирнов", "smirnov" }, { "Кузнецов", "kuznetsov" }, { "Попов", "popov" },
	{ "Васильев", "vasiliev" }, { "Петров", "petrov" }, { "Соколов", "sokolov" }, { "Михайлов", "mikhailov" },
	{ "Новиков", "novikov" }, { "Фёдоров", "fedorov" }, { "Морозов", "morozov" }, { "Волков", "volkov" },
	{ "Алексеев", "alekseev" }, { "Лебедев", "lebedev" }, { "Семёнов", "semenov" }, { "Егоров", "egorov" },
	{ "Павлов", "pavlov" }, { "Козлов", "kozlov" }, { "Степанов", "stepanov" }, { "Николаев", "nikolaev" },
	{ "Орлов", "orlov" }, { "Андреев", "andreev" }, { "Макаров", "makarov" }, { "Никитин", "nikitin" },
	{ "Захаров", "zakharov" }, { "Зайцев", "zaitsev" }, { "Соловьёв", "soloviev" }, { "Борисов", "borisov" },
	{ "Яковлев", "yakovlev" }, { "Григорьев", "grigoriev" }, { "Романов", "romanov" }, { "Воробьёв", "vorobiev" },
	{ "Сергеев", "sergeev" }, { "Кузьмин", "kuzmin" }, { "Фролов", "frolov" }, { "Александров", "aleksandrov" },
	{ "Дмитриев", "dmitriev" }, { "Королёв", "korolev" }, { "Гусев", "gusev" }, { "Киселёв", "kiselev" },
	{ "Ильин", "ilin" }, { "Максимов", "maksimov" }, { "Поляков", "polyakov" }, { "Сорокин", "sorokin" },
	{ "Виноградов", "vinogradov" }, { "Ковалёв", "kovalev" }, { "Белов", "belov" }, { "Медведев", "medvedev" },
	{ "Антонов", "antonov" }, { "Тарасов", "tarasov" }, { "Жуков", "zhukov" }, { "Баранов", "baranov" },
	{ "Филиппов", "filippov" }, { "Комаров", "komarov" }, { "Давыдов", "davydov" }, { "Беляев", "belyaev" },
	{ "Герасимов", "gerasimov" }, { "Богданов", "bogdanov" }, { "Осипов", "osipov" }, { "Сидоров", "sidorov" },
	{ "Матвеев", "matveev" }, { "Титов", "titov" }, { "Марков", "markov" }, { "Миронов", "mironov" },
};
#define NSURNAMES (sizeof(surnames) / sizeof(surnames[0]))

static const char *const male_names[] = {
	"Александр", "Максим", "Артём", "Михаил", "Даниил", "Иван", "Дмитрий", "Кирилл", "Андрей", "Егор",
	"Никита", "Илья", "Алексей", "Матвей", "Тимофей", "Роман", "Владимир", "Ярослав", "Фёдор", "Георгий",
	"Лев", "Марк", "Константин", "Павел", "Сергей", "Глеб", "Степан", "Арсений",
};
static const char *const female_names[] = {
	"Анастасия", "Мария", "Анна", "Виктория", "Екатерина", "Наталья", "Марина", "Полина", "Елизавета",
	"Дарья", "Алиса", "Ксения", "София", "Варвара", "Александра", "Вероника", "Арина", "Ульяна",
	"Алёна", "Милана", "Ева", "Кира", "Таисия", "Василиса", "Ольга", "Татьяна", "Юлия", "Светлана",
};
static const char *const patronymics[][2] = {
	{ "Александрович", "Александровна" }, { "Сергеевич", "Сергеевна" }, { "Андреевич", "Андреевна" },
	{ "Дмитриевич", "Дмитриевна" }, { "Алексеевич", "Алексеевна" }, { "Владимирович", "Владимировна" },
	{ "Михайлович", "Михайловна" }, { "Игоревич", "Игоревна" }, { "Евгеньевич", "Евгеньевна" },
	{ "Николаевич", "Николаевна" }, { "Олегович", "Олеговна" }, { "Викторович", "Викторовна" },
	{ "Иванович", "Ивановна" }, { "Павлович", "Павловна" }, { "Юрьевич", "Юрьевна" },
	{ "Фёдорович", "Фёдоровна" }, { "Романович", "Романовна" }, { "Константинович", "Константиновна" },
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const topic_stems[] = {
	"Введение в раздел", "Основные понятия", "Изучение нового материала", "Закрепление изученного",
	"Решение задач", "Практикум", "Работа с текстом", "Повторение", "Обобщение и систематизация",
	"Урок-исследование", "Анализ примеров", "Работа над ошибками",
};
static const char *const homework_forms[] = {
	"§ %d, вопросы 1–3", "§ %d, № %d, %d", "Упр. %d, с. %d", "Выучить определения § %d", "Стр. %d, задание %d",
	"Подготовить сообщение по § %d", "№ %d–%d (устно)", "Повторить § %d",
};
static const char *const comments[] = {
	"Хороший ответ, есть неточности", "Отличная работа", "Не выполнено домашнее задание",
	"Ошибки в вычислениях", "Активная работа на уроке", "Нужно повторить правило",
};

/* One staff member. */
struct person {
	char *login;		/* stays put when the staff array grows: classes point to it */
	char last[64], first[64], middle[64];
	int hours;
};

struct staffset {
	struct person *p;
	size_t n, alloc;
};

/* A teacher pool per subject (and subgroup): the teacher taking the next class. */
struct pool {
	const char *key;	/* subject id, or "eng.2" etc */
	size_t cur;		/* index into staff, or (size_t)-1 */
};

/* A lesson of the weekly timetable. */
struct tslot {
	int weekday, period;
	int subj;		/* index into subjects */
};

struct currow {
	int subj;
	int group;		/* 0 for the whole class, else 1 or 2 */
	int hours;
	const char *teacher;
};

struct klass_gen {
	char name[16];
	int idx, grade;
	const char *class_teacher;
	struct currow cur[MAXSUBJ * 2];
	int ncur;
	struct tslot slots[MAXSLOTS];
	int nslots;
	int first_id, nstudents;
};

struct substitution {
	ej_date date;
	int cls, period;
	const char *substitute;
};

struct gen {
	const char *dir;
	struct jfs fs;
	int nclasses, nstudents, weeks;
	unsigned long long seed;
	struct calendar cal;
	ej_date first_day, last_day;
	struct staffset staff;
	struct klass_gen *k;
	struct substitution *subst;
	size_t nsubst, asubst;
	struct strbuf subst_rows;
	char now[40];		/* the time of the per-class writes: after the last day */
	const char *cmdline;
};

static const char *person_add(struct staffset *s, struct rng *r, const char *roles_login, int female)
{
	struct person *p;
	size_t sn = rint_(r, NSURNAMES);

	ALLOC_GROW(s->p, s->n + 1, s->alloc);
	p = &s->p[s->n++];
	memset(p, 0, sizeof(*p));
	snprintf(p->last, sizeof(p->last), "%s%s", surnames[sn][0], female ? "а" : "");
	snprintf(p->first, sizeof(p->first), "%s",
		 female ? female_names[rint_(r, COUNT(female_names))] : male_names[rint_(r, COUNT(male_names))]);
	snprintf(p->middle, sizeof(p->middle), "%s", patronymics[rint_(r, COUNT(patronymics))][female]);
	if (roles_login)
		p->login = xstrdup(roles_login);
	else
		p->login = xasprintf("%s%s%zu", surnames[sn][1], female ? "a" : "", s->n);
	return p->login;
}

/* The next teacher of a pool with room for hours more a week (about 24 a teacher). */
static const char *pool_take(struct gen *g, struct pool *pl, size_t npl, const char *key, int hours, struct rng *r)
{
	size_t i;

	for (i = 0; i < npl && strcmp(pl[i].key, key); i++)
		;
	if (pl[i].cur == (size_t)-1 || g->staff.p[pl[i].cur].hours + hours > 24) {
		person_add(&g->staff, r, NULL, runif(r) < 0.8);
		pl[i].cur = g->staff.n - 1;
	}
	g->staff.p[pl[i].cur].hours += hours;
	return g->staff.p[pl[i].cur].login;
}

static int subject_index(const char *id)
{
	size_t i;
	for (i = 0; i < NSUBJECTS; i++)
		if (!strcmp(subjects[i].id, id))
			return (int)i;
	return -1;
}

/* Classes spread over grades 1..11, lettered А, Б, В... within a grade; past the
 * twelfth letter (a town's schools in one journal) two letters, АА, АБ... */
static void plan_classes(struct gen *g)
{
	static const char *const letters[] = { "А", "Б", "В", "Г", "Д", "Е", "Ж", "И", "К", "Л", "М", "Н" };
	int i, nth[12] = { 0 };

	g->k = xcalloc((size_t)g->nclasses, sizeof(*g->k));
	for (i = 0; i < g->nclasses; i++) {
		struct klass_gen *k = &g->k[i];
		int n;
		k->idx = i;
		k->grade = 1 + i * 11 / g->nclasses;
		n = nth[k->grade]++;
		if (n < (int)COUNT(letters))
			snprintf(k->name, sizeof(k->name), "%d%s", k->grade, letters[n]);
		else
			snprintf(k->name, sizeof(k->name), "%d%s%s", k->grade,
				 letters[(n / (int)COUNT(letters) - 1) % (int)COUNT(letters)], letters[n % (int)COUNT(letters)]);
		k->nstudents = g->nstudents;
		k->first_id = 10001 + i * 100;
	}
}

static void plan_curriculum(struct gen *g)
{
	struct pool pl[NSUBJECTS * 3];
	size_t npl = 0, s;
	int i;
	struct rng r = rng_for(g->seed, 1, 0);

	for (s = 0; s < NSUBJECTS; s++) {
		pl[npl++] = (struct pool){ subjects[s].id, (size_t)-1 };
		if (subjects[s].grouped) {
			pl[npl++] = (struct pool){ xasprintf("%s.1", subjects[s].id), (size_t)-1 };
			pl[npl++] = (struct pool){ xasprintf("%s.2", subjects[s].id), (size_t)-1 };
		}
	}
	for (i = 0; i < g->nclasses; i++) {
		struct klass_gen *k = &g->k[i];
		const char *primary = NULL;
		if (k->grade <= 4) {
			primary = person_add(&g->staff, &r, NULL, 1);
			k->class_teacher = primary;
		}
		for (s = 0; s < NSUBJECTS; s++) {
			const struct subject_def *d = &subjects[s];
			int hours = d->hours;
			if (k->grade < d->gmin || k->grade > d->gmax)
				continue;
			if (!strcmp(d->id, "rus") && k->grade >= 5)
				hours = k->grade <= 6 ? 6 : k->grade <= 9 ? 4 : 2;
			if (!strcmp(d->id, "read") && k->grade == 1)
				hours = 4;
			if (!strcmp(d->id, "pe") && k->grade <= 4)
				hours = 3;
			if (!strcmp(d->id, "eng") && k->grade <= 4)
				hours = 2;
			if (d->grouped) {
				int gr;
				for (gr = 1; gr <= 2; gr++) {
					char key[32];
					snprintf(key, sizeof(key), "%s.%d", d->id, gr);
					k->cur[k->ncur++] = (struct currow){ (int)s, gr, hours,
									     pool_take(g, pl, npl, key, hours, &r) };
				}
			} else {
				const char *t = primary && d->primary ? primary : pool_take(g, pl, npl, d->id, hours, &r);
				k->cur[k->ncur++] = (struct currow){ (int)s, 0, hours, t };
			}
		}
		if (!k->class_teacher)
			k->class_teacher = k->cur[(i * 3) % k->ncur].teacher;
	}
}

static int cmp_tslot(const void *pa, const void *pb)
{
	const struct tslot *a = pa, *b = pb;
	return a->weekday != b->weekday ? a->weekday - b->weekday : a->period - b->period;
}

/* Lays the week's lessons out round-robin over the subjects, so a subject's hours
 * spread over different days, filling each day from the first period. */
static void plan_timetable(struct gen *g)
{
	int i;

	for (i = 0; i < g->nclasses; i++) {
		struct klass_gen *k = &g->k[i];
		int left[MAXSUBJ * 2], c, days = g->cal.days_per_week[k->grade], n = 0, perday[8] = { 0 }, any = 1;

		for (c = 0; c < k->ncur; c++)
			left[c] = k->cur[c].group == 2 ? 0 : k->cur[c].hours;	/* group 2 shares group 1's slot */
		while (any) {
			any = 0;
			for (c = 0; c < k->ncur; c++) {
				int wd;
				if (!left[c])
					continue;
				any = 1;
				left[c]--;
				wd = 1 + n % days;
				if (n >= MAXSLOTS)
					break;
				k->slots[n].weekday = wd;
				k->slots[n].period = ++perday[wd];
				k->slots[n].subj = k->cur[c].subj;
				n++;
			}
		}
		k->nslots = n;
		xqsort(k->slots, (size_t)n, sizeof(k->slots[0]), cmp_tslot);
	}
}

static const struct currow *cur_of(const struct klass_gen *k, int subj, int group)
{
	int c;
	for (c = 0; c < k->ncur; c++)
		if (k->cur[c].subj == subj && k->cur[c].group == group)
			return &k->cur[c];
	return NULL;
}

static int school_day(const struct gen *g, int grade, ej_date d)
{
	return d >= g->first_day && d <= g->last_day && calendar_is_school_day(&g->cal, grade, d);
}

static void ts(char *buf, size_t n, ej_date d, int minutes)
{
	char b[11];
	snprintf(buf, n, "%sT%02d:%02d:%02d+05:00", date_fmt(d, b), minutes / 60 % 24, minutes % 60, minutes * 7 % 60);
}

static int bell_end(const struct gen *g, int period)
{
	if (period >= 1 && (size_t)period <= g->cal.nbells[1])
		return g->cal.bells[1][period - 1].end;
	return 15 * 60;
}

/* The deputy arranges a substitute now and then (seed 5.4): a lesson of a class on
 * a school day, given by another teacher. Decided for the whole school first, in
 * date order, so substitutions.csv reads as the deputy wrote it. */
static void plan_substitutions(struct gen *g)
{
	struct rng r = rng_for(g->seed, 2, 0);
	static const char *const why[] = { "Больничный лист", "Курсы повышения квалификации", "Командировка" };
	ej_date d;
	int order = 400;

	sb_init(&g->subst_rows, 0);
	for (d = g->first_day; d <= g->last_day; d++) {
		int i;
		for (i = 0; i < g->nclasses; i++) {
			struct klass_gen *k = &g->k[i];
			const struct tslot *sl = NULL;
			const struct currow *cr;
			int wd = date_weekday(d), s, m;
			char date[11], at[40], ord[16], reason[128];
			if (!school_day(g, k->grade, d) || runif(&r) >= 0.02)
				continue;
			for (s = 0, m = 0; s < k->nslots; s++)
				if (k->slots[s].weekday == wd && rint_(&r, ++m) == 0)
					sl = &k->slots[s];
			if (!sl || subjects[sl->subj].grouped)
				continue;
			cr = cur_of(k, sl->subj, 0);
			ALLOC_GROW(g->subst, g->nsubst + 1, g->asubst);
			g->subst[g->nsubst] = (struct substitution){ d, i, sl->period, NULL };
			do
				g->subst[g->nsubst].substitute = g->staff.p[4 + rint_(&r, (unsigned)g->staff.n - 4)].login;
			while (!strcmp(g->subst[g->nsubst].substitute, cr->teacher));
			date_fmt(d, date);
			ts(at, sizeof(at), d, 7 * 60 + 30 + (int)rint_(&r, 20));
			snprintf(ord, sizeof(ord), "%d-о", order++);
			snprintf(reason, sizeof(reason), "%s", why[rint_(&r, COUNT(why))]);
			{
				char per[8];
				const char *row[11];
				snprintf(per, sizeof(per), "%d", sl->period);
				row[0] = date; row[1] = per; row[2] = k->name; row[3] = subjects[sl->subj].id; row[4] = "";
				row[5] = cr->teacher; row[6] = g->subst[g->nsubst].substitute; row[7] = ord;
				row[8] = at; row[9] = "orlova"; row[10] = reason;
				csv_add_row(&g->subst_rows, row, 11);
			}
			g->nsubst++;
		}
	}
}

static const char *substitute_of(const struct gen *g, ej_date d, int cls, int period)
{
	size_t lo = 0, hi = g->nsubst;

	/* substitutions are in (date, class) order */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct substitution *s = &g->subst[mid];
		if (s->date < d || (s->date == d && s->cls < cls))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < g->nsubst && g->subst[lo].date == d && g->subst[lo].cls == cls; lo++)
		if (g->subst[lo].period == period)
			return g->subst[lo].substitute;
	return NULL;
}

static void add_row(struct strbuf *sb, const char *const *f, size_t n)
{
	csv_add_row(sb, f, n);
}

/* The school-wide files, in one transaction before the year begins. */
static void write_school(struct gen *g, struct ynode *year_yaml)
{
	struct txn *t = txn_begin(&g->fs);
	struct strbuf sb = STRBUF_INIT;
	struct err e;
	size_t i;
	int c, gyms;

	sb_adds(&sb, "format: 1\n"
		     "school:\n"
		     "  name: МБОУ «Средняя общеобразовательная школа № 42»\n"
		     "  short: СОШ № 42\n"
		     "  director: tarasova\n"
		     "  deputies: [orlova]\n"
		     "year: " YEAR "\n"
		     "policy:\n"
		     "  no_marks_grades: [1]\n"
		     "  entry_window_days: 0\n"
		     "  topic_deadline_hours: 1\n"
		     "  control_marks_days: 3\n"
		     "  min_marks_many: 5\n"
		     "  final_deadline_days: 2\n"
		     "  average: arithmetic\n"
		     "  weights: {контрольная работа: 2}\n"
		     "  round_at: 0.5\n"
		     "meals: {check_period: 2}\n"
		     "pdf: {font: /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf}\n"
		     "backup: {dir: /var/backups/ejournal, keep_monthly: 60, keep_yearly: 25}\n");
	txn_replace(t, "ejournal.yaml", sb.buf, sb.len);
	txn_mkdir(t, "years/" YEAR "/classes");

	sb_reset(&sb);
	sb_adds(&sb, schema_header(schema_get("staff")));
	for (i = 0; i < g->staff.n; i++) {
		const struct person *p = &g->staff.p[i];
		const char *roles = !strcmp(p->login, "tarasova") ? "director"
				    : !strcmp(p->login, "orlova") ? "deputy teacher"
				    : !strcmp(p->login, "sidorov") ? "admin ict"
				    : !strcmp(p->login, "petrova") ? "secretary" : "teacher";
		const char *row[] = { p->login, p->last, p->first, p->middle, roles, "", "" };	/* left, order_out */
		add_row(&sb, row, 7);
	}
	txn_replace(t, "staff.csv", sb.buf, sb.len);

	sb_reset(&sb);
	sb_adds(&sb, schema_header(schema_get("subjects")));
	for (i = 0; i < NSUBJECTS; i++) {
		const char *row[] = { subjects[i].id, subjects[i].name, subjects[i].shortname, subjects[i].scale };
		add_row(&sb, row, 4);
	}
	txn_replace(t, "subjects.csv", sb.buf, sb.len);

	sb_reset(&sb);
	if (yaml_emit(year_yaml, &sb, &e) < 0)
		die_err(&e);
	txn_replace(t, "years/" YEAR "/year.yaml", sb.buf, sb.len);

	sb_reset(&sb);
	sb_adds(&sb, schema_header(schema_get("classes")));
	for (c = 0; c < g->nclasses; c++) {
		char grade[8];
		snprintf(grade, sizeof(grade), "%d", g->k[c].grade);
		{
			const char *row[] = { g->k[c].name, grade, g->k[c].class_teacher, "1" };
			add_row(&sb, row, 4);
		}
	}
	txn_replace(t, "years/" YEAR "/classes.csv", sb.buf, sb.len);

	sb_reset(&sb);
	sb_adds(&sb, schema_header(schema_get("curriculum")));
	for (c = 0; c < g->nclasses; c++) {
		int r;
		for (r = 0; r < g->k[c].ncur; r++) {
			const struct currow *cr = &g->k[c].cur[r];
			char grp[4] = "", hours[8];
			if (cr->group)
				snprintf(grp, sizeof(grp), "%d", cr->group);
			snprintf(hours, sizeof(hours), "%d", cr->hours);
			{
				const char *row[] = { g->k[c].name, subjects[cr->subj].id, grp, hours, cr->teacher };
				add_row(&sb, row, 5);
			}
		}
	}
	txn_replace(t, "years/" YEAR "/curriculum.csv", sb.buf, sb.len);

	sb_reset(&sb);
	sb_adds(&sb, schema_header(schema_get("timetable")));
	gyms = g->nclasses < 120 ? 1 : g->nclasses / 60;
	for (c = 0; c < g->nclasses; c++) {
		const struct klass_gen *k = &g->k[c];
		int s, gr;
		for (s = 0; s < k->nslots; s++)
			for (gr = 0; gr <= 2; gr++) {
				const struct currow *cr = cur_of(k, k->slots[s].subj, gr);
				char wd[4], per[4], grp[4] = "", room[32];
				if (!cr)
					continue;
				snprintf(wd, sizeof(wd), "%d", k->slots[s].weekday);
				snprintf(per, sizeof(per), "%d", k->slots[s].period);
				if (gr)
					snprintf(grp, sizeof(grp), "%d", gr);
				/* A room of its own for each class (and its second group) in a
				 * building of 120 classes, and a gym for each 60 classes, shared
				 * by classes of every grade as in a school of 60. */
				if (!strcmp(subjects[cr->subj].id, "pe") && gyms == 1)
					snprintf(room, sizeof(room), "спортзал");
				else if (!strcmp(subjects[cr->subj].id, "pe"))
					snprintf(room, sizeof(room), "спортзал %d", 1 + c % gyms);
				else
					snprintf(room, sizeof(room), "%d", 1000 * (c / 120) + 100 * (1 + c % 3) + c % 40 +
						 (gr == 2 ? 50 : 0));
				{
					char from[11], to[11];
					const char *row[] = { date_fmt(calendar_year_start(&g->cal), from),
							      date_fmt(date_from_ymd(2024, 5, 31), to), wd, per, k->name,
							      subjects[cr->subj].id, grp, cr->teacher, room };
					add_row(&sb, row, 9);
				}
			}
	}
	txn_replace(t, "years/" YEAR "/timetable.csv", sb.buf, sb.len);
	sb_release(&sb);
	if (txn_commit(t, "2023-08-28T11:00:00+05:00", "sidorov", "ejournal-gen: the school, its staff, curriculum and timetable", &e) < 0)
		die_err(&e);
}

/* What the generator knows of one student while it writes a class. */
struct student {
	char id[16];
	int female;
	double ability;		/* the mean of the marks */
	int group;		/* 1 or 2 in grouped subjects */
	int exempt_pe;		/* exempt from PE from September 15 */
};

/* Sum and count of each student's marks in each subject of the current period. */
struct tally {
	double sum[MAXSUBJ][64];
	int n[MAXSUBJ][64];
	double year_sum[MAXSUBJ][64];
	int year_n[MAXSUBJ][64];
	int pass[MAXSUBJ][64];
};

static int round_mark(double avg)
{
	int m = (int)avg;
	if (avg - m >= 0.5)
		m++;
	return m < 2 ? 2 : m > 5 ? 5 : m;
}

static void write_plan(struct txn *t, const struct gen *g, const struct klass_gen *k, const struct currow *cr,
		       int nlessons)
{
	struct strbuf sb = STRBUF_INIT;
	char *rel, name[40];
	int n;

	(void)g;
	sb_adds(&sb, schema_header(schema_get("plan")));
	for (n = 1; n <= nlessons; n++) {
		char num[16], topic[256];
		snprintf(num, sizeof(num), "%d", n);
		snprintf(topic, sizeof(topic), "%s. %s, тема %d", subjects[cr->subj].name,
			 topic_stems[(n * 7 + cr->subj) % COUNT(topic_stems)], (n + 3) / 4);
		{
			const char *row[] = { num, topic, "1", n % 10 == 0 ? "контрольная работа" : "урок" };
			add_row(&sb, row, 4);
		}
	}
	if (cr->group)
		snprintf(name, sizeof(name), "plans/%s.%d.csv", subjects[cr->subj].id, cr->group);
	else
		snprintf(name, sizeof(name), "plans/%s.csv", subjects[cr->subj].id);
	rel = xasprintf("years/" YEAR "/classes/%s/%s", k->name, name);
	txn_replace(t, rel, sb.buf, sb.len);
	free(rel);
	sb_release(&sb);
}

/* Writes the lessons, marks and absences of one class in one study period, and
 * returns through tally each student's marks for the period marks. */
static void write_period(struct txn *t, struct gen *g, const struct klass_gen *k, const struct study_period *p,
			 struct student *st, struct tally *ta, int *plan_pos, struct rng *r)
{
	struct strbuf les = STRBUF_INIT, mk = STRBUF_INIT, att = STRBUF_INIT, fix = STRBUF_INIT;
	int marks_grade = k->grade != 1;
	ej_date d;
	char *rel;
	int n = k->nstudents;

	sb_grow(&mk, 1 << 20);
	for (d = p->from; d <= p->to; d++) {
		int wd = date_weekday(d), s, i;
		char date[11], absent[64] = { 0 };
		if (!school_day(g, k->grade, d))
			continue;
		date_fmt(d, date);
		/* A few students miss the whole day: ill (Б) or excused (У). */
		for (i = 0; i < n; i++)
			absent[i] = runif(r) < 0.035 ? (runif(r) < 0.7 ? 'B' : 'U') : 0;
		for (s = 0; s < k->nslots; s++) {
			const struct tslot *sl = &k->slots[s];
			const struct subject_def *sd = &subjects[sl->subj];
			int gr, lesson_minutes = bell_end(g, sl->period);
			char per[4];
			if (sl->weekday != wd)
				continue;
			snprintf(per, sizeof(per), "%d", sl->period);
			for (gr = sd->grouped ? 1 : 0; gr <= (sd->grouped ? 2 : 0); gr++) {
				const struct currow *cr = cur_of(k, sl->subj, gr);
				const char *teacher = cr->teacher, *sub = gr ? NULL : substitute_of(g, d, k->idx, sl->period);
				int pi = (int)(cr - k->cur), item = ++plan_pos[pi], control = item % 10 == 0;
				int at_min = lesson_minutes + 2 + (int)rint_(r, 40);
				char at[40], grp[4] = "", topic[256], hw[128], itemb[16];
				double nl = cr->hours * 33.0, nc = nl / 10, pmark = (30 - nc) / (nl - nc);

				if (sub)
					teacher = sub;
				if (gr)
					snprintf(grp, sizeof(grp), "%d", gr);
				ts(at, sizeof(at), d, at_min);
				snprintf(topic, sizeof(topic), "%s. %s, тема %d", sd->name,
					 topic_stems[(item * 7 + cr->subj) % COUNT(topic_stems)], (item + 3) / 4);
				snprintf(hw, sizeof(hw), homework_forms[item % COUNT(homework_forms)], 1 + item / 3,
					 10 + item % 90, 11 + item % 90);
				snprintf(itemb, sizeof(itemb), "%d", item);
				{
					const char *row[] = { date, per, sd->id, grp, teacher, topic,
							      control ? "контрольная работа" : "урок", hw, itemb, at, teacher,
							      "" };
					add_row(&les, row, 12);
				}
				if (runif(r) < 0.005) {
					/* The teacher corrects the topic the next morning. */
					char at2[40], topic2[300];
					ts(at2, sizeof(at2), d + 1, 7 * 60 + (int)rint_(r, 50));
					snprintf(topic2, sizeof(topic2), "%s (продолжение)", topic);
					{
						const char *row[] = { date, per, sd->id, grp, teacher, topic2,
								      control ? "контрольная работа" : "урок", hw, itemb,
								      at2, teacher, "Уточнена тема урока" };
						add_row(&fix, row, 12);
					}
				}
				for (i = 0; i < n; i++) {
					const struct student *x = &st[i];
					char code[8] = "", at3[40];
					if (gr && x->group != gr)
						continue;
					if (absent[i])
						snprintf(code, sizeof(code), "%s", absent[i] == 'B' ? "Б" : "У");
					else if (runif(r) < 0.012)
						snprintf(code, sizeof(code), "Н");
					else if (runif(r) < 0.003)
						snprintf(code, sizeof(code), "ОП");
					if (*code) {
						ts(at3, sizeof(at3), d, at_min);
						{
							const char *row[] = { date, per, x->id, code, at3, teacher, "" };
							add_row(&att, row, 7);
						}
						if (!strcmp(code, "Н") && runif(r) < 0.05) {
							/* A note from home turns it into an excused absence. */
							char at4[40];
							ts(at4, sizeof(at4), d + 1, 7 * 60 + 50 + (int)rint_(r, 9));
							{
								const char *row[] = { date, per, x->id, "У", at4, k->class_teacher,
										      "Заявление родителей" };
								add_row(&fix, row, 7);
							}
						}
						if (strcmp(code, "ОП"))
							continue;
					}
					if (!marks_grade || (x->exempt_pe && !strcmp(sd->id, "pe") && d >= p->from))
						continue;
					if (control || runif(r) < pmark) {
						char m[16];
						const char *comment = runif(r) < 0.03 ? comments[rint_(r, COUNT(comments))] : "";
						int v;
						if (!strcmp(sd->scale, "pass-fail")) {
							v = runif(r) < 0.95;
							snprintf(m, sizeof(m), "%s", v ? "зач" : "незач");
							ta->pass[sl->subj][i] += v;
							ta->n[sl->subj][i]++;
						} else {
							v = (int)(x->ability + (runif(r) - 0.5) * 2.2 + 0.5);
							v = v < 2 ? 2 : v > 5 ? 5 : v;
							snprintf(m, sizeof(m), "%d", v);
							ta->sum[sl->subj][i] += v;
							ta->n[sl->subj][i]++;
						}
						ts(at3, sizeof(at3), d, at_min);
						{
							const char *row[] = { date, per, sd->id, x->id,
									      control ? "контрольная работа" : "урок", m,
									      comment, at3, teacher, "" };
							add_row(&mk, row, 10);
						}
						if (v > 2 && strcmp(sd->scale, "pass-fail") && runif(r) < 0.003) {
							/* The deputy corrects a wrong mark on the teacher's memo (seed 5.8). */
							char at5[40], m2[4];
							snprintf(m2, sizeof(m2), "%d", v - 1);
							ts(at5, sizeof(at5), d + 1, 7 * 60 + 40 + (int)rint_(r, 9));
							{
								const char *row[] = { date, per, sd->id, x->id,
										      control ? "контрольная работа" : "урок",
										      m2, comment, at5, "orlova",
										      "Служебная записка учителя: ошибка при вводе" };
								add_row(&fix, row, 10);
							}
							ta->sum[sl->subj][i] -= 1;
						}
					}
				}
			}
		}
		/* Corrections of the day are written the next morning, before its lessons. */
		if (fix.len) {
			/* split the corrections back by ledger: their column counts differ */
			char *line = fix.buf, *end = fix.buf + fix.len;
			while (line < end) {
				char *nl = memchr(line, '\n', (size_t)(end - line));
				size_t len = (size_t)(nl - line) + 1, commas = 0, q = 0, j;
				for (j = 0; j < len; j++) {
					if (line[j] == '"')
						q = !q;
					else if (line[j] == ',' && !q)
						commas++;
				}
				sb_add(commas == 11 ? &les : commas == 6 ? &att : &mk, line, len);
				line = nl + 1;
			}
			sb_reset(&fix);
		}
	}
	rel = xasprintf("years/" YEAR "/classes/%s/%s/lessons.csv", k->name, p->id);
	txn_append(t, rel, schema_header(schema_get("lessons")), les.buf, les.len);
	free(rel);
	rel = xasprintf("years/" YEAR "/classes/%s/%s/attendance.csv", k->name, p->id);
	txn_append(t, rel, schema_header(schema_get("attendance")), att.buf, att.len);
	free(rel);
	if (marks_grade) {
		rel = xasprintf("years/" YEAR "/classes/%s/%s/marks.csv", k->name, p->id);
		txn_append(t, rel, schema_header(schema_get("marks")), mk.buf, mk.len);
		free(rel);
	}
	sb_release(&les);
	sb_release(&mk);
	sb_release(&att);
	sb_release(&fix);
}

/* Period and year marks, two days after each finished period (seed 5.9). */
static void add_finals(struct strbuf *fin, const struct klass_gen *k, const struct student *st, struct tally *ta,
		       const struct study_period *p, int last)
{
	int c, i;
	char at[40];

	ts(at, sizeof(at), p->to + 1, 15 * 60 + k->idx % 60);
	for (c = 0; c < k->ncur; c++) {
		const struct currow *cr = &k->cur[c];
		int s = cr->subj, pf = !strcmp(subjects[s].scale, "pass-fail");
		for (i = 0; i < k->nstudents; i++) {
			char m[16];
			if (cr->group && st[i].group != cr->group)
				continue;
			if (!ta->n[s][i])
				snprintf(m, sizeof(m), "%s", st[i].exempt_pe && !strcmp(subjects[s].id, "pe") ? "осв" : "н/а");
			else if (pf)
				snprintf(m, sizeof(m), "%s", ta->pass[s][i] * 2 >= ta->n[s][i] ? "зач" : "незач");
			else {
				int v = round_mark(ta->sum[s][i] / ta->n[s][i]);
				snprintf(m, sizeof(m), "%d", v);
				ta->year_sum[s][i] += v;
				ta->year_n[s][i]++;
			}
			{
				const char *row[] = { subjects[s].id, st[i].id, p->id, m, at, cr->teacher, "" };
				add_row(fin, row, 7);
			}
			if (last) {
				char ym[16];
				if (pf)
					snprintf(ym, sizeof(ym), "%s", strcmp(m, "незач") ? "зач" : "незач");
				else if (ta->year_n[s][i])
					snprintf(ym, sizeof(ym), "%d", round_mark(ta->year_sum[s][i] / ta->year_n[s][i]));
				else
					snprintf(ym, sizeof(ym), "%s", m);
				{
					const char *row[] = { subjects[s].id, st[i].id, "year", ym, at, cr->teacher, "" };
					add_row(fin, row, 7);
				}
			}
			ta->sum[s][i] = 0;
			ta->n[s][i] = 0;
			ta->pass[s][i] = 0;
		}
	}
}

static void write_class(struct gen *g, struct klass_gen *k)
{
	struct rng r = rng_for(g->seed, 3, (unsigned long long)k->idx);
	struct student st[64];
	struct tally *ta = xcalloc(1, sizeof(*ta));
	struct strbuf sb = STRBUF_INIT, fin = STRBUF_INIT;
	int plan_pos[MAXSUBJ * 2] = { 0 }, i, c, nper = 0, last_done = -1;
	const struct study_period *per[8];
	struct txn *t = txn_begin(&g->fs);
	size_t pi;
	char *rel, cmd[128];
	struct err e;

	rel = xasprintf("years/" YEAR "/classes/%s/plans", k->name);
	txn_mkdir(t, rel);
	free(rel);
	/* The roster. */
	sb_adds(&sb, schema_header(schema_get("students")));
	for (i = 0; i < k->nstudents; i++) {
		struct student *x = &st[i];
		size_t sn = rint_(&r, NSURNAMES);
		char last[64], born[11], order[16];
		const char *first, *middle;
		x->female = rint_(&r, 2);
		snprintf(x->id, sizeof(x->id), "%d", k->first_id + i);
		snprintf(last, sizeof(last), "%s%s", surnames[sn][0], x->female ? "а" : "");
		first = x->female ? female_names[rint_(&r, COUNT(female_names))] : male_names[rint_(&r, COUNT(male_names))];
		middle = patronymics[rint_(&r, COUNT(patronymics))][x->female];
		x->ability = 2.9 + runif(&r) * 1.9;
		x->group = i < (k->nstudents + 1) / 2 ? 1 : 2;
		x->exempt_pe = rint_(&r, 40) == 0;
		date_fmt(date_from_ymd(2023 - k->grade - 6, 1 + (int)rint_(&r, 12), 1 + (int)rint_(&r, 28)), born);
		snprintf(order, sizeof(order), "%d-у", k->grade <= 1 ? 298 : 312);
		{
			const char *row[] = { x->id, last, first, middle, x->female ? "ж" : "м", born, "2023-09-01", order,
					      "", "", "", runif(&r) < 0.7 ? "budget" : runif(&r) < 0.5 ? "paid" : "home", "" };
			add_row(&sb, row, 13);
		}
	}
	rel = xasprintf("years/" YEAR "/classes/%s/students.csv", k->name);
	txn_replace(t, rel, sb.buf, sb.len);
	free(rel);

	/* Subgroups of the grouped subjects, from the first day. */
	sb_reset(&sb);
	sb_adds(&sb, schema_header(schema_get("groups")));
	for (c = 0; c < k->ncur; c++) {
		char grp[4];
		if (k->cur[c].group != 1)
			continue;
		for (i = 0; i < k->nstudents; i++) {
			snprintf(grp, sizeof(grp), "%d", st[i].group);
			{
				const char *row[] = { subjects[k->cur[c].subj].id, grp, st[i].id, "2023-09-01", "" };
				add_row(&sb, row, 5);
			}
		}
	}
	rel = xasprintf("years/" YEAR "/classes/%s/groups.csv", k->name);
	txn_replace(t, rel, sb.buf, sb.len);
	free(rel);

	/* PE exemptions by a medical certificate (seed 5.12). */
	sb_reset(&sb);
	sb_adds(&sb, schema_header(schema_get("exemptions")));
	for (i = 0; i < k->nstudents; i++)
		if (st[i].exempt_pe) {
			char doc[64];
			snprintf(doc, sizeof(doc), "Справка ВК № %d от 01.09.2023", 400 + k->idx * 3 + i);
			{
				const char *row[] = { st[i].id, "pe", "2023-09-01", "2024-05-31", doc };
				add_row(&sb, row, 5);
			}
		}
	rel = xasprintf("years/" YEAR "/classes/%s/exemptions.csv", k->name);
	txn_replace(t, rel, sb.buf, sb.len);
	free(rel);

	for (c = 0; c < k->ncur; c++)
		write_plan(t, g, k, &k->cur[c], k->cur[c].hours * 36);

	for (pi = 0; pi < g->cal.nperiods && nper < 8; pi++) {
		const struct study_period *p = &g->cal.periods[pi];
		if (k->grade >= p->gmin && k->grade <= p->gmax)
			per[nper++] = p;
	}
	for (i = 0; i < nper; i++) {
		if (per[i]->from > g->last_day)
			break;
		write_period(t, g, k, per[i], st, ta, plan_pos, &r);
		if (per[i]->to < g->last_day && k->grade != 1) {
			add_finals(&fin, k, st, ta, per[i], i == nper - 1);
			last_done = i;
		}
	}
	(void)last_done;
	rel = xasprintf("years/" YEAR "/classes/%s/finals.csv", k->name);
	txn_append(t, rel, schema_header(schema_get("finals")), fin.buf, fin.len);
	free(rel);
	snprintf(cmd, sizeof(cmd), "ejournal-gen: class %s", k->name);
	if (txn_commit(t, g->now, "sidorov", cmd, &e) < 0)
		die_err(&e);
	sb_release(&sb);
	sb_release(&fin);
	free(ta);
}

static int num_arg(const char *opt, const char *v, int min, int max)
{
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	if (!v || *end || n < min || n > max) {
		fprintf(stderr, "ejournal-gen: %s needs a number from %d to %d\n%s", opt, min, max, usage_text);
		exit(64);
	}
	return (int)n;
}

int main(int argc, char **argv)
{
	struct gen g;
	struct ynode *yy;
	struct err e;
	struct rng r;
	int i, fd;

	memset(&g, 0, sizeof(g));
	g.nclasses = 60;
	g.nstudents = 25;
	g.weeks = 39;
	g.seed = 1;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--classes"))
			g.nclasses = num_arg("--classes", argv[++i], 1, 1000);
		else if (!strcmp(argv[i], "--students"))
			g.nstudents = num_arg("--students", argv[++i], 1, 60);
		else if (!strcmp(argv[i], "--weeks"))
			g.weeks = num_arg("--weeks", argv[++i], 1, 52);
		else if (!strcmp(argv[i], "--seed"))
			g.seed = (unsigned long long)num_arg("--seed", argv[++i], 0, 2147483647);
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return 0;
		} else if (argv[i][0] == '-' || g.dir) {
			fprintf(stderr, "ejournal-gen: unexpected '%s'\n%s", argv[i], usage_text);
			return 64;
		} else
			g.dir = argv[i];
	}
	if (!g.dir) {
		fputs(usage_text, stderr);
		return 64;
	}
	if (!dir_is_empty(g.dir))
		die(EX_CANTCREAT_, "'%s' exists and is not empty; ejournal-gen needs a new or empty directory", g.dir);
	if (mkdir_p(g.dir, &e) < 0 || jfs_open(&g.fs, g.dir, &e) < 0)
		die_err(&e);
	fd = lock_acquire(&g.fs, LOCK_WRITE, &e);
	if (fd < 0)
		die_err(&e);

	yy = calendar_draft(YEAR);
	if (calendar_parse(&g.cal, yy, "year.yaml", YEAR, &e) < 0)
		die_err(&e);
	g.first_day = calendar_year_start(&g.cal);
	g.last_day = g.first_day + 7 * g.weeks - 1;
	if (g.last_day > date_from_ymd(2024, 5, 31))
		g.last_day = date_from_ymd(2024, 5, 31);
	ts(g.now, sizeof(g.now), g.last_day, 18 * 60);

	r = rng_for(g.seed, 0, 0);
	/* The administration first: the logins the tests and examples use. */
	{
		static const char *const admin[][5] = {
			{ "tarasova", "Тарасова", "Тамара", "Георгиевна" }, { "orlova", "Орлова", "Ирина", "Викторовна" },
			{ "sidorov", "Сидоров", "Павел", "Андреевич" }, { "petrova", "Петрова", "Людмила", "Ивановна" },
		};
		size_t a;
		for (a = 0; a < COUNT(admin); a++) {
			struct person *p;
			person_add(&g.staff, &r, admin[a][0], 1);
			p = &g.staff.p[g.staff.n - 1];
			snprintf(p->last, sizeof(p->last), "%s", admin[a][1]);
			snprintf(p->first, sizeof(p->first), "%s", admin[a][2]);
			snprintf(p->middle, sizeof(p->middle), "%s", admin[a][3]);
		}
	}
	plan_classes(&g);
	plan_curriculum(&g);
	plan_timetable(&g);
	plan_substitutions(&g);
	write_school(&g, yy);
	ynode_free(yy);
	for (i = 0; i < g.nclasses; i++)
		write_class(&g, &g.k[i]);
	{
		struct txn *t = txn_begin(&g.fs);
		txn_append(t, "years/" YEAR "/substitutions.csv", schema_header(schema_get("substitutions")),
			   g.subst_rows.buf, g.subst_rows.len);
		if (txn_commit(t, g.now, "orlova", "ejournal-gen: substitutions", &e) < 0)
			die_err(&e);
	}
	lock_release(fd);
	(void)subject_index;
	return 0;
}
