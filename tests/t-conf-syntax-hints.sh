# libconfig says only "syntax error"; duban adds the line and a hint when
# the line shows a usual cause: full-width punctuation typed with a Chinese
# input method outside quotes, a comma after the last entry of a list (the
# README's channel pasted below the shipped log channel), none between two
# entries, a string closed with a full-width quote.  Each through both
# checkers, in the file that has the mistake.
. "$(dirname "$0")/lib.sh"
cp "$CONF" "$T/duban.conf.good"
cp "$T/conf/contacts.conf" "$T/contacts.conf.good"

# hint WHAT FILE:LINE PATTERN: both checkers refuse, name FILE:LINE and
# give a hint matching PATTERN.
hint() {
	for how in duband ctl; do
		if [ $how = duband ]; then
			capture "$T/out" "$T/err" "$DUBAND" -c "$CONF" -n
		else
			capture "$T/out" "$T/err" ctl check-config
		fi
		[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] ||
			fail "$1 ($how): exit $rc: $(cat "$T/out" "$T/err")"
		expect_grep "$2: syntax error" "$T/err"
		expect_grep "^    hint: $3" "$T/err"
	done
}

# contacts.conf: a Chinese semicolon after fzb's leader.
line=$(grep -n 'leader  = "deputy_law";' "$T/conf/contacts.conf" | head -n 1 | cut -d: -f1)
sed -i "${line}s/\"deputy_law\";/\"deputy_law\"；/" "$T/conf/contacts.conf"
hint "；" "contacts\\.conf:$line" "line $line has the full-width ； outside quotes; use the ASCII \";\""
cp "$T/contacts.conf.good" "$T/conf/contacts.conf"

# Chinese quotes around a name.
sed -i "${line}s/\"deputy_law\";/“deputy_law”;/" "$T/conf/contacts.conf"
hint "“”" "contacts\\.conf:$line" "line $line has the full-width “ outside quotes; use the ASCII double quote"
cp "$T/contacts.conf.good" "$T/conf/contacts.conf"

# A string closed with ”: libconfig blames a later line.
sed -i "${line}s/\"deputy_law\";/\"deputy_law”;/" "$T/conf/contacts.conf"
capture "$T/out" "$T/err" ctl check-config
[ "$rc" -ne 0 ] || fail "open string accepted"
expect_grep "hint: the text in quotes that starts on line $line is not closed on that line: it holds a full-width quote" "$T/err"
cp "$T/contacts.conf.good" "$T/conf/contacts.conf"

# The README's channel (ending "},") pasted below the shipped log channel.
log=$(grep -n '^  { id = "log"; type = "log"; }$' "$CONF" | cut -d: -f1)
[ -n "$log" ] || fail "no shipped log channel line in duban.conf"
sed -i "${log}a\\
  { id = \"fzb_robot\"; type = \"log\"; }," "$CONF"
hint "no comma between" "duban\\.conf:$((log + 1))" "entries of a list are separated by commas: put a \",\" after the \"}\" on line $log"
sed -i "${log}s/}\$/},/" "$CONF"
hint "comma after the last" "duban\\.conf:$((log + 2))" "the comma on line $((log + 1)) comes after the last entry of a list; remove it"
# Following the hint fixes it.
sed -i "$((log + 1))s/},\$/}/" "$CONF"
capture "$T/out" "$T/err" "$DUBAND" -c "$CONF" -n
expect_eq "after the fix ($(cat "$T/err"))" "$rc" 0
