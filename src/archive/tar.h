/* The gzip/tar adapter: writes and reads gzip'd POSIX ustar archives through zlib,
 * the format GNU tar and every other tar reads. Knows nothing of journals: what an
 * archive may hold is the caller's business. */
#ifndef EJ_TAR_H
#define EJ_TAR_H
#include <stddef.h>
#include "../util/error.h"

/* The longest name ustar can hold: a 155-byte prefix, '/', a 100-byte name. */
#define TAR_NAME_MAX 256
/* The largest entry the reader accepts: no journal file comes near it, and a
 * hostile header cannot make the reader allocate more. */
#define TAR_ENTRY_MAX (1LL << 30)

struct tar_out;

/* Starts an archive written to fd (the caller opens, syncs and closes it),
 * compressed at zlib level (1-9). Every entry gets mtime (seconds since the epoch),
 * uid and gid 0 and owner root; the gzip header carries mtime too, so the same
 * entries give the same bytes. Returns NULL with e filled on failure. */
struct tar_out *tar_out_open(int fd, int level, long long mtime, struct err *e);
/* Adds a directory (name without or with its trailing '/'). Names over 100 bytes
 * go into the ustar prefix, split at a '/'; one that cannot be split, or longer
 * than TAR_NAME_MAX, fails with EX_DATAERR_. 0, or -1 with e filled. */
int tar_out_dir(struct tar_out *t, const char *name, unsigned mode, struct err *e);
/* Adds a regular file holding the len bytes at data. 0, or -1 with e filled. */
int tar_out_file(struct tar_out *t, const char *name, unsigned mode, const void *data, size_t len,
		 struct err *e);
/* Writes the end-of-archive blocks, pads to GNU tar's 10 KiB record, ends the
 * gzip stream, and frees t. Returns the bytes written to fd, or -1 with e filled. */
long long tar_out_close(struct tar_out *t, struct err *e);
/* Frees t after a failure, writing nothing more. NULL is allowed. */
void tar_out_abort(struct tar_out *t);

/* One member of an archive, as its header says. */
struct tar_entry {
	char name[TAR_NAME_MAX + 1];	/* prefix and name joined by '/' */
	char linkname[101];
	char type;			/* typeflag: '0' or '\0' file, '5' directory, '1' hard
					 * link, '2' symlink, '3'/'4' devices, '6' FIFO, ... */
	unsigned mode;
	long long size, mtime;
	long long offset;		/* of its header in the uncompressed tar stream */
	const unsigned char *data;	/* size bytes, valid until the next tar_in_next */
};

struct tar_in;

/* Starts reading the gzip'd archive of len bytes at gz (not copied: it must
 * outlive the reader). Returns NULL with e filled on failure. */
struct tar_in *tar_in_open(const void *gz, size_t len, struct err *e);
/* The same over the archive file open at fd, read from its start in pieces with
 * pread (the file offset is left alone; fd stays the caller's). */
struct tar_in *tar_in_open_fd(int fd, struct err *e);
/* Reads the next member. Returns 1 with ent filled; 0 at the end of the archive,
 * once the gzip CRC and length are checked and nothing but zeros follows the
 * end-of-archive blocks; -1 with e filled (EX_DATAERR_) when the archive is damaged
 * (a bad gzip stream, CRC or length, a truncated file, a header with a bad checksum
 * or no ustar magic): reading cannot go on. */
int tar_in_next(struct tar_in *r, struct tar_entry *ent, struct err *e);
void tar_in_close(struct tar_in *r);

#endif
