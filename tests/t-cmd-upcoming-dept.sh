# dubanctl upcoming --dept: a department given by id, name or alias gives
# the same occurrences: those it leads and those it only cooperates on.
# An unknown department is an error, not an empty list.
. "$(dirname "$0")/lib.sh"
schedule
W="--from 2017-01-01 --to 2027-12-31"
ctl --json upcoming $W >"$T/all.json"
for d in rlzy 人力资源分局 人力资源局 人资分局 jcs 监察室 镇监察室 sffj; do
	ctl --json upcoming $W --dept "$d" >"$T/dept-$d.json" ||
		fail "upcoming --dept $d failed"
done
for d in 人力资源分局 人力资源局 人资分局; do
	cmp -s "$T/dept-rlzy.json" "$T/dept-$d.json" ||
		fail "--dept $d differs from --dept rlzy"
done
for d in 监察室 镇监察室; do
	cmp -s "$T/dept-jcs.json" "$T/dept-$d.json" ||
		fail "--dept $d differs from --dept jcs"
done
# Exactly the occurrences that name the department, lead or cooperating.
for id in rlzy jcs sffj; do
	"$PY" - "$T/all.json" "$T/dept-$id.json" "$id" <<'PYEOF' ||
import json, sys
every = json.load(open(sys.argv[1]))
got = [o["occurrence"] for o in json.load(open(sys.argv[2]))]
d = sys.argv[3]
want = [o["occurrence"] for o in every
        if d in o["lead"] or d in o["cooperating"]]
assert got, "nothing for " + d
assert got == want, "--dept %s: %d occurrences, want %d; extra %r, " \
    "missing %r" % (d, len(got), len(want), sorted(set(got) - set(want)),
                    sorted(set(want) - set(got)))
PYEOF
		fail "upcoming --dept $id is not every occurrence naming $id"
done
# 司法分局 only cooperates on the 2026 lectures (组织办 leads): it sees them.
lead=$(jpy '[o["lead"] for o in j if o["occurrence"]=="t35-lecture/2026"]' \
	<"$T/dept-sffj.json")
expect_eq "t35-lecture/2026 lead, seen by --dept sffj" "$lead" "[['zzb']]"
# The table accepts the alias too.
ctl upcoming $W --dept 人资分局 >"$T/t.txt"
expect_grep '^2018-12-29 +missed +t23/2018 ' "$T/t.txt"
# Unknown department: exit 1, the name in the message, nothing on stdout.
for bad in nosuch 人力资源 ""; do
	capture "$T/out" "$T/err" ctl --json upcoming --dept "$bad"
	[ "$rc" -ne 0 ] || fail "--dept '$bad' accepted: $(cat "$T/out")"
	[ ! -s "$T/out" ] || fail "--dept '$bad' printed: $(cat "$T/out")"
	expect_grep "no department \"$bad\"" "$T/err"
done
