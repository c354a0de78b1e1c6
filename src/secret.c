/*
 * secret.c: the files that hold robot keys, tokens and passwords.  An
 * administrator creates them by hand, usually as root, while the service
 * reads them as its own user: so the checks here say, for every way such a
 * file goes wrong, the owner, group and mode it needs and the command that
 * gives them -- checked as the service user when root runs the check, so a
 * "configuration OK" from root is not followed by "Permission denied" on
 * reload.  Secrets never appear in a message.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secret.h"

void
secret_wipe(void *p, size_t len)
{
	if (p != NULL)
		explicit_bzero(p, len);
}

const char *
secret_service_user(void)
{
	const char *u = getenv("DUBAN_SERVICE_USER");

	/* The unit's User=duban; the variable is for tests and for sites
	 * that run the service under another name. */
	return u != NULL && *u != '\0' ? u : "duban";
}

const char *
secret_group(void)
{
	static char name[64];
	struct passwd *pw;
	struct group *gr;

	if ((pw = getpwnam(secret_service_user())) != NULL &&
	    (gr = getgrgid(pw->pw_gid)) != NULL)
		snprintf(name, sizeof(name), "%s", gr->gr_name);
	else if (getgrnam("duban") != NULL)
		snprintf(name, sizeof(name), "duban");
	else if (getegid() != 0 && (gr = getgrgid(getegid())) != NULL)
		snprintf(name, sizeof(name), "%s", gr->gr_name);
	else
		snprintf(name, sizeof(name), "duban");
	return name;
}

static const char *
user_name(uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "%u", (unsigned)uid);
	return buf;
}

static const char *
group_name(gid_t gid, char *buf, size_t len)
{
	struct group *gr = getgrgid(gid);

	if (gr != NULL)
		snprintf(buf, len, "%s", gr->gr_name);
	else
		snprintf(buf, len, "%u", (unsigned)gid);
	return buf;
}

/* The folder that holds path, for the hint about reaching it. */
static void
dir_of(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(buf, len, ".");
	else if (slash == path)
		snprintf(buf, len, "/");
	else
		snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

struct who {
	uid_t	 uid;
	gid_t	 gids[64];
	int	 ngids;
};

/* May who have the access bits (4 read, 1 search) to st? */
static int
may(const struct who *w, const struct stat *st, unsigned bits)
{
	int i;

	if (w->uid == st->st_uid)
		return ((st->st_mode >> 6) & bits) == bits;
	for (i = 0; i < w->ngids; i++)
		if (w->gids[i] == st->st_gid)
			return ((st->st_mode >> 3) & bits) == bits;
	return (st->st_mode & bits) == bits;
}

/*
 * Can the service user reach and read path?  Each folder on the way must
 * let it search, the file let it read.  0, or -1 with the fix in err.
 */
static int
service_may_read(const char *path, char *err, size_t errlen)
{
	const char *svc = secret_service_user(), *grp = secret_group();
	char real[PATH_MAX], part[PATH_MAX], u[64], g[64], *slash;
	struct passwd *pw;
	struct stat st;
	struct who w;

	if ((pw = getpwnam(svc)) == NULL || pw->pw_uid == 0 ||
	    realpath(path, real) == NULL)
		return 0;
	w.uid = pw->pw_uid;
	w.ngids = sizeof(w.gids) / sizeof(w.gids[0]);
	if (getgrouplist(svc, pw->pw_gid, w.gids, &w.ngids) == -1)
		w.ngids = sizeof(w.gids) / sizeof(w.gids[0]);
	/* "/", "/etc", "/etc/duban", ... each must let the service in. */
	for (slash = real; (slash = strchr(slash, '/')) != NULL; slash++) {
		snprintf(part, sizeof(part), "%.*s",
		    slash == real ? 1 : (int)(slash - real), real);
		if (stat(part, &st) == 0 && !may(&w, &st, 1)) {
			snprintf(err, errlen, "the service user %s cannot reach "
			    "secret file %s: folder %s is %s:%s mode %04o; "
			    "run: chgrp %s %s && chmod 0750 %s", svc, path, part,
			    user_name(st.st_uid, u, sizeof(u)),
			    group_name(st.st_gid, g, sizeof(g)),
			    (unsigned)(st.st_mode & 07777), grp, part, part);
			return -1;
		}
	}
	if (stat(real, &st) == 0 && !may(&w, &st, 4)) {
		snprintf(err, errlen, "secret file %s cannot be read by the "
		    "service user %s (it is %s:%s, mode %04o); run: chgrp %s "
		    "%s && chmod 0640 %s", path, svc,
		    user_name(st.st_uid, u, sizeof(u)),
		    group_name(st.st_gid, g, sizeof(g)),
		    (unsigned)(st.st_mode & 07777), grp, path, path);
		return -1;
	}
	return 0;
}

int
secret_check(const char *path, int as_service, char *err, size_t errlen)
{
	const char *grp = secret_group();
	char dir[PATH_MAX], u[64];
	struct stat st;
	unsigned mode;
	int fd, e;

	/* O_NONBLOCK: a FIFO put there by mistake must not hang a reload. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd == -1) {
		e = errno;
		dir_of(path, dir, sizeof(dir));
		if (e == ENOENT)
			snprintf(err, errlen, "secret file %s cannot be read: "
			    "%s; create it, with the secret pasted where "
			    "nothing shows it: read -rs S && printf '%%s\\n' "
			    "\"$S\" | install -m 0640 -o root -g %s /dev/stdin "
			    "%s", path, strerror(e), grp, path);
		else if (e == EACCES && access(dir, X_OK) == -1)
			snprintf(err, errlen, "secret file %s cannot be read by "
			    "user %s: folder %s is closed to it; run as root: "
			    "chgrp %s %s && chmod 0750 %s", path,
			    user_name(geteuid(), u, sizeof(u)), dir, grp, dir,
			    dir);
		else if (e == EACCES)
			snprintf(err, errlen, "secret file %s cannot be read by "
			    "user %s: %s; run as root: chown root:%s %s && "
			    "chmod 0640 %s", path,
			    user_name(geteuid(), u, sizeof(u)), strerror(e), grp,
			    path, path);
		else
			snprintf(err, errlen, "secret file %s cannot be read: "
			    "%s", path, strerror(e));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		snprintf(err, errlen, "secret file %s cannot be read: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	mode = st.st_mode & 07777;
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "secret file %s is not a regular file",
		    path);
		return -1;
	}
	if (mode & S_IRWXO) {
		snprintf(err, errlen, "secret file %s %s (mode %04o); run: "
		    "chown root:%s %s && chmod 0640 %s", path,
		    (mode & S_IROTH) ? "can be read by every user on this "
		    "machine" : (mode & S_IWOTH) ? "can be changed by every "
		    "user on this machine" : "is open to every user on this "
		    "machine", mode, grp, path, path);
		return -1;
	}
	if (mode & S_IWGRP) {
		snprintf(err, errlen, "secret file %s can be changed by its "
		    "group (mode %04o); run: chown root:%s %s && chmod 0640 %s",
		    path, mode, grp, path, path);
		return -1;
	}
	if (as_service && service_may_read(path, err, errlen) == -1)
		return -1;
	return 0;
}

int
secret_read_line(const char *path, int n, char *buf, size_t len, char *err,
    size_t errlen)
{
	char data[4096], *p, *end;
	ssize_t got;
	int fd, i, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		snprintf(err, errlen, "cannot read secret file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	got = read(fd, data, sizeof(data) - 1);
	close(fd);
	if (got < 0) {
		snprintf(err, errlen, "cannot read secret file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	data[got] = '\0';
	for (p = data, i = 0; i < n && p != NULL; i++)
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	if (p == NULL || *p == '\0' || *p == '\n' || *p == '\r')
		snprintf(err, errlen, "secret file %s: line %d is empty or "
		    "missing", path, n + 1);
	else {
		end = p + strcspn(p, "\r\n");
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if ((size_t)(end - p) >= len)
			snprintf(err, errlen, "secret file %s: line %d is too "
			    "long", path, n + 1);
		else {
			memcpy(buf, p, end - p);
			buf[end - p] = '\0';
			rc = 0;
		}
	}
	secret_wipe(data, sizeof(data));
	return rc;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int
wecom_key_from(const char *line, char *out, size_t outlen)
{
	const char *s = line, *e, *k, *q;
	size_t n, i;

	while (is_blank((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_blank((unsigned char)e[-1]))
		e--;
	/* The whole address pasted: take key=... from its query. */
	if ((q = memchr(s, '?', e - s)) != NULL ||
	    (e - s > 3 && memmem(s, e - s, "://", 3) != NULL)) {
		if (q == NULL)
			return -1;
		for (k = q + 1; k < e; k++)
			if ((k[-1] == '?' || k[-1] == '&') && e - k >= 4 &&
			    memcmp(k, "key=", 4) == 0)
				break;
		if (k >= e)
			return -1;
		s = k + 4;
		for (k = s; k < e && *k != '&' && *k != '#'; k++)
			;
		e = k;
	}
	n = e - s;
	if (n == 0 || n >= outlen)
		return -1;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-' || s[i] == '_'))
			return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}
