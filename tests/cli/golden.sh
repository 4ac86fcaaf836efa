#!/bin/sh
# Every document byte for byte (issue 14): each statement in each format, the paper
# journal and its certified copy, the workbook export, a backup's members and what
# the daily commands print, written from the example school by
# tests/golden/documents.sh, must have the SHA-256 recorded in
# tests/golden/SHA256SUMS. A change that means to change a document updates the
# list with 'sh tests/golden/update.sh' and says why in its commit.
. "$(dirname "$0")/../lib.sh"
fresh
D=$WORK/docs
rm -rf "$D"
J=$J sh "$(dirname "$0")/../golden/documents.sh" "$D"
sums=$(dirname "$0")/../golden/SHA256SUMS
(cd "$D" && LC_ALL=C ls) >"$WORK/made"
cut -c67- "$sums" >"$WORK/want"
check "golden: the same documents are written as recorded" 'cmp -s "$WORK/made" "$WORK/want" ||
	{ diff "$WORK/want" "$WORK/made" | head -20; false; }'
while read -r hash name; do
	if [ ! -f "$D/$name" ]; then
		continue
	elif [ "$(sha256sum <"$D/$name" | cut -c1-64)" = "$hash" ]; then
		pass "golden: $name"
	else
		fail "golden: $name differs from the recorded document" \
			"$(if [ "${name%.out}" != "$name" ] || [ "${name%.rc}" != "$name" ]; then head -c 600 "$D/$name"; fi)"
	fi
done <"$sums"
