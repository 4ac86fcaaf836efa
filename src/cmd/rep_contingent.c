/* PLACEHOLDER: being written. */
#include "report.h"
int cmd_report_movement(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_report_fill(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_report_class_teacher(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
void rep_movement_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
void rep_fill_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
