#!/bin/sh
# A statement asked for outside the study year, or for a period that has not
# begun (issue 15, item 8), is refused with 65 rather than written empty with 0:
# an empty statement looks like a true one, and a cron job must notice.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh
SPAN='outside the study year 2023-2024 \(2023-09-01 to 2024-05-24\)$'
expect_fail "--period q3 before it begins" 65 '^ejournal: --period q3 begins on 2024-01-09, after 2023-10-27: it holds nothing yet$' \
	orlova report progress --class 5А --period q3
expect_fail "--period h2 before it begins" 65 '^ejournal: --period h2 begins on ' \
	orlova report movement --period h2
expect_fail "--month in the summer after the year" 65 "^ejournal: --month 2024-07 is $SPAN" \
	orlova report attendance --class 5А --month 2024-07
expect_fail "--month before the year" 65 "^ejournal: --month 2023-08 is $SPAN" \
	orlova report meals --month 2023-08
expect_fail "--date in another year" 65 "^ejournal: --date 2025-01-01 is $SPAN" \
	petrova report fill --date 2025-01-01
expect_fail "--date before the year" 65 "^ejournal: --date 2023-08-31 is $SPAN" \
	orlova report density --class 5А --date 2023-08-31
expect_fail "--period q3 is refused as PDF too, and no file is written" 65 '^ejournal: --period q3 begins' \
	orlova report progress --class 5А --period q3 -o "$WORK/q3.pdf"
check "... no q3.pdf" '[ ! -e "$WORK/q3.pdf" ]'
expect_ok "--period q1, begun" orlova report progress --class 5А --period q1
expect_ok "--month of the year still to come (its days stay empty)" orlova report attendance --class 5А --month 2024-05
expect_ok "--period year" orlova report progress --class 5А --period year
EJOURNAL_NOW=2024-01-09T18:00:00+05:00 expect_ok "--period q3 on its first day" orlova report progress --class 5А --period q3
