/*
 * route.h: who receives an alert, and through which channels.  Targets
 * (lead departments, their heads, the supervising office, leaders in charge,
 * first responsible persons) become destinations: a WeCom robot with the
 * mobiles to @mention, an e-mail with To and Cc, or the fallback channel for
 * anyone with no contact, so no notice silently goes nowhere.
 */
#ifndef DUBAN_ROUTE_H
#define DUBAN_ROUTE_H

#include "conf.h"

struct dest {
	int	 channel;	/* index in cfg->channels */
	char	*key;		/* destinations with one key get one message */
	char	*to;		/* e-mail addresses, space separated */
	char	*cc;
	char	*mentions;	/* mobiles, space separated */
	char	*recipient;	/* for people: "组织办、法制办" */
};

struct dests {
	struct dest	*v;
	int		 n;
};

/*
 * Destinations for targets (enum target bits) of an occurrence with these
 * lead and cooperating departments (indices).
 */
void	route_alert(const struct config *, unsigned targets, const int *lead,
	    int nlead, const int *coop, int ncoop, struct dests *);
void	route_free(struct dests *);
/* The e-mail addresses a failure report goes to: the supervising office's,
 * when the fallback channel is mail ("" otherwise).  malloc'd. */
char	*route_report_to(const struct config *);
/* "组织办、法制办（负责人）、分管副镇长" for the alert's recipients column. */
char	*route_label(const struct dests *);

/*
 * Who can be reached only through the fallback channel (in practice: only
 * the journal): every department, department head and leader whose notices
 * route_alert would put on the fallback channel alone.  fn (may be NULL) is
 * called for each with its kind, its index (cfg->depts or cfg->leaders)
 * and a label ("法制办（负责人）").  Returns how many.  check-config lists
 * them, status counts them, duband warns at start.
 */
enum route_unreach { UNREACH_DEPT, UNREACH_HEAD, UNREACH_LEADER };
typedef void	(*route_unreach_fn)(void *arg, enum route_unreach, int index,
		    const char *label);
int	route_unreachable(const struct config *, route_unreach_fn, void *arg);
/* No department reaches anything but the fallback channel: 1, else 0. */
int	route_no_real_channel(const struct config *);

#endif
