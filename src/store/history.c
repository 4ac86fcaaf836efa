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

int sha256_file(const char *path, char hex[SHA256_HEX], long long *size, struct err *e)
{
	SHA256_CTX ctx;
	unsigned char buf[65536], md[SHA256_DIGEST_LENGTH];
	long long total = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return err_set(e, errno == ENOENT ? EX_NOINPUT_ : EX_IOERR_, "cannot open '%s': %s",
			       path, strerror(errno));
	SHA256_Init(&ctx);
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int en = errno;
			close(fd);
			return err_set(e, EX_IOERR_, "cannot read '%s': %s", path, strerror(en));
		}
		SHA256_Update(&ctx, buf, (size_t)r);
		total += r;
	}
	close(fd);
	SHA256_Final(md, &ctx);
	to_hex(md, SHA256_DIGEST_LENGTH, hex);
	if (size)
		*size = total;
	return 0;
}

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

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
	h->seq = strtol(f[0], NULL, 10);
	h->at = f[1];
	h->login = f[2];
	h->command = f[3];
	h->files = f[4];
	h->prev = f[5] + 5;
	h->line = lineno;
	return h->seq > 0 ? 0 : -1;
}

int history_read(const char *root, hist_fn fn, void *data, struct strbuf *problems, struct err *e)
{
	char *path = xasprintf("%s/history.log", root);
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (read_file(path, &sb, e) < 0) {
		free(path);
		return -1;
	}
	free(path);
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
				sb_addf(problems, "history.log:%d: incomplete last line (a write was interrupted)\n", lineno);
			break;
		}
		copy = xstrndup(p, (size_t)(nl - p));
		if (parse_line(copy, lineno, &h) < 0) {
			if (problems)
				sb_addf(problems, "history.log:%d: malformed line\n", lineno);
			else
				rc = err_set(e, EX_DATAERR_, "history.log:%d: malformed line", lineno);
		} else {
			if (problems && strcmp(h.prev, prev))
				sb_addf(problems, "history.log:%d: chain broken: the line before was changed or removed\n", lineno);
			if (problems && h.seq != expect)
				sb_addf(problems, "history.log:%d: sequence number %ld, expected %ld\n", lineno, h.seq, expect);
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

long repair_torn_line(const char *path, struct err *e)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	struct stat st;
	char buf[4096];
	off_t end, keep = 0;

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, EX_IOERR_, "cannot open '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) < 0 || st.st_size == 0) {
		close(fd);
		return 0;
	}
	end = st.st_size;
	if (pread(fd, buf, 1, end - 1) == 1 && buf[0] == '\n') {
		close(fd);
		return 0;
	}
	/* Find the last newline, reading backwards a block at a time. */
	while (end > 0) {
		off_t from = end > (off_t)sizeof(buf) ? end - (off_t)sizeof(buf) : 0;
		ssize_t n = pread(fd, buf, (size_t)(end - from), from);
		ssize_t i;
		if (n <= 0)
			break;
		for (i = n - 1; i >= 0; i--)
			if (buf[i] == '\n') {
				keep = from + i + 1;
				goto found;
			}
		end = from;
	}
found:
	if (ftruncate(fd, keep) < 0 || fsync(fd) < 0) {
		int en = errno;
		close(fd);
		return err_set(e, EX_IOERR_, "cannot repair '%s': %s", path, strerror(en));
	}
	close(fd);
	return (long)(st.st_size - keep);
}

struct last_line {
	long seq;
	char hash[SHA256_HEX];
};

/* Reads the sequence number and hash of the last line, from the file's tail only:
 * the log grows all year and a single mark must not read it whole. */
static int read_last(const char *path, struct last_line *ll, struct err *e)
{
	struct stat st;
	size_t want = 8192;
	int fd;

	ll->seq = 0;
	memcpy(ll->hash, ZERO_HASH, sizeof(ZERO_HASH));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, EX_IOERR_, "cannot open '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) < 0) {
		close(fd);
		return err_set(e, EX_IOERR_, "cannot stat '%s': %s", path, strerror(errno));
	}
	while (st.st_size > 0) {
		size_t n = want < (size_t)st.st_size ? want : (size_t)st.st_size;
		char *buf = xmalloc(n);
		const char *start;

		if (pread(fd, buf, n, st.st_size - (off_t)n) != (ssize_t)n) {
			free(buf);
			close(fd);
			return err_set(e, EX_IOERR_, "cannot read '%s'", path);
		}
		start = buf + n - 1;	/* the final '\n' */
		while (start > buf && start[-1] != '\n')
			start--;
		if (start > buf || n == (size_t)st.st_size) {
			ll->seq = strtol(start, NULL, 10);
			sha256_hex(start, (size_t)(buf + n - start), ll->hash);
			free(buf);
			break;
		}
		free(buf);
		want *= 4;
	}
	close(fd);
	return 0;
}

static void add_clean(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		sb_addch(sb, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

int history_append(const char *root, const char *at, const char *login, const char *command,
		   const char *files, struct err *e)
{
	char *path = xasprintf("%s/history.log", root);
	struct strbuf line = STRBUF_INIT;
	struct last_line ll;
	long torn;
	int fd, rc = 0;

	torn = repair_torn_line(path, e);
	if (torn < 0)
		goto fail;
	if (read_last(path, &ll, e) < 0)
		goto fail;
	if (torn > 0) {
		/* Log the repair itself, so the cut is visible in the audit trail. */
		sb_addf(&line, "%ld\t%s\t%s\trepair history.log: removed %ld bytes of an interrupted line\t\tprev=%s\n",
			ll.seq + 1, at, login, torn, ll.hash);
		ll.seq++;
		sha256_hex(line.buf, line.len, ll.hash);
	}
	sb_addf(&line, "%ld\t%s\t", ll.seq + 1, at);
	add_clean(&line, login);
	sb_addch(&line, '\t');
	add_clean(&line, command);
	sb_addch(&line, '\t');
	add_clean(&line, files);
	sb_addf(&line, "\tprev=%s\n", ll.hash);

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, EJ_FILE_MODE);
	if (fd < 0) {
		err_set(e, EX_CANTCREAT_, "cannot open '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (write_all(fd, line.buf, line.len) < 0 || fsync(fd) < 0) {
		err_set(e, EX_IOERR_, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
		goto fail;
	}
	close(fd);
	goto out;
fail:
	rc = -1;
out:
	sb_release(&line);
	free(path);
	return rc;
}
