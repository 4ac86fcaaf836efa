#!/bin/sh
# Writes the template of ejournal's messages (po/ejournal.pot) to stdout: every
# message the reporting functions print, which translate their format (see
# src/util/i18n.h), plus what N_() marks in tables (usage lines, command
# summaries). A message without a letter to translate ("%s: %s") is left out.
#   sh tools/xgettext.sh > po/ejournal.pot
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# FUNCTION:ARG of every function that translates an argument; c-format where it
# is a printf format, so that msgfmt --check holds a translation to its arguments.
fmt="die:2 err_set:3 error:1 warning:1 note:1 say:1 usage_error:3 finding:2 backup_problem:2 writer_warn:2 problem:3"
# ... and pieces of a message that the function puts through _() itself.
plain="N_ OPT_FLAG_:4 OPT_STR:5 OPT_INT_:5 require_or_die:3 role_require:3 require_class_read:4
	require_roster_read:4 daily_require_marks_grade:2 daily_require_window:3 daily_require_begun:3 daily_require_russian:3 daily_write_right:6
	ident_or_die:1 ident_fail:4 jfs_error:4 zfail:4 fail_at:3 bad:4 check_in_year:3 default_dir:2 check_refs:6 check_kept:6"
set --
for k in $fmt; do set -- "$@" --keyword="$k" --flag="$k:c-format"; done
for k in $plain; do set -- "$@" --keyword="$k"; done
find src -name '*.c' | LC_ALL=C sort | xargs xgettext --from-code=UTF-8 --language=C --no-wrap --add-location=file \
	--package-name=ejournal --msgid-bugs-address=ejournal --add-comments=TRANSLATORS: \
	--keyword=_ "$@" -o "$tmp"
# Without a letter outside the printf directives, or a quote ("%s '%s' %s"),
# there is nothing to translate.
msggrep --no-wrap -v --msgid -E -e "^([^A-Za-z%']|%[-+ #0-9.*\$]*[hlLqjzt]*[a-zA-Z%])*\$" "$tmp" |
	sed -e '/^"POT-Creation-Date:/d'
