/* Identity and permissions. The rule of SPEC 6: a refused act exits 77, names the
 * missing right, and happens before anything is written. */
#include <dirent.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "roles.h"
#include "columns.h"
#include "../util/privilege.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"

static const char *const role_names[] = { "teacher", "admin", "ict", "deputy", "director",
					  "secretary", "student", "parent" };
#define NROLES (sizeof(role_names) / sizeof(role_names[0]))

char *identity_login(void)
{
	/* A setgid install must not let users choose who they are. */
	const char *env = user_getenv("EJOURNAL_USER");
	struct passwd pw, *res = NULL;
	char buf[4096];

	if (env && *env)
		return xstrdup(env);
	if (getpwuid_r(getuid(), &pw, buf, sizeof(buf), &res) == 0 && res)
		return xstrdup(res->pw_name);
	return xasprintf("uid%ld", (long)getuid());
}

long roles_parse(const char *s)
{
	char *copy = xstrdup(s), *save = NULL, *w;
	long mask = 0;
	size_t i;

	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		for (i = 0; i < NROLES - 2; i++)
			if (!strcmp(w, role_names[i]))
				break;
		if (i == NROLES - 2) {
			free(copy);
			return -1;
		}
		mask |= 1L << i;
	}
	free(copy);
	return mask;
}

char *roles_format(unsigned mask)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (mask & (1u << i)) {
			if (sb.len)
				sb_addch(&sb, ' ');
			sb_adds(&sb, role_names[i]);
		}
	return sb_detach(&sb, NULL);
}

static char *roles_or(unsigned mask)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0, total = 0;

	for (i = 0; i < NROLES; i++)
		if (mask & (1u << i))
			total++;
	for (i = 0; i < NROLES; i++)
		if (mask & (1u << i)) {
			if (n)
				sb_adds(&sb, n + 1 == total ? _(" or ") : ", ");
			sb_adds(&sb, role_names[i]);
			n++;
		}
	return sb_detach(&sb, NULL);
}

/* A student's or parent's login is in the roster's login field. */
static int find_in_rosters(const struct journal *j, struct identity *id, struct err *e)
{
	char *dir = xasprintf("years/%s/classes", j->year);
	DIR *d = jfs_opendir(&j->fs, dir);
	struct dirent *de;
	int found = 0;

	free(dir);
	if (!d)
		return 0;
	while (!found && (de = readdir(d))) {
		struct table t;
		char *rel;
		size_t r;
		int cl, ci;
		if (de->d_name[0] == '.')
			continue;
		rel = class_rel(j, de->d_name, "students.csv");
		if (journal_load(j, "students", rel, 1, &t, e) < 0) {
			free(rel);
			closedir(d);
			return -1;
		}
		free(rel);
		cl = STUDENTS_LOGIN;
		ci = STUDENTS_ID;
		for (r = 0; r < t.nrows && !found; r++) {
			char *copy, *save = NULL, *w;
			int pos = 0;
			/* After a move the pupil is in two rosters: the class they left
			 * no longer counts. */
			if (*table_get(&t, r, STUDENTS_LEFT))
				continue;
			copy = xstrdup(table_get(&t, r, cl));
			for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save), pos++)
				if (!strcmp(w, id->login)) {
					/* The first login is the student's, the others their parents'. */
					id->roles = pos == 0 ? ROLE_STUDENT : ROLE_PARENT;
					id->student_id = xstrdup(table_get(&t, r, ci));
					id->student_class = xstrdup(de->d_name);
					found = 1;
					break;
				}
			free(copy);
		}
		table_free(&t);
	}
	closedir(d);
	return found;
}

int identity_resolve(const struct journal *j, const struct table *staff, struct identity *id,
		     struct err *e)
{
	int cl = STAFF_LOGIN, cr = STAFF_ROLES;
	size_t r;
	int rc;

	memset(id, 0, sizeof(*id));
	id->login = identity_login();
	for (r = 0; r < staff->nrows; r++)
		if (!strcmp(table_get(staff, r, cl), id->login)) {
			long m = roles_parse(table_get(staff, r, cr));
			id->roles = m > 0 ? (unsigned)m : 0;
			return staff_active(staff, r, j->clock.today, e);
		}
	rc = find_in_rosters(j, id, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(e, EX_NOPERM_, "'%s' is not a user of this journal: ask the EJ administrator to add you (ejournal staff add)",
			       id->login);
	return 0;
}

void identity_free(struct identity *id)
{
	free(id->login);
	free(id->student_id);
	free(id->student_class);
	memset(id, 0, sizeof(*id));
}

ej_date staff_left_on(const struct table *staff, size_t r)
{
	const char *left = table_get(staff, r, STAFF_LEFT);
	return *left ? date_parse_iso(left) : DATE_NONE;
}

int staff_active(const struct table *staff, size_t r, ej_date today, struct err *e)
{
	ej_date left = staff_left_on(staff, r);
	const char *order = table_get(staff, r, STAFF_ORDER_OUT);
	char b[11];

	if (left == DATE_NONE || today <= left)
		return 0;
	return err_set(e, EX_NOPERM_, "permission denied: '%s' left the school on %s%s%s%s: the login no longer "
		       "opens the journal", table_get(staff, r, STAFF_LOGIN), date_fmt(left, b), *order ? " (order " : "",
		       order, *order ? ")" : "");
}

int role_require(const struct identity *id, unsigned any, const char *act, struct err *e)
{
	char *need, *have;

	if (id->roles & any)
		return 0;
	need = roles_or(any);
	have = roles_format(id->roles);
	err_set(e, EX_NOPERM_, "permission denied: to %s you need the %s role; '%s' has %s",
		_(act), need, id->login, *have ? have : _("no role"));
	free(need);
	free(have);
	return -1;
}

int is_class_teacher(const struct table *classes, const char *login, const char *cls)
{
	int cc = CLASSES_CLASS, ct = CLASSES_CLASS_TEACHER;
	size_t r;

	for (r = 0; r < classes->nrows; r++)
		if (!strcmp(table_get(classes, r, cc), cls))
			return *login && !strcmp(table_get(classes, r, ct), login);	/* "": a class without one */
	return 0;
}
