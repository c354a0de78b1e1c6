# dubanctl departments: the table's columns line up on screen.  A Chinese
# character takes two terminal columns, so padding must follow display
# width, not bytes or characters: every column starts at the same display
# column on every line, the second (NAME) column included.
. "$(dirname "$0")/lib.sh"
ctl departments >"$T/d.txt" || fail "departments failed"
"$PY" - "$T/d.txt" <<'PYEOF' || fail "columns do not line up: $(cat "$T/d.txt")"
import re, sys, unicodedata

def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in s)

lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) > 30, "too few lines: %d" % len(lines)
header = lines[0]
assert header.split()[:3] == ["ID", "NAME", "ALIASES"], header
# Column starts from the header: each heading starts after 2+ spaces.
starts = [0] + [width(header[:m.end()]) for m in re.finditer(r" {2,}", header)]
assert len(starts) == 5, "header columns: %r" % header

wide = 0
for n, line in enumerate(lines[1:], 2):
    # Every cell on the line starts where some column starts...
    cells = [(width(line[:m.start()]), m.group())
             for m in re.finditer(r"\S+(?: \S+)*", line)]
    for col, text in cells:
        assert col in starts, "line %d: %r starts at column %d, " \
            "columns start at %r" % (n, text, col, starts)
    # ...and the NAME column (never empty) starts at the same place.
    assert cells[1][0] == starts[1], "line %d: NAME at %d, not %d: %r" % (
        n, cells[1][0], starts[1], line)
    # ID is ASCII; it is the columns after a Chinese NAME that a
    # byte-counting pad would push out of line: make sure there are some.
    if width(cells[1][1]) != len(cells[1][1]):
        wide += 1
    assert not line.endswith(" "), "line %d has trailing blanks" % n
assert wide > 30, "expected Chinese names on most lines"
PYEOF
