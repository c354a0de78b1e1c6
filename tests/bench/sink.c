/*
 * sink.c: a minimal HTTP sink for the benchmarks: answers every POST with
 * 200 {"errcode":0} and counts the requests.  Written with libevent's evhttp
 * so that the sink, not the client, is what wrk measures; duband's send
 * rate is then compared with it.  Usage: sink PORTFILE
 */
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <arpa/inet.h>
#include <netinet/in.h>

static unsigned long count;

static void
on_request(struct evhttp_request *req, void *arg)
{
	struct evbuffer *out = evbuffer_new();

	count++;
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/json");
	evbuffer_add_printf(out, "{\"errcode\":0,\"errmsg\":\"ok\"}");
	evhttp_send_reply(req, 200, "OK", out);
	evbuffer_free(out);
}

static void
on_term(evutil_socket_t sig, short ev, void *arg)
{
	event_base_loopbreak(arg);
}

/* SIGUSR1: report and reset the count (the benchmark checks that every
 * notification really reached the sink). */
static void
on_usr1(evutil_socket_t sig, short ev, void *arg)
{
	fprintf(stderr, "sink: %lu requests\n", count);
	count = 0;
}

int
main(int argc, char **argv)
{
	struct event_base *base = event_base_new();
	struct evhttp *http = evhttp_new(base);
	struct evhttp_bound_socket *bs;
	struct event *sig;
	struct sockaddr_storage ss;
	ev_socklen_t len = sizeof(ss);
	FILE *f;

	if (argc != 2)
		return 2;
	evhttp_set_gencb(http, on_request, NULL);
	bs = evhttp_bind_socket_with_handle(http, "127.0.0.1", 0);
	if (bs == NULL)
		return 1;
	getsockname(evhttp_bound_socket_get_fd(bs), (struct sockaddr *)&ss,
	    &len);
	if ((f = fopen(argv[1], "w")) == NULL)
		return 1;
	fprintf(f, "%d\n", ntohs(((struct sockaddr_in *)&ss)->sin_port));
	fclose(f);
	sig = evsignal_new(base, SIGTERM, on_term, base);
	event_add(sig, NULL);
	sig = evsignal_new(base, SIGUSR1, on_usr1, NULL);
	event_add(sig, NULL);
	event_base_dispatch(base);
	fprintf(stderr, "sink: %lu requests\n", count);
	return 0;
}
