/*
 * conf.h: the loaded configuration.  conf.c reads the daemon settings,
 * channels, policies and contacts; conf_plan.c reads departments and
 * obligations.  Everything hangs off one arena and is replaced whole on reload.
 */
#ifndef DUBAN_CONF_H
#define DUBAN_CONF_H

#include <stdio.h>

#include "cal.h"
#include "date.h"

#define ID_MAX		32

struct person {
	const char	*name;
	const char	*email;
	const char	*mobile;
};

struct dept {
	const char	 *id;
	const char	 *name;
	const char	**aliases;
	int		  naliases;
	/* From contacts.conf; has_contacts is 0 when the department has none. */
	int		  has_contacts;
	const char	**emails;
	int		  nemails;
	const char	**mobiles;
	int		  nmobiles;
	int		  wecom;		/* channel index or -1 */
	struct person	  head;
	int		  leader;		/* leader index or -1 */
	const char	 *file;
	int		  line;
};

struct leader {
	const char	*id;
	const char	*name;		/* the office: 镇长, 分管副镇长 ... */
	const char	*person;
	const char	*email;
	const char	*mobile;
	int		 wecom;		/* channel index or -1 */
	int		 first_responsible;
};

struct dgroup {
	const char	*id;
	int		*depts;
	int		 ndepts;
};

enum chan_type {
	CHAN_LOG, CHAN_WECOM, CHAN_WEBHOOK, CHAN_DINGTALK, CHAN_FEISHU,
	CHAN_SMTP
};

struct channel {
	const char	*id;
	enum chan_type	 type;
	const char	*url;		/* without secrets */
	const char	*secret_file;	/* key, token or password file */
	const char	*format;	/* "text" or "markdown" */
	const char	*proxy;
	const char	*ca_file;	/* extra CA bundle (a town's own relay) */
	int		 timeout_ms;
	/* smtp */
	const char	*username;
	const char	*from;
	const char	*tls;		/* "starttls" or "tls" */
	const char	*file;
	int		 line;
};

struct ladder {				/* reminder offsets before a due date */
	const char	*name;
	struct dur	*steps;
	int		 nsteps;
};

enum target {
	TGT_LEAD = 1 << 0, TGT_LEAD_HEAD = 1 << 1, TGT_COOPERATING = 1 << 2,
	TGT_SUPERVISOR = 1 << 3, TGT_LEADER = 1 << 4, TGT_FIRST = 1 << 5
};

struct esc_level {
	struct dur	 after;		/* after the due date */
	struct dur	 repeat;	/* 0: once */
	unsigned	 targets;	/* enum target bits */
};

struct esc_policy {
	const char	 *name;
	struct esc_level *levels;
	int		  nlevels;
};

enum sched_kind {
	SK_ONCE, SK_YEARLY, SK_SEMIANNUAL, SK_QUARTERLY, SK_MONTHLY, SK_EVERY,
	SK_CASE, SK_EXPIRY
};

struct schedule {
	enum sched_kind	 kind;
	day_t		 due;		/* once */
	int		 month, mday;	/* yearly on a month-day */
	int		 quarter;	/* yearly by the end of quarter N */
	struct dur	 grace;		/* after a period's end */
	struct dur	 every;		/* every */
	day_t		 anchor;
	struct dur	 limit;		/* case */
	struct dur	 extension;
	int		 has_extension;
	struct dur	 before;	/* expiry */
	day_t		 from;		/* DAY_NONE: from tracking start */
	day_t		 until;		/* DAY_NONE: open-ended */
};

enum req_kind { REQ_ONCE, REQ_COUNT, REQ_AMOUNT };

struct require {
	enum req_kind	 kind;
	double		 at_least;
	const char	*unit;
	int		 pace;
};

struct obligation {
	const char		*id;
	const char		*clause;
	const char		*title;
	const char		*note;
	const int		*lead;		/* department indices (shared) */
	int			 nlead;
	const int		*coop;
	int			 ncoop;
	const char		*lead_groups;	/* "relevant" etc., for display */
	int			 each_lead;
	struct schedule		 sched;
	struct require		 req;
	const struct ladder	*remind;
	const struct esc_policy	*escalate;
	enum restday		 restday;
	const char		*file;
	int			 line;
};

struct config {
	struct arena		*arena;
	struct cal		*cal;
	const char		*path;		/* main file */
	const char		*dir;		/* its directory */
	const char		*timezone;
	struct tz		*tz;		/* for every local time */
	const char		*database;
	const char		*holidays;	/* directory */
	const char		*socket;	/* control socket path */
	const char		*evidence_hash;	/* "sha256" or "sm3" */
	int			 send_minute;	/* minutes after midnight */
	int			 quiet_start, quiet_end;	/* -1: none */
	enum restday		 restday;
	int			 supervisor;	/* department index */
	int			 mail_channel;	/* channel index or -1 */
	int			 fallback_channel;
	const char		*templates[3];	/* msg.h MSG_*; NULL: default */

	struct dept		*depts;
	int			 ndepts;
	struct leader		*leaders;
	int			 nleaders;
	struct dgroup		*groups;
	int			 ngroups;
	struct channel		*channels;
	int			 nchannels;
	struct ladder		*ladders;
	int			 nladders;
	struct esc_policy	*escs;
	int			 nescs;
	struct obligation	*obls;
	int			 nobls;
	int			*obl_index;	/* obls sorted by id */
};

/*
 * Load and validate.  On failure returns NULL and prints every error found
 * ("file:line: what is wrong") to the errors stream.  today is used only for
 * checks that depend on the date (holiday data for years already past).
 */
struct config	*conf_load(const char *path, day_t today, FILE *errors);
/*
 * Only the settings of the main file that commands needing no plan use:
 * timezone (cfg->tz may be NULL), database and socket.  The plan is not
 * read, nor anything else checked.  NULL after "path: cannot read: why".
 */
struct config	*conf_load_settings(const char *path, FILE *errors);
/* Warnings (missing holiday years, empty groups) on or off: dubanctl keeps
 * them for check-config so that every other command stays quiet. */
void		 conf_set_warnings(int);
void		 conf_free(struct config *);

int		 conf_find_dept(const struct config *, const char *idnamealias);
int		 conf_find_obligation(const struct config *, const char *id);
int		 conf_find_channel(const struct config *, const char *id);
int		 conf_find_leader(const struct config *, const char *id);
/* The earliest year the schedules reach: this year, or an obligation's
 * earlier from date or once due date (for the provisional-year checks). */
int		 conf_first_year(const struct config *, day_t today);
const char	*conf_chan_type_name(enum chan_type);
const char	*conf_sched_kind_name(enum sched_kind);
const char	*conf_req_kind_name(enum req_kind);

#endif
