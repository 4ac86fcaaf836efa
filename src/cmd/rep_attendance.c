/* PLACEHOLDER: being written. */
#include "report.h"
int cmd_report_attendance(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_report_meals(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_report_attendance_summary(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
void rep_attendance_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
void rep_meals_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
void rep_attendance_summary_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
