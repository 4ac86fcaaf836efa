/* CSV text of a row (csvtext.h). */
#include <csv.h>
#include <string.h>
#include "csvtext.h"

void csv_add_field(struct strbuf *sb, const char *field)
{
	size_t len = strlen(field);

	if (strpbrk(field, ",\"\r\n") || (len && (field[0] == ' ' || field[len - 1] == ' ' ||
						   field[0] == '\t' || field[len - 1] == '\t'))) {
		sb_grow(sb, 2 * len + 2);
		sb_setlen(sb, sb->len + csv_write(sb->buf + sb->len, 2 * len + 2, field, len));
	} else {
		sb_add(sb, field, len);
	}
}

void csv_add_row(struct strbuf *sb, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_addch(sb, ',');
		csv_add_field(sb, fields[i] ? fields[i] : "");
	}
	sb_addch(sb, '\n');
}
