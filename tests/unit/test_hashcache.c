/* Unit tests for src/store/hashcache.c: a state is found again only for the file it
 * was made for, the cache keeps the latest 32 ledgers, and a damaged or foreign
 * file is ignored and written anew. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "unit_jfs.h"
#include "store/fsutil.h"
#include "store/hashcache.h"
#include "store/jfs.h"
#include "util/xalloc.h"

static char root[] = "/tmp/ej-hashcache-XXXXXX";
static struct jfs fs;

/* A file's stat as a ledger of n bytes would have it. */
static struct stat stat_of(long long n, long ino)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = 7;
	st.st_ino = (ino_t)ino;
	st.st_size = n;
	st.st_mtim.tv_sec = 1700000000 + n;
	st.st_mtim.tv_nsec = 5;
	st.st_ctim = st.st_mtim;
	return st;
}

static struct sha256 state_of(const char *data)
{
	struct sha256 h;

	sha256_init(&h);
	sha256_update(&h, data, strlen(data));
	return h;
}

static void spit_cache(const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", root, HASH_CACHE);
	FILE *f = fopen(path, "w");

	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	free(path);
}

static void test_round_trip(void)
{
	struct hashcache hc;
	struct stat st = stat_of(12, 100), other;
	struct sha256 h = state_of("date,mark\n1\n"), got;
	char a[SHA256_HEX], b[SHA256_HEX];

	hashcache_open(&hc, &fs);
	CHECK(!hashcache_get(&hc, "a.csv", &st, &got), "an empty cache knows no ledger");
	hashcache_put(&hc, "a.csv", &st, &h);
	hashcache_close(&hc);

	hashcache_open(&hc, &fs);
	memset(&got, 0, sizeof(got));
	CHECK(hashcache_get(&hc, "a.csv", &st, &got), "a state is found again for the same file");
	sha256_peek(&h, a);
	sha256_peek(&got, b);
	CHECK_STR(b, a, "... and it is the state that was kept");
	CHECK(!hashcache_get(&hc, "b.csv", &st, &got), "... not for another name");
	other = st;
	other.st_ino++;
	CHECK(!hashcache_get(&hc, "a.csv", &other, &got), "... not for another inode");
	other = st;
	other.st_dev++;
	CHECK(!hashcache_get(&hc, "a.csv", &other, &got), "... not for another device");
	other = st;
	other.st_mtim.tv_nsec++;
	CHECK(!hashcache_get(&hc, "a.csv", &other, &got), "... not after the file was modified");
	other = st;
	other.st_ctim.tv_sec++;
	CHECK(!hashcache_get(&hc, "a.csv", &other, &got), "... not after its inode changed");
	hashcache_close(&hc);

	/* A state must have hashed as many bytes as the file holds. */
	st = stat_of(99, 101);
	hashcache_open(&hc, &fs);
	hashcache_put(&hc, "short.csv", &st, &h);
	CHECK(!hashcache_get(&hc, "short.csv", &st, &got), "a state of fewer bytes than the file is not used");
	hashcache_close(&hc);
}

static void test_latest_kept(void)
{
	struct hashcache hc;
	struct sha256 h = state_of("x\n"), got;
	struct stat st = stat_of(2, 1);
	char name[32];
	int i, found = 0;

	hashcache_open(&hc, &fs);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "l%02d.csv", i);
		st.st_ino = (ino_t)(1000 + i);
		hashcache_put(&hc, name, &st, &h);
	}
	/* l05 again: it moves to the front instead of being kept twice. */
	st.st_ino = 1005;
	hashcache_put(&hc, "l05.csv", &st, &h);
	hashcache_close(&hc);
	hashcache_open(&hc, &fs);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "l%02d.csv", i);
		st.st_ino = (ino_t)(1000 + i);
		found += hashcache_get(&hc, name, &st, &got);
	}
	CHECK(found == 32, "the cache keeps 32 ledgers");
	st.st_ino = 1039;
	CHECK(hashcache_get(&hc, "l39.csv", &st, &got), "... the latest");
	st.st_ino = 1005;
	CHECK(hashcache_get(&hc, "l05.csv", &st, &got), "... and one put again moves to the front");
	st.st_ino = 1006;
	CHECK(!hashcache_get(&hc, "l06.csv", &st, &got), "... the oldest go");
	hashcache_close(&hc);
}

static void test_damaged(void)
{
	struct hashcache hc;
	struct sha256 h = state_of("x\n"), got;
	struct stat st = stat_of(2, 55), sst;
	char *path = xasprintf("%s/%s", root, HASH_CACHE);
	struct strbuf sb = STRBUF_INIT;
	struct err e;

	hashcache_open(&hc, &fs);
	hashcache_put(&hc, "d.csv", &st, &h);
	hashcache_close(&hc);
	CHECK(read_file(path, &sb, &e) == 0 && sb.len > 100, "the cache is written");
	/* One byte changed in the middle: its own hash no longer matches. */
	sb.buf[sb.len / 2] ^= 1;
	spit_cache(sb.buf, sb.len);
	hashcache_open(&hc, &fs);
	CHECK(!hashcache_get(&hc, "d.csv", &st, &got), "a cache with a changed byte is ignored");
	hashcache_close(&hc);
	/* Cut short. */
	sb.buf[sb.len / 2] ^= 1;
	spit_cache(sb.buf, sb.len - 1);
	hashcache_open(&hc, &fs);
	CHECK(!hashcache_get(&hc, "d.csv", &st, &got), "a cache cut short is ignored");
	hashcache_put(&hc, "d.csv", &st, &h);
	hashcache_close(&hc);
	hashcache_open(&hc, &fs);
	CHECK(hashcache_get(&hc, "d.csv", &st, &got), "... and written anew whole");
	hashcache_close(&hc);
	spit_cache("", 0);
	hashcache_open(&hc, &fs);
	CHECK(!hashcache_get(&hc, "d.csv", &st, &got), "an empty cache knows nothing");
	hashcache_close(&hc);
	CHECK(stat(path, &sst) == 0 && sst.st_size == 0, "... and a cache left unchanged is not written");
	sb_release(&sb);
	free(path);
}

int main(void)
{
	if (unit_jfs_begin(root, &fs) < 0)
		return 1;
	test_round_trip();
	test_latest_kept();
	test_damaged();
	unit_jfs_end(root, &fs);
	return unit_failures != 0;
}
