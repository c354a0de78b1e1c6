#!/bin/sh
# mk/run-conf.sh RUNDIR: write RUNDIR/duban.conf for `make run`: the bundled
# conf/duban.conf with its database and control socket in RUNDIR, and every
# relative path (holidays, included files, key files) pointing back into
# conf/, so that duband and `dubanctl -c RUNDIR/duban.conf` agree on both.
set -eu
dir=$1
mkdir -p "$dir"
c=$(realpath -m --relative-to="$dir" conf)
{
	echo "# Written by make run from conf/duban.conf: edit that file, not this one."
	echo "# The bundled configuration, with its database and socket in $dir."
	sed -e 's|^database *=.*|database = "duban.db";|' \
	    -e 's|^socket *=.*|socket = "duban.sock";|' \
	    -e "s|^holidays *= *\"\([^/\"][^\"]*\)\"|holidays = \"$c/\1\"|" \
	    -e "s|\(_file *= *\"\)\([^/\"][^\"]*\)\"|\1$c/\2\"|g" \
	    -e "s|^@include \"\([^/\"][^\"]*\)\"|@include \"$c/\1\"|" \
	    conf/duban.conf
} >"$dir/duban.conf.tmp"
mv "$dir/duban.conf.tmp" "$dir/duban.conf"
