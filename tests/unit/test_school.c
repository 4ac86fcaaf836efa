/* Unit tests for src/core/school.c: klass_group_of, through the sorted subgroup
 * rows, gives the same answer as groups_on over the table for every pupil,
 * subject and day, a move to another group and two rows of one day included. */
#include <stdlib.h>
#include "unit.h"
#include "core/school.h"
#include "util/xalloc.h"

int main(void)
{
	static const char *const cols[] = { "subject", "group", "student", "from", "order" };
	static const char *const rows[][5] = {
		{ "eng", "2", "1002", "2023-09-01", "1-у" },
		{ "eng", "1", "1001", "2023-09-01", "1-у" },
		{ "inf", "1", "1001", "2023-09-01", "1-у" },
		{ "eng", "2", "1001", "2023-11-06", "7-у" },	/* moved */
		{ "eng", "1", "1003", "2023-10-02", "5-у" },
		{ "eng", "2", "1003", "2023-10-02", "6-у" },	/* the same day: this row wins */
		{ "eng", "1", "1002", "2024-01-09", "9-у" },
	};
	static const char *const students[] = { "1001", "1002", "1003", "1004" };
	static const char *const subjects[] = { "eng", "inf", "math" };
	struct klass k;
	size_t i, s, t, same = 0, asked = 0;
	ej_date d, from = date_parse_iso("2023-08-25"), to = date_parse_iso("2024-01-15");

	memset(&k, 0, sizeof(k));
	table_init(&k.groups, cols, 5);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		table_add(&k.groups, rows[i], (int)i + 2);
	klass_index_groups(&k);
	for (d = from; d <= to; d++)
		for (s = 0; s < 4; s++)
			for (t = 0; t < 3; t++) {
				asked++;
				same += !strcmp(klass_group_of(&k, subjects[t], students[s], d),
						groups_on(&k.groups, subjects[t], students[s], d));
			}
	CHECK(asked > 1000 && same == asked, "klass_group_of agrees with groups_on on every day");
	CHECK_STR(klass_group_of(&k, "eng", "1001", date_parse_iso("2023-11-05")), "1", "before the move: group 1");
	CHECK_STR(klass_group_of(&k, "eng", "1001", date_parse_iso("2023-11-06")), "2", "from the move on: group 2");
	CHECK_STR(klass_group_of(&k, "eng", "1003", date_parse_iso("2023-10-02")), "2", "two rows of a day: the later");
	CHECK_STR(klass_group_of(&k, "eng", "1001", date_parse_iso("2023-08-31")), "", "before any row: no group");
	CHECK_STR(klass_group_of(&k, "math", "1001", date_parse_iso("2023-10-01")), "", "a subject without groups: none");
	free(k.gidx);
	table_free(&k.groups);
	return unit_failures != 0;
}
