/* The background worker (see bg.h): a queue under a mutex, one condition for new
 * jobs and one for finished ones. The thread is started by the first job and ends
 * with the process. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bg.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queued = PTHREAD_COND_INITIALIZER, finished = PTHREAD_COND_INITIALIZER;
static struct bg_job *head, *tail;
static int state;		/* 0 not started, 1 running, -1 none: run jobs inline */

static void run(struct bg_job *j)
{
	memset(&j->e, 0, sizeof(j->e));
	j->rc = j->fn(j->arg, &j->e);
}

static void *worker(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&lock);
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

/* Called with lock held. */
static void start(void)
{
	const char *env = getenv("EJOURNAL_THREADS");
	pthread_attr_t attr;
	pthread_t th;

	state = -1;
	if ((env && !strcmp(env, "1")) || sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return;
	if (pthread_attr_init(&attr) != 0)
		return;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &attr, worker, NULL) == 0)
		state = 1;
	pthread_attr_destroy(&attr);
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
