/* The hash of a string for the open-addressing tables of the commands (ids,
 * references, keys): FNV-1a, fast on the short strings a journal is made of. */
#ifndef EJ_HASH_H
#define EJ_HASH_H
#include <stdint.h>

static inline uint64_t str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif
