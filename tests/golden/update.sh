#!/bin/sh
# Records the SHA-256 of every document tests/golden/documents.sh writes, from the
# example school built with bin/ejournal, in tests/golden/SHA256SUMS. Run it only
# when a change means to change a document, and say which and why in the commit.
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=Asia/Yekaterinburg LC_ALL=C.UTF-8 EJ="$top/bin/ejournal"
sh "$top/examples/school.sh" "$tmp/school" >/dev/null
J=$tmp/school
export J
sh "$top/tests/golden/documents.sh" "$tmp/docs"
(cd "$tmp/docs" && LC_ALL=C ls | while read -r f; do printf '%s  %s\n' "$(sha256sum <"$f" | cut -c1-64)" "$f"; done) \
	>"$top/tests/golden/SHA256SUMS"
echo "tests/golden/SHA256SUMS: $(wc -l <"$top/tests/golden/SHA256SUMS") documents"
