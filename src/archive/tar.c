/* gzip'd ustar archives with zlib: the writer streams headers and data through one
 * deflate stream; the reader inflates exactly the bytes of each header and member,
 * so a member's data sits at the start of one buffer and nothing is copied twice. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "tar.h"
#include "../store/fsutil.h"
#include "../util/xalloc.h"

#define BLOCK 512
#define RECORD (20 * BLOCK)	/* GNU tar's default blocking factor */

/* Offsets of the ustar header fields (POSIX.1-1988). */
enum {
	H_NAME = 0, H_MODE = 100, H_UID = 108, H_GID = 116, H_SIZE = 124, H_MTIME = 136,
	H_CHKSUM = 148, H_TYPE = 156, H_LINK = 157, H_MAGIC = 257, H_VERSION = 263,
	H_UNAME = 265, H_GNAME = 297, H_DEVMAJOR = 329, H_DEVMINOR = 337, H_PREFIX = 345
};

struct tar_out {
	int fd;
	z_stream z;
	gz_header gzh;		/* must live until the first deflate call */
	unsigned char buf[1 << 17];
	long long written;	/* compressed bytes */
	long long tarlen;	/* uncompressed bytes */
	long long mtime;
};

static int zfail(struct err *e, int code, const z_stream *z, const char *what)
{
	return err_set(e, code, "%s: %s", _(what), z->msg ? z->msg : _("zlib error"));
}

struct tar_out *tar_out_open(int fd, int level, long long mtime, struct err *e)
{
	struct tar_out *t = xcalloc(1, sizeof(*t));

	t->fd = fd;
	t->mtime = mtime;
	if (deflateInit2(&t->z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		free(t);
		err_set(e, EX_SOFTWARE_, "cannot start gzip compression");
		return NULL;
	}
	t->gzh.time = (uLong)mtime;
	t->gzh.os = 3;		/* Unix, whatever the build */
	if (deflateSetHeader(&t->z, &t->gzh) != Z_OK) {
		deflateEnd(&t->z);
		free(t);
		err_set(e, EX_SOFTWARE_, "cannot set the gzip header");
		return NULL;
	}
	return t;
}

/* Compresses n bytes (flush Z_FINISH at the end) and writes what deflate gives. */
static int put(struct tar_out *t, const void *p, size_t n, int flush, struct err *e)
{
	const unsigned char *in = p;

	t->tarlen += (long long)n;
	do {
		/* avail_in is 32 bits wide. */
		uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;
		int last = chunk == n, ret;

		t->z.next_in = (Bytef *)in;
		t->z.avail_in = chunk;
		do {
			size_t have;
			t->z.next_out = t->buf;
			t->z.avail_out = sizeof(t->buf);
			ret = deflate(&t->z, last ? flush : Z_NO_FLUSH);
			if (ret == Z_STREAM_ERROR)
				return zfail(e, EX_SOFTWARE_, &t->z, "gzip compression failed");
			have = sizeof(t->buf) - t->z.avail_out;
			if (have && write_all(t->fd, t->buf, have) < 0)
				return err_set(e, EX_IOERR_, "cannot write the archive: %s", strerror(errno));
			t->written += (long long)have;
		} while (t->z.avail_out == 0 || (last && flush == Z_FINISH && ret != Z_STREAM_END));
		in += chunk;
		n -= chunk;
	} while (n);
	return 0;
}

static int octal(unsigned char *field, size_t width, unsigned long long v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof(tmp), "%0*llo", (int)width - 1, v);

	if (n < 0 || (size_t)n != width - 1)
		return -1;
	memcpy(field, tmp, width);	/* digits and the terminating NUL */
	return 0;
}

/* Puts name into the name and prefix fields: the prefix as short as it may be. */
static int split_name(unsigned char *h, const char *name, struct err *e)
{
	size_t len = strlen(name), i;

	if (len <= 100) {
		memcpy(h + H_NAME, name, len);
		return 0;
	}
	for (i = 0; i < len && i <= 155; i++)
		if (name[i] == '/' && len - i - 1 <= 100 && len - i - 1 > 0) {
			memcpy(h + H_PREFIX, name, i);
			memcpy(h + H_NAME, name + i + 1, len - i - 1);
			return 0;
		}
	return err_set(e, EX_DATAERR_, "'%s': name too long for a ustar archive", name);
}

static unsigned header_sum(const unsigned char *h)
{
	unsigned sum = 0;
	size_t i;

	for (i = 0; i < BLOCK; i++)
		sum += (i >= H_CHKSUM && i < H_CHKSUM + 8) ? ' ' : h[i];
	return sum;
}

static int put_header(struct tar_out *t, const char *name, char type, unsigned mode,
		      unsigned long long size, struct err *e)
{
	unsigned char h[BLOCK];

	memset(h, 0, sizeof(h));
	if (split_name(h, name, e) < 0)
		return -1;
	if (octal(h + H_MODE, 8, mode & 07777) < 0 || octal(h + H_UID, 8, 0) < 0 || octal(h + H_GID, 8, 0) < 0 ||
	    octal(h + H_SIZE, 12, size) < 0 || octal(h + H_MTIME, 12, (unsigned long long)t->mtime) < 0 ||
	    octal(h + H_DEVMAJOR, 8, 0) < 0 || octal(h + H_DEVMINOR, 8, 0) < 0)
		return err_set(e, EX_DATAERR_, "'%s': size or time out of the range of ustar", name);
	h[H_TYPE] = (unsigned char)type;
	memcpy(h + H_MAGIC, "ustar", 6);
	memcpy(h + H_VERSION, "00", 2);
	memcpy(h + H_UNAME, "root", 4);
	memcpy(h + H_GNAME, "root", 4);
	/* Six digits, NUL, space: what GNU tar writes. */
	octal(h + H_CHKSUM, 7, header_sum(h));
	h[H_CHKSUM + 7] = ' ';
	return put(t, h, sizeof(h), Z_NO_FLUSH, e);
}

int tar_out_dir(struct tar_out *t, const char *name, unsigned mode, struct err *e)
{
	size_t len = strlen(name);
	char *slashed = len && name[len - 1] == '/' ? xstrdup(name) : xasprintf("%s/", name);
	int rc = put_header(t, slashed, '5', mode, 0, e);

	free(slashed);
	return rc;
}

int tar_out_file(struct tar_out *t, const char *name, unsigned mode, const void *data, size_t len,
		 struct err *e)
{
	static const unsigned char zeros[BLOCK];

	if (put_header(t, name, '0', mode, len, e) < 0 || (len && put(t, data, len, Z_NO_FLUSH, e) < 0))
		return -1;
	if (len % BLOCK)
		return put(t, zeros, BLOCK - len % BLOCK, Z_NO_FLUSH, e);
	return 0;
}

long long tar_out_close(struct tar_out *t, struct err *e)
{
	/* At most two blocks and a record less one block. */
	static const unsigned char zeros[2 * BLOCK + RECORD];
	long long pad, written;

	/* Two zero blocks end the archive; GNU tar then fills the record. */
	pad = 2 * BLOCK;
	pad += (RECORD - (t->tarlen + pad) % RECORD) % RECORD;
	if (put(t, zeros, (size_t)pad, Z_FINISH, e) < 0) {
		tar_out_abort(t);
		return -1;
	}
	written = t->written;
	deflateEnd(&t->z);
	free(t);
	return written;
}

void tar_out_abort(struct tar_out *t)
{
	if (!t)
		return;
	deflateEnd(&t->z);
	free(t);
}

/* The gzip'd input comes from memory, or from a file read in pieces (fd >= 0):
 * an archive of a large journal is never held whole. */
#define IN_PIECE 65536

struct tar_in {
	z_stream z;
	int fd;			/* -1: the input is all in next_in */
	long long off;		/* the file's next byte to read */
	int eof;		/* the file's end was read */
	unsigned char *in;	/* IN_PIECE bytes of the file */
	unsigned char *buf;
	size_t cap, have;	/* have: bytes at buf, all of the current piece */
	long long pos;		/* offset of buf[0] in the tar stream */
	int ended;		/* the gzip stream ended, CRC and length checked */
	int done;		/* the end-of-archive blocks were read */
};

static struct tar_in *in_new(long long len, struct err *e)
{
	struct tar_in *r = xcalloc(1, sizeof(*r));

	r->fd = -1;
	/* 15 + 16: gzip only; a zlib or raw stream is not an archive of ours. */
	if (inflateInit2(&r->z, 15 + 16) != Z_OK) {
		free(r);
		err_set(e, EX_SOFTWARE_, "cannot start gzip decompression");
		return NULL;
	}
	if (len > (1ll << 31)) {
		inflateEnd(&r->z);
		free(r);
		err_set(e, EX_DATAERR_, "archive larger than 2 GiB: not an ejournal archive");
		return NULL;
	}
	return r;
}

struct tar_in *tar_in_open(const void *gz, size_t len, struct err *e)
{
	struct tar_in *r = in_new((long long)len, e);

	if (!r)
		return NULL;
	r->z.next_in = (Bytef *)gz;
	r->z.avail_in = (uInt)len;
	return r;
}

struct tar_in *tar_in_open_fd(int fd, struct err *e)
{
	struct stat st;
	struct tar_in *r;

	if (fstat(fd, &st) < 0) {
		err_set(e, EX_IOERR_, "cannot read the archive: %s", strerror(errno));
		return NULL;
	}
	r = in_new((long long)st.st_size, e);
	if (!r)
		return NULL;
	r->fd = fd;
	r->in = xmalloc(IN_PIECE);
	return r;
}

/* The file's next piece into the inflater's input, when it has used the last one:
 * 0, or -1 with e filled. At the file's end eof is set and the input stays empty. */
static int feed(struct tar_in *r, struct err *e)
{
	ssize_t n;

	if (r->fd < 0 || r->eof || r->z.avail_in)
		return 0;
	do
		n = pread(r->fd, r->in, IN_PIECE, (off_t)r->off);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return err_set(e, EX_IOERR_, "cannot read the archive: %s", strerror(errno));
	if (n == 0)
		r->eof = 1;
	r->off += n;
	r->z.next_in = r->in;
	r->z.avail_in = (uInt)n;
	return 0;
}

/* 1 when input is left after the gzip stream's end. */
static int input_left(struct tar_in *r, struct err *e)
{
	if (r->z.avail_in)
		return 1;
	if (feed(r, e) < 0)
		return -1;
	return r->z.avail_in != 0;
}

void tar_in_close(struct tar_in *r)
{
	if (!r)
		return;
	inflateEnd(&r->z);
	free(r->buf);
	free(r->in);
	free(r);
}

static int gzip_problem(struct tar_in *r, int ret, struct err *e)
{
	const char *m = r->z.msg ? r->z.msg : "";

	if (ret == Z_MEM_ERROR)
		return err_set(e, EX_OSERR_, "out of memory while decompressing");
	if (!strcmp(m, "incorrect data check"))
		return err_set(e, EX_DATAERR_, "gzip CRC mismatch: the archive is damaged");
	if (!strcmp(m, "incorrect length check"))
		return err_set(e, EX_DATAERR_, "gzip length mismatch: the archive is damaged");
	if (!strcmp(m, "incorrect header check") || !strcmp(m, "unknown compression method"))
		return err_set(e, EX_DATAERR_, "not a gzip file");
	return err_set(e, EX_DATAERR_, "damaged gzip data (%s)", *m ? m : _("zlib error"));
}

/* Inflates until have == need. Returns 1 when filled, 0 when the gzip stream
 * ended before (its CRC checked), -1 with e filled on a damaged stream. */
static int fill(struct tar_in *r, size_t need, struct err *e)
{
	while (r->have < need) {
		int ret;
		if (r->ended)
			return 0;
		if (r->cap < need) {
			/* Grow with the data, not with what a header claims. */
			size_t want = r->cap < 65536 ? 65536 : r->cap * 2;
			r->cap = want < need ? want : need;
			if (r->cap < BLOCK)
				r->cap = BLOCK;
			r->buf = xrealloc(r->buf, r->cap);
		}
		if (feed(r, e) < 0)
			return -1;
		r->z.next_out = r->buf + r->have;
		r->z.avail_out = (uInt)((r->cap < need ? r->cap : need) - r->have);
		ret = inflate(&r->z, Z_NO_FLUSH);
		r->have = (size_t)(r->z.next_out - r->buf);
		if (ret == Z_STREAM_END) {
			int left = input_left(r, e);
			r->ended = 1;
			if (left < 0)
				return -1;
			if (left)
				return err_set(e, EX_DATAERR_, "data after the end of the gzip stream");
		} else if (r->z.avail_in == 0 && r->fd >= 0 && !r->eof && (ret == Z_OK || ret == Z_BUF_ERROR)) {
			continue;	/* the file's next piece */
		} else if (ret == Z_BUF_ERROR || (ret == Z_OK && r->z.avail_in == 0 && r->have < need &&
						  r->z.avail_out)) {
			return err_set(e, EX_DATAERR_, "the gzip stream ends early: the file is truncated");
		} else if (ret != Z_OK) {
			return gzip_problem(r, ret, e);
		}
	}
	return 1;
}

/* Starts the next piece: what was read is consumed. */
static void consume(struct tar_in *r)
{
	r->pos += (long long)r->have;
	r->have = 0;
}

/* Reads everything after the end-of-archive block: zeros, up to the gzip end. */
static int drain(struct tar_in *r, struct err *e)
{
	for (;;) {
		size_t i;
		int rc;

		consume(r);
		rc = fill(r, 65536, e);
		if (rc < 0)
			return -1;
		for (i = 0; i < r->have; i++)
			if (r->buf[i])
				return err_set(e, EX_DATAERR_, "data after the end-of-archive marker (offset %lld)",
					       r->pos + (long long)i);
		if (rc == 0)
			return 0;
	}
}

/* Parses an octal field: optional leading spaces, digits, then NUL or space. */
static int parse_octal(const unsigned char *f, size_t width, long long *out)
{
	size_t i = 0;
	long long v = 0;
	int digits = 0;

	while (i < width && f[i] == ' ')
		i++;
	for (; i < width && f[i] >= '0' && f[i] <= '7'; i++, digits++) {
		if (v > (LLONG_MAX >> 3))
			return -1;
		v = v * 8 + (f[i] - '0');
	}
	if (i < width && f[i] != ' ' && f[i] != '\0')
		return -1;
	for (; i < width; i++)
		if (f[i] != ' ' && f[i] != '\0')
			return -1;
	*out = v;
	return digits ? 0 : -1;
}

static void field_str(char *out, const unsigned char *f, size_t width)
{
	size_t n = strnlen((const char *)f, width);
	memcpy(out, f, n);
	out[n] = '\0';
}

static int all_zero(const unsigned char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static int parse_header(const unsigned char *h, long long at, struct tar_entry *ent, struct err *e)
{
	long long sum, mode;
	char prefix[156], name[101];
	size_t plen;

	if (parse_octal(h + H_CHKSUM, 8, &sum) < 0 || (unsigned)sum != header_sum(h))
		return err_set(e, EX_DATAERR_, "tar header at offset %lld: checksum mismatch (a damaged header)", at);
	if (memcmp(h + H_MAGIC, "ustar", 6) || memcmp(h + H_VERSION, "00", 2))
		return err_set(e, EX_DATAERR_, "tar header at offset %lld: no ustar magic (not a POSIX ustar archive)",
			       at);
	field_str(prefix, h + H_PREFIX, 155);
	field_str(name, h + H_NAME, 100);
	plen = strlen(prefix);
	if (plen) {
		memcpy(ent->name, prefix, plen);
		ent->name[plen++] = '/';
	}
	memcpy(ent->name + plen, name, strlen(name) + 1);
	field_str(ent->linkname, h + H_LINK, 100);
	ent->type = (char)h[H_TYPE];
	if (parse_octal(h + H_MODE, 8, &mode) < 0 || parse_octal(h + H_SIZE, 12, &ent->size) < 0 ||
	    parse_octal(h + H_MTIME, 12, &ent->mtime) < 0)
		return err_set(e, EX_DATAERR_, "tar header at offset %lld: a mode, size or time that is not octal", at);
	ent->mode = (unsigned)mode & 07777;
	ent->offset = at;
	if (ent->size > TAR_ENTRY_MAX)
		return err_set(e, EX_DATAERR_, "tar header at offset %lld: a member of %lld bytes, more than an "
			       "ejournal archive ever holds", at, ent->size);
	return 0;
}

/* After a tar error: inflates the rest of the stream, and when gzip finds damage
 * (a CRC or a bad code), reports that instead, the cause of what was read wrong. */
static int blame_gzip(struct tar_in *r, struct err *e)
{
	struct err ge;
	int rc;

	do {
		consume(r);
		rc = fill(r, 65536, &ge);
	} while (rc > 0);
	if (rc < 0 && ge.code == EX_DATAERR_)
		*e = ge;
	r->done = 1;
	return -1;
}

int tar_in_next(struct tar_in *r, struct tar_entry *ent, struct err *e)
{
	size_t padded;
	int rc;

	if (r->done)
		return 0;
	consume(r);
	rc = fill(r, BLOCK, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		r->done = 1;
		return err_set(e, EX_DATAERR_, "the tar data ends without its end-of-archive marker: truncated");
	}
	if (all_zero(r->buf, BLOCK)) {
		r->done = 1;
		return drain(r, e) < 0 ? -1 : 0;
	}
	memset(ent, 0, sizeof(*ent));
	if (parse_header(r->buf, r->pos, ent, e) < 0)
		return blame_gzip(r, e);
	consume(r);
	padded = (size_t)((ent->size + BLOCK - 1) / BLOCK * BLOCK);
	rc = fill(r, padded, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(e, EX_DATAERR_, "'%.100s': the archive ends inside this member: truncated", ent->name);
	ent->data = r->buf ? r->buf : (const unsigned char *)"";
	return 1;
}
