/* One background thread that runs jobs in the order given while the caller goes
 * on: a whole-school statement reads the next classes while it computes this
 * class's figures, so reading and computing overlap on two cores (how the two
 * threads share a statement's classes is report.c's rep_classes_run). A job must
 * touch nothing the caller uses until it is waited for, and report a failure
 * through its struct err, never die(): the caller dies, on its own thread. */
#ifndef EJ_BG_H
#define EJ_BG_H
#include "error.h"

struct bg_job {
	int (*fn)(void *arg, struct err *e);	/* 0, or -1 with e filled */
	void *arg;
	/* filled by the worker */
	int rc, done;
	struct err e;
	struct bg_job *next;
};

/* Queues job j (fn and arg set). Without a thread (one CPU the process may use,
 * EJOURNAL_THREADS=1, or none could be started) the job runs here and now. */
void bg_submit(struct bg_job *j);
/* Waits until j has run; returns its rc, e filled from the job's on failure. */
int bg_wait(struct bg_job *j, struct err *e);
/* For the tests: the CPU the thread that started the worker was on, and the one
 * the worker started on (bg.c starts it on another); -1 before a worker started. */
void bg_start_cpus(int *creator, int *worker);

#endif
