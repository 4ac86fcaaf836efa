/* The SHA-256 states of the ledgers the last writers appended to, kept in the
 * journal's root as HASH_CACHE, so that the next append to a ledger hashes only
 * its new lines instead of the whole file (history.log records every changed
 * file's hash). An entry holds for the file it was made for only while that file
 * has the same device, inode, size and modification and change times: anything
 * that touched the file since, inside the tool or outside it, makes the writer
 * hash it whole again. It is a cache: a missing, unreadable, damaged or foreign
 * one is ignored and rewritten, and a failure to write it is not a failure of the
 * commit. verify never reads it; backups leave it out (a runtime file, as .lock). */
#ifndef EJ_HASHCACHE_H
#define EJ_HASHCACHE_H
#include <sys/stat.h>
#include "history.h"
#include "jfs.h"

#define HASH_CACHE ".hash-cache"

struct hashcache {
	int fd;			/* -1: no cache this time */
	size_t n;
	struct hc_entry *ents;	/* the latest first */
	int dirty;
};

/* Reads the cache of the journal fs; the caller holds the exclusive lock. */
void hashcache_open(struct hashcache *hc, const struct jfs *fs);
/* 1 and the state of rel's whole content in h when the cache has one for the
 * file st describes; 0 when it has not. */
int hashcache_get(const struct hashcache *hc, const char *rel, const struct stat *st, struct sha256 *h);
/* Records h as the state of rel's whole content, the file st describes. */
void hashcache_put(struct hashcache *hc, const char *rel, const struct stat *st, const struct sha256 *h);
/* Writes the cache back when it changed, and frees it. */
void hashcache_close(struct hashcache *hc);

#endif
