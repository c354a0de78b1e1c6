/*
 * conf.c: reads duban.conf and the files it includes with libconfig, checks
 * every value, and builds the struct config the rest of duban uses.  Errors
 * are reported like a compiler's, "file:line: what is wrong", all of them in
 * one pass, and a configuration with any error is refused whole.
 *
 * This file handles the daemon settings, channels, reminder and escalation
 * policies, leaders, contacts and groups; conf_plan.c handles departments and
 * obligations.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf_int.h"
#include "secret.h"
#include "utf8.h"
#include "xmalloc.h"

int
setting_line(const config_setting_t *s)
{
	for (; s != NULL; s = config_setting_parent(s))
		if (config_setting_source_line(s) > 0)
			return config_setting_source_line(s);
	return 0;
}

/*
 * libconfig names an included file as its @include line wrote it, relative
 * to the folder of duban.conf, and frees the name in config_destroy: name it
 * from where duban runs, like the main file, in memory that lasts as long as
 * the configuration (struct dept and struct obligation keep it).
 */
static const char *
file_name(struct confctx *cx, const char *f)
{
	char *full;
	const char *r;

	if (f == NULL || strcmp(f, cx->cfg->path) == 0)
		return cx->cfg->path;
	/* With include_dir set, libconfig reads "/x.conf" as DIR/x.conf. */
	xasprintf(&full, "%s/%s", cx->cfg->dir, f[0] == '/' ? f + 1 : f);
	r = arena_intern(cx->a, full);	/* once, not once per obligation */
	free(full);
	return r;
}

const char *
setting_file(struct confctx *cx, const config_setting_t *s)
{
	const char *f;

	for (; s != NULL; s = config_setting_parent(s))
		if ((f = config_setting_source_file(s)) != NULL)
			return file_name(cx, f);
	return cx->cfg->path;
}

void
cerr(struct confctx *cx, const config_setting_t *s, const char *fmt, ...)
{
	va_list ap;

	cx->nerrors++;
	if (cx->nerrors > 50)
		return;
	if (s != NULL)
		fprintf(cx->errors, "%s:%d: ", setting_file(cx, s),
		    setting_line(s));
	else
		fprintf(cx->errors, "%s: ", cx->cfg->path);
	va_start(ap, fmt);
	vfprintf(cx->errors, fmt, ap);
	va_end(ap);
	fputc('\n', cx->errors);
}

void
check_keys(struct confctx *cx, const config_setting_t *g,
    const char *const *allowed)
{
	const config_setting_t *s;
	const char *const *k;
	int i;

	if (g == NULL || !config_setting_is_group(g))
		return;
	for (i = 0; (s = config_setting_get_elem(g, i)) != NULL; i++) {
		for (k = allowed; *k != NULL; k++)
			if (strcmp(*k, config_setting_name(s)) == 0)
				break;
		if (*k == NULL)
			cerr(cx, s, "unknown setting \"%s\"",
			    config_setting_name(s));
	}
}

int
check_text(struct confctx *cx, const config_setting_t *s, const char *v,
    const char *what)
{
	if (!utf8_valid(v)) {
		cerr(cx, s, "%s is not valid UTF-8 (save the file as UTF-8)",
		    what);
		return -1;
	}
	if (utf8_has_control(v, 1)) {
		cerr(cx, s, "%s contains control characters", what);
		return -1;
	}
	return 0;
}

const char *
get_str(struct confctx *cx, const config_setting_t *g, const char *name,
    int required, const char *def)
{
	const config_setting_t *s = config_setting_get_member(g, name);
	const char *v;

	if (s == NULL) {
		if (required)
			cerr(cx, g, "missing \"%s\"", name);
		return def ? arena_intern(cx->a, def) : NULL;
	}
	if ((v = config_setting_get_string(s)) == NULL) {
		cerr(cx, s, "\"%s\" must be a string in double quotes", name);
		return def ? arena_strdup(cx->a, def) : NULL;
	}
	if (check_text(cx, s, v, name) == -1)
		return def ? arena_strdup(cx->a, def) : NULL;
	return arena_strdup(cx->a, v);
}

const char **
get_str_array(struct confctx *cx, const config_setting_t *g, const char *name,
    int *count)
{
	const config_setting_t *s = config_setting_get_member(g, name), *e;
	const char **out, *v;
	int i, n, k = 0;

	*count = 0;
	if (s == NULL)
		return NULL;
	if (!config_setting_is_aggregate(s)) {
		cerr(cx, s, "\"%s\" must be a list like [\"a\", \"b\"]", name);
		return NULL;
	}
	n = config_setting_length(s);
	out = arena_array(cx->a, n + 1, sizeof(*out));
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, i);
		if ((v = config_setting_get_string(e)) == NULL) {
			cerr(cx, e, "\"%s\": element %d must be a string",
			    name, i + 1);
			continue;
		}
		if (check_text(cx, e, v, name) == -1)
			continue;
		out[k++] = arena_intern(cx->a, v);
	}
	*count = k;
	return out;
}

int
get_bool(struct confctx *cx, const config_setting_t *g, const char *name,
    int def)
{
	const config_setting_t *s = config_setting_get_member(g, name);

	if (s == NULL)
		return def;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		cerr(cx, s, "\"%s\" must be true or false", name);
		return def;
	}
	return config_setting_get_bool(s);
}

static int
valid_id(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > ID_MAX || !isalpha((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

int
get_id(struct confctx *cx, const config_setting_t *g, const char **out)
{
	const char *id = get_str(cx, g, "id", 1, NULL);

	*out = id;
	if (id == NULL)
		return -1;
	if (!valid_id(id)) {
		cerr(cx, config_setting_get_member(g, "id"), "id \"%s\": use "
		    "ASCII letters, digits, _ and -, starting with a letter, "
		    "at most %d characters", id, ID_MAX);
		return -1;
	}
	return 0;
}

int
get_date(struct confctx *cx, const config_setting_t *g, const char *name,
    day_t *out)
{
	const config_setting_t *s = config_setting_get_member(g, name);
	const char *v;

	if (s == NULL)
		return 1;
	v = config_setting_get_string(s);
	if (v == NULL || date_parse(v, out) == -1) {
		cerr(cx, s, "\"%s\": %s%s%s is not a date (YYYY-MM-DD, and the "
		    "day must exist)", name, v ? "\"" : "", v ? v : "value",
		    v ? "\"" : "");
		return -1;
	}
	return 0;
}

int
get_dur(struct confctx *cx, const config_setting_t *g, const char *name,
    struct dur *out, int required)
{
	const config_setting_t *s = config_setting_get_member(g, name);
	const char *v;

	if (s == NULL) {
		if (required)
			cerr(cx, g, "missing \"%s\"", name);
		return 1;
	}
	v = config_setting_get_string(s);
	if (v == NULL || dur_parse(v, out) == -1) {
		cerr(cx, s, "\"%s\": \"%s\" is not a duration (a number and "
		    "d, wd, w or m, e.g. \"7d\", \"20wd\")", name,
		    v ? v : "?");
		return -1;
	}
	return 0;
}

int
parse_restday(const char *v, enum restday *out)
{
	if (strcmp(v, "keep") == 0)
		*out = RESTDAY_KEEP;
	else if (strcmp(v, "previous") == 0)
		*out = RESTDAY_PREVIOUS;
	else if (strcmp(v, "next") == 0)
		*out = RESTDAY_NEXT;
	else
		return -1;
	return 0;
}

static const char *
resolve_path(struct confctx *cx, const char *p)
{
	char *full;
	const char *r;

	if (p == NULL || p[0] == '/' || p[0] == '\0')
		return p;
	xasprintf(&full, "%s/%s", cx->cfg->dir, p);
	r = arena_strdup(cx->a, full);
	free(full);
	return r;
}

/*
 * A holiday file only counts when named YYYY.txt.  One saved as
 * 2027年.txt, 2027.TXT or 2027.txt.txt would be skipped without a word and
 * the year counted as provisional: say so, with the name it needs.
 * Copies left by editors and installs (~, .bak, .new ...) are let be.
 */
static void
warn_misnamed_holidays(const char *dir)
{
	static const char *const leftovers[] = { "~", ".bak", ".orig",
	    ".new", ".old", ".swp", ".dpkg-new", ".dpkg-old", ".dpkg-dist",
	    NULL };
	const char *const *sfx;
	struct dirent *de;
	const char *n;
	size_t len;
	DIR *dp;
	int digits, txt;

	if (!conf_warnings_on() || (dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		n = de->d_name;
		len = strlen(n);
		if (n[0] == '.')
			continue;
		for (sfx = leftovers; *sfx != NULL; sfx++)
			if (len >= strlen(*sfx) &&
			    strcmp(n + len - strlen(*sfx), *sfx) == 0)
				break;
		if (*sfx != NULL)
			continue;
		digits = len >= 4 && isdigit((unsigned char)n[0]) &&
		    isdigit((unsigned char)n[1]) &&
		    isdigit((unsigned char)n[2]) &&
		    isdigit((unsigned char)n[3]);
		txt = len >= 4 && strcasecmp(n + len - 4, ".txt") == 0;
		if (digits && len == 8 && strcmp(n + 4, ".txt") == 0)
			continue;	/* a holiday file */
		if (digits)
			log_warnx("%s/%s: not read: holiday files are named "
			    "YYYY.txt; rename it to %s/%.4s.txt", dir, n, dir, n);
		else if (txt)
			log_warnx("%s/%s: not read: holiday files are named "
			    "YYYY.txt (e.g. %s/2027.txt)", dir, n, dir);
	}
	closedir(dp);
}

/* "HH:MM" as minutes after midnight, or -1. */
static int
parse_hhmm(const char *s)
{
	int h, m, n = 0;

	if (s == NULL || sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 ||
	    s[n] != '\0' || strlen(s) != 5 || h > 23 || m > 59 || h < 0 ||
	    m < 0)
		return -1;
	return h * 60 + m;
}

static void
load_settings(struct confctx *cx)
{
	config_setting_t *root = config_root_setting(&cx->lc), *s;
	struct config *cfg = cx->cfg;
	const char *v;
	char err[1024], a[8], b[8];

	cfg->timezone = get_str(cx, root, "timezone", 0, "Asia/Shanghai");
	if ((cfg->tz = tz_load(cfg->timezone)) == NULL)
		cerr(cx, config_setting_get_member(root, "timezone"),
		    "unknown time zone \"%s\" (e.g. \"Asia/Shanghai\"; is "
		    "tzdata installed?)", cfg->timezone);
	cfg->database = resolve_path(cx, get_str(cx, root, "database", 0,
	    "/var/lib/duban/duban.db"));
	cfg->socket = resolve_path(cx, get_str(cx, root, "socket", 0,
	    "/run/duban/duban.sock"));
	cfg->holidays = resolve_path(cx, get_str(cx, root, "holidays", 0,
	    "holidays"));
	/* SM3 for offices that must use the national algorithm. */
	cfg->evidence_hash = get_str(cx, root, "evidence_hash", 0, "sha256");
	if (strcmp(cfg->evidence_hash, "sha256") != 0 &&
	    strcmp(cfg->evidence_hash, "sm3") != 0)
		cerr(cx, config_setting_get_member(root, "evidence_hash"),
		    "evidence_hash \"%s\": use \"sha256\" or \"sm3\"",
		    cfg->evidence_hash);

	v = get_str(cx, root, "send_time", 0, "09:00");
	if ((cfg->send_minute = parse_hhmm(v)) == -1) {
		cerr(cx, config_setting_get_member(root, "send_time"),
		    "send_time \"%s\" is not a time HH:MM", v);
		cfg->send_minute = 9 * 60;
	}
	cfg->quiet_start = cfg->quiet_end = -1;
	s = config_setting_get_member(root, "quiet_hours");
	v = get_str(cx, root, "quiet_hours", 0, "");
	if (v != NULL && *v != '\0') {
		if (strlen(v) != 11 || v[5] != '-' ||
		    (memcpy(a, v, 5), a[5] = '\0', memcpy(b, v + 6, 5),
		    b[5] = '\0', (cfg->quiet_start = parse_hhmm(a)) == -1) ||
		    (cfg->quiet_end = parse_hhmm(b)) == -1 ||
		    cfg->quiet_start == cfg->quiet_end)
			cerr(cx, s, "quiet_hours \"%s\" is not a window "
			    "HH:MM-HH:MM (e.g. \"20:00-08:00\")", v);
		else if ((cfg->quiet_start < cfg->quiet_end &&
		    cfg->send_minute >= cfg->quiet_start &&
		    cfg->send_minute < cfg->quiet_end) ||
		    (cfg->quiet_start > cfg->quiet_end &&
		    (cfg->send_minute >= cfg->quiet_start ||
		    cfg->send_minute < cfg->quiet_end)))
			cerr(cx, s, "send_time falls inside quiet_hours \"%s\":"
			    " nothing would ever be sent", v);
	}
	v = get_str(cx, root, "due_on_rest_day", 0, "previous");
	if (parse_restday(v, &cfg->restday) == -1)
		cerr(cx, config_setting_get_member(root, "due_on_rest_day"),
		    "due_on_rest_day \"%s\": use keep, previous or next", v);

	cfg->cal = cal_new();
	if (cal_load_dir(cfg->cal, cfg->holidays, err, sizeof(err)) == -1) {
		/* One line per bad file; its year counts as present for the
		 * checks that follow, so the typo is the only error. */
		cx->holidays_bad = 1;
		for (v = err; *v != '\0'; v += strcspn(v, "\n"),
		    v += *v == '\n') {
			cx->nerrors++;
			fprintf(cx->errors, "%.*s\n", (int)strcspn(v, "\n"), v);
		}
	}
	warn_misnamed_holidays(cfg->holidays);
}

static const struct {
	const char	*name;
	enum chan_type	 type;
} chan_types[] = {
	{ "log", CHAN_LOG }, { "wecom", CHAN_WECOM },
	{ "webhook", CHAN_WEBHOOK }, { "dingtalk", CHAN_DINGTALK },
	{ "feishu", CHAN_FEISHU }, { "smtp", CHAN_SMTP },
};

const char *
conf_chan_type_name(enum chan_type t)
{
	size_t i;

	for (i = 0; i < sizeof(chan_types) / sizeof(chan_types[0]); i++)
		if (chan_types[i].type == t)
			return chan_types[i].name;
	return "?";
}

/*
 * A secret file must exist, be readable by us and by nobody else, and --
 * when root checks the configuration for the service -- by the service
 * user too (secret.c says what to run when it is not).
 */
static int
check_secret_file(struct confctx *cx, const config_setting_t *s,
    const char *path)
{
	char err[1024];

	if (secret_check(path, geteuid() == 0 && conf_warnings_on(), err,
	    sizeof(err)) == -1) {
		cerr(cx, s, "%s", err);
		return -1;
	}
	return 0;
}

/*
 * WeCom shows a robot as its whole webhook address; pasted into the key
 * file as it is, the key is taken from it (chan_wecom does the same with
 * wecom_key_from), and anything else that is not a key is refused now
 * rather than with errcode 93000 at the first send.
 */
static void
check_wecom_key(struct confctx *cx, const config_setting_t *s,
    const char *path)
{
	char line[512], key[256], err[512];

	if (secret_read_line(path, 0, line, sizeof(line), err,
	    sizeof(err)) == -1)
		cerr(cx, s, "%s: put the robot's key in it (the part after "
		    "key= in its webhook address)", err);
	else if (wecom_key_from(line, key, sizeof(key)) == -1)
		cerr(cx, s, "secret file %s does not hold a WeCom robot key: "
		    "its first line must be the key (the part after key= in the "
		    "robot's webhook address) or the whole address "
		    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...",
		    path);
	secret_wipe(line, sizeof(line));
	secret_wipe(key, sizeof(key));
}

static void
load_channels(struct confctx *cx)
{
	static const char *const keys[] = { "id", "type", "url", "key_file",
	    "secret_file", "password_file", "format", "proxy", "timeout",
	    "username", "from", "tls", "ca_file", NULL };
	config_setting_t *list, *g;
	struct config *cfg = cx->cfg;
	struct channel *ch;
	const char *type, *secret;
	const config_setting_t *ts;
	size_t k;
	int i, j, n;

	list = config_lookup(&cx->lc, "channels");
	n = list ? config_setting_length(list) : 0;
	if (list != NULL && !config_setting_is_list(list)) {
		cerr(cx, list, "\"channels\" must be a list ( {...}, {...} )");
		n = 0;
	}
	/* The log channel always exists, so nothing has nowhere to go. */
	cfg->channels = arena_array(cx->a, n + 1, sizeof(*cfg->channels));
	for (i = 0; i < n; i++) {
		g = config_setting_get_elem(list, i);
		ch = &cfg->channels[cfg->nchannels];
		if (!config_setting_is_group(g)) {
			cerr(cx, g, "each channel must be a group { ... }");
			continue;
		}
		check_keys(cx, g, keys);
		if (get_id(cx, g, &ch->id) == -1)
			continue;
		for (j = 0; j < cfg->nchannels; j++)
			if (strcmp(cfg->channels[j].id, ch->id) == 0)
				cerr(cx, g, "duplicate channel id \"%s\"",
				    ch->id);
		type = get_str(cx, g, "type", 1, "log");
		for (k = 0; k < sizeof(chan_types) / sizeof(chan_types[0]); k++)
			if (strcmp(type, chan_types[k].name) == 0)
				break;
		if (k == sizeof(chan_types) / sizeof(chan_types[0])) {
			cerr(cx, config_setting_get_member(g, "type"),
			    "channel type \"%s\": use log, wecom, webhook, "
			    "dingtalk, feishu or smtp", type);
			continue;
		}
		ch->type = chan_types[k].type;
		ch->url = get_str(cx, g, "url", ch->type != CHAN_LOG, NULL);
		if (ch->url != NULL && (strchr(ch->url, '?') != NULL ||
		    strchr(ch->url, '@') != NULL) && ch->type != CHAN_LOG)
			cerr(cx, config_setting_get_member(g, "url"),
			    "put keys, tokens and passwords in a secret file "
			    "(key_file / password_file), not in the url");
		secret = get_str(cx, g, "key_file", 0, NULL);
		if (secret == NULL)
			secret = get_str(cx, g, "secret_file", 0, NULL);
		if (secret == NULL)
			secret = get_str(cx, g, "password_file", 0, NULL);
		ch->secret_file = resolve_path(cx, secret);
		if (ch->secret_file != NULL) {
			if (check_secret_file(cx, g, ch->secret_file) == 0 &&
			    ch->type == CHAN_WECOM)
				check_wecom_key(cx, g, ch->secret_file);
		} else if (ch->type == CHAN_WECOM || ch->type == CHAN_DINGTALK ||
		    ch->type == CHAN_FEISHU)
			cerr(cx, g, "a %s channel needs key_file: the file "
			    "that holds the robot's key", type);
		ch->format = get_str(cx, g, "format", 0, "text");
		if (strcmp(ch->format, "text") && strcmp(ch->format, "markdown"))
			cerr(cx, config_setting_get_member(g, "format"),
			    "format \"%s\": use text or markdown", ch->format);
		ch->proxy = get_str(cx, g, "proxy", 0, NULL);
		ch->ca_file = resolve_path(cx, get_str(cx, g, "ca_file", 0,
		    NULL));
		ch->timeout_ms = 15000;
		if ((ts = config_setting_get_member(g, "timeout")) != NULL) {
			if (config_setting_type(ts) != CONFIG_TYPE_INT ||
			    config_setting_get_int(ts) < 1 ||
			    config_setting_get_int(ts) > 300)
				cerr(cx, ts, "timeout is a number of seconds "
				    "from 1 to 300");
			else
				ch->timeout_ms = config_setting_get_int(ts) *
				    1000;
		}
		ch->username = get_str(cx, g, "username", 0, NULL);
		ch->from = get_str(cx, g, "from", 0, NULL);
		ch->tls = get_str(cx, g, "tls", 0, "starttls");
		if (strcmp(ch->tls, "starttls") && strcmp(ch->tls, "tls"))
			cerr(cx, config_setting_get_member(g, "tls"),
			    "tls \"%s\": use starttls or tls (plain text is "
			    "never used)", ch->tls);
		if (ch->type == CHAN_SMTP && ch->from == NULL)
			cerr(cx, g, "an smtp channel needs \"from\", the "
			    "sender address");
		ch->file = setting_file(cx, g);
		ch->line = setting_line(g);
		cfg->nchannels++;
	}
	if (conf_find_channel(cfg, "log") == -1) {
		ch = &cfg->channels[cfg->nchannels++];
		ch->id = "log";
		ch->type = CHAN_LOG;
		ch->format = "text";
		ch->file = cfg->path;
	}
}

static void
load_ladders(struct confctx *cx)
{
	config_setting_t *grp, *s, *e;
	struct config *cfg = cx->cfg;
	struct ladder *l;
	const char *v;
	int i, j, n;

	grp = config_lookup(&cx->lc, "reminders");
	/* A list here has unnamed elements: refuse it before using names. */
	if (grp != NULL && !config_setting_is_group(grp)) {
		cerr(cx, grp, "\"reminders\" must be a group of named ladders "
		    "{ default = [\"30d\", \"7d\"]; }");
		grp = NULL;
	}
	n = grp ? config_setting_length(grp) : 0;
	cfg->ladders = arena_array(cx->a, n + 1, sizeof(*cfg->ladders));
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(grp, i);
		l = &cfg->ladders[cfg->nladders++];
		l->name = arena_strdup(cx->a, config_setting_name(s));
		if (!config_setting_is_array(s)) {
			cerr(cx, s, "reminder ladder \"%s\" must be a list of "
			    "offsets like [\"30d\", \"7d\", \"1d\", \"0d\"]",
			    l->name);
			continue;
		}
		l->steps = arena_array(cx->a, config_setting_length(s) + 1,
		    sizeof(*l->steps));
		for (j = 0; (e = config_setting_get_elem(s, j)) != NULL; j++) {
			v = config_setting_get_string(e);
			if (v == NULL || dur_parse(v, &l->steps[l->nsteps]))
				cerr(cx, e, "reminder ladder \"%s\": \"%s\" is "
				    "not a duration (e.g. \"7d\", \"3wd\")",
				    l->name, v ? v : "?");
			else
				l->nsteps++;
		}
	}
	/* A built-in default, so a minimal configuration still reminds. */
	if (grp == NULL || config_setting_get_member(grp, "default") == NULL) {
		static struct dur def[] = { { 30, DUR_DAYS }, { 7, DUR_DAYS },
		    { 1, DUR_DAYS }, { 0, DUR_DAYS } };

		l = &cfg->ladders[cfg->nladders++];
		l->name = "default";
		l->steps = def;
		l->nsteps = 4;
	}
}

static const struct {
	const char	*name;
	unsigned	 bit;
} target_names[] = {
	{ "lead", TGT_LEAD }, { "lead_head", TGT_LEAD_HEAD },
	{ "cooperating", TGT_COOPERATING }, { "supervisor", TGT_SUPERVISOR },
	{ "leader", TGT_LEADER }, { "first", TGT_FIRST },
};

static void
load_escalations(struct confctx *cx)
{
	static const char *const keys[] = { "after", "notify", "repeat", NULL };
	config_setting_t *grp, *s, *lv;
	struct config *cfg = cx->cfg;
	struct esc_policy *p;
	struct esc_level *l;
	const char **names;
	size_t k;
	int i, j, t, n, nn;

	grp = config_lookup(&cx->lc, "escalations");
	if (grp != NULL && !config_setting_is_group(grp)) {
		cerr(cx, grp, "\"escalations\" must be a group of named "
		    "policies { default = ( {...}, {...} ); }");
		grp = NULL;
	}
	n = grp ? config_setting_length(grp) : 0;
	cfg->escs = arena_array(cx->a, n + 1, sizeof(*cfg->escs));
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(grp, i);
		p = &cfg->escs[cfg->nescs++];
		p->name = arena_strdup(cx->a, config_setting_name(s));
		if (!config_setting_is_list(s)) {
			cerr(cx, s, "escalation policy \"%s\" must be a list of "
			    "levels ( { after = ...; notify = [...]; }, ... )",
			    p->name);
			continue;
		}
		p->levels = arena_array(cx->a, config_setting_length(s) + 1,
		    sizeof(*p->levels));
		for (j = 0; (lv = config_setting_get_elem(s, j)) != NULL; j++) {
			l = &p->levels[p->nlevels];
			check_keys(cx, lv, keys);
			if (get_dur(cx, lv, "after", &l->after, 1) != 0)
				continue;
			if (get_dur(cx, lv, "repeat", &l->repeat, 0) == 1)
				l->repeat.n = 0;
			names = get_str_array(cx, lv, "notify", &nn);
			if (nn == 0)
				cerr(cx, lv, "escalation level needs \"notify\", "
				    "e.g. [\"lead\", \"supervisor\"]");
			for (t = 0; t < nn; t++) {
				for (k = 0; k < sizeof(target_names) /
				    sizeof(target_names[0]); k++)
					if (!strcmp(names[t], target_names[k].name))
						break;
				if (k == sizeof(target_names) /
				    sizeof(target_names[0]))
					cerr(cx, lv, "unknown escalation target "
					    "\"%s\": use lead, lead_head, "
					    "cooperating, supervisor, leader or "
					    "first", names[t]);
				else
					l->targets |= target_names[k].bit;
			}
			if (p->nlevels > 0 && dur_approx_days(&l->after) <=
			    dur_approx_days(&p->levels[p->nlevels - 1].after))
				cerr(cx, lv, "escalation levels must come later "
				    "one after another (\"after\" must grow)");
			p->nlevels++;
		}
	}
	if (grp == NULL || config_setting_get_member(grp, "default") == NULL) {
		static struct esc_level def[] = {
			{ { 1, DUR_WORKDAYS }, { 2, DUR_WORKDAYS },
			    TGT_LEAD | TGT_LEAD_HEAD },
			{ { 4, DUR_WORKDAYS }, { 3, DUR_WORKDAYS },
			    TGT_SUPERVISOR },
			{ { 10, DUR_WORKDAYS }, { 5, DUR_WORKDAYS }, TGT_LEADER },
			{ { 20, DUR_WORKDAYS }, { 10, DUR_WORKDAYS }, TGT_FIRST },
		};

		p = &cfg->escs[cfg->nescs++];
		p->name = "default";
		p->levels = def;
		p->nlevels = 4;
	}
}

static int
get_channel_ref(struct confctx *cx, const config_setting_t *g,
    const char *name)
{
	const char *v = get_str(cx, g, name, 0, "");
	int c;

	if (v == NULL || *v == '\0')
		return -1;
	if ((c = conf_find_channel(cx->cfg, v)) == -1)
		cerr(cx, config_setting_get_member(g, name), "unknown channel "
		    "\"%s\" (define it in channels in duban.conf)", v);
	return c;
}

static int
check_mobile(struct confctx *cx, const config_setting_t *s, const char *m)
{
	const char *p;

	for (p = m; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '+' && *p != '-')
			break;
	if (*p != '\0' || strlen(m) < 5 || strlen(m) > 20) {
		cerr(cx, s, "\"%s\" is not a mobile number", m);
		return -1;
	}
	return 0;
}

static int
check_email(struct confctx *cx, const config_setting_t *s, const char *e)
{
	const char *at = strchr(e, '@');

	if (at == NULL || at == e || strchr(at + 1, '.') == NULL ||
	    strpbrk(e, " \t\r\n<>,;\"") != NULL || strchr(at + 1, '@')) {
		cerr(cx, s, "\"%s\" is not an e-mail address", e);
		return -1;
	}
	return 0;
}

static void
load_person(struct confctx *cx, const config_setting_t *g, struct person *p)
{
	static const char *const keys[] = { "name", "email", "mobile", NULL };

	check_keys(cx, g, keys);
	p->name = get_str(cx, g, "name", 0, "");
	p->email = get_str(cx, g, "email", 0, "");
	p->mobile = get_str(cx, g, "mobile", 0, "");
	if (*p->email)
		check_email(cx, config_setting_get_member(g, "email"), p->email);
	if (*p->mobile)
		check_mobile(cx, config_setting_get_member(g, "mobile"),
		    p->mobile);
}

static int
id_taken(struct confctx *cx, const char *id)
{
	struct config *cfg = cx->cfg;
	int i;

	for (i = 0; i < cfg->ndepts; i++)
		if (strcmp(cfg->depts[i].id, id) == 0)
			return 1;
	for (i = 0; i < cfg->nleaders; i++)
		if (strcmp(cfg->leaders[i].id, id) == 0)
			return 1;
	for (i = 0; i < cfg->ngroups; i++)
		if (strcmp(cfg->groups[i].id, id) == 0)
			return 1;
	return 0;
}

static void
load_leaders(struct confctx *cx)
{
	static const char *const keys[] = { "id", "name", "person", "email",
	    "mobile", "wecom", "first_responsible", NULL };
	config_setting_t *list, *g;
	struct config *cfg = cx->cfg;
	struct leader *l;
	int i, n;

	list = config_lookup(&cx->lc, "leaders");
	n = list ? config_setting_length(list) : 0;
	cfg->leaders = arena_array(cx->a, n + 1, sizeof(*cfg->leaders));
	for (i = 0; i < n; i++) {
		g = config_setting_get_elem(list, i);
		l = &cfg->leaders[cfg->nleaders];
		check_keys(cx, g, keys);
		if (get_id(cx, g, &l->id) == -1)
			continue;
		if (id_taken(cx, l->id)) {
			cerr(cx, g, "duplicate id \"%s\" (departments, leaders "
			    "and groups share one set of ids)", l->id);
			continue;
		}
		l->name = get_str(cx, g, "name", 1, "");
		l->person = get_str(cx, g, "person", 0, "");
		l->email = get_str(cx, g, "email", 0, "");
		l->mobile = get_str(cx, g, "mobile", 0, "");
		if (*l->email)
			check_email(cx, config_setting_get_member(g, "email"),
			    l->email);
		if (*l->mobile)
			check_mobile(cx, config_setting_get_member(g, "mobile"),
			    l->mobile);
		l->wecom = get_channel_ref(cx, g, "wecom");
		l->first_responsible = get_bool(cx, g, "first_responsible", 0);
		cfg->nleaders++;
	}
}

static void
load_groups(struct confctx *cx)
{
	config_setting_t *grp, *s, *e;
	struct config *cfg = cx->cfg;
	struct dgroup *gr;
	const char *v;
	int i, j, n, d;

	grp = config_lookup(&cx->lc, "groups");
	if (grp != NULL && !config_setting_is_group(grp)) {
		cerr(cx, grp, "\"groups\" must be a group { relevant = "
		    "[\"fzb\", \"dzb\"]; }");
		grp = NULL;
	}
	n = grp ? config_setting_length(grp) : 0;
	cfg->groups = arena_array(cx->a, n + 1, sizeof(*cfg->groups));
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(grp, i);
		gr = &cfg->groups[cfg->ngroups];
		gr->id = arena_strdup(cx->a, config_setting_name(s));
		if (id_taken(cx, gr->id)) {
			cerr(cx, s, "group \"%s\": the id is already a "
			    "department or leader", gr->id);
			continue;
		}
		if (!config_setting_is_array(s)) {
			cerr(cx, s, "group \"%s\" must be a list of department "
			    "ids", gr->id);
			continue;
		}
		gr->depts = arena_array(cx->a, config_setting_length(s) + 1,
		    sizeof(int));
		for (j = 0; (e = config_setting_get_elem(s, j)) != NULL; j++) {
			v = config_setting_get_string(e);
			if (v == NULL || (d = conf_find_dept(cfg, v)) == -1) {
				cerr(cx, e, "group \"%s\": unknown department "
				    "\"%s\"", gr->id, v ? v : "?");
				continue;
			}
			gr->depts[gr->ndepts++] = d;
		}
		cfg->ngroups++;
	}
}

static void
load_contacts(struct confctx *cx)
{
	static const char *const keys[] = { "email", "wecom", "mobiles", "head",
	    "leader", NULL };
	config_setting_t *grp, *g, *h;
	struct config *cfg = cx->cfg;
	struct dept *dp;
	const char *v;
	int i, j, d;

	grp = config_lookup(&cx->lc, "contacts");
	if (grp == NULL)
		return;
	if (!config_setting_is_group(grp)) {
		cerr(cx, grp, "\"contacts\" must be a group { fzb = {...}; }");
		return;
	}
	for (i = 0; (g = config_setting_get_elem(grp, i)) != NULL; i++) {
		if ((d = conf_find_dept(cfg, config_setting_name(g))) == -1 ||
		    strcmp(cfg->depts[d].id, config_setting_name(g)) != 0) {
			cerr(cx, g, "contacts for unknown department id \"%s\"",
			    config_setting_name(g));
			continue;
		}
		if (!config_setting_is_group(g)) {
			cerr(cx, g, "contacts for \"%s\" must be a group "
			    "{ email = [...]; ... }", config_setting_name(g));
			continue;
		}
		dp = &cfg->depts[d];
		if (dp->has_contacts) {
			cerr(cx, g, "contacts for \"%s\" given twice", dp->id);
			continue;
		}
		check_keys(cx, g, keys);
		dp->has_contacts = 1;
		dp->emails = get_str_array(cx, g, "email", &dp->nemails);
		for (j = 0; j < dp->nemails; j++)
			check_email(cx, config_setting_get_member(g, "email"),
			    dp->emails[j]);
		dp->mobiles = get_str_array(cx, g, "mobiles", &dp->nmobiles);
		for (j = 0; j < dp->nmobiles; j++)
			check_mobile(cx, config_setting_get_member(g,
			    "mobiles"), dp->mobiles[j]);
		dp->wecom = get_channel_ref(cx, g, "wecom");
		if ((h = config_setting_get_member(g, "head")) != NULL &&
		    !config_setting_is_group(h))
			cerr(cx, h, "head must be a group: head = { name = "
			    "\"…\"; email = \"…\"; mobile = \"…\"; };");
		else if (h != NULL)
			load_person(cx, h, &dp->head);
		v = get_str(cx, g, "leader", 0, "");
		if (v != NULL && *v != '\0' &&
		    (dp->leader = conf_find_leader(cfg, v)) == -1)
			cerr(cx, config_setting_get_member(g, "leader"),
			    "unknown leader \"%s\" (define it in leaders)", v);
	}
}

/* Message templates: reminder, escalation and pace, each optional. */
static void
load_templates(struct confctx *cx)
{
	static const char *const keys[] = { "reminder", "escalation", "pace",
	    NULL };
	config_setting_t *g = config_lookup(&cx->lc, "templates");
	int i;

	if (g == NULL)
		return;
	check_keys(cx, g, keys);
	for (i = 0; keys[i] != NULL; i++)
		cx->cfg->templates[i] = get_str(cx, g, keys[i], 0, NULL);
}

static void
load_cross(struct confctx *cx)
{
	config_setting_t *root = config_root_setting(&cx->lc);
	struct config *cfg = cx->cfg;
	const char *v;

	v = get_str(cx, root, "supervisor", 0, "fzb");
	/* Without the setting, the default must exist: say so plainly. */
	if ((cfg->supervisor = conf_find_dept(cfg, v)) == -1)
		cerr(cx, config_setting_get_member(root, "supervisor"),
		    "supervisor \"%s\" is not a department (set supervisor to "
		    "the id of the supervising office, 法制办)", v);
	cfg->mail_channel = get_channel_ref(cx, root, "mail_channel");
	if (cfg->mail_channel != -1 &&
	    cfg->channels[cfg->mail_channel].type != CHAN_SMTP)
		cerr(cx, config_setting_get_member(root, "mail_channel"),
		    "mail_channel must name an smtp channel");
	load_templates(cx);
	cfg->fallback_channel = get_channel_ref(cx, root, "fallback_channel");
	if (cfg->fallback_channel == -1)
		cfg->fallback_channel = conf_find_channel(cfg, "log");
}

/*
 * libconfig's syntax errors are terse ("syntax error", "cannot open include
 * file"): show the line itself, so the administrator sees what it means.
 */
static void
show_line(FILE *errors, const char *path, int line)
{
	char buf[512];
	FILE *f;
	int n = 0;

	if (line <= 0 || (f = fopen(path, "r")) == NULL)
		return;
	while (fgets(buf, sizeof(buf), f) != NULL)
		if (++n == line) {
			buf[strcspn(buf, "\r\n")] = '\0';
			fprintf(errors, "    %s\n", buf);
			break;
		}
	fclose(f);
	if (lex_hint_file(path, line, buf, sizeof(buf)))
		fprintf(errors, "    %s\n", buf);
}

static int conf_warnings = 1;

void
conf_set_warnings(int on)
{
	conf_warnings = on;
}

int
conf_warnings_on(void)
{
	return conf_warnings;
}

struct config *
conf_load(const char *path, day_t today, FILE *errors)
{
	static const char *const top[] = { "timezone", "database", "holidays",
	    "socket", "evidence_hash", "send_time", "quiet_hours",
	    "due_on_rest_day",
	    "supervisor", "mail_channel", "fallback_channel", "channels",
	    "reminders", "escalations", "departments", "obligations", "leaders",
	    "contacts", "groups", "templates", NULL };
	struct confctx cx;
	struct config *cfg;
	char *dir, *slash;
	int i;

	memset(&cx, 0, sizeof(cx));
	cx.a = arena_new();
	cx.errors = errors;
	cx.today = today;
	cfg = cx.cfg = arena_alloc(cx.a, sizeof(*cfg));
	cfg->arena = cx.a;
	cfg->path = arena_strdup(cx.a, path);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	cfg->dir = arena_strdup(cx.a, dir);
	free(dir);

	/*
	 * libconfig 1.5's scanner exits the process on a folder or "" given
	 * to @include (and a FIFO would hang it): check every file it will
	 * open first, so a reload can never end the daemon.
	 */
	if (lex_check_includes(path, cfg->dir, errors) > 0) {
		fprintf(errors, "%s: configuration not loaded\n", path);
		cal_free(cfg->cal);
		arena_free(cx.a);
		return NULL;
	}
	config_init(&cx.lc);
	config_set_include_dir(&cx.lc, cfg->dir);
	if (config_read_file(&cx.lc, path) != CONFIG_TRUE) {
		if (config_error_type(&cx.lc) == CONFIG_ERR_FILE_IO &&
		    config_error_line(&cx.lc) == 0)
			fprintf(errors, "%s: cannot read: %s\n", path,
			    strerror(errno));
		else {
			fprintf(errors, "%s:%d: %s\n",
			    file_name(&cx, config_error_file(&cx.lc)),
			    config_error_line(&cx.lc),
			    config_error_text(&cx.lc));
			show_line(errors, file_name(&cx,
			    config_error_file(&cx.lc)),
			    config_error_line(&cx.lc));
		}
		config_destroy(&cx.lc);
		cal_free(cfg->cal);
		arena_free(cx.a);
		return NULL;
	}
	check_keys(&cx, config_root_setting(&cx.lc), top);
	load_settings(&cx);
	load_channels(&cx);
	load_ladders(&cx);
	load_escalations(&cx);
	plan_load_departments(&cx);
	for (i = 0; i < cfg->ndepts; i++) {
		cfg->depts[i].wecom = -1;
		cfg->depts[i].leader = -1;
		/* No head given is the same as a head with no contacts. */
		cfg->depts[i].head.name = "";
		cfg->depts[i].head.email = "";
		cfg->depts[i].head.mobile = "";
	}
	load_leaders(&cx);
	load_groups(&cx);
	load_contacts(&cx);
	load_cross(&cx);
	plan_load_obligations(&cx);
	plan_check_holiday_years(&cx);
	config_destroy(&cx.lc);
	/* The parsed tree was most of the peak (250 MB at 100,000
	 * obligations): give the freed memory back to the system. */
	malloc_trim(0);

	if (cx.nerrors > 0) {
		if (cx.nerrors > 50)
			fprintf(errors, "... and %d more errors\n",
			    cx.nerrors - 50);
		fprintf(errors, "%s: %d error%s; configuration not loaded\n",
		    path, cx.nerrors, cx.nerrors == 1 ? "" : "s");
		conf_free(cfg);
		return NULL;
	}
	return cfg;
}

void
conf_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	cal_free(cfg->cal);
	tz_free(cfg->tz);
	arena_free(cfg->arena);
}

int
conf_find_dept(const struct config *cfg, const char *s)
{
	int i, j;

	for (i = 0; i < cfg->ndepts; i++)
		if (strcmp(cfg->depts[i].id, s) == 0 ||
		    strcmp(cfg->depts[i].name, s) == 0)
			return i;
	for (i = 0; i < cfg->ndepts; i++)
		for (j = 0; j < cfg->depts[i].naliases; j++)
			if (strcmp(cfg->depts[i].aliases[j], s) == 0)
				return i;
	return -1;
}

int
conf_find_obligation(const struct config *cfg, const char *id)
{
	int lo = 0, hi = cfg->nobls - 1, mid, c;

	if (cfg->obl_index == NULL)
		return -1;
	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(id, cfg->obls[cfg->obl_index[mid]].id);
		if (c == 0)
			return cfg->obl_index[mid];
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

int
conf_find_channel(const struct config *cfg, const char *id)
{
	int i;

	for (i = 0; i < cfg->nchannels; i++)
		if (strcmp(cfg->channels[i].id, id) == 0)
			return i;
	return -1;
}

int
conf_find_leader(const struct config *cfg, const char *id)
{
	int i;

	for (i = 0; i < cfg->nleaders; i++)
		if (strcmp(cfg->leaders[i].id, id) == 0)
			return i;
	return -1;
}
