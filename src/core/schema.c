/* Schemas: the one machine-readable description of every journal file, shared by
 * the loaders, import and verify. */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "schema.h"
#include "classname.h"
#include "roster.h"
#include "../store/fsutil.h"
#include "../store/yamlio.h"
#include "../util/date.h"
#include "../util/hash.h"
#include "../util/names.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct embedded_schema {
	const char *name;
	const char *text;
};
extern const struct embedded_schema ej_schema_texts[];
/* The same schemas as bin/ejournal-schemac printed them at build time
 * (build/schemas_compiled.c), in the order of ej_schema_texts: the binary starts
 * without parsing YAML. A program linked without them (the printer itself, the
 * unit tests) parses the texts. */
extern struct schema *const ej_schemas_compiled[] __attribute__((weak));

static struct schema **schemas;
static size_t nschemas;

static int parse_bool(const char *v)
{
	return v && (!strcmp(v, "true") || !strcmp(v, "yes"));
}

static enum col_type parse_type(const char *t, const char *schema)
{
	static const char *const names[] = { "text", "name", "ident", "class", "int", "decimal",
					     "date", "timestamp", "enum", "list" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (t && !strcmp(t, names[i]))
			return (enum col_type)i;
	BUG("schema %s: unknown type '%s'", schema, t ? t : "");
}

/* The longest value of a column without maxlen:, in characters: 500 for free
 * text and lists, 100 for a name. For the other types it only stops a hostile
 * value (a 10 MB "date") before it is parsed or quoted in a message, so that a
 * mistyped value of a sane length still gets its own ("is not a date"). */
static size_t default_maxlen(enum col_type t)
{
	return t == T_TEXT || t == T_LIST ? 500 : 100;
}

static struct schema *parse_schema(const struct embedded_schema *es)
{
	struct ynode *root, *cols, *key;
	struct schema *s;
	struct err e;
	size_t i, j;

	if (yaml_load_buf(es->name, es->text, strlen(es->text), &root, &e) < 0)
		BUG("built-in schema: %s", e.msg);
	s = xcalloc(1, sizeof(*s));
	s->name = xstrdup(ynode_str(root, "name") ? ynode_str(root, "name") : es->name);
	s->file = xstrdup(ynode_str(root, "file") ? ynode_str(root, "file") : "");
	s->ledger = parse_bool(ynode_str(root, "ledger"));
	cols = ynode_get(root, "columns");
	if (!cols || cols->type != Y_SEQ)
		BUG("schema %s: no columns", es->name);
	s->ncols = cols->n;
	s->cols = xcalloc(cols->n, sizeof(*s->cols));
	for (i = 0; i < cols->n; i++) {
		struct ynode *c = cols->items[i], *vals = ynode_get(c, "values");
		struct schema_col *sc = &s->cols[i];
		sc->name = xstrdup(ynode_str(c, "name"));
		sc->type = parse_type(ynode_str(c, "type"), es->name);
		sc->required = parse_bool(ynode_str(c, "required"));
		sc->deletes = parse_bool(ynode_str(c, "deletes"));
		sc->optional = parse_bool(ynode_str(c, "optional"));
		if (ynode_str(c, "ref"))
			sc->ref = xstrdup(ynode_str(c, "ref"));
		sc->maxlen = ynode_str(c, "maxlen") ? strtoul(ynode_str(c, "maxlen"), NULL, 10) : default_maxlen(sc->type);
		if (!sc->maxlen)
			BUG("schema %s: maxlen of %s must be a positive number", es->name, sc->name);
		sc->birth_of = -1;
		if (ynode_str(c, "min") || ynode_str(c, "max")) {
			sc->has_range = 1;
			sc->min = atof(ynode_str(c, "min") ? ynode_str(c, "min") : "-1e18");
			sc->max = atof(ynode_str(c, "max") ? ynode_str(c, "max") : "1e18");
		}
		{
			struct ynode *al = ynode_get(c, "aliases");
			if (al && al->type == Y_SEQ) {
				sc->naliases = al->n;
				sc->aliases = xcalloc(al->n, sizeof(char *));
				for (j = 0; j < al->n; j++)
					sc->aliases[j] = utf8_fold(al->items[j]->value ? al->items[j]->value : "");
			}
		}
		if (vals && vals->type == Y_SEQ) {
			sc->nvalues = vals->n;
			sc->values = xcalloc(vals->n, sizeof(char *));
			for (j = 0; j < vals->n; j++)
				sc->values[j] = xstrdup(vals->items[j]->value ? vals->items[j]->value : "");
		}
	}
	/* Optional columns end the header, so that an older file is a prefix of
	 * it; only a file rewritten whole may grow: a ledger is appended to. */
	for (s->nfixed = 0; s->nfixed < s->ncols && !s->cols[s->nfixed].optional; s->nfixed++)
		;
	for (i = s->nfixed; i < s->ncols; i++)
		if (!s->cols[i].optional || s->cols[i].required || s->ledger)
			BUG("schema %s: optional column %s must come last, not required, in no ledger", es->name,
			    s->cols[i].name);
	s->birth_col = -1;
	for (i = 0; i < cols->n; i++) {
		const char *b = ynode_str(cols->items[i], "birth_of");
		if (!b)
			continue;
		if ((s->cols[i].birth_of = schema_col(s, b)) < 0 || s->cols[i].type != T_DATE ||
		    s->cols[s->cols[i].birth_of].type != T_DATE || s->birth_col >= 0)
			BUG("schema %s: birth_of of %s must name a date column, once", es->name, s->cols[i].name);
		s->birth_col = (int)i;
	}
	key = ynode_get(root, "key");
	if (key && key->type == Y_SEQ) {
		s->nkey = key->n;
		s->key = xcalloc(key->n, sizeof(int));
		for (i = 0; i < key->n; i++) {
			s->key[i] = schema_col(s, key->items[i]->value ? key->items[i]->value : "");
			if (s->key[i] < 0)
				BUG("schema %s: key column is not a column", es->name);
		}
	}
	ynode_free(root);
	{
		struct strbuf h = STRBUF_INIT;
		for (i = 0; i < s->ncols; i++) {
			if (i)
				sb_addch(&h, ',');
			sb_adds(&h, s->cols[i].name);
		}
		sb_addch(&h, '\n');
		s->header = sb_detach(&h, NULL);
	}
	return s;
}

/* Schemas are parsed when first asked for: a mark needs five of them. The embedded
 * schema's name is its file's, which tests/unit/test_schema.c holds to its name:.
 * A statement's background reader (util/bg.h) may ask at the same time as the
 * command: the table of schemas is kept under a lock. */
static pthread_mutex_t schemas_lock = PTHREAD_MUTEX_INITIALIZER;

/* Called with schemas_lock held. */
static struct schema *schema_at(size_t i)
{
	if (!schemas) {
		for (nschemas = 0; ej_schema_texts[nschemas].name; nschemas++)
			;
		schemas = xcalloc(nschemas, sizeof(*schemas));
	}
	if (i < nschemas && !schemas[i])
		schemas[i] = ej_schemas_compiled ? ej_schemas_compiled[i] : parse_schema(&ej_schema_texts[i]);
	return i < nschemas ? schemas[i] : NULL;
}

size_t schema_count(void)
{
	size_t n;

	for (n = 0; ej_schema_texts[n].name; n++)
		;
	return n;
}

struct schema *schema_parse(size_t i)
{
	return i < schema_count() ? parse_schema(&ej_schema_texts[i]) : NULL;
}

static void free_strs(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void schema_free(struct schema *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->ncols; i++) {
		free(s->cols[i].name);
		free(s->cols[i].ref);
		free_strs(s->cols[i].values, s->cols[i].nvalues);
		free_strs(s->cols[i].aliases, s->cols[i].naliases);
	}
	free(s->cols);
	free(s->key);
	free(s->name);
	free(s->file);
	free(s->header);
	free(s);
}

const struct schema *schema_get(const char *name)
{
	const struct schema *s = NULL;
	size_t i;

	pthread_mutex_lock(&schemas_lock);
	for (i = 0; ej_schema_texts[i].name && !s; i++)
		if (!strcmp(ej_schema_texts[i].name, name))
			s = schema_at(i);
	pthread_mutex_unlock(&schemas_lock);
	return s;
}

const struct schema *const *schema_all(size_t *n)
{
	size_t i;

	pthread_mutex_lock(&schemas_lock);
	for (i = 0; ej_schema_texts[i].name; i++)
		schema_at(i);
	*n = nschemas;
	pthread_mutex_unlock(&schemas_lock);
	return (const struct schema *const *)schemas;
}

int schema_col(const struct schema *s, const char *name)
{
	size_t i;
	for (i = 0; i < s->ncols; i++)
		if (!strcmp(s->cols[i].name, name))
			return (int)i;
	return -1;
}

const char *schema_header(const struct schema *s)
{
	return s->header;
}

static int in_values(const struct schema_col *c, const char *v)
{
	size_t i;
	for (i = 0; i < c->nvalues; i++)
		if (!strcmp(c->values[i], v))
			return 1;
	return 0;
}

static inline uint64_t load8(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint32_t load4(const char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* How many bytes at the start of v (n bytes long) utf8_text_fault would pass
 * eight at a time: printable ASCII, or four Cyrillic letters U+0400..U+047F
 * (D0 or D1, then a continuation byte). A value is checked from there: the
 * fault of a character does not depend on those before it. */
static size_t plain_prefix(const char *v, size_t n)
{
	const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
	size_t i = 0;

	while (n - i >= 8) {
		uint64_t w = load8(v + i), del = w ^ (0x7F * ones);
		if (!(w & high)) {
			/* a byte below 0x20, or 0x7F */
			if ((((w - 0x20 * ones) & ~w) | ((del - ones) & ~del)) & high)
				break;
		} else if ((w & 0xC0FEC0FEC0FEC0FEull) != 0x80D080D080D080D0ull) {
			break;
		}
		i += 8;
	}
	return i;
}

/* The bytes of an identifier ident_check passes wherever they are. */
static const unsigned char ident_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
	['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	['-'] = 1, ['_'] = 1,
};

/* The value v of column c, checked; messages start with label (the column's name,
 * or the option a command took it from). */
static char *check_value_n(const struct schema_col *c, const char *label, const char *v, size_t vlen, int import,
			   char **fixed)
{
	struct err e;
	char *end, why[128];
	enum text_fault f;
	int32_t cp;
	size_t n;

	*fixed = NULL;
	/* What passes at once: an identifier of identifier bytes alone, a date in the
	 * form on disk, one of an enum's values, no longer than the column allows.
	 * None of their bytes is a fault: the checks below would pass them. */
	if (vlen && vlen <= c->maxlen) {
		switch (c->type) {
		case T_IDENT:
			for (n = 0; n < vlen && n <= 64 && ident_byte[(unsigned char)v[n]]; n++)
				;
			if (n == vlen && n <= 64)
				return NULL;
			break;
		case T_DATE:
			if (vlen == 10 && date_parse_iso(v) != DATE_NONE)
				return NULL;
			break;
		case T_ENUM:
			if (in_values(c, v))
				return NULL;
			break;
		case T_NAME:
			/* Cyrillic letters U+0400..U+047F (four at a time), spaces and
			 * hyphens: no fault, and no Latin letter to mix with. */
			for (n = 0; n < vlen;) {
				unsigned char b = (unsigned char)v[n];
				if (vlen - n >= 8 && (load8(v + n) & 0xC0FEC0FEC0FEC0FEull) == 0x80D080D080D080D0ull)
					n += 8;
				else if ((b & 0xFE) == 0xD0 && n + 1 < vlen && ((unsigned char)v[n + 1] & 0xC0) == 0x80)
					n += 2;
				else if (b == ' ' || b == '-')
					n++;
				else
					break;
			}
			if (n == vlen)
				return NULL;
			break;
		default:
			break;
		}
	}
	/* The length first: a 10 MB value is refused after one pass over it. */
	if (vlen > c->maxlen && (n = utf8_length(v)) > c->maxlen)
		return xasprintf(_("%s: %zu characters, at most %zu"), label, n, c->maxlen);
	f = utf8_text_fault(v + plain_prefix(v, vlen), 0, &cp);
	if (f != TEXT_OK)
		return f == TEXT_NOT_UTF8 ? xasprintf(_("%s: invalid UTF-8"), label)
			: xasprintf(_("%s: %s are not allowed"), label, utf8_fault_str(f, cp, why, sizeof(why)));
	if (!*v)
		return c->required ? xasprintf(_("%s: missing (required)"), label) : NULL;
	switch (c->type) {
	case T_TEXT:
		break;
	case T_NAME: {
		/* "Ивaнов" with a Latin a sorts apart and is not found by its name. */
		size_t len, k = 0;
		const char *w;
		/* No word mixes scripts without a Latin letter (an ASCII letter, or
		 * a first byte C3..C9): a name of Cyrillic letters, four at a time,
		 * and spaces or hyphens has none. */
		while (vlen - k >= 8 && (load8(v + k) & 0xC0FEC0FEC0FEC0FEull) == 0x80D080D080D080D0ull)
			k += 8;
		for (; k < vlen; k++) {
			unsigned char b = (unsigned char)v[k];
			if (((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || (b >= 0xC3 && b <= 0xC9))
				break;
		}
		if (k == vlen)
			break;
		w = utf8_mixed_word(v, &len);
		if (w)
			return xasprintf(_("%s: '%.*s' mixes Latin and Cyrillic letters"), label, (int)len, w);
		break;
	}
	case T_IDENT:
		/* ASCII letters, digits, '-' and '_', at most 64: what ident_check
		 * passes without a question (a pupil's id, a login). */
		for (n = 0; n < vlen && n <= 64 && ident_byte[(unsigned char)v[n]]; n++)
			;
		if (n == vlen && n <= 64)
			break;
		if (ident_check(label, v, &e) < 0)
			return xstrdup(e.msg);
		break;
	case T_CLASS: {
		char *norm = class_normalize(v, &e);
		if (!norm)
			return xstrdup(e.msg);
		if (strcmp(norm, v)) {
			if (import)
				*fixed = norm;
			else {
				char *msg = xasprintf(_("%s: '%s' must be spelt '%s' (Cyrillic letters)"), label, v, norm);
				free(norm);
				return msg;
			}
		} else {
			free(norm);
		}
		break;
	}
	case T_INT:
	case T_DECIMAL: {
		double d = c->type == T_INT ? (double)strtol(v, &end, 10) : strtod(v, &end);
		if (c->type == T_DECIMAL && import && strchr(v, ',')) {
			/* Russian Excel writes 0,5. */
			char *dot = xstrdup(v);
			*strchr(dot, ',') = '.';
			d = strtod(dot, &end);
			if (!*end) {
				*fixed = dot;
			} else {
				free(dot);
				end = (char *)"x";
			}
		}
		if (*end || end == v)
			return xasprintf(_("%s: '%s' is not a number"), label, v);
		if (c->has_range && (d < c->min || d > c->max))
			return xasprintf(_("%s: %s is out of range %g..%g"), label, v, c->min, c->max);
		break;
	}
	case T_DATE:
		if (date_parse_iso(v) == DATE_NONE) {
			struct ej_clock clk = { 0 };
			ej_date d;
			if (import && strchr(v, '.') && date_parse_user(v, &clk, &d, &e) == 0) {
				char buf[11];
				*fixed = xstrdup(date_fmt(d, buf));
				break;
			}
			return xasprintf(_("%s: '%s' is not a date (YYYY-MM-DD)"), label, v);
		}
		break;
	case T_TIMESTAMP: {
		long long ep;
		int off;
		if (timestamp_parse(v, &ep, &off) != 0)
			return xasprintf(_("%s: '%s' is not a timestamp with offset"), label, v);
		break;
	}
	case T_ENUM:
		if (!in_values(c, v)) {
			char *low = import ? utf8_fold(v) : NULL;
			if (low && in_values(c, low)) {
				*fixed = low;
				break;
			}
			free(low);
			return xasprintf(_("%s: '%s' is not one of the allowed values"), label, v);
		}
		break;
	case T_LIST: {
		char *copy = xstrdup(v), *save = NULL, *w;
		char *msg = NULL;
		for (w = strtok_r(copy, " ", &save); w && !msg; w = strtok_r(NULL, " ", &save)) {
			if (c->nvalues && !in_values(c, w))
				msg = xasprintf(_("%s: '%s' is not one of the allowed values"), label, w);
			else if (!c->nvalues && ident_check(label, w, &e) < 0)
				msg = xstrdup(e.msg);
		}
		free(copy);
		if (msg)
			return msg;
		break;
	}
	}
	return NULL;
}

/* check_value_n, of a value whose length is not known. */
static char *check_value(const struct schema_col *c, const char *label, const char *v, int import, char **fixed)
{
	return check_value_n(c, label, v, strlen(v), import, fixed);
}

char *schema_check_value(const struct schema_col *c, const char *v, int import, char **fixed)
{
	return check_value(c, c->name, v, import, fixed);
}

int schema_check_arg(const char *schema, const char *col, const char *what, const char *v, struct err *e)
{
	const struct schema *s = schema_get(schema);
	int c = s ? schema_col(s, col) : -1;
	char *fixed, *msg;

	if (c < 0)
		return err_set(e, EX_SOFTWARE_, "no column %s in schema %s", col, schema);
	msg = check_value(&s->cols[c], what, v, 0, &fixed);
	free(fixed);
	if (!msg)
		return 0;
	err_set(e, EX_DATAERR_, "%s", msg);
	free(msg);
	return -1;
}

int schema_split_name(const char *schema, const char *full, char **last, char **first, char **middle,
		      struct err *e)
{
	static const char *const cols[] = { "last_name", "first_name", "middle_name" };
	static const char *const labels[] = { "last name", "first name", "middle name" };
	enum text_fault f;
	int32_t cp;
	char why[128], **parts[3];
	int i;

	*last = *first = *middle = NULL;
	/* Before the split: a tab would otherwise pass as a space between words. */
	if ((f = utf8_text_fault(full, 0, &cp)) != TEXT_OK)
		return err_set(e, EX_DATAERR_, "the full name: %s%s", utf8_fault_str(f, cp, why, sizeof(why)),
			       f == TEXT_NOT_UTF8 ? "" : _(" are not allowed"));
	if (fullname_split(full, last, first, middle) < 0) {
		char *shown = utf8_printable(full, 80);
		err_set(e, EX_DATAERR_, "give the full name as \"Фамилия Имя Отчество\", not '%s'", shown);
		free(shown);
		return -1;
	}
	parts[0] = last;
	parts[1] = first;
	parts[2] = middle;
	for (i = 0; i < 3; i++)
		if (schema_check_arg(schema, cols[i], labels[i], *parts[i], e) < 0) {
			free(*last);
			free(*first);
			free(*middle);
			*last = *first = *middle = NULL;
			return -1;
		}
	return 0;
}

/* Columns whose passing values are remembered: the last one, and some before it
 * by a hash of their bytes (SEEN_SLOTS a column, the latest of each slot; not
 * free text, nor a value longer than SEEN_MAX_LEN bytes). A
 * value's check depends on nothing but the value, so one that passed passes. */
#define LOAD_CACHE 32
#define SEEN_SLOTS 64
#define SEEN_MAX_LEN 40
/* The seen[] of a file are made from its row SEEN_FROM_ROW on: a roster of
 * 30 pupils or a list of classes gains nothing from them but the cost of
 * hashing each value and a kilobyte a column new from the heap. */
#define SEEN_FROM_ROW 64

struct seen_value {
	const char *v;
	size_t len;
};

struct load_state {
	const struct schema *s;
	const char *name;
	enum csv_mode mode;
	struct table *t;
	struct strbuf *problems;
	int nproblems;
	int *map;		/* file column -> schema column, or -1 */
	size_t nmap;
	int header_done;
	int fatal;
	struct seen_value last[LOAD_CACHE];	/* the last row's values that passed */
	struct seen_value *seen[LOAD_CACHE];	/* earlier ones, SEEN_SLOTS a column
						 * (made when first needed) */
	char birth_of[11];	/* the last date a date of birth was checked against, */
	ej_date birth_of_day;	/* and its day (a class is mostly enrolled at once) */
};

static void problem(struct load_state *ls, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(struct load_state *ls, int line, const char *fmt, ...)
{
	va_list ap;

	sb_addf(ls->problems, "%s:%d: ", ls->name, line);
	va_start(ap, fmt);
	sb_vaddf(ls->problems, _(fmt), ap);
	va_end(ap);
	sb_addch(ls->problems, '\n');
	ls->nproblems++;
}

/* The header without its newline, for messages. */
static char *header_text(const struct schema *s)
{
	const char *h = schema_header(s);
	return xstrndup(h, strlen(h) - 1);
}

static int read_header(struct load_state *ls, const struct csv_row *row)
{
	const struct schema *s = ls->s;
	size_t i;
	int *seen = xcalloc(s->ncols, sizeof(int));

	ls->nmap = row->n;
	ls->map = xcalloc(row->n ? row->n : 1, sizeof(int));
	if (ls->mode != CSV_IMPORT) {
		/* A file written before its optional columns existed ends without them. */
		int ok = row->n >= s->nfixed && row->n <= s->ncols;
		for (i = 0; ok && i < row->n; i++)
			ok = !strcmp(row->f[i], s->cols[i].name);
		if (!ok) {
			{
			char *h = header_text(s);
			problem(ls, row->line, "the header must be: %s", h);
			free(h);
		}
			ls->fatal = 1;
		}
		for (i = 0; i < row->n; i++)
			ls->map[i] = (int)i;
		free(seen);
		return 0;
	}
	for (i = 0; i < row->n; i++) {
		char *low = utf8_fold(row->f[i]);
		int c = schema_col(s, low);
		size_t k, a;
		/* A teacher's Excel headings ("Тема", "Часы") name the same columns. */
		for (k = 0; c < 0 && k < s->ncols; k++)
			for (a = 0; a < s->cols[k].naliases; a++)
				if (!strcmp(s->cols[k].aliases[a], low))
					c = (int)k;
		free(low);
		ls->map[i] = c;
		if (c < 0) {
			{
			char *h = header_text(s);
			problem(ls, row->line, "unknown column '%s' (the columns are: %s)", row->f[i], h);
			free(h);
		}
			ls->fatal = 1;
		} else if (seen[c]++) {
			problem(ls, row->line, "column '%s' appears twice", row->f[i]);
			ls->fatal = 1;
		}
	}
	for (i = 0; i < s->ncols; i++)
		if (!seen[i] && s->cols[i].required) {
			problem(ls, row->line, "missing column '%s'", s->cols[i].name);
			ls->fatal = 1;
		}
	free(seen);
	return 0;
}

/* 1 when the n bytes at a and b are equal: a value is a few bytes, compared
 * some times a row, in overlapping words without memcmp's call. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
	if (n > 32)
		return !memcmp(a, b, n);
	if (n > 16)
		return load8(a) == load8(b) && load8(a + 8) == load8(b + 8) &&
		       load8(a + n - 16) == load8(b + n - 16) && load8(a + n - 8) == load8(b + n - 8);
	if (n >= 8)
		return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
	if (n >= 4)
		return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
	return !n || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/* A slot of seen[] for a value (at most SEEN_MAX_LEN bytes): its first and
 * last eight bytes (four, or three, when shorter) and its length, mixed. A
 * slot is only a guess, which same_bytes confirms, and a value's bytes one
 * by one cost as much as its check. */
static uint32_t value_hash(const char *v, size_t len)
{
	uint64_t h;

	if (len >= 8)
		h = load8(v) ^ (load8(v + len - 8) * 0x9E3779B97F4A7C15ull) ^ len;
	else if (len >= 4)
		h = load4(v) ^ ((uint64_t)load4(v + len - 4) << 29) ^ len;
	else
		h = len ? (unsigned char)v[0] | (unsigned char)v[len / 2] << 8 | (unsigned char)v[len - 1] << 16 |
			(uint64_t)len << 24 : 0;
	h *= 0xFF51AFD7ED558CCDull;
	return (uint32_t)(h >> 32);
}

/* A pupil's date of birth against the enrolment date of the same row (vals: the
 * row's values by the schema's columns). */
static void check_birth(struct load_state *ls, const char *const *vals, int line)
{
	const struct schema *s = ls->s;
	const struct schema_col *bc = &s->cols[s->birth_col];
	const char *iv = vals[bc->birth_of];
	ej_date born = date_parse_iso(vals[s->birth_col]), in;
	char *why;

	if (ls->birth_of[0] && !strcmp(iv, ls->birth_of)) {
		in = ls->birth_of_day;
	} else {
		in = date_parse_iso(iv);
		if (in != DATE_NONE) {
			memcpy(ls->birth_of, iv, 11);	/* YYYY-MM-DD and its NUL */
			ls->birth_of_day = in;
		}
	}
	why = born != DATE_NONE && in != DATE_NONE ? roster_birth_problem(born, in) : NULL;
	if (why) {
		problem(ls, line, "%s: %s", bc->name, why);
		free(why);
	}
}

/* on_row of a row that is not imported and has every column of the schema, at
 * most LOAD_CACHE of them: the fields as they are, in order in the row's block
 * (their lengths from where the next starts), none fixed (check_value fixes a
 * value on import alone), the row's own copy added as it is. The same checks as
 * the general case, in one pass with the columns' verdicts in bits. */
static int on_row_whole(struct load_state *ls, const struct csv_row *row)
{
	const struct schema *s = ls->s;
	const char *const *f = (const char *const *)row->f;
	size_t n = row->n, i, lens[LOAD_CACHE];
	uint32_t hashes[LOAD_CACHE], bad = 0, fresh = 0;
	int hashed = ls->t->nrows >= SEEN_FROM_ROW;
	const struct schema_col *c = s->cols;
	const char *end = row->block + row->blen;
	struct csv_row *added;

	for (i = 0; i < n; i++, c++) {
		const char *v = f[i];
		size_t len = (size_t)((i + 1 < n ? f[i + 1] : end) - v) - 1;
		const struct seen_value *lv = &ls->last[i];
		int seeable;
		char *msg, *fixed;

		lens[i] = len;
		/* A value equal to the last row's that passed, or to one of seen[], passes. */
		if (lv->v && lv->len == len && same_bytes(lv->v, v, len))
			continue;
		seeable = hashed && c->type != T_TEXT && len <= SEEN_MAX_LEN;
		if (seeable) {
			const struct seen_value *sv;
			hashes[i] = value_hash(v, len);
			sv = ls->seen[i] ? &ls->seen[i][hashes[i] % SEEN_SLOTS] : NULL;
			if (sv && sv->v && sv->len == len && same_bytes(sv->v, v, len))
				continue;
		}
		msg = check_value_n(c, c->name, v, len, 0, &fixed);
		if (fixed)
			free(fixed);	/* never: nothing is fixed but on import */
		if (msg) {
			problem(ls, row->line, "%s", msg);
			free(msg);
			bad |= 1u << i;
		} else if (seeable) {
			fresh |= 1u << i;
		}
	}
	if (s->birth_col >= 0)
		check_birth(ls, f, row->line);
	added = table_add_row(ls->t, row);
	for (i = 0; i < n; i++) {
		ls->last[i].v = added->f[i];
		ls->last[i].len = lens[i];
	}
	for (; bad; bad &= bad - 1)
		ls->last[__builtin_ctz(bad)].v = NULL;
	for (; fresh; fresh &= fresh - 1) {
		i = (size_t)__builtin_ctz(fresh);
		if (!ls->seen[i])
			ls->seen[i] = xcalloc(SEEN_SLOTS, sizeof(*ls->seen[i]));
		ls->seen[i][hashes[i] % SEEN_SLOTS] = ls->last[i];
	}
	return 0;
}

static int on_row(const struct csv_row *row, void *data, struct err *e)
{
	struct load_state *ls = data;
	const struct schema *s = ls->s;
	const char **vals, *vbuf[32];
	char **fixed, *fbuf[32], bad[LOAD_CACHE] = { 0 }, fresh[LOAD_CACHE] = { 0 };
	size_t lens[LOAD_CACHE];
	uint32_t hashes[LOAD_CACHE];
	struct csv_row *added;
	size_t i, nfixed;
	int hashed;

	(void)e;
	if (!ls->header_done) {
		ls->header_done = 1;
		return read_header(ls, row);
	}
	if (ls->fatal)
		return 0;
	for (i = 0; i < row->n && !row->f[i][0]; i++)
		;
	if (i == row->n)
		return 0;	/* a blank line, or Excel's row of bare separators */
	if (row->n != ls->nmap) {
		problem(ls, row->line, "expected %zu fields, found %zu", ls->nmap, row->n);
		return 0;
	}
	if (ls->mode != CSV_IMPORT && row->n == s->ncols && s->ncols <= LOAD_CACHE)
		return on_row_whole(ls, row);
	/* Every row of every file passes here: no allocation for the usual widths. */
	if (s->ncols <= sizeof(vbuf) / sizeof(vbuf[0])) {
		vals = vbuf;
		fixed = fbuf;
	} else {
		vals = xcalloc(s->ncols, sizeof(char *));
		fixed = xcalloc(s->ncols, sizeof(char *));
	}
	/* An imported row, or one of a file written before its optional columns
	 * existed (a whole row of the journal's own files is on_row_whole's). */
	for (i = 0; i < s->ncols; i++) {
		vals[i] = "";
		if (i < LOAD_CACHE)
			lens[i] = 0;
	}
	for (i = 0; i < row->n; i++) {
		const char *end = i + 1 < row->n ? row->f[i + 1] : row->block + row->blen;
		int c = ls->map[i];
		if (c < 0)
			continue;
		vals[c] = row->f[i];
		if (c < LOAD_CACHE)
			lens[c] = (size_t)(end - row->f[i]) - 1;
	}
	nfixed = 0;
	hashed = ls->t->nrows >= SEEN_FROM_ROW;
	for (i = 0; i < s->ncols; i++) {
		char *msg;
		/* A ledger repeats its subjects, dates, stamps, pupils and marks row
		 * after row: a value equal to one that passed passes. */
		if (i < LOAD_CACHE) {
			struct seen_value *sv;
			fixed[i] = NULL;
			if (ls->last[i].v && ls->last[i].len == lens[i] && same_bytes(ls->last[i].v, vals[i], lens[i]))
				continue;
			/* Free text is checked about as fast as it is hashed. */
			if (!hashed || s->cols[i].type == T_TEXT || lens[i] > SEEN_MAX_LEN)
				goto check;
			hashes[i] = value_hash(vals[i], lens[i]);
			sv = ls->seen[i] ? &ls->seen[i][hashes[i] % SEEN_SLOTS] : NULL;
			if (sv && sv->v && sv->len == lens[i] && same_bytes(sv->v, vals[i], lens[i]))
				continue;
		}
check:
		msg = schema_check_value(&s->cols[i], vals[i], ls->mode == CSV_IMPORT, &fixed[i]);
		if (msg) {
			problem(ls, row->line, "%s", msg);
			free(msg);
			free(fixed[i]);		/* a decimal 0,5 out of range */
			fixed[i] = NULL;
			if (i < LOAD_CACHE)
				bad[i] = 1;
		} else if (fixed[i]) {
			vals[i] = fixed[i];
			nfixed++;
		} else if (hashed && i < LOAD_CACHE && s->cols[i].type != T_TEXT && lens[i] <= SEEN_MAX_LEN) {
			fresh[i] = 1;
		}
	}
	if (s->birth_col >= 0)
		check_birth(ls, vals, row->line);
	if (ls->mode != CSV_IMPORT && !nfixed && row->n == s->ncols)
		added = table_add_row(ls->t, row);
	else
		added = table_add(ls->t, vals, row->line);
	for (i = 0; i < s->ncols && i < LOAD_CACHE; i++) {
		if (bad[i] || fixed[i]) {
			ls->last[i].v = NULL;
			continue;
		}
		ls->last[i].v = added->f[i];
		ls->last[i].len = lens[i];
		if (!fresh[i])
			continue;
		if (!ls->seen[i])
			ls->seen[i] = xcalloc(SEEN_SLOTS, sizeof(*ls->seen[i]));
		ls->seen[i][hashes[i] % SEEN_SLOTS] = ls->last[i];
	}
	/* A value is fixed (import) only when it passed, and then counted. */
	for (i = 0; nfixed && i < s->ncols; i++)
		free(fixed[i]);
	if (vals != vbuf) {
		free(fixed);
		free(vals);
	}
	return 0;
}

static int cmp_key(const struct schema *s, const struct csv_row *a, const struct csv_row *b)
{
	size_t i;
	for (i = 0; i < s->nkey; i++) {
		int c = strcmp(a->f[s->key[i]], b->f[s->key[i]]);
		if (c)
			return c;
	}
	return 0;
}

/* The schema cmp_rows sorts by: its thread's own, since two threads may load
 * files at once (report.c rep_classes_run). */
static _Thread_local const struct schema *sort_schema;
static int cmp_rows(const void *pa, const void *pb)
{
	const struct csv_row *a = *(const struct csv_row *const *)pa, *b = *(const struct csv_row *const *)pb;
	int c = cmp_key(sort_schema, a, b);
	return c ? c : a->line - b->line;
}

/* 1 when two rows of t have the same key: a set of the rows by their keys' hash,
 * one pass; the sort that reports them in order is only for a file that has. */
static int any_duplicate(const struct schema *s, const struct table *t)
{
	size_t size, i, k, h;
	const struct csv_row **set;
	int dup = 0;

	for (size = 16; size < 2 * t->nrows; size *= 2)
		;
	set = xcalloc(size, sizeof(*set));
	for (i = 0; i < t->nrows && !dup; i++) {
		const struct csv_row *row = &t->rows[i];
		uint64_t hv = 0;
		for (k = 0; k < s->nkey; k++)
			hv = (hv ^ str_hash(row->f[s->key[k]])) * 0x9E3779B97F4A7C15ull;
		h = (size_t)(hv >> 32) & (size - 1);
		while (set[h] && !(dup = !cmp_key(s, set[h], row)))
			h = (h + 1) & (size - 1);
		set[h] = row;
	}
	free(set);
	return dup;
}

static void check_duplicates(struct load_state *ls)
{
	struct table *t = ls->t;
	const struct csv_row **idx;
	size_t i;

	if (ls->s->ledger || !ls->s->nkey || t->nrows < 2 || !any_duplicate(ls->s, t))
		return;
	idx = xcalloc(t->nrows, sizeof(*idx));
	for (i = 0; i < t->nrows; i++)
		idx[i] = &t->rows[i];
	sort_schema = ls->s;
	xqsort(idx, t->nrows, sizeof(*idx), cmp_rows);
	for (i = 1; i < t->nrows; i++)
		if (!cmp_key(ls->s, idx[i - 1], idx[i])) {
			problem(ls, idx[i]->line, "duplicate entry: the same %s as line %d",
				ls->s->cols[ls->s->key[ls->s->nkey - 1]].name, idx[i - 1]->line);
		}
	free(idx);
}

/* The longest row of an import file, in bytes: a row of the journal is a few
 * kilobytes (a topic of 2000 Cyrillic letters is 4000 bytes). libcsv grows a
 * field 128 bytes at a time, so a 10 MB field would be copied thousands of times
 * before its length could be checked: a longer row is refused unparsed. */
#define IMPORT_MAX_ROW 65536

/* The line at which a row (its quoted line breaks included) longer than
 * IMPORT_MAX_ROW starts, or 0. */
static int long_row(const char *buf, size_t len)
{
	size_t i, start = 0;
	int line = 1, row_line = 1, inq = 0;

	for (i = 0; i < len; i++) {
		if (buf[i] == '"') {
			inq = !inq;
		} else if (buf[i] == '\n') {
			line++;
			if (!inq) {
				start = i + 1;
				row_line = line;
				continue;
			}
		}
		if (i - start >= IMPORT_MAX_ROW)
			return row_line;
	}
	return 0;
}

int schema_load(const struct schema *s, const char *path, const char *name, enum csv_mode mode,
		struct table *t, struct strbuf *problems, struct err *e)
{
	return schema_load_filter(s, path, name, mode, NULL, t, problems, e);
}

void schema_table(const struct schema *s, struct table *t)
{
	const char **cols = xcalloc(s->ncols, sizeof(char *));
	size_t i;

	for (i = 0; i < s->ncols; i++)
		cols[i] = s->cols[i].name;
	table_init(t, cols, s->ncols);
	free(cols);
}

int schema_load_filter(const struct schema *s, const char *path, const char *name, enum csv_mode mode,
		       const struct csv_filter *filter, struct table *t, struct strbuf *problems,
		       struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	int rc;

	/* A school's list is some hundred kilobytes: an import file far larger is
	 * a mistake or an attack, refused before it is read. */
	if (mode == CSV_IMPORT && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > SCHEMA_IMPORT_MAX_BYTES) {
		schema_table(s, t);
		return err_set(e, EX_DATAERR_, "%s: %lld bytes, at most %d in an import file", name ? name : path,
			       (long long)st.st_size, SCHEMA_IMPORT_MAX_BYTES);
	}
	rc = read_file(path, &sb, e);
	if (rc == 0)
		rc = schema_load_buf(s, sb.buf, sb.len, name ? name : path, mode, filter, t, problems, e);
	else
		schema_table(s, t);	/* the caller frees it either way */
	sb_release(&sb);
	return rc;
}

int schema_load_buf(const struct schema *s, const char *buf, size_t len, const char *name, enum csv_mode mode,
		    const struct csv_filter *filter, struct table *t, struct strbuf *problems, struct err *e)
{
	struct load_state ls;
	int rc, line;
	size_t i;

	schema_table(s, t);
	memset(&ls, 0, sizeof(ls));
	ls.s = s;
	ls.name = name;
	ls.mode = mode;
	ls.t = t;
	ls.problems = problems;
	if (mode == CSV_IMPORT && (line = long_row(buf, len))) {
		/* A row far longer than any of the journal is refused before libcsv
		 * copies it. */
		problem(&ls, line, "a row of more than %d bytes; no row of the journal is that long", IMPORT_MAX_ROW);
		return ls.nproblems;
	}
	/* A journal's row is some 50 bytes: the rows' array grows once, or not. */
	if (!filter)
		table_reserve(t, len / 48 + 1);
	rc = csv_read_buf_filter(name, buf, len, mode, filter, on_row, &ls, e);
	if (rc == 0 && !ls.header_done) {
		char *h = header_text(s);
		problem(&ls, 1, "the file is empty; it needs the header: %s", h);
		free(h);
	}
	if (rc == 0)
		check_duplicates(&ls);
	free(ls.map);
	for (i = 0; i < LOAD_CACHE; i++)
		free(ls.seen[i]);
	if (rc < 0) {
		if (e->code == EX_DATAERR_) {
			/* A CSV syntax error is one more problem of the file. */
			sb_addf(problems, "%s\n", e->msg);
			return ls.nproblems + 1;
		}
		return -1;
	}
	return ls.nproblems;
}
