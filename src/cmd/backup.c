/* ejournal backup: archives of the journal (SPEC 8). create writes a gzip'd ustar
 * archive with a MANIFEST of SHA-256 sums under the journal lock; verify checks one
 * without a journal; restore verifies, then extracts into an empty directory, all or
 * nothing; list and prune look after the backup directory. The archives themselves
 * are src/archive/'s: this file parses, checks the role, calls it and reports. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd.h"
#include "../archive/backup.h"
#include "../store/fsutil.h"
#include "../store/txn.h"
#include "../util/privilege.h"
#include "../util/xalloc.h"

const char *const backup_create_usage[] = { N_("ejournal backup create [--dest DIR]"), NULL };
const char *const backup_list_usage[] = { N_("ejournal backup list [DIR]"), NULL };
const char *const backup_verify_usage[] = { N_("ejournal backup verify FILE"), NULL };
const char *const backup_restore_usage[] = { N_("ejournal backup restore FILE --into DIR"), NULL };
const char *const backup_prune_usage[] = { N_("ejournal backup prune [--keep-monthly N] [--keep-yearly N] [DIR]"), NULL };

static char *school_tag(const struct journal *j)
{
	return backup_school_tag(j->school_short, j->school_name);
}

/* The archives in dir (school: only that school's), newest first, or dies. */
static struct backup_name *archives_in(const char *dir, const char *school, size_t *n)
{
	struct backup_name *a;
	struct err e;

	if (backup_names_in(dir, school, &a, n, &e) < 0)
		die_err(&e);
	return a;
}

/* backup.dir of ejournal.yaml, or dies telling what to do. */
static const char *default_dir(struct ctx *ctx, const char *what)
{
	const struct ynode *bk = ynode_get(ctx->j.config, "backup");
	const char *dir = bk ? ynode_str(bk, "dir") : NULL;

	if (!dir || !*dir)
		die(EX_CONFIG_, "no backup directory: give %s or set backup.dir (ejournal config set backup.dir DIR)",
		    _(what));
	return dir;
}

/* --- create --- */

static void warn_skipped(const char *msg)
{
	warning("%s", msg);
}

int cmd_backup_create(int argc, const char **argv, struct ctx *ctx)
{
	const char *dest = NULL;
	struct option opts[] = {
		OPT_STR(0, "dest", &dest, "DIR", "the directory of the archive (default: backup.dir)"),
		OPT_END_()
	};
	char *tag, *top = NULL, *path, hex[SHA256_HEX], *state;
	struct tmpfile tf;
	long long size, fsize;
	size_t nfiles;
	struct err e;
	int saved;

	argc = parse_options(argc, argv, opts, backup_create_usage);
	if (argc)
		usage_error(backup_create_usage, opts, "backup create takes only --dest");
	require_or_die(ctx, ROLE_ICT | ROLE_ADMIN, "back the journal up");
	if (!dest)
		dest = default_dir(ctx, "--dest DIR");
	/* Before anything is created: the archive must not end up inside the tree it
	 * copies. The backup folder is made and written with the user's own rights. */
	if (output_dir_outside_journal(dest, &e) < 0)
		die_err(&e);
	saved = as_user_group();
	if (mkdir_p(dest, &e) < 0)
		die_err(&e);
	as_journal_group(saved);
	if (access(dest, W_OK | X_OK) < 0)
		die(EX_CANTCREAT_, "cannot write to the backup directory '%s': %s", dest, strerror(errno));

	tag = school_tag(&ctx->j);
	path = backup_free_path(dest, tag, ctx->j.clock.today, &top, &e);
	if (!path)
		die_err(&e);
	if (outfile_open(&tf, path, &e) < 0)
		die_err(&e);
	size = backup_write(tf.fd, &ctx->j.fs, top, ctx->j.clock.epoch, &nfiles, warn_skipped, &e);
	/* Never replace an archive that appeared meanwhile. */
	if (size < 0)
		tmpfile_abort(&tf);
	else if (tmpfile_commit(&tf, 1, &e) < 0)
		size = -1;
	if (size < 0) {
		free(tag);
		free(top);
		free(path);
		die_err(&e);
	}
	if (sha256_file(path, hex, &fsize, &e) < 0)
		die_err(&e);
	state = xasprintf("%lld:%s", fsize, hex);
	txn_record(ctx->txn, "backup", state);
	say("%s", path);
	note("archived %zu files into '%s' (%lld bytes)", nfiles, path, fsize);
	free(state);
	free(tag);
	free(top);
	free(path);
	return 0;
}

/* --- list --- */

int cmd_backup_list(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct backup_name *a;
	struct rtable *t;
	const char *dir;
	size_t n, i;

	argc = parse_options(argc, argv, opts, backup_list_usage);
	if (argc > 1)
		usage_error(backup_list_usage, opts, "backup list takes at most one directory");
	require_or_die(ctx, ROLE_ICT | ROLE_ADMIN, "list the archives");
	dir = argc ? argv[0] : default_dir(ctx, "a directory");
	as_user_group();	/* the backup folder is the user's, not the journal's */
	a = archives_in(dir, NULL, &n);
	t = rtable_new("Архивы журнала");
	rtable_name(t, "backups");
	rtable_col(t, "file", "Архив", 0);
	rtable_col(t, "date", "Дата", 0);
	rtable_col(t, "size", "Размер, байт", 1);
	/* Oldest first, as a directory listing reads. */
	for (i = n; i-- > 0;) {
		size_t row = rtable_row(t);
		char b[11];
		rtable_set(t, row, 0, a[i].file);
		rtable_set(t, row, 1, date_fmt_ru(a[i].date, b));
		rtable_setf(t, row, 2, "%lld", a[i].size);
	}
	if (!n)
		note("no archives in '%s'", dir);
	else
		output_table(ctx, t);
	rtable_free(t);
	backup_names_free(a, n);
	return 0;
}

/* --- verify and restore --- */

/* Opens the archive file with the user's rights, or dies. It is read in pieces,
 * twice by restore: the second pass holds each member to the first's SHA-256. */
static int open_archive_or_die(const char *file)
{
	int fd = user_open(file, O_RDONLY);
	struct stat st;

	if (fd < 0)
		die(errno == ENOENT ? EX_NOINPUT_ : EX_IOERR_, "cannot open '%s': %s", file, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		die(EX_NOINPUT_, "'%s' is a directory, not a file", file);
	return fd;
}

int cmd_backup_verify(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct backup_scan s;
	int fd;

	(void)ctx;
	argc = parse_options(argc, argv, opts, backup_verify_usage);
	if (argc != 1)
		usage_error(backup_verify_usage, opts, "backup verify takes one archive");
	fd = open_archive_or_die(argv[0]);
	if (backup_scan(&s, argv[0], fd)) {
		fputs(s.problems.buf, stdout);
		fflush(stdout);
		note("%s: %d problem%s found; do not restore from it", argv[0], s.nproblems,
		     s.nproblems == 1 ? "" : "s");
		backup_scan_free(&s);
		close(fd);
		return EX_FOUND;
	}
	printf(_("%s: %zu files, verified\n"), argv[0], backup_scan_files(&s));
	backup_scan_free(&s);
	close(fd);
	return 0;
}

int cmd_backup_restore(int argc, const char **argv, struct ctx *ctx)
{
	const char *into = NULL;
	struct option opts[] = {
		OPT_STR(0, "into", &into, "DIR", "the directory to restore into: new or empty"),
		OPT_END_()
	};
	struct backup_scan s;
	struct err e;
	char *dir;
	int fd;

	(void)ctx;
	/* Restore works on the user's folders alone: with the user's rights, never a
	 * setgid install's (which could write into the journal itself). */
	as_user_group();
	argc = parse_options(argc, argv, opts, backup_restore_usage);
	if (argc != 1)
		usage_error(backup_restore_usage, opts, "backup restore takes one archive");
	if (!into || !*into)
		usage_error(backup_restore_usage, opts, "say where to restore: --into DIR");
	if (backup_restore_check(into, &dir, &e) < 0)
		die_err(&e);

	fd = open_archive_or_die(argv[0]);
	if (backup_scan(&s, argv[0], fd)) {
		fputs(s.problems.buf, stderr);
		die(EX_DATAERR_, "%s: not restored: %d problem%s; '%s' is left as it was", argv[0], s.nproblems,
		    s.nproblems == 1 ? "" : "s", dir);
	}
	if (backup_extract(&s, fd, dir, &e) < 0)
		die_err(&e);
	note("restored %zu files from '%s' into '%s'; check it with: ejournal -C '%s' verify", backup_scan_files(&s),
	     argv[0], dir, dir);
	backup_scan_free(&s);
	close(fd);
	free(dir);
	return 0;
}

/* --- prune --- */

/* A whole number >= 0 from backup.<key>, or def when it is not set. */
static int config_count(struct ctx *ctx, const char *key, int def)
{
	const struct ynode *bk = ynode_get(ctx->j.config, "backup");
	const char *v = bk ? ynode_str(bk, key) : NULL;
	char *end;
	long n;

	if (!v)
		return def;
	n = strtol(v, &end, 10);
	if (!*v || *end || n < 0 || n > INT_MAX)
		die(EX_CONFIG_, "ejournal.yaml: backup.%s is '%s', not a whole number", key, v);
	return (int)n;
}

static void print_removed(const char *path)
{
	printf(_("removed %s\n"), path);
}

int cmd_backup_prune(int argc, const char **argv, struct ctx *ctx)
{
	int monthly = INT_MIN, yearly = INT_MIN;
	struct option opts[] = {
		OPT_INT_(0, "keep-monthly", &monthly, "N", "keep the newest archive of each of the last N months"),
		OPT_INT_(0, "keep-yearly", &yearly, "N", "keep the newest archive of each of the last N years"),
		OPT_END_()
	};
	struct backup_name *a;
	const char *dir;
	char *tag;
	size_t n, removed;
	struct err e;

	argc = parse_options(argc, argv, opts, backup_prune_usage);
	if (argc > 1)
		usage_error(backup_prune_usage, opts, "backup prune takes at most one directory");
	if ((monthly < 0 && monthly != INT_MIN) || (yearly < 0 && yearly != INT_MIN))
		usage_error(backup_prune_usage, opts, "--keep-monthly and --keep-yearly take a number >= 0");
	require_or_die(ctx, ROLE_ICT | ROLE_ADMIN, "prune the archives");
	if (monthly == INT_MIN)
		monthly = config_count(ctx, "keep_monthly", 60);
	if (yearly == INT_MIN)
		yearly = config_count(ctx, "keep_yearly", 25);
	dir = argc ? argv[0] : default_dir(ctx, "a directory");
	tag = school_tag(&ctx->j);
	as_user_group();	/* the backup folder is the user's, not the journal's */
	a = archives_in(dir, tag, &n);
	if (backup_prune(dir, a, n, ctx->j.clock.today, monthly, yearly, print_removed, &removed, &e) < 0)
		die_err(&e);
	note("kept %zu archive%s of %s in '%s', removed %zu (monthly %d, yearly %d)", n - removed,
	     n - removed == 1 ? "" : "s", tag, dir, removed, monthly, yearly);
	free(tag);
	backup_names_free(a, n);
	return 0;
}
