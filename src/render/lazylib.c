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

struct lazylib lazy_xlsx = { XLSX_SONAME, N_("XLSX output"), "libxlsxwriter4", NULL };
struct lazylib lazy_hpdf = { HPDF_SONAME, N_("PDF output"), "libhpdf-2.3.0", NULL };

void *lazylib_resolve(struct lazylib *lib, const char *name, void **cache)
{
	void *p;

	if (!lib->handle) {
		lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
		if (!lib->handle)
			die(EX_OSERR_, "%s needs %s, which cannot be loaded (%s): install the Debian package %s",
			    _(lib->what), lib->soname, dlerror(), lib->package);
	}
	p = dlsym(lib->handle, name);
	if (!p)
		die(EX_OSERR_, "%s needs %s from %s, which it does not have: install the Debian package %s",
		    _(lib->what), name, lib->soname, lib->package);
	*cache = p;
	return p;
}
