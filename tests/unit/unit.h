/*
 * unit.h: a minimal unit-test harness.  Each TEST is a function; CHECK
 * records a failure with file:line and carries on; main() runs the tests
 * listed in RUN and prints one "PASS name" or "FAIL name" line each, which
 * tests/run.sh counts.
 */
#ifndef DUBAN_UNIT_H
#define DUBAN_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed;

#define TEST(name)	static void name(void)
#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "  %s:%d: CHECK(%s) failed\n",		\
		    __FILE__, __LINE__, #cond);				\
		unit_failed = 1;					\
	}								\
} while (0)
#define CHECK_INT(a, b) do {						\
	long long a_ = (long long)(a), b_ = (long long)(b);		\
	if (a_ != b_) {							\
		fprintf(stderr, "  %s:%d: %s == %lld, expected %lld\n",	\
		    __FILE__, __LINE__, #a, a_, b_);			\
		unit_failed = 1;					\
	}								\
} while (0)
#define CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {		\
		fprintf(stderr, "  %s:%d: %s == \"%s\", expected \"%s\"\n", \
		    __FILE__, __LINE__, #a, a_ ? a_ : "(null)",		\
		    b_ ? b_ : "(null)");				\
		unit_failed = 1;					\
	}								\
} while (0)

static int unit_total_failed;

#define RUN(name) do {							\
	unit_failed = 0;						\
	name();								\
	printf("%s %s\n", unit_failed ? "FAIL" : "PASS", #name);	\
	unit_total_failed |= unit_failed;				\
} while (0)

#define UNIT_EXIT()	return unit_total_failed ? 1 : 0

#endif
