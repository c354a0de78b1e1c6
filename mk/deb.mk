# mk/deb.mk: make deb (a Debian package); filled in by the next commit.
