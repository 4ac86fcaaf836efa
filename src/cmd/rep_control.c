/* PLACEHOLDER: being written. */
#include "report.h"
int cmd_report_activity(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_report_density(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_report_inspection(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
void rep_activity_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
void rep_density_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
void rep_check_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
