/* PLACEHOLDER: being written (backups). */
#include "cmd.h"
const char *const backup_create_usage[] = { "ejournal backup create [--dest DIR]", NULL };
const char *const backup_list_usage[] = { "ejournal backup list [DIR]", NULL };
const char *const backup_verify_usage[] = { "ejournal backup verify FILE", NULL };
const char *const backup_restore_usage[] = { "ejournal backup restore FILE --into DIR", NULL };
const char *const backup_prune_usage[] = { "ejournal backup prune [--keep-monthly N] [--keep-yearly N] [DIR]", NULL };
int cmd_backup_create(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_backup_list(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_backup_verify(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_backup_restore(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
int cmd_backup_prune(int argc, const char **argv, struct ctx *ctx) { (void)argc; (void)argv; (void)ctx; die(EX_SOFTWARE_, "not built yet"); }
