/* The archive's MANIFEST: one line per file, "SHA-256 SIZE PATH", written as the
 * files are archived and checked against the members read back. */
#include <stdlib.h>
#include <string.h>
#include "backup.h"
#include "../util/xalloc.h"

void manifest_add(struct strbuf *m, const char *sha, size_t size, const char *rel)
{
	sb_addf(m, "%s %zu %s\n", sha, size, rel);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The BACKUP_MANIFEST against the files: each listed once, with its size and SHA-256. */
void manifest_check(struct backup_scan *s)
{
	const char *p = s->manifest.buf, *end = p + s->manifest.len;
	char **listed = NULL;
	size_t nlisted = 0, alloc = 0, i;
	int line = 0;

	if (!s->have_manifest) {
		backup_problem(s, "no %s: not an ejournal archive, or a damaged one", BACKUP_MANIFEST);
		return;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char *l = xstrndup(p, nl ? (size_t)(nl - p) : (size_t)(end - p)), *sp1, *sp2, *num_end;
		long long size;
		struct backup_member *m;

		line++;
		p = nl ? nl + 1 : end;
		sp1 = strchr(l, ' ');
		sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		size = sp2 ? strtoll(sp1 + 1, &num_end, 10) : -1;
		if (!nl || !sp2 || sp1 - l != 64 || strspn(l, "0123456789abcdef") != 64 || num_end != sp2 ||
		    size < 0 || !sp2[1]) {
			backup_problem(s, "%s:%d: malformed line (expected: SHA-256 SIZE PATH)", BACKUP_MANIFEST, line);
			free(l);
			continue;
		}
		*sp1 = '\0';
		m = backup_find_member(s, sp2 + 1);
		ALLOC_GROW(listed, nlisted + 1, alloc);
		listed[nlisted++] = xstrdup(sp2 + 1);
		if (!m || m->dir)
			backup_problem(s, "'%s/%s' is in the %s but not in the archive", s->top, sp2 + 1, BACKUP_MANIFEST);
		else if (m->size != size)
			backup_problem(s, "'%s/%s': %lld bytes, the %s says %lld", s->top, m->rel, m->size, BACKUP_MANIFEST, size);
		else if (strcmp(m->sha, l))
			backup_problem(s, "'%s/%s': its SHA-256 differs from the %s (the file was damaged or altered)",
				   s->top, m->rel, BACKUP_MANIFEST);
		free(l);
	}
	xqsort(listed, nlisted, sizeof(*listed), cmp_str);
	for (i = 0; i + 1 < nlisted; i++)
		if (!strcmp(listed[i], listed[i + 1]))
			backup_problem(s, "'%s' is listed twice in the %s", listed[i], BACKUP_MANIFEST);
	for (i = 0; i < s->n; i++) {
		const struct backup_member *m = &s->m[i];
		if (!m->dir && strcmp(m->rel, BACKUP_MANIFEST) &&
		    !bsearch(&m->rel, listed, nlisted, sizeof(*listed), cmp_str))
			backup_problem(s, "'%s/%s' is not in the %s", s->top, m->rel, BACKUP_MANIFEST);
	}
	for (i = 0; i < nlisted; i++)
		free(listed[i]);
	free(listed);
}

