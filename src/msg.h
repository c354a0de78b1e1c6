/*
 * msg.h: the words of a notice.  Default texts are Chinese; the
 * administrator may replace them with templates in duban.conf.
 */
#ifndef DUBAN_MSG_H
#define DUBAN_MSG_H

#include <stddef.h>

#include "conf.h"

struct msgfacts {
	const char	*heading;	/* 督办提醒, 逾期提醒, 督办通知 ... */
	const char	*title;
	const char	*period;
	const char	*clause;
	const char	*occurrence;
	const char	*lead;		/* department names */
	const char	*cooperating;
	day_t		 due;
	day_t		 today;
	const char	*req_kind;	/* once, count, amount */
	double		 required;
	double		 progress;
	const char	*unit;
};

enum msg_kind { MSG_REMINDER, MSG_ESCALATION, MSG_PACE };

/* The notice; its first line is the subject.  malloc'd. */
char	*msg_render(const struct config *, enum msg_kind,
	    const struct msgfacts *);
/* Several notices to one recipient as one digest.  malloc'd. */
char	*msg_digest(char *const *texts, int n);
/* The first line of a text (the subject).  malloc'd. */
char	*msg_subject(const char *text);
/* Split text into parts of at most max bytes, on line or character
 * boundaries, each marked "（第 i/n 部分）" when there is more than one.
 * Returns the number of parts; *parts is a malloc'd array of malloc'd
 * strings. */
int	 msg_split(const char *text, size_t max, char ***parts);
/*
 * A notice queued on one day and sent on a later one (retries, a robot's
 * limit, quiet hours) must still count its days right: move every
 * "还有 N 天", "今天到期" and "已逾期 N 天" that {remaining} produced by
 * shift days (send day minus queue day).  Other text is kept as it is
 * ({days} alone cannot be told from any other number).  malloc'd.
 */
char	*msg_redate(const char *text, int shift);
/* The notices a message holds: a digest's items, or the text itself.
 * Returns their number; *items is a malloc'd array of malloc'd strings. */
int	 msg_items(const char *text, char ***items);
/* The default templates, for documentation and tests. */
extern const char *const msg_default_templates[3];

#endif
