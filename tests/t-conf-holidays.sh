# Holiday files: one misnamed (2027年.txt, 2027.TXT, holidays2027.txt) is
# named in a warning with the name it needs, not silently skipped; a typo
# in one file gives one error naming that file, not errors blaming the
# plan's dates in other years; several bad files are reported in the order
# of their names.
. "$(dirname "$0")/lib.sh"
H="$T/conf/holidays"

# Misnamed: check-config warns, names the file and the expected name.
sed 's/2026/2027/g' "$H/2026.txt" >"$H/2027年.txt"
cp "$H/2027年.txt" "$H/2028.TXT"
cp "$H/2027年.txt" "$H/holidays2029.txt"
cp "$H/2026.txt" "$H/2026.txt~"	# an editor's copy: left alone
capture "$T/out" "$T/err" ctl check-config
expect_eq "check-config with misnamed files" "$rc" 0
expect_grep "holidays/2027年\\.txt: not read: holiday files are named YYYY\\.txt; rename it to .*holidays/2027\\.txt" "$T/err"
expect_grep "holidays/2028\\.TXT: not read: .*rename it to .*holidays/2028\\.txt" "$T/err"
expect_grep "holidays/holidays2029\\.txt: not read: holiday files are named YYYY\\.txt" "$T/err"
! grep -q '2026\.txt~' "$T/err" || fail "warned about an editor's copy: $(cat "$T/err")"
# Every other command stays quiet about it.
capture "$T/out" "$T/err" ctl departments
expect_eq "departments" "$rc" 0
! grep -q 'not read' "$T/err" || fail "departments warned: $(cat "$T/err")"
rm -f "$H/2027年.txt" "$H/2028.TXT" "$H/holidays2029.txt" "$H/2026.txt~"

# A typo in 2020.txt: exactly one error, naming 2020.txt and its line.
sed -i 's/^off  2020-01-01 /of  2020-01-01 /' "$H/2020.txt"
line=$(grep -n '^of ' "$H/2020.txt" | cut -d: -f1)
[ -n "$line" ] || fail "could not break 2020.txt"
capture "$T/out" "$T/err" ctl check-config
[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] || fail "typo accepted: exit $rc"
expect_grep "holidays/2020\\.txt:$line: unknown word \"of\"" "$T/err"
expect_grep ": 1 error; configuration not loaded" "$T/err"
[ "$(grep -c 'error\|holiday data\|\.txt' "$T/err")" -le 2 ] ||
	fail "more than the one error: $(cat "$T/err")"
capture "$T/out" "$T/err" "$DUBAND" -c "$CONF" -n
[ "$rc" -ne 0 ] || fail "duband -n accepted the typo"
expect_grep ": 1 error; configuration not loaded" "$T/err"

# Two bad files: both named, in the order of their names.
cp "$TOP/conf/holidays/2020.txt" "$H/2020.txt"
sed -i 's/^off  2024-01-01 /of  2024-01-01 /' "$H/2024.txt"
sed -i 's/^off  2018-02-15/of   2018-02-15/' "$H/2018.txt"
capture "$T/out" "$T/err" ctl check-config
[ "$rc" -ne 0 ] || fail "two typos accepted"
expect_grep ": 2 errors; configuration not loaded" "$T/err"
order=$(grep -o 'holidays/20[0-9][0-9]\.txt' "$T/err" | tr '\n' ' ')
expect_eq "errors in name order" "$order" "holidays/2018.txt holidays/2024.txt "
