/* Moved to src/report/report.h. Kept for the files that still include "report.h"
 * from here (program.c, main.c) until they name the new place. */
#include "../report/report.h"
