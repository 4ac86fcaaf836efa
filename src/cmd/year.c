/* PLACEHOLDER: being written (year close, year new). */
#include "cmd.h"
const char *const year_close_usage[] = { "ejournal year close Y", NULL };
const char *const year_new_usage[] = { "ejournal year new Y2 --from Y [--promote]", NULL };
int cmd_year_close(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_year_new(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
