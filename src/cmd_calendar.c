/*
 * cmd_calendar.c: dubanctl calendar --from DATE --to DATE: working days,
 * weekends, holidays and make-up days as duban counts them (at most ten
 * years at a time).  A day of a year without a holiday notice is marked
 * provisional: its kind comes from the statutory holidays and weekends
 * only, and may change when the notice is added.
 */
#include "cmd.h"
#include "table.h"

int
cmd_calendar(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const hdr[] = { "DATE", "DAY", "KIND", "WORKDAY",
	    "NOTE" };
	static const char *const wd[] = { "周日", "周一", "周二", "周三",
	    "周四", "周五", "周六" };
	day_t from = DAY_NONE, to = DAY_NONE, d;
	enum day_kind k;
	struct table *t;
	const char *cells[5];
	json_t *arr;
	int work, prov, nprov = 0;

	if (ctl_arg(args, "from") == NULL || ctl_arg(args, "to") == NULL)
		return cmd_usage(ce->name);
	date_parse(ctl_arg(args, "from"), &from);
	date_parse(ctl_arg(args, "to"), &to);
	if (to < from)
		return ctl_error(c, "--to %s is before --from %s",
		    date_str(to), date_str(from));
	if (to >= date_add_months(from, 120))
		return ctl_error(c, "at most ten years at a time");
	arr = c->json ? json_array() : NULL;
	t = c->json ? NULL : table_new(5, hdr);
	for (d = from; d <= to; d++) {
		k = cal_kind(c->cfg->cal, d);
		work = k == DAY_WEEKDAY || k == DAY_MAKEUP;
		prov = cal_is_provisional(c->cfg->cal, d);
		nprov += prov;
		if (arr != NULL) {
			json_array_append_new(arr, json_pack("{s:s, s:b, s:s, "
			    "s:b}", "date", date_str(d), "workday", work,
			    "kind", cal_kind_name(k), "provisional", prov));
			continue;
		}
		cells[0] = date_str(d);
		cells[1] = wd[date_wday(d)];
		cells[2] = cal_kind_name(k);
		cells[3] = work ? "yes" : "no";
		cells[4] = prov ? "provisional" : "";
		table_add(t, cells);
	}
	if (arr != NULL)
		return ctl_print_json(arr);
	table_print(t, stdout);
	if (nprov > 0)
		printf("provisional: no holiday notice for that year in %s yet; "
		    "statutory holidays and weekends only, no make-up working "
		    "days\n", c->cfg->holidays);
	table_free(t);
	return 0;
}
