/*
 * secret.h: robot keys, tokens and passwords kept in files: who may read
 * such a file, how to say what to change, the key inside a pasted WeCom
 * URL, and wiping a secret from memory once used.
 */
#ifndef DUBAN_SECRET_H
#define DUBAN_SECRET_H

#include <stddef.h>

/* Overwrite len bytes at p in a way the compiler cannot drop. */
void	 secret_wipe(void *p, size_t len);

/*
 * The user the service runs as (duban, or $DUBAN_SERVICE_USER) and the
 * group a secret file should have: that user's group, else group duban,
 * else our own.  Never NULL.
 */
const char *secret_service_user(void);
const char *secret_group(void);

/*
 * Check a secret file: it must exist, be a regular file we can read, and
 * give others no access and the group no write access.  With as_service
 * (we are root checking for the service), the service user must be able to
 * reach and read it too.  0 when fine; else -1 and one line in err that
 * says what is wrong and the command that fixes it (the path, never the
 * secret).
 */
int	 secret_check(const char *path, int as_service, char *err, size_t);

/*
 * Line n (from 0) of a secret file, trailing blanks cut.  0, or -1 with a
 * reason in err.  The caller wipes buf after use.
 */
int	 secret_read_line(const char *path, int n, char *buf, size_t len,
	    char *err, size_t errlen);

/*
 * The WeCom robot key in what was pasted into a key file: the key itself,
 * or the whole webhook address WeCom shows
 * (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=XXXX), from which
 * the key is taken.  Blanks around it are ignored.  0 with the key in out,
 * or -1 when there is no usable key (empty, a URL without key=, characters
 * no key has, or too long for out).
 */
int	 wecom_key_from(const char *line, char *out, size_t outlen);

#endif
