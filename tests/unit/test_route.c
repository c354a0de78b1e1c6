/*
 * test_route.c: who receives an alert and through which channel
 * (src/route.c), on the fixture's contacts: 组织办 has a WeCom robot and
 * mobiles, 法制办 and 财政分局 have e-mail, 审计办 has nothing.
 */
#include <stdlib.h>

#include "fixture.h"
#include "route.h"

static struct config *cfg;

static int
dept(const char *id)
{
	return conf_find_dept(cfg, id);
}

static const struct dest *
find(const struct dests *ds, const char *channel)
{
	int i;

	for (i = 0; i < ds->n; i++)
		if (strcmp(cfg->channels[ds->v[i].channel].id, channel) == 0)
			return &ds->v[i];
	fprintf(stderr, "  no destination on %s\n", channel);
	unit_failed = 1;
	return NULL;
}

TEST(lead_and_cooperating)
{
	int lead[1] = { dept("zzb") }, coop[2] = { dept("fzb"), dept("czfj") };
	const struct dest *d;
	struct dests ds;
	char *label;

	route_alert(cfg, TGT_LEAD | TGT_COOPERATING, lead, 1, coop, 2, &ds);
	CHECK_INT(ds.n, 2);
	if ((d = find(&ds, "zzb_robot")) != NULL) {
		CHECK_STR(d->recipient, "组织办");
		CHECK_STR(d->mentions, "13800000001 13800000002");
		CHECK_STR(d->key, "zzb_robot");
	}
	/* Cooperating departments are copied, not addressed. */
	if ((d = find(&ds, "mail")) != NULL) {
		CHECK_STR(d->to, "");
		CHECK_STR(d->cc, "fzb@example.gov.cn czfj@example.gov.cn");
		CHECK_STR(d->recipient, "法制办、财政分局");
		CHECK_STR(d->key, "mail||fzb@example.gov.cn czfj@example.gov.cn");
	}
	label = route_label(&ds);
	CHECK_STR(label, "组织办、法制办、财政分局");
	free(label);
	route_free(&ds);
}

TEST(heads_and_leaders)
{
	int lead[1] = { dept("zzb") };
	const struct dest *d;
	struct dests ds;

	/* The head's mobile and the leader in charge, on the same robot. */
	route_alert(cfg, TGT_LEAD_HEAD | TGT_LEADER, lead, 1, NULL, 0, &ds);
	CHECK_INT(ds.n, 1);
	if ((d = find(&ds, "zzb_robot")) != NULL) {
		CHECK_STR(d->mentions, "13900000009 13700000001");
		CHECK_STR(d->recipient, "组织办（负责人）、分管法治工作副镇长");
	}
	route_free(&ds);
	/* The first responsible person by e-mail. */
	route_alert(cfg, TGT_FIRST, lead, 1, NULL, 0, &ds);
	CHECK_INT(ds.n, 1);
	if ((d = find(&ds, "mail")) != NULL) {
		CHECK_STR(d->to, "mayor@example.gov.cn");
		CHECK_STR(d->recipient, "镇长");
	}
	route_free(&ds);
}

TEST(no_contact_goes_to_fallback)
{
	int lead[1] = { dept("sjb") };
	const struct dest *d;
	struct dests ds;
	char *to;

	route_alert(cfg, TGT_LEAD, lead, 1, NULL, 0, &ds);
	CHECK_INT(ds.n, 1);
	if ((d = find(&ds, "log")) != NULL) {
		CHECK_STR(d->recipient, "审计办");
		CHECK_STR(d->key, "log|审计办");
	}
	route_free(&ds);
	/* The fallback is the log: a failure report has no addresses. */
	to = route_report_to(cfg);
	CHECK_STR(to, "");
	free(to);
}

TEST(supervisor)
{
	int lead[1] = { dept("sjb") };
	const struct dest *d;
	struct dests ds;

	/* The supervising office (法制办) and its head, by e-mail. */
	route_alert(cfg, TGT_SUPERVISOR, lead, 1, NULL, 0, &ds);
	CHECK_INT(ds.n, 1);
	if ((d = find(&ds, "mail")) != NULL) {
		CHECK_STR(d->to, "fzb@example.gov.cn lisi@example.gov.cn");
		CHECK_STR(d->recipient, "法制办、法制办（负责人）");
	}
	route_free(&ds);
}

int
main(void)
{
	cfg = fixture_load(NULL);
	RUN(lead_and_cooperating);
	RUN(heads_and_leaders);
	RUN(no_contact_goes_to_fallback);
	RUN(supervisor);
	conf_free(cfg);
	fixture_done();
	UNIT_EXIT();
}
