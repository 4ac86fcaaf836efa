/* Unit tests for src/archive/tar.c: the ustar writer and reader round trip, a long
 * name through the ustar prefix, header checksums, gzip damage, determinism. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "unit.h"
#include "store/fsutil.h"
#include "archive/tar.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MTIME 1698231600LL	/* 2023-10-25T16:00:00+05:00 */

static char dir[] = "/tmp/ej-tar-XXXXXX";

/* A directory of 130 bytes of path, so the file in it needs the prefix field. */
static const char *long_dir(void)
{
	static char buf[200];
	snprintf(buf, sizeof(buf), "top/%s/%s", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	return buf;
}

/* Writes the test archive into file; returns 0 on success. */
static int write_sample(const char *file)
{
	struct err e;
	struct tar_out *t;
	char *big = xmalloc(70000), *lname = xasprintf("%s/с_кириллицей.csv", long_dir());
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0640), rc = -1;
	size_t i;

	for (i = 0; i < 70000; i++)
		big[i] = (char)('a' + i % 26);
	t = fd < 0 ? NULL : tar_out_open(fd, 6, MTIME, &e);
	if (t && tar_out_dir(t, "top", 0750, &e) == 0 && tar_out_file(t, "top/a.csv", 0640, "x,y\n1,2\n", 8, &e) == 0 &&
	    tar_out_file(t, "top/empty", 0640, "", 0, &e) == 0 && tar_out_file(t, "top/big", 0640, big, 70000, &e) == 0 &&
	    tar_out_dir(t, long_dir(), 0750, &e) == 0 && tar_out_file(t, lname, 0640, "long", 4, &e) == 0 &&
	    tar_out_close(t, &e) > 0)
		rc = 0;
	else if (t)
		printf("# %s\n", e.msg);
	if (fd >= 0)
		close(fd);
	free(big);
	free(lname);
	return rc;
}

static void slurp(const char *file, struct strbuf *sb)
{
	struct err e;
	sb_reset(sb);
	if (read_file(file, sb, &e) < 0)
		printf("# %s\n", e.msg);
}

/* The uncompressed tar stream of a gzip file. */
static void gunzip(const char *file, struct strbuf *sb)
{
	gzFile g = gzopen(file, "rb");
	char buf[8192];
	int n;

	sb_reset(sb);
	while (g && (n = gzread(g, buf, sizeof(buf))) > 0)
		sb_add(sb, buf, (size_t)n);
	if (g)
		gzclose(g);
}

static void gzip_to(const char *file, const struct strbuf *sb)
{
	gzFile g = gzopen(file, "wb6");
	if (g) {
		gzwrite(g, sb->buf, (unsigned)sb->len);
		gzclose(g);
	}
}

/* Reads every entry; returns the count, or -1 with the message in msg. */
static int read_all(const struct strbuf *gz, size_t len, char names[][TAR_NAME_MAX + 1], char *types,
		    struct strbuf *data, char *msg)
{
	struct tar_entry ent;
	struct err e;
	struct tar_in *r = tar_in_open(gz->buf, len, &e);
	int n = 0, rc;

	while (r && (rc = tar_in_next(r, &ent, &e)) > 0) {
		if (n < 8) {
			strcpy(names[n], ent.name);
			types[n] = ent.type;
			sb_add(&data[n], ent.data, (size_t)ent.size);
		}
		n++;
	}
	tar_in_close(r);
	if (!r || rc < 0) {
		snprintf(msg, 1024, "%s", e.msg);
		return -1;
	}
	return n;
}

/* read_all over the first len bytes of gz written to a file and read from it in
 * pieces (tar_in_open_fd), as backup verify and restore read an archive. */
static int read_all_fd(const struct strbuf *gz, size_t len, char names[][TAR_NAME_MAX + 1], char *types,
		       struct strbuf *data, char *msg)
{
	char *file = xasprintf("%s/piece.tar.gz", dir);
	struct tar_entry ent;
	struct err e;
	struct tar_in *r = NULL;
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0640), n = 0, rc = -1;

	if (fd >= 0 && write_all(fd, gz->buf, len) == 0)
		r = tar_in_open_fd(fd, &e);
	while (r && (rc = tar_in_next(r, &ent, &e)) > 0) {
		if (n < 8) {
			strcpy(names[n], ent.name);
			types[n] = ent.type;
			sb_reset(&data[n]);
			sb_add(&data[n], ent.data, (size_t)ent.size);
		}
		n++;
	}
	tar_in_close(r);
	if (fd >= 0)
		close(fd);
	unlink(file);
	free(file);
	if (!r || rc < 0) {
		snprintf(msg, 1024, "%s", r ? e.msg : "cannot write the file");
		return -1;
	}
	return n;
}

/* The reader over a file, in pieces of 64 KiB: an archive whose gzip stream spans
 * many, cut or followed by junk at a piece's edge. */
static void check_pieces(void)
{
	struct strbuf gz = STRBUF_INIT, data[8];
	char names[8][TAR_NAME_MAX + 1], types[8], msg[1024] = "", *file = xasprintf("%s/p.tar.gz", dir);
	char *big = xmalloc(400000);
	struct err e;
	struct tar_out *t;
	unsigned x = 7;
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0640), i;

	for (i = 0; i < 8; i++)
		sb_init(&data[i], 0);
	for (i = 0; i < 400000; i++) {
		x = x * 1103515245u + 12345u;
		big[i] = (char)(x >> 16);
	}
	t = fd < 0 ? NULL : tar_out_open(fd, 6, MTIME, &e);
	CHECK(t && tar_out_dir(t, "top", 0750, &e) == 0 && tar_out_file(t, "top/big", 0640, big, 400000, &e) == 0 &&
	      tar_out_close(t, &e) > 0, "an archive of 400,000 random bytes");
	if (fd >= 0)
		close(fd);
	slurp(file, &gz);
	CHECK(gz.len > 6 * 65536, "... spans the reader's pieces");
	CHECK(read_all_fd(&gz, gz.len, names, types, data, msg) == 2 && data[1].len == 400000 &&
	      !memcmp(data[1].buf, big, 400000), "read from the file in pieces, its data is whole");
	CHECK(read_all_fd(&gz, 65536, names, types, data, msg) < 0 && strstr(msg, "truncated"),
	      "a file cut at the end of the first piece is truncated");
	CHECK(read_all_fd(&gz, gz.len - 1, names, types, data, msg) < 0 && strstr(msg, "truncated"),
	      "a file one byte short is truncated");
	while (gz.len % 65536)
		sb_addch(&gz, '\0');
	sb_adds(&gz, "junk");
	CHECK(read_all_fd(&gz, gz.len, names, types, data, msg) < 0 && strstr(msg, "after the end"),
	      "bytes after the gzip stream, in a piece of their own, are refused");
	unlink(file);
	free(file);
	free(big);
	sb_release(&gz);
	for (i = 0; i < 8; i++)
		sb_release(&data[i]);
}

/* The end of an archive fills its last 10240-byte record whatever the length
 * before it: one file of k blocks for each k up to a record (in the sanitizer
 * build, a padding longer than its zero buffer is an overflow). */
static void check_record_padding(const char *file)
{
	static char data[20 * 512];
	int k, bad = 0;

	for (k = 0; k < 20 && !bad; k++) {
		struct err e;
		int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0640);
		struct tar_out *t = fd < 0 ? NULL : tar_out_open(fd, 1, MTIME, &e);
		char buf[4096];
		long long total = 0, tail_zeros = 0;
		gzFile gz;
		int n, i;

		if (!t || tar_out_file(t, "f", 0640, data, (size_t)k * 512, &e) < 0 || tar_out_close(t, &e) < 0)
			bad = 1;
		if (fd >= 0)
			close(fd);
		gz = bad ? NULL : gzopen(file, "rb");
		while (gz && (n = gzread(gz, buf, sizeof(buf))) > 0) {
			total += n;
			for (i = 0; i < n; i++)
				tail_zeros = buf[i] ? 0 : tail_zeros + 1;
		}
		if (gz)
			gzclose(gz);
		/* The file's header and data, then at least two zero blocks. */
		if (!gz || total % 10240 || total < 512 + (long long)k * 512 + 1024 || tail_zeros < 1024)
			bad = 1;
		if (bad)
			printf("# a file of %d blocks: %lld bytes, %lld zeros at the end\n", k, total, tail_zeros);
	}
	CHECK(!bad, "every archive ends in two zero blocks and fills its last record");
}

int main(void)
{
	char *a, *b, *c, names[8][TAR_NAME_MAX + 1], types[8], msg[1024] = "";
	struct strbuf gz = STRBUF_INIT, gz2 = STRBUF_INIT, raw = STRBUF_INIT, data[8];
	char *lname;
	int i, n;

	for (i = 0; i < 8; i++)
		sb_init(&data[i], 0);
	if (!mkdtemp(dir))
		return 1;
	a = xasprintf("%s/a.tar.gz", dir);
	b = xasprintf("%s/b.tar.gz", dir);
	c = xasprintf("%s/c.tar.gz", dir);
	lname = xasprintf("%s/с_кириллицей.csv", long_dir());

	CHECK(write_sample(a) == 0, "an archive is written");
	CHECK(write_sample(b) == 0, "... twice");
	slurp(a, &gz);
	slurp(b, &gz2);
	CHECK(gz.len == gz2.len && !memcmp(gz.buf, gz2.buf, gz.len), "the same entries and mtime give the same bytes");
	CHECK(gz.len > 10 && (unsigned char)gz.buf[0] == 0x1f && (unsigned char)gz.buf[1] == 0x8b, "it is gzip");
	CHECK(gz.len > 10 && (unsigned char)gz.buf[4] == (MTIME & 0xff) && (unsigned char)gz.buf[7] == (MTIME >> 24),
	      "the gzip header carries the mtime");

	n = read_all(&gz, gz.len, names, types, data, msg);
	CHECK(n == 6, "the reader finds the six entries");
	if (n == 6) {
		CHECK_STR(names[0], "top/", "a directory ends with '/'");
		CHECK(types[0] == '5' && types[1] == '0', "directories are type 5, files type 0");
		CHECK_STR(names[1], "top/a.csv", "a short name");
		CHECK(data[1].len == 8 && !memcmp(data[1].buf, "x,y\n1,2\n", 8), "a file's data round-trips");
		CHECK(data[2].len == 0, "an empty file");
		CHECK(data[3].len == 70000 && data[3].buf[69999] == (char)('a' + 69999 % 26), "a file over many blocks");
		CHECK_STR(names[5], lname, "a name over 100 bytes round-trips");
	}
	gunzip(a, &raw);
	CHECK(raw.len % 10240 == 0, "the tar stream fills whole 10 KiB records");
	/* Entry 6's header: after 5 headers and the data blocks of a.csv (1) and big (137). */
	{
		const char *h = raw.buf + 512 * (5 + 1 + 137);
		/* The shortest prefix that leaves at most 100 bytes to the name field. */
		CHECK(raw.len > 512 * 144 && strlen(lname) > 100 && !strncmp(h + 345, long_dir(), 78) &&
		      h[345 + 78] == '\0' && !strncmp(h, "bbbbb", 5) && strstr(h, "/с_кириллицей.csv"),
		      "the long name is split into the ustar prefix and name fields");
		CHECK(!memcmp(raw.buf + 257, "ustar\0" "00", 8), "ustar magic and version");
		CHECK(!strncmp(raw.buf + 108, "0000000", 7) && !strncmp(raw.buf + 265, "root", 5), "uid 0, owner root");
	}

	/* Damage. */
	raw.buf[512 + 1] ^= 1;	/* a byte of the second header's name */
	gzip_to(c, &raw);
	slurp(c, &gz2);
	CHECK(read_all(&gz2, gz2.len, names, types, data, msg) < 0 && strstr(msg, "checksum mismatch"),
	      "a header with a changed byte fails its checksum");
	raw.buf[512 + 1] ^= 1;
	memcpy(raw.buf + 257, "ustar  ", 8);	/* GNU's old magic */
	gzip_to(c, &raw);
	slurp(c, &gz2);
	CHECK(read_all(&gz2, gz2.len, names, types, data, msg) < 0 && strstr(msg, "checksum mismatch"),
	      "a changed magic fails the checksum first");
	CHECK(read_all(&gz, gz.len - 3, names, types, data, msg) < 0 && strstr(msg, "truncated"),
	      "a truncated file is refused");
	CHECK(read_all_fd(&gz, gz.len - 3, names, types, data, msg) < 0 && strstr(msg, "truncated"),
	      "... read from the file too");
	CHECK(read_all(&gz, gz.len / 2, names, types, data, msg) < 0 && strstr(msg, "truncated"),
	      "a file cut in half is refused");
	gz.buf[gz.len - 6] ^= 0x10;	/* the CRC-32 of the trailer */
	CHECK(read_all(&gz, gz.len, names, types, data, msg) < 0 && strstr(msg, "CRC"), "a wrong CRC is refused");
	CHECK(read_all_fd(&gz, gz.len, names, types, data, msg) < 0 && strstr(msg, "CRC"), "... read from the file too");
	gz.buf[gz.len - 6] ^= 0x10;
	gz.buf[gz.len - 2] ^= 0x01;	/* the length of the trailer */
	CHECK(read_all(&gz, gz.len, names, types, data, msg) < 0 && strstr(msg, "length"),
	      "a wrong length is refused");
	gz.buf[gz.len - 2] ^= 0x01;
	sb_adds(&gz, "junk");
	CHECK(read_all(&gz, gz.len, names, types, data, msg) < 0 && strstr(msg, "after the end"),
	      "data after the gzip stream is refused");
	CHECK(read_all_fd(&gz, gz.len, names, types, data, msg) < 0 && strstr(msg, "after the end"),
	      "... read from the file too");
	CHECK(read_all(&raw, raw.len, names, types, data, msg) < 0 && strstr(msg, "not a gzip file"),
	      "a tar that is not gzip'd is refused");

	{
		struct err e;
		int fd = open(c, O_WRONLY | O_TRUNC);
		struct tar_out *t = tar_out_open(fd, 6, MTIME, &e);
		char name[160];
		memset(name, 'x', 150);
		name[150] = '\0';
		CHECK(t && tar_out_file(t, name, 0640, "", 0, &e) < 0 && strstr(e.msg, "too long"),
		      "a name of 150 bytes without a '/' cannot be written");
		tar_out_abort(t);
		close(fd);
	}

	check_record_padding(c);
	check_pieces();

	unlink(a);
	unlink(b);
	unlink(c);
	rmdir(dir);
	free(a);
	free(b);
	free(c);
	free(lname);
	for (i = 0; i < 8; i++)
		sb_release(&data[i]);
	sb_release(&gz);
	sb_release(&gz2);
	sb_release(&raw);
	return unit_failures ? 1 : 0;
}
