/* history.log: one line per write, chained by SHA-256 (SPEC 7), and the file
 * hashes verify compares with the tree. */
#ifndef EJ_HISTORY_H
#define EJ_HISTORY_H
#include <stddef.h>
#include "../util/error.h"
#include "../util/strbuf.h"

#define SHA256_HEX 65

/* Writes the lowercase hex SHA-256 of data into hex. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX]);
/* Hashes a file; returns 0 and its size, or -1 with e filled. */
int sha256_file(const char *path, char hex[SHA256_HEX], long long *size, struct err *e);

/* One parsed line of history.log. Strings point into the line's own copy. */
struct hist_entry {
	long seq;
	char *at, *login, *command, *files, *prev;
	int line;
};

/* Calls fn for every line; stops at the first malformed one with e filled
 * (EX_DATAERR_). chain_ok is set to 0 when a prev hash does not match. */
typedef int (*hist_fn)(const struct hist_entry *h, void *data, struct err *e);
int history_read(const char *root, hist_fn fn, void *data, struct strbuf *problems, struct err *e);
/* The same over a history.log already in memory (an archived copy). */
int history_read_buf(const char *buf, size_t len, hist_fn fn, void *data, struct strbuf *problems,
		     struct err *e);

/* Appends one line describing a change; files is the "path=size:sha256 ..." list
 * (may be empty). Repairs a torn last line first. The caller holds the lock. */
int history_append(const char *root, const char *at, const char *login, const char *command,
		   const char *files, struct err *e);

/* If the file at path does not end with a newline, cuts it back to its last whole
 * line. Returns the number of bytes removed (0 if none), or -1 with e filled. */
long repair_torn_line(const char *path, struct err *e);

#endif
