#!/bin/sh
# The layers of ARCHITECTURE.md, checked on every #include "..." of src/: a file
# may include its own folder and the folders its layer stands on, nothing above.
# A new include that goes the wrong way fails here with the file and line.
. "$(dirname "$0")/../lib.sh"
src=$(cd "$(dirname "$0")/../../src" && pwd)

# allowed FOLDER: the folders FOLDER's files may include (besides their own).
allowed() {
	case $1 in
	util) echo "" ;;
	store) echo "util" ;;
	core) echo "util store" ;;
	render) echo "util" ;;
	archive) echo "util store" ;;
	report) echo "util store core render cmd" ;;
	cmd) echo "util store core render archive report cmd" ;;
	.) echo "util store core render archive report cmd" ;;
	*) echo "?" ;;
	esac
}

bad=$(
	cd "$src" || exit 1
	find . -name '*.[ch]' | LC_ALL=C sort | while read -r f; do
		dir=$(dirname "$f" | sed 's|^\./||')
		ok=$(allowed "$dir")
		if [ "$ok" = "?" ]; then
			echo "$f: a folder ARCHITECTURE.md does not place (add it to its layers and to tests/cli/layers.sh)"
			continue
		fi
		grep -n '^#include "' "$f" | while IFS= read -r line; do
			inc=$(printf '%s' "$line" | sed 's/^[0-9]*:#include "\([^"]*\)".*/\1/')
			n=${line%%:*}
			case $inc in
			../*/*) to=$(printf '%s' "$inc" | cut -d/ -f2) ;;
			*/*) to=$(printf '%s' "$inc" | cut -d/ -f1) ;;
			*) to=$dir ;;
			esac
			[ "$to" = "$dir" ] && continue
			case " $ok " in
			*" $to "*) ;;
			*) echo "${f#./}:$n: $dir includes $inc: $dir stands on ${ok:-nothing of ours}" ;;
			esac
		done
	done
)
check "layers: every #include of src/ goes down the layers" '[ -z "$bad" ] || { printf "%s\n" "$bad" | head -20; false; }'

# lazy_xlsx_bind resolves every libxlsxwriter function on the command's thread,
# before sheets are written on the background one: its list is the header's.
declared=$(sed -n 's/^LAZY_PTR(\([a-z_]*\));$/\1/p' "$src/render/lazy_xlsx.h" | LC_ALL=C sort)
bound=$(sed -n 's/^	(void)&\([a-z_]*\);$/\1/p' "$src/render/lazy_xlsx.h" | LC_ALL=C sort)
check "lazy_xlsx_bind binds every function lazy_xlsx.h declares" \
	'[ -n "$declared" ] && [ "$declared" = "$bound" ] || { printf "declared: %s\nbound: %s\n" "$declared" "$bound"; false; }'
