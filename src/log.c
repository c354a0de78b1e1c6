/*
 * log.c: every diagnostic goes through here, to stderr.  Under systemd the
 * lines carry journald's <N> priority prefix, so the journal shows warnings as
 * warnings; on a terminal they carry the program name instead.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "inert.h"
#include "log.h"
#include "utf8.h"

/* A log line, before and after inert.c: whatever a server sent that ends
 * up in a message cannot start a journal line of its own (with a forged
 * <N> priority) or drive a terminal. */
#define LOG_LINE	2048
#define LOG_CHARS	1500

static const char *log_prog = "duban";
static int log_verbose;
static int log_journal;
static int log_quiet;

void
log_init(const char *progname, int verbose)
{
	const char *js = getenv("JOURNAL_STREAM");

	log_prog = progname;
	log_verbose = verbose;
	/* systemd sets JOURNAL_STREAM when stderr is the journal. */
	log_journal = js != NULL && *js != '\0';
}

void
log_set_quiet(int quiet)
{
	log_quiet = quiet;
}

/* Write one line: its prefix, then the text made inert. */
static void
log_line(int pri, const char *text)
{
	char safe[LOG_LINE * 2];

	text_inert(safe, sizeof(safe), text, LOG_CHARS);
	if (log_journal)
		fprintf(stderr, "<%d>%s\n", pri, safe);
	else
		fprintf(stderr, "%s: %s\n", log_prog, safe);
	fflush(stderr);
}

void
log_vwrite(int pri, const char *fmt, va_list ap)
{
	char buf[LOG_LINE];
	int saved = errno;

	if (pri == LOG_DEBUG && !log_verbose)
		return;
	if (log_quiet && pri > LOG_WARNING)
		return;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	utf8_trim(buf);		/* a cut character is not the server's */
	log_line(pri, buf);
	errno = saved;
}

static void
log_with_errno(int pri, const char *fmt, va_list ap)
{
	char buf[LOG_LINE];
	int saved = errno;
	size_t n;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	utf8_trim(buf);
	n = strlen(buf);
	snprintf(buf + n, sizeof(buf) - n, ": %s", strerror(saved));
	log_line(pri, buf);
	errno = saved;
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_with_errno(LOG_WARNING, fmt, ap);
	va_end(ap);
}

#define LOG_FN(name, pri)				\
void							\
name(const char *fmt, ...)				\
{							\
	va_list ap;					\
							\
	va_start(ap, fmt);				\
	log_vwrite(pri, fmt, ap);			\
	va_end(ap);					\
}
LOG_FN(log_warnx, LOG_WARNING)
LOG_FN(log_info, LOG_INFO)
LOG_FN(log_notice, LOG_NOTICE)
LOG_FN(log_debug, LOG_DEBUG)

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_with_errno(LOG_CRIT, fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, fmt, ap);
	va_end(ap);
	exit(1);
}
