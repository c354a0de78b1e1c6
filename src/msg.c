/*
 * msg.c: renders notices from templates.  A template is text with
 * {placeholders}; a line whose placeholder comes out empty (no cooperating
 * departments, no progress for a one-time duty) is left out, so one
 * template serves every kind of duty.  Splitting for a channel's size limit
 * cuts between lines where it can and never inside a UTF-8 character.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "utf8.h"
#include "xmalloc.h"

const char *const msg_default_templates[3] = {
	[MSG_REMINDER] =
	    "【{heading}】{title}（{period}）\n"
	    "截止日期：{due}（{remaining}）\n"
	    "依据：《实施方案》{clause}\n"
	    "牵头单位：{lead}\n"
	    "配合单位：{cooperating}\n"
	    "完成进度：{progress}\n"
	    "事项编号：{occurrence}\n"
	    "请按时完成，完成后将情况报法制办登记。",
	[MSG_ESCALATION] =
	    "【{heading}】{title}（{period}）\n"
	    "截止日期：{due}，{remaining}，尚未完成。\n"
	    "依据：《实施方案》{clause}\n"
	    "牵头单位：{lead}\n"
	    "配合单位：{cooperating}\n"
	    "完成进度：{progress}\n"
	    "事项编号：{occurrence}\n"
	    "请立即落实，并将完成情况或延期理由报法制办。",
	[MSG_PACE] =
	    "【{heading}】{title}（{period}）\n"
	    "本期已过半，要求至少{required}，{progress}，进度落后。\n"
	    "截止日期：{due}（{remaining}）\n"
	    "依据：《实施方案》{clause}\n"
	    "牵头单位：{lead}\n"
	    "事项编号：{occurrence}",
};

static void
fmt_num(double v, char *buf, size_t len)
{
	snprintf(buf, len, "%g", v);
}

/* {remaining}: msg_redate knows these three forms. */
static const char *
remaining(int days, char *buf, size_t len)
{
	if (days > 0)
		snprintf(buf, len, "还有 %d 天", days);
	else if (days == 0)
		snprintf(buf, len, "今天到期");
	else
		snprintf(buf, len, "已逾期 %d 天", -days);
	return buf;
}

/* The value of one placeholder, or NULL if unknown. */
static const char *
value(const struct msgfacts *f, const char *name, size_t n, char *buf,
    size_t len)
{
	char a[32], b[32];
	int days = f->due - f->today;

#define IS(s)	(n == strlen(s) && strncmp(name, s, n) == 0)
	if (IS("heading"))
		return f->heading;
	if (IS("title"))
		return f->title;
	if (IS("period"))
		return f->period;
	if (IS("clause")) {
		/* "35" is an item of the plan; "结语" is a part of it. */
		if (f->clause[0] >= '0' && f->clause[0] <= '9')
			snprintf(buf, len, "第%s项", f->clause);
		else
			snprintf(buf, len, "%s", f->clause);
		utf8_trim(buf);		/* a long clause is cut on a character */
		return buf;
	}
	if (IS("occurrence"))
		return f->occurrence;
	if (IS("lead"))
		return f->lead;
	if (IS("cooperating"))
		return f->cooperating;
	if (IS("due"))
		return date_fmt(f->due, buf);
	if (IS("days")) {
		snprintf(buf, len, "%d", days < 0 ? -days : days);
		return buf;
	}
	if (IS("remaining"))
		return remaining(days, buf, len);
	if (IS("required") || IS("progress")) {
		if (strcmp(f->req_kind, "once") == 0)
			return "";
		fmt_num(f->progress, a, sizeof(a));
		fmt_num(f->required, b, sizeof(b));
		if (IS("required"))
			snprintf(buf, len, "%s %s", b, f->unit);
		else
			snprintf(buf, len, "已完成 %s/%s %s", a, b, f->unit);
		return buf;
	}
#undef IS
	return NULL;
}

char *
msg_render(const struct config *cfg, enum msg_kind kind,
    const struct msgfacts *f)
{
	const char *tpl = cfg->templates[kind] ? cfg->templates[kind] :
	    msg_default_templates[kind];
	const char *p, *line, *nl, *close, *v;
	char *out, buf[512];
	size_t cap, o = 0, start, vl;
	int empty;

	cap = strlen(tpl) * 2 + 4096;
	out = xmalloc(cap);
	for (line = tpl; *line; line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		start = o;
		empty = 0;
		for (p = line; *p && p != nl; p++) {
			v = NULL;
			if (*p == '{' && (close = strchr(p, '}')) != NULL &&
			    (!nl || close < nl))
				v = value(f, p + 1, close - p - 1, buf,
				    sizeof(buf));
			if (v == NULL) {
				if (o + 2 >= cap)
					out = xreallocarray(out, cap *= 2, 1);
				out[o++] = *p;
				continue;
			}
			if (*v == '\0')
				empty = 1;
			vl = strlen(v);
			while (o + vl + 2 >= cap)
				out = xreallocarray(out, cap *= 2, 1);
			memcpy(out + o, v, vl);
			o += vl;
			p = close;
		}
		if (empty)
			o = start;	/* drop a line with nothing to say */
		else if (nl)
			out[o++] = '\n';
		if (!nl)
			break;
	}
	while (o > 0 && out[o - 1] == '\n')
		o--;
	out[o] = '\0';
	return out;
}

char *
msg_subject(const char *text)
{
	return xstrndup(text, strcspn(text, "\n"));
}

/* A number then " 天" at p: its value, and its end in *end; -1 if none. */
static int
days_at(const char *p, const char **end)
{
	int v = 0, n = 0;

	while (*p >= '0' && *p <= '9' && n < 6) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0 || n == 6 || strncmp(p, " 天", strlen(" 天")) != 0)
		return -1;
	*end = p + strlen(" 天");
	return v;
}

char *
msg_redate(const char *text, int shift)
{
	static const char ahead[] = "还有 ", today[] = "今天到期",
	    late[] = "已逾期 ";
	const char *p = text, *end;
	char *out, buf[64];
	size_t o = 0, cap = strlen(text) + 64, vl;
	int days;

	if (shift == 0)
		return xstrdup(text);
	out = xmalloc(cap);
	while (*p) {
		days = -1;
		if (strncmp(p, ahead, strlen(ahead)) == 0 &&
		    (days = days_at(p + strlen(ahead), &end)) >= 0)
			;
		else if (strncmp(p, today, strlen(today)) == 0) {
			days = 0;
			end = p + strlen(today);
		} else if (strncmp(p, late, strlen(late)) == 0 &&
		    (days = days_at(p + strlen(late), &end)) >= 0)
			days = -days;
		else
			days = INT_MIN;
		if (days == INT_MIN) {
			if (o + 2 >= cap)
				out = xreallocarray(out, cap *= 2, 1);
			out[o++] = *p++;
			continue;
		}
		remaining(days - shift, buf, sizeof(buf));
		vl = strlen(buf);
		while (o + vl + 2 >= cap)
			out = xreallocarray(out, cap *= 2, 1);
		memcpy(out + o, buf, vl);
		o += vl;
		p = end;
	}
	out[o] = '\0';
	return out;
}

int
msg_items(const char *text, char ***itemsp)
{
	static const char head[] = "【督办汇总】共 ";
	char **items, mark[32];
	const char *p, *next;
	int n, k;

	/*
	 * A digest is its header line and items "\n\nk. text" for k = 1..n
	 * (msg_digest).  Each marker is looked for after the one before, so
	 * a template's own "\n\n2. " could only confuse the count, never
	 * lose text; anything that does not parse is one item.
	 */
	if (strncmp(text, head, strlen(head)) == 0 &&
	    (n = atoi(text + strlen(head))) > 1 && n < 100000) {
		items = xcalloc(n, sizeof(*items));
		snprintf(mark, sizeof(mark), "\n\n1. ");
		p = strstr(text, mark);
		for (k = 1; p != NULL && k <= n; k++) {
			p += strlen(mark);
			snprintf(mark, sizeof(mark), "\n\n%d. ", k + 1);
			next = k < n ? strstr(p, mark) : p + strlen(p);
			if (next == NULL)
				break;
			items[k - 1] = xstrndup(p, next - p);
			p = next;
		}
		if (k == n + 1) {
			*itemsp = items;
			return n;
		}
		for (k = 0; k < n; k++)
			free(items[k]);
		free(items);
	}
	items = xcalloc(1, sizeof(*items));
	items[0] = xstrdup(text);
	*itemsp = items;
	return 1;
}

char *
msg_digest(char *const *texts, int n)
{
	char *out, *t;
	int i;

	if (n == 1)
		return xstrdup(texts[0]);
	xasprintf(&out, "【督办汇总】共 %d 项事项需要关注", n);
	for (i = 0; i < n; i++) {
		xasprintf(&t, "%s\n\n%d. %s", out, i + 1, texts[i]);
		free(out);
		out = t;
	}
	return out;
}

int
msg_split(const char *text, size_t max, char ***partsp)
{
	/* Room for "\n（第 99/99 部分）". */
	const size_t reserve = 32;
	size_t len = strlen(text), take, cut, room;
	char **parts = NULL, *nl, *t;
	const char *p = text;
	int n = 0, i;

	if (len <= max) {
		parts = xcalloc(1, sizeof(*parts));
		parts[0] = xstrdup(text);
		*partsp = parts;
		return 1;
	}
	room = max > reserve * 2 ? max - reserve : max / 2;
	while (*p) {
		take = strlen(p);
		if (take > room) {
			cut = utf8_cut(p, room);
			/* Prefer the end of a line in the second half. */
			t = xstrndup(p, cut);
			nl = strrchr(t, '\n');
			if (nl != NULL && (size_t)(nl - t) > room / 2)
				cut = nl - t + 1;
			free(t);
			take = cut ? cut : utf8_cut(p, room + 4);
			/* Not UTF-8 at all (stray continuation bytes): cut
			 * by bytes, so that every pass moves on. */
			if (take == 0)
				take = room;
		}
		parts = xreallocarray(parts, n + 1, sizeof(*parts));
		parts[n++] = xstrndup(p, take);
		p += take;
	}
	for (i = 0; i < n; i++) {
		len = strlen(parts[i]);
		while (len > 0 && parts[i][len - 1] == '\n')
			parts[i][--len] = '\0';
		xasprintf(&t, "%s\n（第 %d/%d 部分）", parts[i], i + 1, n);
		free(parts[i]);
		parts[i] = t;
	}
	*partsp = parts;
	return n;
}
