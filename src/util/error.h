/* Exit codes (sysexits.h values, SPEC 3), the front end's die/error/warning, and
 * struct err, through which every module below the commands reports a failure. */
#ifndef EJ_ERROR_H
#define EJ_ERROR_H
#include <stdarg.h>
#include "i18n.h"

enum ej_exit {
	EX_OK_ = 0,
	EX_FOUND = 1,          /* check/verify found problems */
	EX_USAGE_ = 64,        /* command line misuse */
	EX_DATAERR_ = 65,      /* bad data: unknown student, invalid mark, rule refused */
	EX_NOINPUT_ = 66,      /* missing input file or journal */
	EX_SOFTWARE_ = 70,     /* internal error */
	EX_OSERR_ = 71,        /* system error (out of memory) */
	EX_CANTCREAT_ = 73,    /* cannot create output */
	EX_IOERR_ = 74,        /* input/output error */
	EX_TEMPFAIL_ = 75,     /* journal locked too long */
	EX_NOPERM_ = 77,       /* not permitted for the acting role */
	EX_CONFIG_ = 78        /* bad configuration */
};

/* A failure reported upward: an exit code and a one-line message. */
struct err {
	int code;
	char msg[1024];
};

/* Fills e (if not NULL) and returns -1, so callers write `return err_set(...)`.
 * The message is in the user's language (util/i18n.h): fmt is translated here,
 * so is the fmt of die, error, warning, note and say; die_err prints e->msg as
 * it is. */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Front end only. Print "ejournal: MSG" to stderr. */
void die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void die_err(const struct err *e) __attribute__((noreturn));
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints an informational line to stderr unless -q was given. */
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a line of output (an archive's name) to stdout. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int ej_quiet;
/* From now on note() and say() keep their lines until notes_flush(): a writing
 * command reports success only once its change is committed, and a command that
 * dies before (die() drops them) has said nothing it did not do. */
void notes_defer(void);
void notes_flush(void);

/* A programming error, a case that cannot happen whatever the data: prints
 * "ejournal: BUG at file.c:123: MSG" (never translated) and exits EX_SOFTWARE_. Any layer may use it:
 * it reports the code, not the journal. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
void bug_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

/* Called by die() before exiting: lets the front end release the lock. */
extern void (*die_hook)(void);

#endif
