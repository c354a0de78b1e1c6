/*
 * client.c: sends one request to duband and reads its one-line answer.
 * Plain blocking I/O with a timeout: dubanctl does one thing and exits.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "client.h"
#include "proto.h"
#include "xmalloc.h"

void
client_denied(const char *path, char *err, size_t errlen)
{
	struct stat st;
	struct passwd *pw;
	struct group *gr;
	char *p = xstrdup(path), *slash, gid[16], me[32];
	const char *gname = NULL;

	/* The first folder upward that we may look into holds the one
	 * that keeps us out (or the file itself). */
	while (stat(p, &st) == -1 && errno == EACCES &&
	    (slash = strrchr(p, '/')) != NULL && slash != p)
		*slash = '\0';
	if (stat(p, &st) == 0) {
		if ((gr = getgrgid(st.st_gid)) != NULL)
			gname = gr->gr_name;
		else {
			snprintf(gid, sizeof(gid), "%u", (unsigned)st.st_gid);
			gname = gid;
		}
	}
	if ((pw = getpwuid(getuid())) != NULL)
		snprintf(me, sizeof(me), "%s", pw->pw_name);
	else
		snprintf(me, sizeof(me), "%u", (unsigned)getuid());
	if (gname != NULL)
		snprintf(err, errlen, "permission denied on %s: user %s may "
		    "not use duban; root and the members of group %s may (to "
		    "allow this user: usermod -aG %s %s, then log in again)",
		    path, me, gname, gname, me);
	else
		snprintf(err, errlen, "permission denied on %s: user %s may "
		    "not use duban; ask the administrator", path, me);
	free(p);
}

int
client_call(const char *path, const char *cmd, json_t *args, int timeout_s,
    json_t **resp, char *err, size_t errlen)
{
	struct sockaddr_un sun;
	struct timeval tv = { timeout_s, 0 };
	json_t *req;
	json_error_t jerr;
	char *line, *buf = NULL;
	size_t len = 0, cap = 0, off;
	ssize_t n;
	int fd, rc = -1;

	*resp = NULL;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "socket path %s is too long", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		if (errno == ENOENT || errno == ECONNREFUSED) {
			snprintf(err, errlen, "duband is not running (nothing "
			    "answers on %s); nothing was changed. Start it "
			    "with: systemctl start duban", path);
			rc = CLIENT_NOT_RUNNING;
		} else if (errno == EACCES || errno == EPERM) {
			client_denied(path, err, errlen);
			rc = CLIENT_DENIED;
		} else
			snprintf(err, errlen, "cannot reach duband on %s: %s",
			    path, strerror(errno));
		close(fd);
		return rc;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	req = json_pack("{s:i, s:s, s:o}", "v", PROTO_VERSION, "cmd", cmd,
	    "args", args ? json_incref(args) : json_object());
	line = json_dumps(req, JSON_COMPACT);
	json_decref(req);
	if (strlen(line) + 1 > PROTO_MAX_LINE) {
		snprintf(err, errlen, "the request is too large");
		goto out;
	}
	for (off = 0, len = strlen(line); off < len; off += n)
		if ((n = write(fd, line + off, len - off)) <= 0) {
			snprintf(err, errlen, "sending to duband: %s",
			    strerror(errno));
			goto out;
		}
	if (write(fd, "\n", 1) != 1) {
		snprintf(err, errlen, "sending to duband: %s", strerror(errno));
		goto out;
	}
	len = 0;
	for (;;) {
		if (len + 4096 + 1 > cap)
			buf = xreallocarray(buf, cap = cap * 2 + 8192, 1);
		n = read(fd, buf + len, 4096);
		if (n < 0) {
			if (errno == EAGAIN)
				snprintf(err, errlen, "duband did not answer "
				    "within %d seconds", timeout_s);
			else
				snprintf(err, errlen, "reading from duband: "
				    "%s", strerror(errno));
			goto out;
		}
		if (n == 0 || memchr(buf + len, '\n', n) != NULL) {
			len += n;
			break;
		}
		len += n;
		if (len > PROTO_MAX_LINE) {
			snprintf(err, errlen, "the answer is too large");
			goto out;
		}
	}
	buf[len] = '\0';
	*resp = json_loads(buf, JSON_DISABLE_EOF_CHECK, &jerr);
	if (!json_is_object(*resp)) {
		snprintf(err, errlen, "duband's answer was not understood");
		json_decref(*resp);
		*resp = NULL;
		goto out;
	}
	rc = 0;
out:
	free(line);
	free(buf);
	close(fd);
	return rc;
}
