/* Privilege of a setgid install: detected once, given up around the user's files. */
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "privilege.h"

int privileged(void)
{
	static int known = -1;

	if (known < 0)
		known = getauxval(AT_SECURE) != 0 || getegid() != getgid() || geteuid() != getuid();
	return known;
}

const char *user_getenv(const char *name)
{
	return privileged() ? NULL : getenv(name);
}

int as_user_group(void)
{
	int saved = (int)getegid();

	if (privileged() && getegid() != getgid() && setegid(getgid()) < 0)
		return -1;
	return saved;
}

void as_journal_group(int saved)
{
	if (saved >= 0 && privileged() && getegid() != (gid_t)saved && setegid((gid_t)saved) < 0)
		abort();	/* cannot happen: the saved set-group-ID is the journal's group */
}
