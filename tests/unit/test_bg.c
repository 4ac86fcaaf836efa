/* Unit tests for src/util/bg.c: jobs run on the background thread in the order
 * given, the worker starts on another CPU than the thread that started it, and a
 * process that may use one CPU (taskset, a cgroup's cpuset) or says
 * EJOURNAL_THREADS=1 runs its jobs inline. Each case runs in a child of its own:
 * the worker, once started, lasts as long as the process. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "unit.h"
#include "util/bg.h"

/* The exit code of fn run in a child (0: its checks held), -1 when it died. */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid)
		_exit(fn());
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct probe {
	pthread_t thread;	/* the thread the job ran on */
	int order;		/* its place among the jobs run */
};

static int ran;

static int probe_job(void *arg, struct err *e)
{
	struct probe *p = arg;

	(void)e;
	p->thread = pthread_self();
	p->order = ++ran;	/* the jobs run one at a time, in turn */
	return 0;
}

static int failing_job(void *arg, struct err *e)
{
	(void)arg;
	return err_set(e, 65, "the job's own message");
}

/* 0 when a job ran on the caller's own thread. */
static int runs_inline(void)
{
	struct probe p;
	struct bg_job j = { probe_job, &p };

	bg_submit(&j);
	return !(j.done && pthread_equal(p.thread, pthread_self()) && bg_wait(&j, NULL) == 0);
}

/* The same, the process allowed one CPU alone. */
static int one_cpu_runs_inline(void)
{
	cpu_set_t one;
	int cpu = sched_getcpu();

	CPU_ZERO(&one);
	CPU_SET(cpu < 0 ? 0 : cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) < 0)
		return 2;
	return runs_inline();
}

/* 0 when three jobs ran in order on another thread, the failing one's message
 * returned by bg_wait. */
static int jobs_in_order(void)
{
	struct probe p[2] = { { 0 } };
	struct bg_job a = { probe_job, &p[0] }, b = { failing_job, NULL }, c = { probe_job, &p[1] };
	struct err e;

	memset(&e, 0, sizeof(e));
	bg_submit(&a);
	bg_submit(&b);
	bg_submit(&c);
	if (bg_wait(&c, NULL) != 0 || bg_wait(&b, &e) != -1 || bg_wait(&a, NULL) != 0)
		return 1;
	return !(p[0].order == 1 && p[1].order == 2 && !pthread_equal(p[0].thread, pthread_self()) &&
		 pthread_equal(p[0].thread, p[1].thread) && e.code == 65 &&
		 !strcmp(e.msg, "the job's own message"));
}

/* 0 when the worker started on another CPU than its creator's, and may then go
 * to every CPU the process may. */
static int starts_elsewhere(void)
{
	struct probe p;
	struct bg_job j = { probe_job, &p };
	cpu_set_t mine, its;
	int creator, worker;

	bg_submit(&j);
	bg_wait(&j, NULL);
	bg_start_cpus(&creator, &worker);
	if (sched_getaffinity(0, sizeof(mine), &mine) < 0 ||
	    pthread_getaffinity_np(p.thread, sizeof(its), &its) != 0)
		return 2;
	return !(creator >= 0 && worker >= 0 && creator != worker && CPU_EQUAL(&mine, &its));
}

int main(void)
{
	cpu_set_t set;
	int ncpu = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 1, i, rc;

	unsetenv("EJOURNAL_THREADS");
	CHECK(in_child(one_cpu_runs_inline) == 0, "a process that may use one CPU runs its jobs inline");
	setenv("EJOURNAL_THREADS", "1", 1);
	CHECK(in_child(runs_inline) == 0, "EJOURNAL_THREADS=1 runs the jobs inline");
	unsetenv("EJOURNAL_THREADS");
	if (ncpu < 2) {
		printf("ok - (one CPU here: the background thread's cases are skipped)\n");
		return unit_failures != 0;
	}
	CHECK(in_child(jobs_in_order) == 0, "jobs run on the background thread in the order given, failures returned");
	/* Left to the scheduler, on a virtual machine, a third of the workers
	 * started on their creator's CPU. */
	for (i = 0, rc = 0; i < 40 && !rc; i++)
		rc = in_child(starts_elsewhere);
	CHECK(rc == 0, "the worker starts on another CPU than its creator's, then may use them all (40 runs)");
	return unit_failures != 0;
}
