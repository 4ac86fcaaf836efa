/* Whether the program runs with more rights than its user: a shared install is
 * setgid to the journal's group (SPEC 6), and then what the user controls (the
 * environment, the files named on the command line) must not borrow that group. */
#ifndef EJ_PRIVILEGE_H
#define EJ_PRIVILEGE_H

/* 1 when the process runs setgid or setuid (AT_SECURE), else 0. */
int privileged(void);
/* getenv, except that a privileged process sees no variable of its user's
 * choosing: EJOURNAL_USER and EJOURNAL_NOW would let a teacher act as another or
 * backdate a mark (issue 13). */
const char *user_getenv(const char *name);
/* Runs the following system calls with the real group id (no-op unless
 * privileged); returns what as_journal_group needs to switch back. Only call
 * them where no other thread runs (before a statement's reader starts). */
int as_user_group(void);
void as_journal_group(int saved);

#endif
