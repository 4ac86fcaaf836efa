/* The background worker (see bg.h): a queue under a mutex, one condition for new
 * jobs and one for finished ones. The thread is started by the first job and ends
 * with the process.
 *
 * It starts on another CPU than its creator's. Left to the scheduler, a new thread
 * on a virtual machine whose other CPU is halted (which the guest sees as taken by
 * the host) was queued behind the command's thread in a third of runs, and waited
 * there for the load balancer, milliseconds: the whole school's fill then ran on
 * one CPU. Once running it may go to any CPU the process may use, so that a busy
 * machine can still move it. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bg.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queued = PTHREAD_COND_INITIALIZER, finished = PTHREAD_COND_INITIALIZER;
static struct bg_job *head, *tail;
static int state;		/* 0 not started, 1 running, -1 none: run jobs inline */
static cpu_set_t allowed;	/* the CPUs the process may use */
static int has_mask;		/* allowed is known */
static int start_cpu[2] = { -1, -1 };	/* the creator's and the worker's first */

static void run(struct bg_job *j)
{
	memset(&j->e, 0, sizeof(j->e));
	j->rc = j->fn(j->arg, &j->e);
}

static void *worker(void *unused)
{
	int cpu = sched_getcpu();

	(void)unused;
	if (has_mask)
		pthread_setaffinity_np(pthread_self(), sizeof(allowed), &allowed);
	pthread_mutex_lock(&lock);
	start_cpu[1] = cpu;
	for (;;) {
		struct bg_job *j;
		while (!head)
			pthread_cond_wait(&queued, &lock);
		j = head;
		head = j->next;
		if (!head)
			tail = NULL;
		pthread_mutex_unlock(&lock);
		run(j);
		pthread_mutex_lock(&lock);
		j->done = 1;
		pthread_cond_broadcast(&finished);
	}
	return NULL;
}

/* How many CPUs the process may use (a taskset, a cgroup's cpuset), not how many
 * the machine has; allowed is filled when the kernel told (has_mask). */
static long usable_cpus(void)
{
	if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0) {
		has_mask = 1;
		return CPU_COUNT(&allowed);
	}
	return sysconf(_SC_NPROCESSORS_ONLN);	/* more CPUs than a cpu_set_t holds */
}

/* Called with lock held. */
static void start(void)
{
	const char *env = getenv("EJOURNAL_THREADS");
	pthread_attr_t attr;
	pthread_t th;
	int pinned = 0, rc;

	state = -1;
	if ((env && !strcmp(env, "1")) || usable_cpus() < 2 || pthread_attr_init(&attr) != 0)
		return;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	start_cpu[0] = sched_getcpu();
	if (has_mask && start_cpu[0] >= 0 && CPU_ISSET(start_cpu[0], &allowed)) {
		cpu_set_t other = allowed;
		CPU_CLR(start_cpu[0], &other);
		pinned = pthread_attr_setaffinity_np(&attr, sizeof(other), &other) == 0;
	}
	rc = pthread_create(&th, &attr, worker, NULL);
	/* Refused pinned, not for want of a thread: started on any allowed CPU. */
	if (rc && pinned && pthread_attr_setaffinity_np(&attr, sizeof(allowed), &allowed) == 0)
		rc = pthread_create(&th, &attr, worker, NULL);
	if (!rc)
		state = 1;
	pthread_attr_destroy(&attr);
}

void bg_start_cpus(int *creator, int *worker_cpu)
{
	pthread_mutex_lock(&lock);
	*creator = start_cpu[0];
	*worker_cpu = start_cpu[1];
	pthread_mutex_unlock(&lock);
}

void bg_submit(struct bg_job *j)
{
	j->done = 0;
	j->next = NULL;
	pthread_mutex_lock(&lock);
	if (!state)
		start();
	if (state < 0) {
		pthread_mutex_unlock(&lock);
		run(j);
		j->done = 1;
		return;
	}
	if (tail)
		tail->next = j;
	else
		head = j;
	tail = j;
	pthread_cond_signal(&queued);
	pthread_mutex_unlock(&lock);
}

int bg_wait(struct bg_job *j, struct err *e)
{
	pthread_mutex_lock(&lock);
	while (!j->done)
		pthread_cond_wait(&finished, &lock);
	pthread_mutex_unlock(&lock);
	if (j->rc < 0 && e)
		*e = j->e;
	return j->rc;
}
