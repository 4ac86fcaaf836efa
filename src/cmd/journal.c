/* PLACEHOLDER: being written (export journal). */
#include "report.h"
const char *const export_journal_usage[] = { "ejournal export journal CLASS [--period P] [--final] -o FILE.pdf", NULL };
int cmd_export_journal(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
