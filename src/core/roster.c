/* Rosters. Names are found the way a teacher types them: a surname, maybe the
 * first letters of the first name, in any case, with е for ё. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "roster.h"
#include "columns.h"
#include "../util/hash.h"
#include "../util/strbuf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

void roster_columns(struct roster *r)
{
	r->c_id = STUDENTS_ID;
	r->c_last = STUDENTS_LAST_NAME;
	r->c_first = STUDENTS_FIRST_NAME;
	r->c_middle = STUDENTS_MIDDLE_NAME;
	r->c_sex = STUDENTS_SEX;
	r->c_birth = STUDENTS_BIRTH_DATE;
	r->c_enrolled = STUDENTS_ENROLLED;
	r->c_order_in = STUDENTS_ORDER_IN;
	r->c_left = STUDENTS_LEFT;
	r->c_order_out = STUDENTS_ORDER_OUT;
	r->c_reason = STUDENTS_REASON;
	r->c_meals = STUDENTS_MEALS;
	r->c_login = STUDENTS_LOGIN;
}

int roster_load(const struct journal *j, const char *cls, struct roster *r, struct err *e)
{
	memset(r, 0, sizeof(*r));
	r->cls = xstrdup(cls);
	r->rel = class_rel(j, cls, "students.csv");
	if (journal_load(j, "students", r->rel, 1, &r->t, e) < 0) {
		free(r->cls);
		free(r->rel);
		return -1;
	}
	roster_columns(r);
	return 0;
}

void roster_free(struct roster *r)
{
	table_free(&r->t);
	free(r->cls);
	free(r->rel);
	memset(r, 0, sizeof(*r));
}

char *roster_fullname(const struct roster *r, size_t row)
{
	const char *m = table_get(&r->t, row, r->c_middle);
	return xasprintf("%s %s%s%s", table_get(&r->t, row, r->c_last), table_get(&r->t, row, r->c_first),
			 *m ? " " : "", m);
}

static const struct roster *sort_roster;

/* ru_collate_primary(a, b), past the bytes a and b begin with alike (the same
 * code points: the same ranks), when they are UTF-8: names of one class mostly
 * share a few letters, and decoding is the cost. */
static int collate_names(const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] && a[i] == b[i])
		i++;
	if (a[i] == b[i])
		return 0;
	/* Back to the start of the code point they differ in. */
	while (i && (((unsigned char)a[i] & 0xC0) == 0x80 || ((unsigned char)b[i] & 0xC0) == 0x80))
		i--;
	if (i && !utf8_valid(a, i))
		return ru_collate_primary(a, b);
	/* A Cyrillic letter in both (2 bytes, U+0400-U+047F) of different ranks
	 * decides it without more decoding. */
	if ((a[i] == '\xD0' || a[i] == '\xD1') && (b[i] == '\xD0' || b[i] == '\xD1') &&
	    ((unsigned char)a[i + 1] & 0xC0) == 0x80 && ((unsigned char)b[i + 1] & 0xC0) == 0x80) {
		long ra = ru_collate_rank((((unsigned char)a[i] & 0x1F) << 6) | ((unsigned char)a[i + 1] & 0x3F));
		long rb = ru_collate_rank((((unsigned char)b[i] & 0x1F) << 6) | ((unsigned char)b[i + 1] & 0x3F));
		if (ra != rb)
			return ra < rb ? -1 : 1;
	}
	return ru_collate_primary(a + i, b + i);
}

static int cmp_students(const void *pa, const void *pb)
{
	const struct csv_row *a = pa, *b = pb;
	const struct roster *r = sort_roster;
	int c;

	/* Ё as Е through the whole name first; spelling only breaks a full tie. */
	if ((c = collate_names(a->f[r->c_last], b->f[r->c_last])))
		return c;
	if ((c = collate_names(a->f[r->c_first], b->f[r->c_first])))
		return c;
	if ((c = collate_names(a->f[r->c_middle], b->f[r->c_middle])))
		return c;
	if ((c = strcmp(a->f[r->c_last], b->f[r->c_last])) || (c = strcmp(a->f[r->c_first], b->f[r->c_first])) ||
	    (c = strcmp(a->f[r->c_middle], b->f[r->c_middle])))
		return c;
	return strcmp(a->f[r->c_id], b->f[r->c_id]);
}

void roster_sort(struct roster *r)
{
	sort_roster = r;
	xqsort(r->t.rows, r->t.nrows, sizeof(r->t.rows[0]), cmp_students);
}

long roster_find_id(const struct roster *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->t.nrows; i++)
		if (!strcmp(table_get(&r->t, i, r->c_id), id))
			return (long)i;
	return -1;
}

static int cmp_by_id(const void *a, const void *b)
{
	const struct roster_by_id *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->row < y->row ? -1 : x->row > y->row);
}

struct roster_by_id *roster_by_id(const struct roster *r)
{
	struct roster_by_id *ix = xcalloc(r->t.nrows + 1, sizeof(*ix));
	size_t i;

	for (i = 0; i < r->t.nrows; i++) {
		ix[i].id = table_get(&r->t, i, r->c_id);
		ix[i].row = i;
	}
	if (r->t.nrows)
		xqsort(ix, r->t.nrows, sizeof(*ix), cmp_by_id);
	return ix;
}

long roster_by_id_find(const struct roster_by_id *ix, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(ix[lo].id, id) ? (long)ix[lo].row : -1;
}

long roster_find(const struct roster *r, const char *query, struct err *e)
{
	char *q, *name, *folded;
	long found = -1, i;
	size_t nmatch = 0, qlen;
	struct strbuf cand = STRBUF_INIT;

	if ((found = roster_find_id(r, query)) >= 0)
		return found;
	q = utf8_fold(query);
	qlen = strlen(q);
	for (i = 0; i < (long)r->t.nrows; i++) {
		name = roster_fullname(r, (size_t)i);
		folded = utf8_fold(name);
		if (qlen && !strncmp(folded, q, qlen)) {
			/* An exact full name wins over longer names it prefixes. */
			if (!strcmp(folded, q)) {
				free(name);
				free(folded);
				free(q);
				sb_release(&cand);
				return i;
			}
			if (nmatch++)
				sb_adds(&cand, "; ");
			sb_addf(&cand, "%s (%s)", name, table_get(&r->t, (size_t)i, r->c_id));
			found = i;
		}
		free(name);
		free(folded);
	}
	free(q);
	if (nmatch == 1) {
		sb_release(&cand);
		return found;
	}
	if (nmatch == 0)
		err_set(e, EX_DATAERR_, "no student '%s' in %s: give the id or the start of the name as in 'ejournal student list %s'",
			query, r->cls, r->cls);
	else
		err_set(e, EX_DATAERR_, "'%s' matches %zu students of %s: %s; give more of the name or the id",
			query, nmatch, r->cls, cand.buf);
	sb_release(&cand);
	return -1;
}

int roster_enrolled_on(const struct roster *r, size_t row, ej_date date)
{
	ej_date in = date_parse_iso(table_get(&r->t, row, r->c_enrolled));
	const char *l = table_get(&r->t, row, r->c_left);
	ej_date out = *l ? date_parse_iso(l) : DATE_NONE;

	if (in == DATE_NONE || date < in)
		return 0;
	/* The day of leaving is the first day the student is no longer in class. */
	return out == DATE_NONE || date < out;
}

ej_date roster_clip_day(const struct roster *r, size_t row, ej_date day)
{
	ej_date in = date_parse_iso(table_get(&r->t, row, r->c_enrolled));
	const char *l = table_get(&r->t, row, r->c_left);
	ej_date out = *l ? date_parse_iso(l) : DATE_NONE;

	if (out != DATE_NONE && day >= out)
		day = out - 1;
	return day < in ? in : day;
}

/* Five years before school, as student add has always required; 1900 stops a
 * mistyped century. A date after enrolment (2099) fails the same rule. */
#define MIN_AGE_DAYS (365 * 5)

char *roster_birth_problem(ej_date born, ej_date enrolled)
{
	char b1[11], b2[11];

	if (born < date_from_ymd(1900, 1, 1))
		return xasprintf(_("%s is before 1900"), date_fmt(born, b1));
	if (born >= enrolled || enrolled - born < MIN_AGE_DAYS)
		return xasprintf(_("%s does not fit a pupil enrolled on %s (born at least 5 years before)"),
				 date_fmt(born, b1), date_fmt(enrolled, b2));
	return NULL;
}

void roster_stage(struct txn *txn, struct roster *r)
{
	roster_sort(r);
	journal_stage_table(txn, r->rel, &r->t);
}

/* --- the ids of a whole school --------------------------------------------------------- */

struct roster_id {
	const char *id;
	uint64_t hash;
	size_t first, n;	/* its hits are hits[first .. first + n - 1] */
};

/* The slot of id: the one holding it, or the empty one where it would go. */
static size_t id_slot(const struct roster_ids *ix, const char *id, uint64_t h)
{
	size_t i = (size_t)h & (ix->nslots - 1);

	while (ix->slots[i]) {
		const struct roster_id *k = &ix->ids[ix->slots[i] - 1];
		if (k->hash == h && !strcmp(k->id, id))
			break;
		i = (i + 1) & (ix->nslots - 1);
	}
	return i;
}

void roster_ids_build(struct roster_ids *ix, const struct roster *rosters, size_t n)
{
	size_t total = 0, nids = 0, k, r, e, at;
	size_t *id_of;

	for (k = 0; k < n; k++)
		total += rosters[k].t.nrows;
	memset(ix, 0, sizeof(*ix));
	for (ix->nslots = 16; ix->nslots < 2 * total + 1; ix->nslots *= 2)
		;
	ix->slots = xcalloc(ix->nslots, sizeof(*ix->slots));
	ix->ids = xcalloc(total ? total : 1, sizeof(*ix->ids));
	ix->hits = xcalloc(total ? total : 1, sizeof(*ix->hits));
	id_of = xcalloc(total ? total : 1, sizeof(*id_of));
	/* Two passes, as a counting sort: count each id's rows, then place them, so
	 * that the hits of an id lie together in the order of the rosters. */
	for (k = 0, e = 0; k < n; k++)
		for (r = 0; r < rosters[k].t.nrows; r++, e++) {
			const char *id = table_get(&rosters[k].t, r, rosters[k].c_id);
			uint64_t h = str_hash(id);
			size_t s = id_slot(ix, id, h);
			if (!ix->slots[s]) {
				ix->ids[nids].id = id;
				ix->ids[nids].hash = h;
				ix->slots[s] = ++nids;
			}
			id_of[e] = ix->slots[s] - 1;
			ix->ids[id_of[e]].n++;
		}
	for (e = 0, at = 0; e < nids; e++) {
		ix->ids[e].first = at;
		at += ix->ids[e].n;
		ix->ids[e].n = 0;
	}
	for (k = 0, e = 0; k < n; k++)
		for (r = 0; r < rosters[k].t.nrows; r++, e++) {
			struct roster_id *id = &ix->ids[id_of[e]];
			/* An id twice in one roster: the first row, as roster_find_id. */
			if (id->n && ix->hits[id->first + id->n - 1].roster == k)
				continue;
			ix->hits[id->first + id->n].roster = k;
			ix->hits[id->first + id->n].row = r;
			id->n++;
		}
	free(id_of);
}

size_t roster_ids_find(const struct roster_ids *ix, const char *id, const struct roster_hit **hits)
{
	size_t s = id_slot(ix, id, str_hash(id));
	const struct roster_id *k;

	if (!ix->slots[s]) {
		*hits = NULL;
		return 0;
	}
	k = &ix->ids[ix->slots[s] - 1];
	*hits = &ix->hits[k->first];
	return k->n;
}

void roster_ids_free(struct roster_ids *ix)
{
	free(ix->slots);
	free(ix->ids);
	free(ix->hits);
	memset(ix, 0, sizeof(*ix));
}
