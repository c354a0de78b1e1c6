/*
 * conf_lex.c: a second reading of the configuration text, the way
 * libconfig's scanner reads it (strings, # // and block comments, @include
 * lines), for two things libconfig 1.5 does badly:
 *
 *   - an @include of a folder (@include "holidays") or of "" makes its
 *     flex scanner call exit(2) -- no file:line, and a SIGHUP would end the
 *     daemon -- and a FIFO or device would hang or never end.  So every
 *     include target is checked here, before libconfig opens anything, to
 *     be an existing, regular, readable file;
 *   - its syntax errors say only "syntax error".  The usual causes when
 *     Chinese officials edit a file -- full-width punctuation typed with a
 *     Chinese input method, a comma after the last entry of a list, no
 *     comma between two entries, a string closed with ” -- are looked for
 *     on the line it names, and named with the fix.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf_int.h"
#include "xmalloc.h"

/* libconfig's own limit; deeper nesting is its (clean) error. */
#define LEX_MAXDEPTH	10
#define LEX_MAXFILE	(16 * 1024 * 1024)

enum ltok { L_EOF, L_CHAR, L_STRING, L_INCLUDE };

struct lex {
	const char	*p, *end;
	int		 line;
	int		 bol;		/* only blanks so far on this line */
};

struct ltoken {
	enum ltok	 kind;
	int		 line;		/* where it starts */
	int		 endline;	/* strings: where they end */
	int		 closed;	/* strings: a closing quote was found */
	const char	*s;		/* L_CHAR: the character (UTF-8) */
	size_t		 n;
	char		*name;		/* L_INCLUDE: the file, unescaped */
	int		 fwquote;	/* L_STRING: holds a “ or ” */
	const char	*str;		/* L_STRING: from its opening quote */
	size_t		 strn;		/* to after its closing one */
};

static size_t
u8len(const char *p, const char *end)
{
	unsigned char c = *p;
	size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 :
	    c >= 0xc0 ? 2 : 1;

	return (size_t)(end - p) < n ? (size_t)(end - p) : n;
}

/* The next token libconfig would see; comments and blanks skipped. */
static void
lex_next(struct lex *l, struct ltoken *t)
{
	const char *q;
	size_t cap, len;

	memset(t, 0, sizeof(*t));
	for (;;) {
		if (l->p >= l->end) {
			t->kind = L_EOF;
			t->line = l->line;
			return;
		}
		if (*l->p == '\n') {
			l->line++;
			l->bol = 1;
			l->p++;
			continue;
		}
		if (*l->p == ' ' || *l->p == '\t' || *l->p == '\r' ||
		    *l->p == '\f' || *l->p == '\v') {
			l->p++;
			continue;
		}
		if (*l->p == '#' || (*l->p == '/' && l->p + 1 < l->end &&
		    l->p[1] == '/')) {
			while (l->p < l->end && *l->p != '\n')
				l->p++;
			continue;
		}
		if (*l->p == '/' && l->p + 1 < l->end && l->p[1] == '*') {
			for (l->p += 2; l->p < l->end; l->p++) {
				if (*l->p == '\n')
					l->line++;
				else if (*l->p == '*' && l->p + 1 < l->end &&
				    l->p[1] == '/') {
					l->p += 2;
					break;
				}
			}
			l->bol = 0;
			continue;
		}
		break;
	}
	t->line = l->line;
	/* ^[ \t]*@include[ \t]+" as libconfig's scanner has it. */
	if (l->bol && l->end - l->p > 8 && memcmp(l->p, "@include", 8) == 0 &&
	    (l->p[8] == ' ' || l->p[8] == '\t')) {
		for (q = l->p + 8; q < l->end && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < l->end && *q == '"') {
			cap = 64;
			len = 0;
			t->name = xmalloc(cap);
			for (q++; q < l->end && *q != '"'; q++) {
				if (*q == '\\' && q + 1 < l->end &&
				    (q[1] == '\\' || q[1] == '"'))
					q++;
				else if (*q == '\n')
					l->line++;
				if (len + 2 > cap)
					t->name = xreallocarray(t->name,
					    cap *= 2, 1);
				t->name[len++] = *q;
			}
			t->name[len] = '\0';
			l->p = q < l->end ? q + 1 : q;
			l->bol = 0;
			t->kind = L_INCLUDE;
			return;
		}
	}
	l->bol = 0;
	if (*l->p == '"') {
		t->kind = L_STRING;
		t->str = l->p;
		for (q = l->p + 1; q < l->end && *q != '"'; q++) {
			if (*q == '\\' && q + 1 < l->end && q[1] != '\n')
				q++;
			else if (*q == '\n')
				l->line++;
			else if (l->end - q >= 3 && (memcmp(q, "\xe2\x80\x9c", 3)
			    == 0 || memcmp(q, "\xe2\x80\x9d", 3) == 0))
				t->fwquote = 1;
		}
		t->closed = q < l->end;
		t->endline = l->line;
		l->p = q < l->end ? q + 1 : q;
		t->strn = l->p - t->str;
		return;
	}
	t->kind = L_CHAR;
	t->s = l->p;
	t->n = u8len(l->p, l->end);
	l->p += t->n;
}

/* A whole file in memory, NUL-terminated; NULL with errno set. */
static char *
slurp(const char *path, size_t *lenp)
{
	struct stat st;
	char *buf;
	ssize_t n;
	size_t len = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > LEX_MAXFILE) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EFBIG;
		close(fd);
		return NULL;
	}
	buf = xmalloc(st.st_size + 1);
	while (len < (size_t)st.st_size &&
	    (n = read(fd, buf + len, st.st_size - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/*
 * Is path something libconfig may open?  NULL when so, else why not (a
 * phrase; errno's text for what open says).
 */
const char *
lex_unreadable(const char *path)
{
	struct stat st;
	int fd;

	if (stat(path, &st) == -1)
		return strerror(errno);
	if (S_ISDIR(st.st_mode))
		return "it is a folder, not a file";
	if (!S_ISREG(st.st_mode))
		return "it is not a regular file";
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return strerror(errno);
	close(fd);
	return NULL;
}

/*
 * Check the @include lines of file (shown as shown) and, depth first, of
 * the files they name: name as libconfig does -- relative to dir, a leading
 * "/" dropped, since include_dir is set.  Returns the number of errors.
 */
static int
check_file(const char *file, const char *shown, const char *dir,
    FILE *errors, int depth)
{
	struct lex l;
	struct ltoken t;
	const char *why, *rel;
	char *text, *full;
	size_t len;
	int nerr = 0;

	if ((text = slurp(file, &len)) == NULL)
		return 0;	/* checked by the caller */
	l.p = text;
	l.end = text + len;
	l.line = 1;
	l.bol = 1;
	for (lex_next(&l, &t); t.kind != L_EOF; lex_next(&l, &t)) {
		if (t.kind != L_INCLUDE)
			continue;
		rel = t.name[0] == '/' ? t.name + 1 : t.name;
		xasprintf(&full, "%s/%s", dir, rel);
		if (t.name[0] == '\0') {
			fprintf(errors, "%s:%d: @include \"\" names no file: "
			    "write the file's name, e.g. @include "
			    "\"contacts.conf\"\n", shown, t.line);
			nerr++;
		} else if ((why = lex_unreadable(full)) != NULL) {
			fprintf(errors, "%s:%d: cannot open include file "
			    "\"%s\" (%s): %s%s%s\n", shown, t.line, t.name, full,
			    why, strstr(why, "folder") != NULL ?
			    "; @include takes one configuration file such as "
			    "\"contacts.conf\" (the holiday folder is the "
			    "setting holidays = \"holidays\";)" : "",
			    t.name[0] == '/' ? "; @include paths are taken "
			    "relative to the folder of duban.conf" : "");
			nerr++;
		} else if (depth + 1 < LEX_MAXDEPTH)
			nerr += check_file(full, full, dir, errors, depth + 1);
		free(full);
		free(t.name);
	}
	free(text);
	return nerr;
}

int
lex_check_includes(const char *path, const char *dir, FILE *errors)
{
	const char *why;

	if ((why = lex_unreadable(path)) != NULL) {
		fprintf(errors, "%s: cannot read: %s\n", path, why);
		return 1;
	}
	return check_file(path, path, dir, errors, 0);
}

/* Full-width punctuation a Chinese input method types, and its ASCII. */
#define Q	"double quote \""
static const struct {
	const char	*fw;
	const char	*ascii;
} fullwidth[] = {
	{ "；", ";" }, { "，", "," }, { "：", ":" }, { "“", Q },
	{ "”", Q }, { "‘", Q }, { "’", Q }, { "（", "(" },
	{ "）", ")" }, { "【", "[" }, { "】", "]" }, { "［", "[" },
	{ "］", "]" }, { "｛", "{" }, { "｝", "}" }, { "＝", "=" },
	{ "。", ";" }, { "、", "," }, { "＃", "#" },
	{ "　", "a space" }, { "《", Q }, { "》", Q }, { "＂", Q },
};

int
lex_hint(const char *text, size_t len, int line, char *buf, size_t buflen)
{
	struct lex l;
	struct ltoken t;
	char prev = 0;
	int prevline = 0, strline = 0, strfw = 0;
	size_t i;

	l.p = text;
	l.end = text + len;
	l.line = 1;
	l.bol = 1;
	*buf = '\0';
	for (lex_next(&l, &t); t.kind != L_EOF && t.line <= line;
	    lex_next(&l, &t)) {
		if (t.kind == L_INCLUDE) {
			free(t.name);
			prev = 0;
			continue;
		}
		if (t.kind == L_STRING) {
			/* A string that runs on past its line was most likely
			 * closed with a full-width quote, or not at all. */
			if ((!t.closed || t.endline > t.line) &&
			    strline == 0) {
				strline = t.line;
				strfw = t.fwquote;
			}
			prev = '"';
			prevline = t.line;
			continue;
		}
		if (t.line == line && t.n > 1) {
			for (i = 0; i < sizeof(fullwidth) /
			    sizeof(fullwidth[0]); i++)
				if (strlen(fullwidth[i].fw) == t.n &&
				    memcmp(t.s, fullwidth[i].fw, t.n) == 0)
					break;
			if (i < sizeof(fullwidth) / sizeof(fullwidth[0]))
				snprintf(buf, buflen, "hint: line %d has the "
				    "full-width %.*s outside quotes; use the ASCII "
				    "%s%s%s instead (switch the input method to "
				    "English punctuation)", line, (int)t.n, t.s,
				    strlen(fullwidth[i].ascii) == 1 ? "\"" : "",
				    fullwidth[i].ascii,
				    strlen(fullwidth[i].ascii) == 1 ? "\"" : "");
			else
				snprintf(buf, buflen, "hint: line %d has \"%.*s\" "
				    "outside quotes; text must be inside ASCII "
				    "double quotes \"...\"", line, (int)t.n, t.s);
			return 1;
		}
		if (t.line == line && t.n == 1 && prev == ',' &&
		    (*t.s == ')' || *t.s == ']' || *t.s == '}')) {
			snprintf(buf, buflen, "hint: the comma on line %d comes "
			    "after the last entry of a list; remove it (a comma "
			    "goes only between entries)", prevline);
			return 1;
		}
		if (t.line == line && t.n == 1 && *t.s == '{' && prev == '}') {
			snprintf(buf, buflen, "hint: entries of a list are "
			    "separated by commas: put a \",\" after the \"}\" on "
			    "line %d", prevline);
			return 1;
		}
		prev = t.n == 1 ? *t.s : 0;
		prevline = t.line;
	}
	if (t.kind == L_INCLUDE)
		free(t.name);
	if (strline > 0) {
		snprintf(buf, buflen, "hint: the text in quotes that starts on "
		    "line %d is not closed on that line%s", strline, strfw ?
		    ": it holds a full-width quote (“ or ”); close it with the "
		    "ASCII \"" : ": end it with a \"");
		return 1;
	}
	return 0;
}

int
lex_hint_file(const char *path, int line, char *buf, size_t buflen)
{
	char *text;
	size_t len;
	int rc;

	if ((text = slurp(path, &len)) == NULL)
		return 0;
	rc = lex_hint(text, len, line, buf, buflen);
	free(text);
	return rc;
}

/*
 * The settings a command needs when it needs no plan: read from the main
 * file alone, without libconfig, whose 1.5 parser processes every @include
 * (the whole plan: 1.1 s and 245 MB at 100,000 obligations) before anything
 * can be looked up.  Only top-level "name = "string";" settings are looked
 * at; anything else, including errors in other parts of the file, is
 * skipped: conf_load and check-config judge those.
 */

/* A libconfig string's text, escapes undone, appended to *buf. */
static void
unquote(const char *s, size_t n, char **buf, size_t *len)
{
	const char *end = s + n;
	char c;

	if (n < 2)
		return;
	*buf = xreallocarray(*buf, *len + n + 1, 1);
	for (s++, end--; s < end; s++) {
		c = *s;
		if (c == '\\' && s + 1 < end) {
			switch (*++s) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'f': c = '\f'; break;
			default: c = *s;
			}
		}
		(*buf)[(*len)++] = c;
	}
	(*buf)[*len] = '\0';
}

int
lex_settings(const char *path, const char *const *names, char **values)
{
	struct lex l;
	struct ltoken t;
	char name[64], *text, *val = NULL;
	size_t len, nlen = 0, vlen = 0;
	int depth = 0, want = -1, i, inval = 0;

	for (i = 0; names[i] != NULL; i++)
		values[i] = NULL;
	if ((text = slurp(path, &len)) == NULL)
		return -1;
	memset(&l, 0, sizeof(l));
	l.p = text;
	l.end = text + len;
	l.line = 1;
	l.bol = 1;
	for (;;) {
		lex_next(&l, &t);
		if (t.kind == L_EOF)
			break;
		if (t.kind == L_INCLUDE) {
			free(t.name);
			continue;
		}
		if (t.kind == L_STRING) {
			/* "a" "b" is "ab", as for libconfig. */
			if (depth == 0 && inval && want >= 0)
				unquote(t.str, t.strn, &val, &vlen);
			else
				want = -1;
			continue;
		}
		if (t.n == 1 && strchr("([{", *t.s) != NULL) {
			depth++;
			want = -1;
		} else if (t.n == 1 && strchr(")]}", *t.s) != NULL) {
			if (depth > 0)
				depth--;
		} else if (depth > 0)
			continue;
		else if (t.n == 1 && (*t.s == '=' || *t.s == ':') && !inval) {
			name[nlen] = '\0';
			for (want = -1, i = 0; names[i] != NULL; i++)
				if (strcmp(names[i], name) == 0)
					want = i;
			inval = 1;
		} else if (t.n == 1 && (*t.s == ';' || *t.s == ',')) {
			/* Given twice (an error for conf_load): the last. */
			if (inval && want >= 0 && val != NULL) {
				free(values[want]);
				values[want] = val;
				val = NULL;
			}
			free(val);
			val = NULL;
			vlen = nlen = 0;
			inval = 0;
			want = -1;
		} else if (!inval && nlen + 1 < sizeof(name))
			name[nlen++] = *t.s;
		else
			want = -1;
	}
	if (inval && want >= 0 && val != NULL && values[want] == NULL)
		values[want] = val;
	else
		free(val);
	free(text);
	return 0;
}

/* A path in the configuration is relative to the main file's folder. */
static const char *
settings_path(struct arena *a, const char *dir, char *v, const char *def)
{
	const char *p = v != NULL ? v : def;
	char *full;

	if (p[0] == '/' || p[0] == '\0')
		p = arena_strdup(a, p);
	else {
		xasprintf(&full, "%s/%s", dir, p);
		p = arena_strdup(a, full);
		free(full);
	}
	free(v);
	return p;
}

struct config *
conf_load_settings(const char *path, FILE *errors)
{
	static const char *const names[] = { "timezone", "database", "socket",
	    NULL };
	char *v[3], *dir, *slash;
	struct config *cfg;
	struct arena *a;

	if (lex_settings(path, names, v) == -1) {
		fprintf(errors, "%s: cannot read: %s\n", path, strerror(errno));
		return NULL;
	}
	a = arena_new();
	cfg = arena_alloc(a, sizeof(*cfg));
	cfg->arena = a;
	cfg->path = arena_strdup(a, path);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	cfg->dir = arena_strdup(a, dir);
	free(dir);
	cfg->timezone = arena_strdup(a, v[0] ? v[0] : "Asia/Shanghai");
	free(v[0]);
	/* An unknown zone is conf_load's error to report; meanwhile the
	 * commands that need only the socket still work. */
	cfg->tz = tz_load(cfg->timezone);
	cfg->database = settings_path(a, cfg->dir, v[1],
	    "/var/lib/duban/duban.db");
	cfg->socket = settings_path(a, cfg->dir, v[2], "/run/duban/duban.sock");
	cfg->supervisor = cfg->mail_channel = cfg->fallback_channel = -1;
	return cfg;
}
