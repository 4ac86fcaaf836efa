/* PLACEHOLDER: being written. */
#include "report.h"
int cmd_export_xlsx(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
const char *const export_xlsx_usage[] = { "ejournal export xlsx CLASS|all -o FILE.xlsx", NULL };
