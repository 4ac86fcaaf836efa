/* The ledgers' hash states between writers (see hashcache.h). The file is binary
 * and local to the machine that wrote it: a header, up to MAX_ENTRIES entries of
 * fixed size, the latest first, and the SHA-256 of all that in hex, so that a
 * file cut short or written over by something else does not parse. It is
 * rewritten in place under the writers' lock, never fsynced: after a crash it is
 * either whole, and describes files as they were when it was written, or it does
 * not parse. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hashcache.h"
#include "fsutil.h"
#include "../util/xalloc.h"

#define MAGIC "ejhash\0\1"
#define MAX_ENTRIES 32

struct hc_entry {
	char rel[224];
	uint64_t dev, ino;
	int64_t size, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
	struct sha256 h;
};

struct hc_header {
	char magic[8];
	uint32_t entry_size, n;
};

#define MAX_FILE (sizeof(struct hc_header) + MAX_ENTRIES * sizeof(struct hc_entry) + SHA256_HEX - 1)

static int same_file(const struct hc_entry *en, const struct stat *st)
{
	return en->dev == (uint64_t)st->st_dev && en->ino == (uint64_t)st->st_ino && en->size == st->st_size &&
	       en->mtime_sec == st->st_mtim.tv_sec && en->mtime_nsec == st->st_mtim.tv_nsec &&
	       en->ctime_sec == st->st_ctim.tv_sec && en->ctime_nsec == st->st_ctim.tv_nsec;
}

void hashcache_open(struct hashcache *hc, const struct jfs *fs)
{
	struct hc_header hd;
	char *buf = xmalloc(MAX_FILE + 1), hex[SHA256_HEX];
	ssize_t len;
	size_t body;

	memset(hc, 0, sizeof(*hc));
	hc->fd = jfs_openat(fs, HASH_CACHE, O_RDWR | O_CREAT, fs->fmode);
	if (hc->fd < 0) {
		free(buf);
		return;
	}
	len = pread(hc->fd, buf, MAX_FILE + 1, 0);
	if (len < (ssize_t)(sizeof(hd) + SHA256_HEX - 1) || len > (ssize_t)MAX_FILE)
		goto out;
	memcpy(&hd, buf, sizeof(hd));
	body = sizeof(hd) + (size_t)hd.n * sizeof(struct hc_entry);
	if (memcmp(hd.magic, MAGIC, sizeof(hd.magic)) || hd.entry_size != sizeof(struct hc_entry) ||
	    hd.n > MAX_ENTRIES || (size_t)len != body + SHA256_HEX - 1)
		goto out;
	sha256_hex(buf, body, hex);
	if (memcmp(buf + body, hex, SHA256_HEX - 1))
		goto out;
	hc->n = hd.n;
	hc->ents = xmalloc(MAX_ENTRIES * sizeof(*hc->ents));
	memcpy(hc->ents, buf + sizeof(hd), hc->n * sizeof(*hc->ents));
out:
	free(buf);
}

int hashcache_get(const struct hashcache *hc, const char *rel, const struct stat *st, struct sha256 *h)
{
	size_t i;

	for (i = 0; i < hc->n; i++) {
		const struct hc_entry *en = &hc->ents[i];
		/* The state must also say it hashed as many bytes as the file has. */
		if (!strcmp(en->rel, rel) && same_file(en, st) && sha256_length(&en->h) == st->st_size) {
			*h = en->h;
			return 1;
		}
	}
	return 0;
}

void hashcache_put(struct hashcache *hc, const char *rel, const struct stat *st, const struct sha256 *h)
{
	struct hc_entry en;
	size_t i;

	if (hc->fd < 0 || strlen(rel) >= sizeof(en.rel))
		return;
	if (!hc->ents)
		hc->ents = xmalloc(MAX_ENTRIES * sizeof(*hc->ents));
	memset(&en, 0, sizeof(en));
	strcpy(en.rel, rel);
	en.dev = (uint64_t)st->st_dev;
	en.ino = (uint64_t)st->st_ino;
	en.size = st->st_size;
	en.mtime_sec = st->st_mtim.tv_sec;
	en.mtime_nsec = st->st_mtim.tv_nsec;
	en.ctime_sec = st->st_ctim.tv_sec;
	en.ctime_nsec = st->st_ctim.tv_nsec;
	en.h = *h;
	/* The new entry goes first; an older one of the same file goes. */
	for (i = 0; i < hc->n && strcmp(hc->ents[i].rel, rel); i++)
		;
	if (i == hc->n && hc->n == MAX_ENTRIES)
		i--;
	else if (i == hc->n)
		hc->n++;
	memmove(hc->ents + 1, hc->ents, i * sizeof(*hc->ents));
	hc->ents[0] = en;
	hc->dirty = 1;
}

void hashcache_close(struct hashcache *hc)
{
	if (hc->fd >= 0 && hc->dirty) {
		struct hc_header hd;
		size_t body = sizeof(hd) + hc->n * sizeof(*hc->ents);
		char *buf = xmalloc(body + SHA256_HEX);

		memset(&hd, 0, sizeof(hd));
		memcpy(hd.magic, MAGIC, sizeof(hd.magic));
		hd.entry_size = sizeof(struct hc_entry);
		hd.n = (uint32_t)hc->n;
		memcpy(buf, &hd, sizeof(hd));
		memcpy(buf + sizeof(hd), hc->ents, hc->n * sizeof(*hc->ents));
		sha256_hex(buf, body, buf + body);
		/* A failure leaves a file that does not parse: it is only a cache. */
		if (pwrite_all(hc->fd, buf, body + SHA256_HEX - 1, 0) == 0)
			(void)!ftruncate(hc->fd, (off_t)(body + SHA256_HEX - 1));
		free(buf);
	}
	if (hc->fd >= 0)
		close(hc->fd);
	free(hc->ents);
	memset(hc, 0, sizeof(*hc));
	hc->fd = -1;
}
