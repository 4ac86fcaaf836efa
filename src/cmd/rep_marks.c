/* PLACEHOLDER: being written. */
#include "report.h"
int cmd_report_marks_summary(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_report_progress(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_report_preliminary(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_report_students_final(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
void rep_marks_summary_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
void rep_progress_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
void rep_preliminary_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
void rep_students_final_add(struct rep *r) { (void)r; die(EX_SOFTWARE_, "not built yet"); }
