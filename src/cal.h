/*
 * cal.h: the working-day calendar: weekends, official holidays and make-up
 * working days (调休) from the State Council's yearly notices, and for a
 * year without a notice a provisional calendar: the statutory holidays of
 * 《全国年节及纪念日放假办法》 and weekends.
 */
#ifndef DUBAN_CAL_H
#define DUBAN_CAL_H

#include "date.h"

enum day_kind { DAY_WEEKDAY, DAY_WEEKEND, DAY_HOLIDAY, DAY_MAKEUP };

/* How a due date that falls on a rest day moves. */
enum restday { RESTDAY_KEEP, RESTDAY_PREVIOUS, RESTDAY_NEXT };

struct cal;

struct cal	*cal_new(void);
void		 cal_free(struct cal *);
/* Load every YYYY.txt in dir; errors are "file:line: text" in err. */
int		 cal_load_dir(struct cal *, const char *dir, char *err, size_t);
int		 cal_load_file(struct cal *, const char *path, int year,
		    char *err, size_t);
int		 cal_has_year(const struct cal *, int year);
int		 cal_last_year(const struct cal *);	/* 0 when none */
int		 cal_nyears(const struct cal *);
/* The missing year has been reported: do not warn about it again. */
void		 cal_quiet_year(struct cal *, int year);

/*
 * A year with no holidays/YYYY.txt is provisional: its kinds come from the
 * law (元旦, 春节 from 除夕, 清明, 劳动节, 端午, 中秋, 国庆) and weekends, with
 * no make-up days, until the notice is added.
 */
int		 cal_year_provisional(const struct cal *, int year);
int		 cal_is_provisional(const struct cal *, day_t);
/* The provisional years in from..to: up to max in years[], returns how
 * many there are (which may be more than max). */
int		 cal_provisional_years(const struct cal *, int from, int to,
		    int *years, int max);

/* Does a date computed from a to b (in either order) rest on a provisional
 * year: is any year from a's to b's provisional? */
int		 cal_span_provisional(const struct cal *, day_t a, day_t b);

/* A day's kind; a provisional holiday is DAY_HOLIDAY. */
enum day_kind	 cal_kind(struct cal *, day_t);
const char	*cal_kind_name(enum day_kind);
int		 cal_is_workday(struct cal *, day_t);
/* The n-th working day after day (n > 0) or before it (n < 0); n = 0: day. */
day_t		 cal_add_workdays(struct cal *, day_t, int n);
/* day itself when it is a working day, else the previous / next one. */
day_t		 cal_prev_workday(struct cal *, day_t);
day_t		 cal_next_workday(struct cal *, day_t);
day_t		 cal_adjust(struct cal *, day_t, enum restday);
/* day + dur (sign = +1) or day - dur (sign = -1). */
day_t		 cal_shift(struct cal *, day_t, const struct dur *, int sign);
/* Working days in (a, b]: how many working days from a to b. */
int		 cal_workdays_between(struct cal *, day_t a, day_t b);

#endif
