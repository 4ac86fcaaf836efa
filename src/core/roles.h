/* Who is acting (SPEC 6): the login, its roles from staff.csv or the rosters, and
 * the checks every command makes before it touches anything. */
#ifndef EJ_ROLES_H
#define EJ_ROLES_H
#include "journal.h"
#include "../store/csvio.h"

enum role {
	ROLE_TEACHER = 1 << 0,
	ROLE_ADMIN = 1 << 1,
	ROLE_ICT = 1 << 2,
	ROLE_DEPUTY = 1 << 3,
	ROLE_DIRECTOR = 1 << 4,
	ROLE_SECRETARY = 1 << 5,
	ROLE_STUDENT = 1 << 6,
	ROLE_PARENT = 1 << 7
};

struct identity {
	char *login;
	unsigned roles;
	char *student_id;	/* student or parent: whose diary */
	char *student_class;
};

/* The acting login: $EJOURNAL_USER unless the program runs setgid, else the OS
 * login. Returns a new string. */
char *identity_login(void);
/* Parses a roles field ("teacher deputy") into a mask; -1 on an unknown role. */
long roles_parse(const char *s);
/* Writes the role names of mask, space-separated, into a new string. */
char *roles_format(unsigned mask);
/* Looks the login up in staff (a loaded staff table) and, failing that, in the
 * rosters of the year. Unknown logins fail with EX_NOPERM_, and so does a member
 * of staff who has left the school by the journal's clock (staff_active). */
int identity_resolve(const struct journal *j, const struct table *staff, struct identity *id,
		     struct err *e);
void identity_free(struct identity *id);
/* Returns 0 when id has one of the roles in any; else EX_NOPERM_ naming the act
 * ("change the staff list", translated here) and the roles that may do it. */
int role_require(const struct identity *id, unsigned any, const char *act, struct err *e);
/* The day the member of staff of row r left the school (staff.csv's left: their
 * last working day), or DATE_NONE while they work there. */
ej_date staff_left_on(const struct table *staff, size_t r);
/* Returns 0 when the member of staff of row r may still use the journal on day
 * today: up to the day they left, that day included; else EX_NOPERM_ naming the
 * day and the order. Their records stay; only the login is closed. */
int staff_active(const struct table *staff, size_t r, ej_date today, struct err *e);
/* 1 when login is the class teacher of cls in the classes table. */
int is_class_teacher(const struct table *classes, const char *login, const char *cls);

#endif
