/*
 * conf_int.h: what conf.c and conf_plan.c share while reading a file.  Not
 * for other modules: they see only the finished struct config of conf.h.
 */
#ifndef DUBAN_CONF_INT_H
#define DUBAN_CONF_INT_H

#include <libconfig.h>

#include "arena.h"
#include "conf.h"
#include "log.h"

struct confctx {
	struct config	*cfg;
	struct arena	*a;
	config_t	 lc;
	FILE		*errors;
	int		 nerrors;
	day_t		 today;
	int		 holidays_bad;	/* a holiday file was refused */
};

void	 cerr(struct confctx *, const config_setting_t *, const char *, ...)
	    PRINTFLIKE(3, 4);
void	 check_keys(struct confctx *, const config_setting_t *,
	    const char *const *allowed);
const char *get_str(struct confctx *, const config_setting_t *group,
	    const char *name, int required, const char *def);
const char **get_str_array(struct confctx *, const config_setting_t *group,
	    const char *name, int *count);
int	 get_bool(struct confctx *, const config_setting_t *, const char *, int);
int	 get_id(struct confctx *, const config_setting_t *group,
	    const char **out);
int	 get_date(struct confctx *, const config_setting_t *, const char *,
	    day_t *out);
int	 get_dur(struct confctx *, const config_setting_t *, const char *,
	    struct dur *out, int required);
int	 check_text(struct confctx *, const config_setting_t *, const char *,
	    const char *what);
int	 parse_restday(const char *, enum restday *);
/* Which line to blame: the setting's own, or its nearest parent's. */
int	 setting_line(const config_setting_t *);
const char *setting_file(struct confctx *, const config_setting_t *);

int	 conf_warnings_on(void);

/* conf_lex.c: what libconfig 1.5 cannot be trusted with. */
/* Why path cannot be opened as a configuration file, or NULL. */
const char *lex_unreadable(const char *path);
/* Check path and every file it @includes (from dir) is a regular readable
 * file; errors "file:line: ..." to errors; returns how many. */
int	 lex_check_includes(const char *path, const char *dir, FILE *errors);
/* A hint for a libconfig syntax error on line of text: 1 with it in buf. */
int	 lex_hint(const char *text, size_t len, int line, char *buf, size_t);
int	 lex_hint_file(const char *path, int line, char *buf, size_t);
/* The top-level string settings names[] of the main file alone (no
 * @include followed), malloc'ed into values[] (NULL: not set); -1 with
 * errno when it cannot be read. */
int	 lex_settings(const char *path, const char *const *names,
	    char **values);

/* conf_plan.c */
void	 plan_load_departments(struct confctx *);
void	 plan_load_obligations(struct confctx *);
void	 plan_check_holiday_years(struct confctx *);

#endif
