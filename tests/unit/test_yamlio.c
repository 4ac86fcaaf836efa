/* Unit tests for src/store/yamlio.c: the tree, positions in messages, refusals, and
 * the emitter. */
#include <stdlib.h>
#include "unit.h"
#include "store/yamlio.h"

static int load(const char *text, struct ynode **root, struct err *e)
{
	e->code = 0;
	e->msg[0] = '\0';
	return yaml_load_buf("conf.yaml", text, strlen(text), root, e);
}

static void check_refused(const char *text, const char *want, const char *desc)
{
	struct ynode *root = (struct ynode *)1;
	struct err e;
	int rc = load(text, &root, &e);

	if (!(rc == -1 && root == NULL && e.code == EX_CONFIG_ && strstr(e.msg, want)))
		printf("# rc=%d code=%d msg=%s\n", rc, e.code, e.msg);
	CHECK(rc == -1 && root == NULL && e.code == EX_CONFIG_ && strstr(e.msg, want) != NULL, desc);
}

static void test_load(void)
{
	static const char text[] =
		"# a comment\n"
		"school:\n"
		"  name: МБОУ «СОШ № 18»\n"
		"  deputies: [orlova, 'петрова']\n"
		"policy:\n"
		"  weights: {контрольная работа: 2, тест: 1}\n"
		"  no_marks_grades:\n"
		"    - 1\n"
		"    - \"2\"\n"
		"empty:\n"
		"list_of_maps:\n"
		"  - {id: q1, from: 2023-09-01}\n"
		"  - id: q2\n"
		"    from: 2023-11-07\n";
	struct ynode *root = NULL, *school, *dep, *w, *nm, *lm;
	struct err e;

	CHECK(load(text, &root, &e) == 0 && root, "yaml_load_buf: loads a nested document");
	if (!root)
		return;
	CHECK(root->type == Y_MAP && root->n == 4, "yaml_load_buf: root is a map of 4 keys");
	school = ynode_get(root, "school");
	CHECK(school && school->type == Y_MAP && school->line == 3 && school->col == 3,
	      "yaml_load_buf: block map 'school' starts at 3:3");
	CHECK_STR(ynode_str(school, "name"), "МБОУ «СОШ № 18»", "ynode_str: Cyrillic scalar kept as is");
	dep = ynode_get(school, "deputies");
	CHECK(dep && dep->type == Y_SEQ && dep->n == 2 && dep->line == 4,
	      "yaml_load_buf: flow sequence of 2 on line 4");
	CHECK(dep && dep->n == 2 && !strcmp(dep->items[0]->value, "orlova") && !dep->items[0]->quoted &&
	      !strcmp(dep->items[1]->value, "петрова") && dep->items[1]->quoted,
	      "yaml_load_buf: flow sequence items, quoted flag");
	w = ynode_get(ynode_get(root, "policy"), "weights");
	CHECK(w && w->type == Y_MAP && w->n == 2, "yaml_load_buf: flow map of 2");
	CHECK_STR(ynode_str(w, "контрольная работа"), "2", "yaml_load_buf: Cyrillic key with a space");
	CHECK_STR(ynode_str(w, "тест"), "1", "yaml_load_buf: second flow map key");
	nm = ynode_get(ynode_get(root, "policy"), "no_marks_grades");
	CHECK(nm && nm->type == Y_SEQ && nm->n == 2 && !strcmp(nm->items[0]->value, "1") &&
	      !strcmp(nm->items[1]->value, "2") && nm->items[1]->line == 9,
	      "yaml_load_buf: block sequence with line numbers");
	CHECK_STR(ynode_str(root, "empty"), "", "yaml_load_buf: an empty value is ''");
	lm = ynode_get(root, "list_of_maps");
	CHECK(lm && lm->type == Y_SEQ && lm->n == 2 && lm->items[1]->type == Y_MAP &&
	      !strcmp(ynode_str(lm->items[0], "from"), "2023-09-01") &&
	      !strcmp(ynode_str(lm->items[1], "from"), "2023-11-07"),
	      "yaml_load_buf: flow and block maps inside a sequence");
	CHECK(ynode_get(root, "missing") == NULL && ynode_str(root, "school") == NULL,
	      "ynode_get/ynode_str: missing key and non-scalar give NULL");
	CHECK(ynode_get(dep, "x") == NULL, "ynode_get: on a sequence gives NULL");
	ynode_free(root);

	CHECK(load("", &root, &e) == 0 && root && root->type == Y_MAP && root->n == 0,
	      "yaml_load_buf: an empty document is an empty map");
	ynode_free(root);
	CHECK(load("# only a comment\n", &root, &e) == 0 && root && root->type == Y_MAP && root->n == 0,
	      "yaml_load_buf: a comment-only document is an empty map");
	ynode_free(root);
	CHECK(load("---\na: 1\n...\n", &root, &e) == 0 && root && !strcmp(ynode_str(root, "a"), "1"),
	      "yaml_load_buf: explicit document markers");
	ynode_free(root);
}

static void test_refusals(void)
{
	check_refused("a: 1\nb: 2\nc: [1, 2\nd: 4\n", "conf.yaml:", "yaml_load_buf: syntax error is refused");
	check_refused("a: 1\nb: 2\nc: d: e\n", "conf.yaml:3:5:", "yaml_load_buf: syntax error names line 3 col 5");
	check_refused("a: 1\n  b: 2\n", "conf.yaml:2:", "yaml_load_buf: bad indentation names line 2");
	check_refused("a: 1\nb: \"open\n", "conf.yaml:", "yaml_load_buf: unclosed quote refused");
	check_refused("a: 1\nb: 2\na: 3\n", "conf.yaml:3:1: duplicate key 'a'", "yaml_load_buf: duplicate key at 3:1");
	check_refused("m:\n  x: 1\n  y: 2\n  x: 3\n", "conf.yaml:4:3: duplicate key 'x'",
		      "yaml_load_buf: nested duplicate key at 4:3");
	check_refused("w: {тест: 1, тест: 2}\n", "duplicate key 'тест'", "yaml_load_buf: duplicate Cyrillic key in a flow map");
	check_refused("a: &x 1\nb: *x\n", "conf.yaml:2:4: aliases", "yaml_load_buf: alias refused at 2:4");
	check_refused("base: &b {x: 1}\nother: *b\n", "aliases", "yaml_load_buf: alias to a map refused");
	check_refused("- a\n- b\n", "conf.yaml:1:1: expected a mapping", "yaml_load_buf: a sequence document refused");
	check_refused("just a scalar\n", "expected a mapping", "yaml_load_buf: a scalar document refused");
	check_refused("a: 1\n---\nb: 2\n", "only one YAML document", "yaml_load_buf: a second document refused");
	check_refused("? [a, b]\n: 1\n", "a key must be a plain value", "yaml_load_buf: a sequence as a key refused");
}

/* "a: " and n '[' then n ']': nesting n + 1 deep with the root map. */
static char *nested(size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	sb_adds(&sb, "a: ");
	for (i = 0; i < n; i++)
		sb_addch(&sb, '[');
	for (i = 0; i < n; i++)
		sb_addch(&sb, ']');
	sb_addch(&sb, '\n');
	return sb_detach(&sb, NULL);
}

/* Issue 13: a hostile file gives a message, never a crash. */
static void test_limits(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct ynode *root = NULL;
	struct err e;
	char *text;
	size_t i;

	text = nested(63);
	CHECK(load(text, &root, &e) == 0 && root, "yaml_load_buf: 64 levels (the root and 63 '[') load");
	ynode_free(root);
	free(text);
	text = nested(64);
	check_refused(text, "conf.yaml:1:67: nested more than 64 levels deep",
		      "yaml_load_buf: the 65th level is refused at its line and column");
	free(text);
	text = nested(30000);
	check_refused(text, "conf.yaml:1:67: nested more than 64 levels deep",
		      "yaml_load_buf: 30,000 '[' refused, not a stack overflow");
	free(text);
	check_refused("a: {b: {c: {d: {e: {f: {g: {h: {i: {j: {k: {l: {m: {n: {o: {p: {q: {r: {s: {t: {u: {v: {w: "
		      "{x: {y: {z: {a: {b: {c: {d: {e: {f: {g: {h: {i: {j: {k: {l: {m: {n: {o: {p: {q: {r: {s: {t: "
		      "{u: {v: {w: {x: {y: {z: {a: {b: {c: {d: {e: {f: {g: {h: {i: {j: {k: {l: {m: 1}}}}}}}}}}}}}}}}"
		      "}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}\n", "nested more than 64 levels deep",
		      "yaml_load_buf: deep maps refused too");

	sb_adds(&sb, "a: [");
	for (i = 0; i < 20000; i++)
		sb_adds(&sb, "1, ");
	sb_adds(&sb, "1]\n");
	check_refused(sb.buf, "more than 20000 values in one file", "yaml_load_buf: more than 20,000 values refused");
	sb_reset(&sb);
	sb_adds(&sb, "a: ");
	for (i = 0; i < 1024 * 1024; i++)
		sb_addch(&sb, 'x');
	sb_addch(&sb, '\n');
	check_refused(sb.buf, "conf.yaml: 1048580 bytes, at most 1048576", "yaml_load_buf: a file over 1 MB refused");
	sb_reset(&sb);
	sb_adds(&sb, "name: ");
	for (i = 0; i < YAML_MAX_SCALAR; i++)
		sb_adds(&sb, "ш");
	CHECK(load(sb.buf, &root, &e) == 0 && root, "yaml_load_buf: a value of 1000 Cyrillic characters loads");
	ynode_free(root);
	sb_adds(&sb, "ш\n");
	check_refused(sb.buf, "conf.yaml:1:7: a value of 1001 characters, at most 1000",
		      "yaml_load_buf: a value of 1001 characters refused, counted in characters");
	sb_release(&sb);

	check_refused("school:\n  name: \"a\\eb\"\n", "conf.yaml:2:9: control characters (U+001B) are not allowed in a value",
		      "yaml_load_buf: ESC in a quoted value refused");
	check_refused("name: a\x1b[2Jb\n", "control characters", "yaml_load_buf: a raw ESC refused (by libyaml)");
	check_refused("name: \"Ива\\u202Eнов\"\n", "bidirectional control characters (U+202E)",
		      "yaml_load_buf: U+202E in a value refused");
	check_refused("name: Ива\xe2\x80\x8bнов\n", "invisible characters (U+200B)", "yaml_load_buf: U+200B refused");
	check_refused("name: \"a\\tb\"\n", "tabs are not allowed", "yaml_load_buf: a tab in a value refused");
	check_refused("name: |\n  two\n  lines\n", "line breaks (U+000A)", "yaml_load_buf: a line break in a value refused");
	check_refused("name: \"a\\0b\"\n", "a NUL character", "yaml_load_buf: a NUL in a value refused");
	check_refused("w: {\"к\\u200Fр\": 2}\n", "conf.yaml:1:5: bidirectional control characters (U+200F) are not allowed in a key",
		      "yaml_load_buf: U+200F in a key refused");
	CHECK(load("name: \"МБОУ «СОШ № 18»\"\n", &root, &e) == 0 && root, "yaml_load_buf: «» and № pass");
	ynode_free(root);
}

static void test_file(void)
{
	struct ynode *root = (struct ynode *)1;
	struct err e = { 0 };

	CHECK(yaml_load_file("/nonexistent/dir/x.yaml", NULL, &root, &e) == -1 && e.code == EX_NOINPUT_,
	      "yaml_load_file: a missing file is EX_NOINPUT_");
}

static void test_emit(void)
{
	struct ynode *root = ynode_map(0), *pol = ynode_map(0), *w = ynode_map(1), *seq = ynode_seq(1);
	struct ynode *blk = ynode_seq(0), *item = ynode_map(1), *back = NULL, *x;
	struct strbuf out = STRBUF_INIT;
	struct err e = { 0 };

	ynode_setstr(root, "format", "1");
	ynode_setstr(root, "name", "МБОУ «Средняя общеобразовательная школа № 18»");
	ynode_setstr(w, "контрольная работа", "2");
	ynode_set(pol, "weights", w);
	ynode_push(seq, ynode_scalar("1"));
	ynode_push(seq, ynode_scalar("5-11"));
	ynode_set(pol, "no_marks_grades", seq);
	ynode_set(root, "policy", pol);
	ynode_setstr(item, "id", "q1");
	ynode_setstr(item, "name", "1 четверть");
	ynode_push(blk, item);
	ynode_set(root, "periods", blk);
	ynode_setstr(root, "tricky", "a: b # not a comment");
	ynode_setstr(root, "lead", " leading space");
	ynode_setstr(root, "empty", "");
	ynode_setstr(root, "time", "08:30-09:10");
	ynode_setstr(root, "star", "*x");
	CHECK(root->n == 9 && ynode_get(root, "policy") == pol, "ynode builders: map holds its children");

	CHECK(yaml_emit(root, &out, &e) == 0, "yaml_emit: succeeds");
	CHECK(strstr(out.buf, "МБОУ «Средняя общеобразовательная школа № 18»") != NULL,
	      "yaml_emit: Cyrillic written unescaped");
	CHECK(strstr(out.buf, "\\u") == NULL, "yaml_emit: no \\u escapes");
	CHECK(strstr(out.buf, "{контрольная работа: 2}") != NULL, "yaml_emit: flow map in flow style");
	CHECK(strstr(out.buf, "[1, 5-11]") != NULL, "yaml_emit: flow sequence in flow style");
	CHECK(strstr(out.buf, "\n- {id: q1, name: 1 четверть}") != NULL, "yaml_emit: block sequence of flow maps");

	CHECK(load(out.buf, &back, &e) == 0 && back, "yaml_emit: output parses back");
	if (back) {
		CHECK_STR(ynode_str(back, "format"), "1", "round trip: format");
		CHECK_STR(ynode_str(back, "name"), "МБОУ «Средняя общеобразовательная школа № 18»", "round trip: name");
		CHECK_STR(ynode_str(ynode_get(ynode_get(back, "policy"), "weights"), "контрольная работа"), "2",
			  "round trip: nested flow map");
		x = ynode_get(ynode_get(back, "policy"), "no_marks_grades");
		CHECK(x && x->type == Y_SEQ && x->n == 2 && !strcmp(x->items[1]->value, "5-11"),
		      "round trip: flow sequence");
		x = ynode_get(back, "periods");
		CHECK(x && x->type == Y_SEQ && x->n == 1 && !strcmp(ynode_str(x->items[0], "name"), "1 четверть"),
		      "round trip: sequence of maps");
		CHECK_STR(ynode_str(back, "tricky"), "a: b # not a comment", "round trip: ': ' and ' #' in a value");
		CHECK_STR(ynode_str(back, "lead"), " leading space", "round trip: leading space");
		CHECK_STR(ynode_str(back, "empty"), "", "round trip: empty value");
		CHECK_STR(ynode_str(back, "time"), "08:30-09:10", "round trip: a time range");
		CHECK_STR(ynode_str(back, "star"), "*x", "round trip: a value starting with '*'");
		CHECK(back->n == 9, "round trip: same number of keys");
	}
	ynode_free(back);
	ynode_free(root);
	sb_release(&out);
}

/* The emitter does not recurse without end into a tree built by code. */
static void test_emit_depth(void)
{
	struct ynode *root = ynode_map(0), *n = root;
	struct strbuf out = STRBUF_INIT;
	struct err e = { 0 };
	int i;

	for (i = 0; i < 100; i++) {
		struct ynode *c = ynode_map(0);
		ynode_set(n, "a", c);
		n = c;
	}
	CHECK(yaml_emit(root, &out, &e) == -1 && e.code == EX_SOFTWARE_ && strstr(e.msg, "nested more than 64"),
	      "yaml_emit: a tree 100 deep is refused");
	ynode_free(root);
	sb_release(&out);
}

/* The emitter writes nothing the loader would refuse, and says where it is. */
static void test_emit_refuses(void)
{
	struct ynode *root = ynode_map(0), *school = ynode_map(0), *w = ynode_map(1);
	struct strbuf out = STRBUF_INIT, big = STRBUF_INIT;
	struct err e = { 0 };
	size_t i;

	for (i = 0; i <= YAML_MAX_SCALAR; i++)
		sb_adds(&big, "Ш");
	ynode_setstr(school, "short", "СОШ № 18");
	ynode_set(root, "school", school);
	ynode_setstr(school, "name", big.buf);
	CHECK(yaml_emit(root, &out, &e) == -1 && e.code == EX_DATAERR_ &&
	      !strcmp(e.msg, "school.name: a value of 1001 characters, at most 1000"),
	      "yaml_emit: a value of 1001 characters is refused, named by its keys");
	ynode_setstr(school, "name", "МБОУ\xE2\x80\xAE СОШ");
	sb_reset(&out);
	CHECK(yaml_emit(root, &out, &e) == -1 &&
	      !strcmp(e.msg, "school.name: bidirectional control characters (U+202E) are not allowed in a value"),
	      "yaml_emit: U+202E in a value is refused");
	ynode_setstr(school, "name", "МБОУ СОШ");
	ynode_setstr(w, "\xE2\x80\x8Bтест", "2");
	ynode_set(root, "weights", w);
	sb_reset(&out);
	CHECK(yaml_emit(root, &out, &e) == -1 &&
	      !strcmp(e.msg, "weights.<U+200B>тест: invisible characters (U+200B) are not allowed in a key"),
	      "yaml_emit: U+200B in a key is refused, shown as <U+200B>");
	ynode_free(root);
	sb_release(&out);
	sb_release(&big);
}

/* Setting a key a map has replaces its child in place: a map's keys stay unique. */
static void test_set_replaces(void)
{
	struct ynode *m = ynode_map(0);

	ynode_setstr(m, "year", "2023-2024");
	ynode_setstr(m, "closed", "no");
	ynode_set(m, "year", ynode_scalar("2024-2025"));
	CHECK(m->n == 2 && !strcmp(m->keys[0], "year") && !strcmp(ynode_str(m, "year"), "2024-2025") &&
	      !strcmp(m->keys[1], "closed"), "ynode_set: an existing key keeps its place and takes the new child");
	ynode_free(m);
}

int main(void)
{
	test_load();
	test_refusals();
	test_limits();
	test_file();
	test_emit_depth();
	test_emit_refuses();
	test_emit();
	test_set_replaces();
	return unit_failures != 0;
}
