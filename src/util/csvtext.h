/* CSV text: a row's fields as the journal's files and the CSV statements write
 * them, each quoted (by libcsv's csv_write) only when it needs to be. */
#ifndef EJ_CSVTEXT_H
#define EJ_CSVTEXT_H
#include <stddef.h>
#include "strbuf.h"

/* Appends one field, quoted only when it needs to be. */
void csv_add_field(struct strbuf *sb, const char *field);
/* Appends n fields (NULL as empty) and a line feed. */
void csv_add_row(struct strbuf *sb, const char *const *fields, size_t n);

#endif
