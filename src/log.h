/* log.h: the small logging module (after OpenBSD and tmux). */
#ifndef DUBAN_LOG_H
#define DUBAN_LOG_H

#include <stdarg.h>

#define PRINTFLIKE(a, b) __attribute__((format(printf, a, b)))

/*
 * verbose: 0 = warnings and info, 1 = debug too.  journal: prefix each line
 * with the <N> priority that journald understands (auto-detected by
 * log_init when stderr is connected to the journal).
 */
void	log_init(const char *progname, int verbose);
void	log_set_quiet(int);
void	log_warn(const char *, ...) PRINTFLIKE(1, 2);	/* appends strerror */
void	log_warnx(const char *, ...) PRINTFLIKE(1, 2);
void	log_info(const char *, ...) PRINTFLIKE(1, 2);
void	log_debug(const char *, ...) PRINTFLIKE(1, 2);
void	log_notice(const char *, ...) PRINTFLIKE(1, 2);
void	log_vwrite(int pri, const char *, va_list);
__attribute__((noreturn)) void fatal(const char *, ...) PRINTFLIKE(1, 2);
__attribute__((noreturn)) void fatalx(const char *, ...) PRINTFLIKE(1, 2);

#endif
