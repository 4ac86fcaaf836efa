/* Unit tests for src/store/txn.c: staged replacements and ledger appends, the history
 * line of a commit, abort, torn-ledger repair, file modes, and the recovery of an
 * interrupted commit from its intent record. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "unit_jfs.h"
#include "store/fsutil.h"
#include "store/history.h"
#include "store/jfs.h"
#include "store/txn.h"
#include "util/xalloc.h"

#define AT "2023-09-12T10:00:00+05:00"
#define LEDGER "years/2023-2024/classes/5А/q1/marks.csv"
#define HEADER "date,student,mark\n"

static char root[] = "/tmp/ej-txn-XXXXXX";
static struct jfs fs;

static char *path_of(const char *rel)
{
	return xasprintf("%s/%s", root, rel);
}

static char *slurp(const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e;
	char *path = path_of(rel);
	int rc = read_file(path, &sb, &e);

	free(path);
	if (rc < 0) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb, NULL);
}

static int mode_of(const char *rel)
{
	struct stat st;
	char *path = path_of(rel);
	int rc = stat(path, &st);

	free(path);
	return rc < 0 ? -1 : (int)(st.st_mode & 07777);
}

static void spit(const char *rel, const char *text, size_t len)
{
	char *path = path_of(rel);
	FILE *f = fopen(path, "w");

	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	free(path);
}

static long long size_of(const char *rel)
{
	struct stat st;
	char *path = path_of(rel);
	int rc = stat(path, &st);

	free(path);
	return rc < 0 ? -1 : (long long)st.st_size;
}

static int exists(const char *rel)
{
	char *path = path_of(rel);
	int rc = access(path, F_OK) == 0;
	free(path);
	return rc;
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

/* The "rel=SIZE:SHA256" entry history.log should hold for this content. */
static char *entry(const char *rel, const char *content)
{
	char hex[SHA256_HEX];
	sha256_hex(content, strlen(content), hex);
	return xasprintf("%s=%zu:%s", rel, strlen(content), hex);
}

/* Line n (1-based) of s, without its newline (caller frees); NULL if none. */
static char *line_of(const char *s, int n)
{
	const char *nl;
	while (s && --n > 0 && (nl = strchr(s, '\n')))
		s = nl + 1;
	if (!s || !*s || n > 0)
		return NULL;
	nl = strchr(s, '\n');
	return nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
}

/* Temporary files beside the journal's files, or a commit's staged files (the
 * intent's file counts only with a record in it). */
static int tmp_files_left(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (de->d_name[0] == '.' && (strstr(de->d_name, ".tmp") || !strncmp(de->d_name, TXN_PREFIX, 5)) &&
		    (strcmp(de->d_name, TXN_INTENT) || txn_pending(&fs)))
			n++;
	closedir(d);
	return n;
}

static int chain_ok(void)
{
	struct strbuf problems = STRBUF_INIT;
	struct err e = { 0 };
	int ok = history_read(&fs, NULL, NULL, &problems, &e) == 0 && problems.len == 0;

	if (!ok)
		printf("# %s%s\n", problems.buf, e.msg);
	sb_release(&problems);
	return ok;
}

static void test_commit(void)
{
	static const char staff[] = "login,roles\nadmin,admin\n";
	static const char staff2[] = "login,roles\nadmin,admin\nivanova,teacher\n";
	struct err e = { 0 };
	struct txn *t = txn_begin(&fs);
	char *s, *line, *want;

	CHECK(txn_empty(t) == 1, "txn_empty: a new transaction is empty");
	txn_replace(t, "staff.csv", "draft", 5);
	txn_replace(t, "staff.csv", staff, strlen(staff));
	txn_mkdir(t, "years/2023-2024/classes/5А/q1");
	txn_append(t, LEDGER, HEADER, "2023-09-12,1,5\n", 15);
	txn_append(t, LEDGER, "ignored,header\n", "2023-09-12,2,4\n", 15);
	CHECK(txn_empty(t) == 0, "txn_empty: not empty after staging");
	CHECK(!exists("staff.csv") && !exists(LEDGER), "txn: nothing on disk before commit");
	CHECK(txn_commit(t, AT, "admin", "staff add admin", &e) == 0, "txn_commit: succeeds");

	s = slurp("staff.csv");
	CHECK_STR(s, staff, "txn_commit: replaced file has the last staged content");
	free(s);
	s = slurp(LEDGER);
	CHECK_STR(s, HEADER "2023-09-12,1,5\n2023-09-12,2,4\n", "txn_commit: new ledger gets its header, then the lines");
	free(s);
	CHECK(mode_of("staff.csv") == 0640, "txn_commit: replaced file mode 0640");
	CHECK(mode_of(LEDGER) == 0640, "txn_commit: ledger mode 0640");
	CHECK(mode_of("years/2023-2024/classes/5А/q1") == 0750 && mode_of("years") == 0750,
	      "txn_commit: directories mode 0750");
	CHECK(tmp_files_left(root) == 0, "txn_commit: no temp files left");
	s = slurp(TXN_INTENT);
	CHECK(s && size_of(TXN_INTENT) == 4096 && s[0] == '\0',
	      "txn_commit: the intent's file stays, a 4 KB block marked empty by a NUL");
	free(s);
	CHECK(!txn_pending(&fs), "txn_pending: the empty intent's file is no change waiting");

	s = slurp("history.log");
	CHECK(count_lines(s) == 1, "txn_commit: one history line");
	line = line_of(s, 1);
	CHECK(line && !strncmp(line, "1\t" AT "\tadmin\tstaff add admin\t", strlen("1\t" AT "\tadmin\tstaff add admin\t")),
	      "txn_commit: history line has seq, time, login, command");
	want = entry("staff.csv", staff);
	CHECK(line && strstr(line, want) != NULL, "txn_commit: history lists staff.csv=SIZE:SHA256");
	free(want);
	want = entry(LEDGER, HEADER "2023-09-12,1,5\n2023-09-12,2,4\n");
	CHECK(line && strstr(line, want) != NULL, "txn_commit: history lists the ledger=SIZE:SHA256");
	free(want);
	CHECK(line && strstr(line, "years/2023-2024/classes/5А/q1\t") == NULL && strstr(line, "q1=") == NULL,
	      "txn_commit: a directory is not listed as a file");
	free(line);
	free(s);

	/* Second commit: the ledger exists, so no second header; the file is replaced. */
	t = txn_begin(&fs);
	txn_append(t, LEDGER, HEADER, "2023-09-13,1,3\n", 15);
	txn_replace(t, "staff.csv", staff2, strlen(staff2));
	CHECK(txn_commit(t, AT, "ivanova", "mark", &e) == 0, "txn_commit: second commit");
	s = slurp(LEDGER);
	CHECK_STR(s, HEADER "2023-09-12,1,5\n2023-09-12,2,4\n2023-09-13,1,3\n", "txn_commit: ledger header written once");
	free(s);
	s = slurp("staff.csv");
	CHECK_STR(s, staff2, "txn_commit: existing file replaced");
	free(s);
	s = slurp("history.log");
	CHECK(count_lines(s) == 2, "txn_commit: two history lines");
	line = line_of(s, 2);
	want = entry(LEDGER, HEADER "2023-09-12,1,5\n2023-09-12,2,4\n2023-09-13,1,3\n");
	CHECK(line && !strncmp(line, "2\t", 2) && strstr(line, want), "txn_commit: history has the ledger's new size and hash");
	free(want);
	want = entry("staff.csv", staff2);
	CHECK(line && strstr(line, want), "txn_commit: history has staff.csv's new hash");
	free(want);
	free(line);
	free(s);
	CHECK(chain_ok(), "txn_commit: history chain intact");
	CHECK(mode_of("staff.csv") == 0640, "txn_commit: replaced file still 0640");
}

static void test_abort_and_empty(void)
{
	struct err e = { 0 };
	struct txn *t = txn_begin(&fs);
	char *before = slurp("history.log"), *ledger_before = slurp(LEDGER), *s;

	txn_replace(t, "other.csv", "x\n", 2);
	txn_append(t, LEDGER, HEADER, "2099-01-01,9,9\n", 15);
	txn_mkdir(t, "newdir");
	txn_abort(t);
	CHECK(!exists("other.csv") && !exists("newdir"), "txn_abort: nothing created");
	s = slurp(LEDGER);
	CHECK_STR(s, ledger_before, "txn_abort: ledger unchanged");
	free(s);
	s = slurp("history.log");
	CHECK_STR(s, before, "txn_abort: history.log unchanged");
	free(s);

	t = txn_begin(&fs);
	CHECK(txn_commit(t, AT, "admin", "nothing", &e) == 0, "txn_commit: an empty transaction succeeds");
	s = slurp("history.log");
	CHECK_STR(s, before, "txn_commit: an empty transaction writes no history line");
	free(s);

	t = txn_begin(&fs);
	txn_replace(t, "no/such/dir/x.csv", "x\n", 2);
	e.code = 0;
	CHECK(txn_commit(t, AT, "admin", "bad", &e) == -1 && e.code == EX_CANTCREAT_,
	      "txn_commit: a file in a missing directory fails with EX_CANTCREAT_");
	s = slurp("history.log");
	CHECK_STR(s, before, "txn_commit: a failed commit writes no history line");
	free(s);

	/* A record left in the intent's file: a commit does not write over it. */
	spit(TXN_INTENT, "ejournal-intent 1\n", 18);
	t = txn_begin(&fs);
	txn_append(t, LEDGER, HEADER, "2099-01-02,9,9\n", 15);
	e.code = 0;
	CHECK(txn_commit(t, AT, "admin", "over a record", &e) == -1 && e.code == EX_IOERR_ &&
	      strstr(e.msg, "cannot create 'txn-intent'"), "txn_commit: an intent's file with a record is not written over");
	s = slurp(LEDGER);
	CHECK_STR(s, ledger_before, "txn_commit: ... and the ledger is unchanged");
	free(s);
	s = slurp(TXN_INTENT);
	CHECK_STR(s, "ejournal-intent 1\n", "txn_commit: ... nor the record");
	free(s);
	CHECK(txn_recover(&fs, &e) == 0 && !exists(TXN_INTENT), "txn_recover: drops the record that does not parse");
	free(before);
	free(ledger_before);
}

static void test_torn_ledger(void)
{
	struct err e = { 0 };
	struct txn *t;
	char *path = path_of(LEDGER), *before = slurp(LEDGER), *s, *want, *line;
	FILE *f = fopen(path, "a");
	int lines_before;

	if (f) {
		fputs("2023-09-14,1", f);	/* a crash in mid-write */
		fclose(f);
	}
	s = slurp("history.log");
	lines_before = count_lines(s);
	free(s);

	t = txn_begin(&fs);
	txn_append(t, LEDGER, HEADER, "2023-09-14,2,5\n", 15);
	CHECK(txn_commit(t, AT, "ivanova", "mark after crash", &e) == 0, "txn_commit: commits over a torn ledger");
	s = slurp(LEDGER);
	want = xasprintf("%s2023-09-14,2,5\n", before);
	CHECK_STR(s, want, "txn_commit: torn line cut, new line appended");
	free(want);
	free(s);

	s = slurp("history.log");
	CHECK(count_lines(s) == lines_before + 2, "txn_commit: a repair line and the commit line");
	line = line_of(s, lines_before + 1);
	CHECK(line && strstr(line, "\trepair " LEDGER ": removed 12 bytes of an interrupted line\t"),
	      "txn_commit: the repair line names the ledger and the 12 bytes removed");
	want = entry(LEDGER, before);
	CHECK(line && strstr(line, want), "txn_commit: the repair line has the repaired ledger's hash");
	free(want);
	free(line);
	line = line_of(s, lines_before + 2);
	CHECK(line && strstr(line, "\tmark after crash\t"), "txn_commit: then the commit's line");
	free(line);
	free(s);
	CHECK(chain_ok(), "txn_commit: history chain intact after the repair");
	free(before);
	free(path);
}

/* Writes rel (in the journal) with text; for the hand-made intents below. */
/* An intent as a commit records it: staff.csv replaced by a staged file, a line
 * for the ledger and one for history.log, each at the offset it goes to. */
static void make_intent(const char *line, const char *staff, struct strbuf *intent)
{
	struct strbuf hist = STRBUF_INIT, files = STRBUF_INIT;
	char *ledger = slurp(LEDGER), *history = slurp("history.log"), *staff_entry, *ledger_entry, *after;
	char prev[SHA256_HEX], hex[SHA256_HEX], *hpath = path_of("history.log");
	long seq = 0;
	struct err e;
	int fd = open(hpath, O_RDONLY);

	history_last(fd, (off_t)strlen(history), &seq, prev, &e);
	close(fd);
	free(hpath);
	after = xasprintf("%s%s", ledger, line);
	staff_entry = entry("staff.csv", staff);
	ledger_entry = entry(LEDGER, after);
	sb_addf(&files, "%s %s", staff_entry, ledger_entry);
	history_format(&hist, seq + 1, AT, "orlova", "mark fix by hand", files.buf, prev);
	spit(".txn-new.tmp0000test", staff, strlen(staff));
	sb_reset(intent);
	sb_addf(intent, "ejournal-intent 1\nreplace staff.csv .txn-new.tmp0000test\nwrite %s %zu %zu\n%s", LEDGER,
		strlen(ledger), strlen(line), line);
	sb_addf(intent, "write history.log %zu %zu\n", strlen(history), hist.len);
	sb_add(intent, hist.buf, hist.len);
	sha256_hex(intent->buf, intent->len, hex);
	sb_addf(intent, "end %s\n", hex);
	free(ledger);
	free(history);
	free(after);
	free(staff_entry);
	free(ledger_entry);
	sb_release(&hist);
	sb_release(&files);
}

static void test_recover(void)
{
	static const char staff3[] = "login,roles\nadmin,admin\norlova,deputy\n";
	static const char line[] = "2023-09-15,3,2\n";
	struct strbuf intent = STRBUF_INIT;
	struct err e = { 0 };
	char *ledger_before = slurp(LEDGER), *history_before = slurp("history.log"), *s, *want;

	CHECK(txn_recover(&fs, &e) == 0 && !txn_pending(&fs), "txn_recover: nothing to do in a whole journal");
	make_intent(line, staff3, &intent);
	/* A crash after the intent, before anything else: the next writer applies it. */
	spit(TXN_INTENT, intent.buf, intent.len);
	CHECK(txn_pending(&fs) == 1, "txn_pending: an intent waits");
	CHECK(txn_recover(&fs, &e) == 1, "txn_recover: completes the interrupted change");
	s = slurp("staff.csv");
	CHECK_STR(s, staff3, "txn_recover: the staged file is renamed into place");
	free(s);
	want = xasprintf("%s%s", ledger_before, line);
	s = slurp(LEDGER);
	CHECK_STR(s, want, "txn_recover: the ledger gets its line");
	free(s);
	s = slurp("history.log");
	CHECK(s && count_lines(s) == count_lines(history_before) + 1 && strstr(s, "\tmark fix by hand\t"),
	      "txn_recover: history.log gets the change's line");
	free(s);
	CHECK(chain_ok(), "txn_recover: the chain holds");
	CHECK(!txn_pending(&fs) && tmp_files_left(root) == 0, "txn_recover: the intent and the staged files are gone");

	/* The same intent found again after it was applied (a crash before it was
	 * removed): nothing is written twice. */
	spit(TXN_INTENT, intent.buf, intent.len);
	CHECK(txn_recover(&fs, &e) == 1, "txn_recover: an intent already applied is recognised");
	s = slurp(LEDGER);
	CHECK_STR(s, want, "txn_recover: ... the ledger line is not written twice");
	free(s);
	s = slurp("history.log");
	CHECK(s && count_lines(s) == count_lines(history_before) + 1, "txn_recover: ... nor the history line");
	free(s);
	free(want);
	free(ledger_before);
	free(history_before);

	/* Half applied: the ledger line written, then a torn piece of the history
	 * line. Applying again cuts both back to their offsets first. */
	ledger_before = slurp(LEDGER);
	history_before = slurp("history.log");
	make_intent(line, staff3, &intent);
	spit(TXN_INTENT, intent.buf, intent.len);
	want = xasprintf("%s%s", ledger_before, line);
	spit(LEDGER, want, strlen(want));
	s = xasprintf("%s9999\ttorn", history_before);
	spit("history.log", s, strlen(s));
	free(s);
	CHECK(txn_recover(&fs, &e) == 1, "txn_recover: completes a half-applied change");
	s = slurp(LEDGER);
	CHECK_STR(s, want, "txn_recover: ... the ledger line once");
	free(s);
	s = slurp("history.log");
	CHECK(s && count_lines(s) == count_lines(history_before) + 1 && !strstr(s, "torn"),
	      "txn_recover: ... the torn history cut, the line written once");
	free(s);
	CHECK(chain_ok(), "txn_recover: ... the chain holds");
	free(want);
	free(ledger_before);
	free(history_before);

	/* An intent that is not whole was never committed: it is dropped with the
	 * staged files, and nothing of it applied. */
	ledger_before = slurp(LEDGER);
	history_before = slurp("history.log");
	make_intent(line, staff3, &intent);
	spit(TXN_INTENT, intent.buf, intent.len - 10);
	CHECK(txn_recover(&fs, &e) == 0, "txn_recover: a torn intent is not applied");
	s = slurp(LEDGER);
	CHECK_STR(s, ledger_before, "txn_recover: ... the ledger unchanged");
	free(s);
	s = slurp("history.log");
	CHECK_STR(s, history_before, "txn_recover: ... history.log unchanged");
	free(s);
	CHECK(!txn_pending(&fs) && tmp_files_left(root) == 0, "txn_recover: ... and removed with its staged file");
	free(ledger_before);
	free(history_before);

	/* History shorter than the intent says: the journal lost committed data. */
	make_intent(line, staff3, &intent);
	spit(TXN_INTENT, intent.buf, intent.len);
	spit("history.log", "", 0);
	e.code = 0;
	CHECK(txn_recover(&fs, &e) == -1 && e.code == EX_IOERR_ && strstr(e.msg, "restore the journal from a backup"),
	      "txn_recover: a history.log shorter than recorded is refused, not papered over");
	CHECK(txn_pending(&fs), "txn_recover: ... and the intent is kept");
	sb_release(&intent);
}

/* The intent's file between commits: a record is written over what an earlier
 * one left, in place, and marked empty with a NUL; one that grew the file past
 * 64 KB leaves it cut to nothing. */
static void test_intent_file(void)
{
	static const char staff3[] = "login,roles\nadmin,admin\norlova,deputy\n";
	static const char line[] = "2023-09-16,4,3\n";
	struct strbuf intent = STRBUF_INIT, big = STRBUF_INIT;
	struct err e = { 0 };
	struct txn *t;
	char *ledger_before, *history_before, *s, *want;
	long long size;
	size_t i;

	/* A whole record followed by the tail of an earlier, longer one. */
	ledger_before = slurp(LEDGER);
	history_before = slurp("history.log");
	make_intent(line, staff3, &intent);
	sb_adds(&intent, "write history.log 0 99\nthe rest of an older record");
	spit(TXN_INTENT, intent.buf, intent.len);
	CHECK(txn_pending(&fs) == 1 && txn_recover(&fs, &e) == 1,
	      "txn_recover: applies a record followed by an older record's tail");
	want = xasprintf("%s%s", ledger_before, line);
	s = slurp(LEDGER);
	CHECK_STR(s, want, "txn_recover: ... the ledger gets its line");
	free(s);

	/* history.log holds the change, the ledger lost its line (the two are synced
	 * together): the change is applied again, not taken as complete. */
	spit(LEDGER, ledger_before, strlen(ledger_before));
	spit(TXN_INTENT, intent.buf, intent.len);
	CHECK(txn_recover(&fs, &e) == 1, "txn_recover: a change whose ledger lacks its line is applied again");
	s = slurp(LEDGER);
	CHECK_STR(s, want, "txn_recover: ... the ledger gets its line back");
	free(s);
	s = slurp("history.log");
	CHECK(s && count_lines(s) == count_lines(history_before) + 1, "txn_recover: ... and history.log its line once");
	free(s);
	CHECK(chain_ok(), "txn_recover: ... the chain holds");
	free(want);
	free(ledger_before);
	free(history_before);

	/* A record marked empty is no change waiting, and is not applied. */
	ledger_before = slurp(LEDGER);
	make_intent(line, staff3, &intent);
	intent.buf[0] = '\0';
	spit(TXN_INTENT, intent.buf, intent.len);
	CHECK(!txn_pending(&fs), "txn_pending: a record marked empty by its first byte waits for nothing");
	t = txn_begin(&fs);
	txn_append(t, LEDGER, HEADER, "2023-09-17,1,5\n", 15);
	CHECK(txn_commit(t, AT, "admin", "over an empty record", &e) == 0,
	      "txn_commit: writes its record over one marked empty");
	want = xasprintf("%s2023-09-17,1,5\n", ledger_before);
	s = slurp(LEDGER);
	CHECK_STR(s, want, "txn_commit: ... the empty record not applied, the new one is");
	free(s);
	free(want);
	CHECK(size_of(TXN_INTENT) == (long long)intent.len && !txn_pending(&fs),
	      "txn_commit: ... in place: a record that fits leaves the file's size as it was");
	free(ledger_before);

	/* A record past 64 KB grows the file; once applied the file is cut to nothing. */
	for (i = 0; i < 5000; i++)
		sb_addf(&big, "2023-09-18,%zu,4\n", i);
	t = txn_begin(&fs);
	txn_append(t, LEDGER, HEADER, big.buf, big.len);
	CHECK(txn_commit(t, AT, "admin", "a large change", &e) == 0, "txn_commit: a record past 64 KB");
	size = size_of(TXN_INTENT);
	CHECK(size == 0 && !txn_pending(&fs), "txn_commit: ... leaves the intent's file cut to nothing");
	t = txn_begin(&fs);
	txn_append(t, LEDGER, HEADER, "2023-09-19,1,5\n", 15);
	CHECK(txn_commit(t, AT, "admin", "after a large change", &e) == 0 && size_of(TXN_INTENT) == 4096,
	      "txn_commit: ... and the next record grows it to a 4 KB block again");
	CHECK(chain_ok(), "txn_commit: ... the chain holds");
	sb_release(&big);
	sb_release(&intent);
}

int main(void)
{
	if (unit_jfs_begin(root, &fs) < 0)
		return 1;
	test_commit();
	test_abort_and_empty();
	test_torn_ledger();
	test_recover();
	test_intent_file();
	unit_jfs_end(root, &fs);
	return unit_failures != 0;
}
