/* Messages in the user's language (gettext, glibc's libintl): the reporting
 * functions (error.h, parseopt.h) translate their formats, so a call site writes
 * its English message as it is; N_() marks a message kept in a table, which its
 * printer translates. Documents are Russian and never pass through here. */
#ifndef EJ_I18N_H
#define EJ_I18N_H

#define EJ_TEXTDOMAIN "ejournal"

/* Chooses the language of messages from LC_ALL, LC_MESSAGES and LANG (only the
 * messages: numbers, collation and character classes stay those of "C"), and the
 * catalog: the build tree's (build/locale beside bin/) for a binary run from it,
 * else LOCALEDIR. Call once, first thing in main. */
void i18n_init(void);

/* s in the user's language; s itself when it has no translation, or when the
 * language is English (the C locale), the only case that reads no catalog. */
const char *ej_gettext(const char *s) __attribute__((format_arg(1)));

#define _(s) ej_gettext(s)
#define N_(s) (s)

#endif
