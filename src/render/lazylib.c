/* Loading libxlsxwriter and libharu when they are first needed (see lazylib.h). */
#include <dlfcn.h>
#include <stddef.h>
#include "lazylib.h"
#include "../util/error.h"

#ifndef XLSX_SONAME
#define XLSX_SONAME "libxlsxwriter.so.4"
#endif
#ifndef HPDF_SONAME
#define HPDF_SONAME "libhpdf-2.3.0.so"
#endif

struct lazylib lazy_xlsx = { XLSX_SONAME, N_("XLSX output"), "libxlsxwriter4", NULL, { 0 }, 0, NULL };
struct lazylib lazy_hpdf = { HPDF_SONAME, N_("PDF output"), "libhpdf-2.3.0", NULL, { 0 }, 0, NULL };

/* The background's part: the job touches only lib->preloaded, which is read only
 * once it is waited for (preload_wait). */
static int preload_job(void *arg, struct err *e)
{
	struct lazylib *lib = arg;

	(void)e;
	lib->preloaded = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	return 0;
}

void lazylib_preload(struct lazylib *lib)
{
	if (lib->handle || lib->preloading)
		return;
	lib->job.fn = preload_job;
	lib->job.arg = lib;
	lib->preloading = 1;
	bg_submit(&lib->job);
}

/* The end of a command: a preload whose library was never needed is waited for,
 * so that the process does not end in the middle of it. */
static void preload_wait(struct lazylib *lib)
{
	if (!lib->preloading)
		return;
	bg_wait(&lib->job, NULL);
	lib->preloading = 0;
	if (!lib->handle)
		lib->handle = lib->preloaded;
}

void lazylib_settle(void)
{
	preload_wait(&lazy_xlsx);
	preload_wait(&lazy_hpdf);
}

void *lazylib_resolve(struct lazylib *lib, const char *name, void **cache)
{
	void *p;

	if (!lib->handle) {
		/* Not bg_wait() for the preload: on a busy machine the background
		 * thread may wait for a CPU long after its dlopen() is over. The
		 * loader makes this dlopen() wait for that one while it runs, and
		 * returns its library once it is over (or loads it here, when the
		 * job has not started yet: its own dlopen() then finds it loaded). */
		lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
		if (!lib->handle)
			die(EX_OSERR_, "%s needs %s, which cannot be loaded (%s): install the Debian package %s",
			    _(lib->what), lib->soname, dlerror(), lib->package);
		/* Loaded: the job's end, if it is not over, is not waited for. */
		lib->preloading = 0;
	}
	p = dlsym(lib->handle, name);
	if (!p)
		die(EX_OSERR_, "%s needs %s from %s, which it does not have: install the Debian package %s",
		    _(lib->what), name, lib->soname, lib->package);
	*cache = p;
	return p;
}
