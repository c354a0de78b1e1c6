# mk/install.mk: make install / make uninstall (included by the Makefile).
#
#   make                          build (as yourself)
#   sudo make install             install under PREFIX=/usr/local, set up the
#                                 duban user, /etc/duban/secrets, reload systemd
#   sudo make uninstall           remove it again (keeps edited configuration
#                                 and never touches /var/lib/duban)
#   make install DESTDIR=/tmp/x PREFIX=/usr    staged install (packaging)
#
# Where things go (PREFIX defaults to /usr/local):
#
#   $(PREFIX)/sbin/duband                       the daemon
#   $(PREFIX)/bin/dubanctl                      the administrator's command
#   $(PREFIX)/lib/systemd/system/duban.service  the unit; /usr/local/lib/... and
#                                               /usr/lib/... are both on systemd's
#                                               unit path (Debian 12 has /lib ->
#                                               /usr/lib), so the unit follows PREFIX
#                                               like everything else
#   $(PREFIX)/lib/systemd/system/duban-backup.{service,timer}
#                                               the nightly backup (not enabled:
#                                               systemctl enable --now duban-backup.timer)
#   $(PREFIX)/lib/sysusers.d/duban.conf         user and group duban
#   $(PREFIX)/lib/tmpfiles.d/duban.conf         /etc/duban/secrets 0750 root:duban
#   $(PREFIX)/share/man/man5, man8              duban.conf(5), duband(8), dubanctl(8)
#   $(PREFIX)/share/duban/default/              the shipped default configuration,
#                                               as installed (for diff, and so that
#                                               upgrades know what you changed)
#   /etc/duban/                                 the configuration: always /etc/duban,
#                                               whatever PREFIX is (duband's default
#                                               -c and ConfigurationDirectory=duban)
#
# The configuration in /etc/duban is never overwritten once you have changed
# it.  For each file:
#   - missing: the default is installed;
#   - unchanged since the last install: replaced by the new default;
#   - changed by you, and the default changed too: yours is kept and the new
#     default is written next to it as FILE.new (a message says so; merge
#     with "diff -u FILE FILE.new", then delete FILE.new);
#   - changed by you, default unchanged: nothing is done.
# FILE.new files belong to make install: it replaces or removes them.
#
# make install does not build as root when the programs are already built
# (only a stale or missing binary is rebuilt) and runs apt-get only when
# neither binary exists yet (the deps-build target: build packages only).

BINDIR		?= $(PREFIX)/bin
SBINDIR		?= $(PREFIX)/sbin
MANDIR		?= $(PREFIX)/share/man
UNITDIR		?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR	?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR	?= $(PREFIX)/lib/tmpfiles.d
DATADIR		?= $(PREFIX)/share/duban
DEFAULTDIR	= $(DATADIR)/default
# Fixed: duband's built-in default and ConfigurationDirectory=duban.
CONFDIR		= /etc/duban

# Configuration files, relative to conf/ and to $(CONFDIR).
CONF_FILES	= duban.conf plan.conf contacts.conf \
		  $(patsubst conf/%,%,$(sort $(wildcard conf/holidays/*.txt)))
# Man pages: whichever of these exist are installed; all are uninstalled.
MAN5		= duban.conf.5
MAN8		= duband.8 dubanctl.8

INSTALL_BUILD	= $(if $(and $(wildcard duband),$(wildcard dubanctl)),,deps-build) \
		  duband dubanctl

.PHONY: install uninstall

install: $(INSTALL_BUILD)
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) \
		$(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
		$(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(DEFAULTDIR) \
		$(DESTDIR)$(CONFDIR) $(DESTDIR)$(CONFDIR)/holidays
	install -d -m 0750 $(DESTDIR)$(CONFDIR)/secrets
	install -m 0755 duband $(DESTDIR)$(SBINDIR)/duband
	install -m 0755 dubanctl $(DESTDIR)$(BINDIR)/dubanctl
	sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@BINDIR@|$(BINDIR)|g' \
		systemd/duban.service > $(DESTDIR)$(UNITDIR)/duban.service.tmp
	@if grep -n '@[A-Z_]*@' $(DESTDIR)$(UNITDIR)/duban.service.tmp; then \
		echo "duban.service: placeholder left unsubstituted" >&2; \
		rm -f $(DESTDIR)$(UNITDIR)/duban.service.tmp; exit 1; fi
	chmod 0644 $(DESTDIR)$(UNITDIR)/duban.service.tmp
	mv -f $(DESTDIR)$(UNITDIR)/duban.service.tmp $(DESTDIR)$(UNITDIR)/duban.service
	sed -e 's|@BINDIR@|$(BINDIR)|g' systemd/duban-backup.service \
		> $(DESTDIR)$(UNITDIR)/duban-backup.service.tmp
	@if grep -n '@[A-Z_]*@' $(DESTDIR)$(UNITDIR)/duban-backup.service.tmp; then \
		echo "duban-backup.service: placeholder left unsubstituted" >&2; \
		rm -f $(DESTDIR)$(UNITDIR)/duban-backup.service.tmp; exit 1; fi
	chmod 0644 $(DESTDIR)$(UNITDIR)/duban-backup.service.tmp
	mv -f $(DESTDIR)$(UNITDIR)/duban-backup.service.tmp \
		$(DESTDIR)$(UNITDIR)/duban-backup.service
	install -m 0644 systemd/duban-backup.timer $(DESTDIR)$(UNITDIR)/duban-backup.timer
	install -m 0644 systemd/duban.sysusers $(DESTDIR)$(SYSUSERSDIR)/duban.conf
	install -m 0644 systemd/duban.tmpfiles $(DESTDIR)$(TMPFILESDIR)/duban.conf
	@set -e; for p in $(MAN5); do [ -f man/$$p ] || continue; \
		echo "install -m 0644 man/$$p $(DESTDIR)$(MANDIR)/man5/$$p"; \
		install -d -m 0755 $(DESTDIR)$(MANDIR)/man5; \
		install -m 0644 man/$$p $(DESTDIR)$(MANDIR)/man5/$$p; done; \
	for p in $(MAN8); do [ -f man/$$p ] || continue; \
		echo "install -m 0644 man/$$p $(DESTDIR)$(MANDIR)/man8/$$p"; \
		install -d -m 0755 $(DESTDIR)$(MANDIR)/man8; \
		install -m 0644 man/$$p $(DESTDIR)$(MANDIR)/man8/$$p; done
	@set -e; for f in $(CONF_FILES); do \
		src=conf/$$f; dst=$(DESTDIR)$(CONFDIR)/$$f; \
		old=$(DESTDIR)$(DEFAULTDIR)/$$f; \
		install -d -m 0755 "$${dst%/*}" "$${old%/*}"; \
		if [ ! -e "$$dst" ]; then \
			install -m 0644 "$$src" "$$dst"; \
			echo "installed $$dst"; \
		elif cmp -s "$$src" "$$dst"; then \
			rm -f "$$dst.new"; \
		elif [ -f "$$old" ] && cmp -s "$$old" "$$dst"; then \
			install -m 0644 "$$src" "$$dst"; rm -f "$$dst.new"; \
			echo "updated $$dst (you had not changed it)"; \
		elif [ -f "$$old" ] && cmp -s "$$old" "$$src"; then \
			echo "kept $$dst (changed by you; the default is the same)"; \
		else \
			install -m 0644 "$$src" "$$dst.new"; \
			echo "kept $$dst (changed by you); the new default is"; \
			echo "  $$dst.new: merge with diff -u $$dst $$dst.new, then delete it"; \
		fi; \
		install -m 0644 "$$src" "$$old"; \
	done
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
		set -e; \
		if command -v systemd-sysusers >/dev/null; then \
			echo "systemd-sysusers $(SYSUSERSDIR)/duban.conf"; \
			systemd-sysusers $(SYSUSERSDIR)/duban.conf; fi; \
		if command -v systemd-tmpfiles >/dev/null; then \
			echo "systemd-tmpfiles --create $(TMPFILESDIR)/duban.conf"; \
			systemd-tmpfiles --create $(TMPFILESDIR)/duban.conf; fi; \
		if [ -d /run/systemd/system ]; then \
			echo "systemctl daemon-reload"; systemctl daemon-reload; fi; \
		echo; \
		echo "Next, in this order (README.md, \"Operations guide\"):"; \
		echo "  1. fill in $(CONFDIR)/contacts.conf and the robot keys and mail"; \
		echo "     password in $(CONFDIR)/secrets (install -m 0640 -o root -g duban)"; \
		echo "  2. dubanctl check-config      must say OK and list nobody as reached"; \
		echo "                                only through the fallback channel"; \
		echo "  3. duband --dry-run           what the first reminder pass would send"; \
		echo "  4. systemctl start duban; dubanctl test-send CHANNEL|DEPT"; \
		echo "  5. systemctl enable duban     (start at boot)"; \
		echo "(already running? restart it for the new binary: systemctl restart duban)"; \
		echo "nightly backups:  systemctl enable --now duban-backup.timer"; \
	fi

uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ] && \
	    [ -f $(UNITDIR)/duban.service ]; then \
		echo "systemctl disable --now duban.service duban-backup.timer"; \
		systemctl disable --now duban.service || true; \
		systemctl disable --now duban-backup.timer 2>/dev/null || true; fi
	rm -f $(DESTDIR)$(SBINDIR)/duband $(DESTDIR)$(BINDIR)/dubanctl \
		$(DESTDIR)$(UNITDIR)/duban.service \
		$(DESTDIR)$(UNITDIR)/duban.service.tmp \
		$(DESTDIR)$(UNITDIR)/duban-backup.service \
		$(DESTDIR)$(UNITDIR)/duban-backup.service.tmp \
		$(DESTDIR)$(UNITDIR)/duban-backup.timer \
		$(DESTDIR)$(SYSUSERSDIR)/duban.conf \
		$(DESTDIR)$(TMPFILESDIR)/duban.conf
	rm -f $(MAN5:%=$(DESTDIR)$(MANDIR)/man5/%) $(MAN8:%=$(DESTDIR)$(MANDIR)/man8/%)
	@set -e; def=$(DESTDIR)$(DEFAULTDIR); \
	list=$$( { [ -d "$$def" ] && (cd "$$def" && find . -type f) | \
		sed 's|^\./||'; for f in $(CONF_FILES); do echo "$$f"; done; } | \
		sort -u); \
	for f in $$list; do \
		dst=$(DESTDIR)$(CONFDIR)/$$f; ref="$$def/$$f"; \
		[ -f "$$ref" ] || ref=conf/$$f; \
		rm -f "$$dst.new"; \
		[ -f "$$dst" ] && [ -f "$$ref" ] || continue; \
		if cmp -s "$$dst" "$$ref"; then rm -f "$$dst"; \
		else echo "kept $$dst: you changed it"; fi; \
	done; \
	for f in $$list; do rm -f "$$def/$$f"; done; \
	for d in "$$def/holidays" "$$def" $(DESTDIR)$(DATADIR) \
	    $(DESTDIR)$(CONFDIR)/holidays $(DESTDIR)$(CONFDIR)/secrets \
	    $(DESTDIR)$(CONFDIR); do \
		[ ! -d "$$d" ] || rmdir "$$d" 2>/dev/null || \
		echo "kept $$d: not empty"; done
	@if [ -z "$(DESTDIR)" ]; then \
		[ ! -d /run/systemd/system ] || systemctl daemon-reload; \
		echo "The database in /var/lib/duban and the user duban are kept."; \
	fi
