/* The audit log. Each line carries the hash of the line before it, so removing or
 * editing a line breaks the chain, and the hash of every file the write changed, so
 * verify can tell a file edited outside the tool. */
/* The direct SHA-256 functions, not EVP: EVP_sha256() goes through the provider
 * machinery (OPENSSL_init_crypto, openssl.cnf, the algorithm tables), which cost a
 * single mark more than the hashing itself. OpenSSL 3 marks SHA256_Init and the
 * rest deprecated, not removed; asking for the 1.1.0 API keeps them declared
 * without the warning, in this file only. */
#define OPENSSL_API_COMPAT 0x10100000L
#include <errno.h>
#include <fcntl.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "history.h"
#include "fsutil.h"
#include "../util/xalloc.h"

static void to_hex(const unsigned char *md, unsigned n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * n] = '\0';
}

void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX])
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	SHA256_CTX ctx;

	/* Not the one-shot SHA256(): OpenSSL 3 implements it with EVP_Q_digest. */
	SHA256_Init(&ctx);
	SHA256_Update(&ctx, data, len);
	SHA256_Final(md, &ctx);
	to_hex(md, SHA256_DIGEST_LENGTH, hex);
}

_Static_assert(sizeof(SHA256_CTX) <= sizeof(((struct sha256 *)0)->ctx), "struct sha256 holds a SHA256_CTX");

/* The context is copied in and out: 112 bytes, against a 64 KB block hashed. */
void sha256_init(struct sha256 *h)
{
	SHA256_CTX c;

	SHA256_Init(&c);
	memcpy(h->ctx, &c, sizeof(c));
}

void sha256_update(struct sha256 *h, const void *data, size_t len)
{
	SHA256_CTX c;

	memcpy(&c, h->ctx, sizeof(c));
	SHA256_Update(&c, data, len);
	memcpy(h->ctx, &c, sizeof(c));
}

long long sha256_length(const struct sha256 *h)
{
	SHA256_CTX c;

	memcpy(&c, h->ctx, sizeof(c));
	return (long long)((((unsigned long long)c.Nh << 32) | c.Nl) >> 3);
}

void sha256_peek(const struct sha256 *h, char hex[SHA256_HEX])
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	SHA256_CTX c;

	memcpy(&c, h->ctx, sizeof(c));
	SHA256_Final(md, &c);
	to_hex(md, SHA256_DIGEST_LENGTH, hex);
}

int sha256_fd(int fd, const char *name, char hex[SHA256_HEX], long long *size, struct err *e)
{
	unsigned char buf[65536];
	struct sha256 h;
	long long total = 0;
	ssize_t r;

	sha256_init(&h);
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int en = errno;
			close(fd);
			return err_set(e, EX_IOERR_, "cannot read '%s': %s", name, strerror(en));
		}
		sha256_update(&h, buf, (size_t)r);
		total += r;
	}
	close(fd);
	sha256_peek(&h, hex);
	if (size)
		*size = total;
	return 0;
}

int sha256_file(const char *path, char hex[SHA256_HEX], long long *size, struct err *e)
{
	int fd = user_open(path, O_RDONLY);

	if (fd < 0)
		return err_set(e, errno == ENOENT ? EX_NOINPUT_ : EX_IOERR_, "cannot open '%s': %s",
			       path, strerror(errno));
	return sha256_fd(fd, path, hex, size, e);
}

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* The sequence number at the start of s, up to a tab or the end: 1 to
 * HISTORY_SEQ_MAX in plain digits, or -1. */
static long parse_seq(const char *s)
{
	long seq = 0;

	if (*s < '1' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (seq > (HISTORY_SEQ_MAX - (*s - '0')) / 10)
			return -1;
		seq = seq * 10 + (*s - '0');
	}
	return *s == '\0' || *s == '\t' ? seq : -1;
}

static int parse_line(char *line, int lineno, struct hist_entry *h)
{
	char *f[6];
	int i;

	f[0] = line;
	for (i = 1; i < 6; i++) {
		char *tab = strchr(f[i - 1], '\t');
		if (!tab)
			return -1;
		*tab = '\0';
		f[i] = tab + 1;
	}
	if (strchr(f[5], '\t') || strncmp(f[5], "prev=", 5) || strlen(f[5]) != 5 + 64)
		return -1;
	h->seq = parse_seq(f[0]);
	h->at = f[1];
	h->login = f[2];
	h->command = f[3];
	h->files = f[4];
	h->prev = f[5] + 5;
	h->line = lineno;
	return h->seq > 0 ? 0 : -1;
}

int history_read(const struct jfs *fs, hist_fn fn, void *data, struct strbuf *problems, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (jfs_read(fs, "history.log", &sb, e) < 0) {
		sb_release(&sb);
		return -1;
	}
	rc = history_read_buf(sb.buf, sb.len, fn, data, problems, e);
	sb_release(&sb);
	return rc;
}

int history_read_buf(const char *buf, size_t len, hist_fn fn, void *data, struct strbuf *problems, struct err *e)
{
	char prev[SHA256_HEX] = ZERO_HASH;
	const char *p = buf, *end = buf + len;
	int lineno = 0, rc = 0;
	long expect = 1;

	while (p < end && rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct hist_entry h;
		char *copy;

		lineno++;
		if (!nl) {
			if (problems)
				sb_addf(problems, _("history.log:%d: incomplete last line (a write was interrupted)\n"), lineno);
			break;
		}
		copy = xstrndup(p, (size_t)(nl - p));
		if (parse_line(copy, lineno, &h) < 0) {
			if (problems)
				sb_addf(problems, _("history.log:%d: malformed line\n"), lineno);
			else
				rc = err_set(e, EX_DATAERR_, "history.log:%d: malformed line", lineno);
		} else {
			if (problems && strcmp(h.prev, prev))
				sb_addf(problems, _("history.log:%d: chain broken: the line before was changed or removed\n"), lineno);
			if (problems && h.seq != expect)
				sb_addf(problems, _("history.log:%d: sequence number %ld, expected %ld\n"), lineno, h.seq, expect);
			expect = h.seq + 1;
			if (fn && fn(&h, data, e) < 0)
				rc = -1;
		}
		free(copy);
		sha256_hex(p, (size_t)(nl - p) + 1, prev);
		p = nl + 1;
	}
	return rc;
}

off_t whole_lines_end(int fd, off_t size)
{
	char buf[4096];
	off_t end = size;

	/* Backwards a block at a time: a torn tail is at most one row long. */
	while (end > 0) {
		off_t from = end > (off_t)sizeof(buf) ? end - (off_t)sizeof(buf) : 0;
		ssize_t n = pread(fd, buf, (size_t)(end - from), from), i;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n != end - from) {
			errno = EIO;
			return -1;
		}
		for (i = n - 1; i >= 0; i--)
			if (buf[i] == '\n')
				return from + i + 1;
		end = from;
	}
	return 0;
}

int history_last(int fd, off_t size, long *seq, char hash[SHA256_HEX], struct err *e)
{
	size_t want = 8192;

	*seq = 0;
	memcpy(hash, ZERO_HASH, sizeof(ZERO_HASH));
	while (size > 0) {
		size_t n = want < (size_t)size ? want : (size_t)size;
		char *buf = xmalloc(n);
		const char *start;

		if (pread(fd, buf, n, size - (off_t)n) != (ssize_t)n) {
			free(buf);
			return err_set(e, EX_IOERR_, "cannot read 'history.log': %s", strerror(errno ? errno : EIO));
		}
		start = buf + n - 1;	/* the final '\n' */
		while (start > buf && start[-1] != '\n')
			start--;
		if (start > buf || n == (size_t)size) {
			*seq = parse_seq(start);
			if (*seq < 0 || *seq == HISTORY_SEQ_MAX) {
				free(buf);
				return err_set(e, EX_DATAERR_, "history.log: its last line has no sequence number a "
					       "next one can follow; run 'ejournal verify'");
			}
			sha256_hex(start, (size_t)(buf + n - start), hash);
			free(buf);
			return 0;
		}
		free(buf);
		want *= 4;
	}
	return 0;
}

static void add_clean(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		sb_addch(sb, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

void history_format(struct strbuf *out, long seq, const char *at, const char *login, const char *command,
		    const char *files, const char *prev)
{
	sb_addf(out, "%ld\t%s\t", seq, at);
	add_clean(out, login);
	sb_addch(out, '\t');
	add_clean(out, command);
	sb_addch(out, '\t');
	add_clean(out, files);
	sb_addf(out, "\tprev=%s\n", prev);
}
