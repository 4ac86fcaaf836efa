/* libxlsxwriter and libharu, loaded when a workbook or a PDF is first made. Linked
 * at startup, they and the libcrypto.so libxlsxwriter pulls in cost every command
 * a millisecond of the dynamic loader's time: more than a day's mark spends on its
 * own work. A renderer includes this header after the library's own, and each
 * function it names resolves once, on its first call, to the library's; the
 * declarations of the library's header keep every call type-checked. */
#ifndef EJ_LAZYLIB_H
#define EJ_LAZYLIB_H

#include "../util/bg.h"

struct lazylib {
	const char *soname;	/* libxlsxwriter.so.4 */
	const char *what;	/* "XLSX output" */
	const char *package;	/* the Debian package that ships it */
	void *handle;
	/* lazylib_preload's job, and what it opened */
	struct bg_job job;
	int preloading;
	void *preloaded;
};

extern struct lazylib lazy_xlsx, lazy_hpdf;

/* Starts loading lib on the background thread, for a command that will write
 * with it: the loader's millisecond (libxlsxwriter binds every symbol of itself
 * and of the libcrypto.so it pulls in) passes while the command reads the
 * journal. The first function resolved opens it again on the command's thread,
 * which the loader makes wait for the job's dlopen() while it runs (and no
 * longer: not for the thread to be scheduled again); lazylib_settle() waits for
 * the job at the end of a command that did not need the library after all. */
void lazylib_preload(struct lazylib *lib);
void lazylib_settle(void);

/* The address of name in lib, loaded on first use; dies (EX_OSERR_) naming the
 * package to install when the library or the function is missing. */
void *lazylib_resolve(struct lazylib *lib, const char *name, void **cache);

static inline void *lazylib_sym(struct lazylib *lib, const char *name, void **cache)
{
	return *cache ? *cache : lazylib_resolve(lib, name, cache);
}

/* LAZY(lib, fn): the library's fn, with the type its header declares. */
#define LAZY(lib, fn) (*(__typeof__(&fn))lazylib_sym(&lib, #fn, &lazy_ptr_##fn))
/* LAZY_PTR(fn): where the address of fn is kept once resolved. */
#define LAZY_PTR(fn) static void *lazy_ptr_##fn __attribute__((unused))

#endif
