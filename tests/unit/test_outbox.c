/*
 * test_outbox.c: the outbox's pure decisions (src/outbox.c): the retry
 * delay, and notices to one destination becoming one message.
 */
#include <stdlib.h>

#include "outbox.h"
#include "unit.h"

TEST(backoff_doubles_and_caps)
{
	CHECK_INT(outbox_backoff(1, 1.0), 60);
	CHECK_INT(outbox_backoff(2, 1.0), 120);
	CHECK_INT(outbox_backoff(3, 1.0), 240);
	CHECK_INT(outbox_backoff(6, 1.0), 1920);
	CHECK_INT(outbox_backoff(7, 1.0), 3600);
	CHECK_INT(outbox_backoff(50, 1.0), 3600);
	/* Jitter scales the delay: a quarter either way. */
	CHECK_INT(outbox_backoff(1, 0.75), 45);
	CHECK_INT(outbox_backoff(7, 1.25), 4500);
	/* attempts 0 (never tried) waits the minimum. */
	CHECK_INT(outbox_backoff(0, 1.0), 60);
}

TEST(notices_copy_their_destination)
{
	struct notices ns;
	struct dest d = { .channel = 1, .key = "k", .to = "a@b", .cc = "",
	    .mentions = "138", .recipient = "组织办" };
	char text[] = "正文";

	memset(&ns, 0, sizeof(ns));
	notice_add(&ns, &d, 7, text);
	text[0] = 'x';
	CHECK_INT(ns.n, 1);
	CHECK_INT(ns.v[0].alert, 7);
	CHECK_STR(ns.v[0].text, "正文");
	CHECK_STR(ns.v[0].dest.key, "k");
	CHECK(ns.v[0].dest.key != d.key);
	notice_free(&ns);
	CHECK_INT(ns.n, 0);
}

int
main(void)
{
	RUN(backoff_doubles_and_caps);
	RUN(notices_copy_their_destination);
	UNIT_EXIT();
}
