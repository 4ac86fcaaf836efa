/* history.log: one line per write, chained by SHA-256 (SPEC 7), and the file
 * hashes verify compares with the tree. */
#ifndef EJ_HISTORY_H
#define EJ_HISTORY_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "jfs.h"
#include "../util/error.h"
#include "../util/strbuf.h"

#define SHA256_HEX 65

/* Writes the lowercase hex SHA-256 of data into hex. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX]);
/* Hashes a file outside the journal (read as the user who runs the command);
 * returns 0 and its size, or -1 with e filled (a missing file: EX_NOINPUT_). */
int sha256_file(const char *path, char hex[SHA256_HEX], long long *size, struct err *e);
/* Hashes what is left to read of fd, then closes it; name is for messages. */
int sha256_fd(int fd, const char *name, char hex[SHA256_HEX], long long *size, struct err *e);

/* A SHA-256 computed piece by piece (OpenSSL's context, kept opaque here). */
struct sha256 {
	uint64_t ctx[16];
};
void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t len);
/* The number of bytes added to h so far. */
long long sha256_length(const struct sha256 *h);
/* Writes the hex digest of what was added so far; h may go on being updated. */
void sha256_peek(const struct sha256 *h, char hex[SHA256_HEX]);

/* One parsed line of history.log. Strings point into the line's own copy. */
struct hist_entry {
	long seq;
	char *at, *login, *command, *files, *prev;
	int line;
};

/* Calls fn for every line; stops at the first malformed one with e filled
 * (EX_DATAERR_). chain_ok is set to 0 when a prev hash does not match. */
typedef int (*hist_fn)(const struct hist_entry *h, void *data, struct err *e);
int history_read(const struct jfs *fs, hist_fn fn, void *data, struct strbuf *problems, struct err *e);
/* The same over a history.log already in memory (an archived copy). */
int history_read_buf(const char *buf, size_t len, hist_fn fn, void *data, struct strbuf *problems,
		     struct err *e);

/* The largest sequence number a line may carry (a school writes some thousands
 * a year): a larger one, or one that is not plain digits, is a malformed line. */
#define HISTORY_SEQ_MAX 999999999999999L

/* The sequence number and hash of the last line among the first size bytes of
 * fd, which end with a newline (seq 0 and the zero hash for an empty log); an
 * error when that line has no number another can follow. Reads the tail only: the log grows all year and a single mark must not read it whole. */
int history_last(int fd, off_t size, long *seq, char hash[SHA256_HEX], struct err *e);
/* Appends one history line (with its newline) to out; tabs and line breaks in the
 * fields become spaces. */
void history_format(struct strbuf *out, long seq, const char *at, const char *login, const char *command,
		    const char *files, const char *prev);

/* The length of the whole lines among the first size bytes of fd: size when they
 * end with a newline, else the offset after the last newline (0 if none) — where
 * a line torn by a crash in mid-write begins. -1 with errno on a read error. */
off_t whole_lines_end(int fd, off_t size);

#endif
