/* The language of messages: English as written, or a translation from the
 * catalog of LC_MESSAGES. */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "i18n.h"
#include "privilege.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static int translating;

/* The catalogs of a binary run from the source tree (bin/ejournal beside
 * build/locale), so that the tests and `make demo` need no install; NULL for an
 * installed binary. A setgid binary reads only LOCALEDIR: a catalog holds the
 * formats printf is given, and its user must not choose them. */
static const char *build_tree_dir(char *buf, size_t size)
{
	struct stat st;
	ssize_t n;
	char *slash;

	if (privileged())
		return NULL;
	n = readlink("/proc/self/exe", buf, size - 1);
	if (n <= 0 || (size_t)n >= size - 1)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash || (size_t)snprintf(slash, size - (size_t)(slash - buf), "/../build/locale") >=
	    size - (size_t)(slash - buf))
		return NULL;
	return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? buf : NULL;
}

/* The locale of messages as setlocale(LC_MESSAGES, "") finds it: LC_ALL, then
 * LC_MESSAGES, then LANG, the first one set and not empty. */
static const char *messages_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) && *v)
			return v;
	return "C";
}

/* C, POSIX and C.UTF-8 are English: the messages as written. */
static int english(const char *loc)
{
	return !strcmp(loc, "C") || !strcmp(loc, "POSIX") || !strncmp(loc, "C.", 2);
}

void i18n_init(void)
{
	char buf[PATH_MAX];
	const char *loc, *dir;

	/* English needs no locale at all: the program stays in the C locale it
	 * starts in, reads no catalog (not even the C library's for strerror,
	 * whatever LANGUAGE says), and scripts that set C read what they did. */
	if (english(messages_locale()))
		return;
	/* Only the messages: numbers, collation and character classes stay those
	 * of C. A locale the system lacks leaves C, and English. */
	loc = setlocale(LC_MESSAGES, "");
	if (!loc || english(loc))
		return;
	dir = build_tree_dir(buf, sizeof(buf));
	if (!bindtextdomain(EJ_TEXTDOMAIN, dir ? dir : LOCALEDIR))
		return;
	/* Our catalogs and our output are UTF-8 whatever LC_CTYPE (C) says; so is
	 * the C library's strerror(), which C would spell in Latin letters. */
	bind_textdomain_codeset(EJ_TEXTDOMAIN, "UTF-8");
	bind_textdomain_codeset("libc", "UTF-8");

	translating = 1;
}

const char *ej_gettext(const char *s)
{
	return translating && *s ? dgettext(EJ_TEXTDOMAIN, s) : s;
}
