/* Class names: "5А", a grade and its letters; typed forms made canonical. */
#ifndef EJ_CLASSNAME_H
#define EJ_CLASSNAME_H
#include "../util/error.h"

/* Normalises a class name typed by a user: Latin look-alikes and lower-case
 * Cyrillic become upper-case Cyrillic ("5a" -> "5А"). Returns a new string, or
 * NULL with e filled when it is not a grade 1-11 followed by letters. */
char *class_normalize(const char *s, struct err *e);
/* Returns the grade number at the start of a class name, or 0. */
int class_grade(const char *cls);

#endif
