# Every configuration example in README.md, doc/configuration.md and
# man/duban.conf.5 pastes as it is: each one marked for this script (a
# ```libconfig FILE MODE ... fence in Markdown, a `.\" example: FILE MODE
# ...` comment before .EX in the man page) is applied to a fresh copy of the
# bundled configuration as the text around it says -- a whole file, the
# settings it names replaced, entries pasted after "LIST = (", entries with
# the same id replaced, a holiday file -- together with the examples it
# names in needs=, and `duband -n` must accept the result.  Ids that the
# shipped plan does not have ("sfj", "hr") and entries that do not paste
# (a trailing comma after the shipped channel) fail here.
. "$(dirname "$0")/lib.sh"
cat >"$T/ex.py" <<'PYEOF'
# Extract the marked libconfig examples of README.md, doc/configuration.md
# and man/duban.conf.5 and apply one of them (with what it needs) to a copy
# of the bundled configuration.  Usage:
#   ex.py list DOC...            one line per example: DOC#N name
#   ex.py apply CONFDIR DOC#N    write the example (and its needs) in
import os, re, sys

def roff(text):
    text = re.sub(r'\\\[u([0-9A-Fa-f]{4,5})\]', lambda m: chr(int(m.group(1), 16)), text)
    for a, b in ((r'\-', '-'), (r'\(dq', '"'), (r'\(rs', '\\'), (r'\e', '\\'),
                 (r'\(lq', '“'), (r'\(rq', '”'), (r'\&', '')):
        text = text.replace(a, b)
    return text

def examples(doc):
    """[(args, text)] of one document."""
    out = []
    lines = open(doc, encoding='utf-8').read().split('\n')
    i = 0
    if doc.endswith('.5') or doc.endswith('.8'):
        while i < len(lines):
            m = re.match(r'^\.\\" example: (.*)$', lines[i])
            i += 1
            if not m:
                continue
            while i < len(lines) and lines[i] != '.EX':
                i += 1
            j = i + 1
            while j < len(lines) and lines[j] != '.EE':
                j += 1
            out.append((m.group(1).split(), roff('\n'.join(lines[i + 1:j])) + '\n'))
            i = j
    else:
        while i < len(lines):
            m = re.match(r'^(\s*)```libconfig\s+(.*)$', lines[i])
            i += 1
            if not m:
                continue
            ind = len(m.group(1))
            j = i
            while j < len(lines) and lines[j].strip() != '```':
                j += 1
            out.append((m.group(2).split(), '\n'.join(l[ind:] for l in lines[i:j]) + '\n'))
            i = j + 1
    return out

def sig(text):
    """(index, char) of the characters outside strings and comments."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '#' or text.startswith('//', i):
            while i < n and text[i] != '\n':
                i += 1
            continue
        if text.startswith('/*', i):
            e = text.find('*/', i + 2)
            i = n if e < 0 else e + 2
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            yield i, '"'
            i = j + 1
            continue
        if not c.isspace():
            yield i, c
        i += 1

def top_settings(text):
    """{name: (start, end)} of the top-level settings, end after the ';'."""
    out, depth, start, name = {}, 0, None, None
    for i, c in sig(text):
        if depth == 0 and start is None and (c.isalpha() or c == '_'):
            m = re.match(r'[A-Za-z_][A-Za-z0-9_-]*', text[i:])
            start, name = i, m.group(0)
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        elif c == ';' and depth == 0 and start is not None:
            out[name] = (start, i + 1)
            start = None
    return out

def skip_name(text, i):
    return i

def entries(text, lst):
    """[(start, end, id)] of the { } entries of top-level list lst; end is
    past a following comma."""
    s, e = top_settings(text)[lst]
    out, depth, start = [], 0, None
    it = [(i, c) for i, c in sig(text) if s <= i < e]
    for k, (i, c) in enumerate(it):
        if c in '([{':
            depth += 1
            if depth == 2 and c == '{':
                start = i
        elif c in ')]}':
            depth -= 1
            if depth == 1 and c == '}' and start is not None:
                end = i + 1
                if k + 1 < len(it) and it[k + 1][1] == ',':
                    end = it[k + 1][0] + 1
                m = re.search(r'\bid\s*=\s*"([^"]*)"', text[start:end])
                out.append((start, end, m.group(1) if m else None))
                start = None
    return out

def apply(confdir, args, text):
    f = os.path.join(confdir, args[0])
    mode = args[1]
    old = open(f, encoding='utf-8').read() if os.path.exists(f) else ''
    if mode in ('whole', 'holiday'):
        new = text
    elif mode == 'replace':
        new = old
        for name in top_settings(text):
            spans = top_settings(new)
            if name in spans:
                a, b = spans[name]
                new = new[:a] + new[b:]
        new = new + '\n' + text
    elif mode in ('insert', 'replace-entries'):
        lst = args[2]
        new = old
        if mode == 'replace-entries':
            # the example is the list itself or its entries
            body = text
            if lst in top_settings(text):
                ents = entries(text, lst)
            else:
                ents = entries(lst + ' = (' + text.rstrip().rstrip(',') + ');', lst)
                body = lst + ' = (' + text.rstrip().rstrip(',') + ');'
            ids = [x[2] for x in ents]
            for a, b, eid in reversed(entries(new, lst)):
                if eid in ids:
                    new = new[:a] + new[b:]
            text = ''.join(body[a:b] + ('' if body[a:b].endswith(',') else ',') + '\n'
                           for a, b, _ in ents)
        m = re.search(r'^\s*' + re.escape(lst) + r'\s*=\s*\(\s*\n', new, re.M)
        if not m:
            sys.exit('%s: no line "%s = (" to insert into' % (f, lst))
        new = new[:m.end()] + text + new[m.end():]
    else:
        sys.exit('unknown mode %s' % mode)
    new = new.replace('/etc/duban/', confdir.rstrip('/') + '/')
    open(f, 'w', encoding='utf-8').write(new)

def main():
    if sys.argv[1] == 'list':
        for doc in sys.argv[2:]:
            for k, (args, _) in enumerate(examples(doc)):
                name = [a[5:] for a in args if a.startswith('name=')]
                print('%s#%d %s' % (doc, k, ' '.join(args)))
        return
    confdir, ref = sys.argv[2], sys.argv[3]
    doc, k = ref.rsplit('#', 1)
    exs = examples(doc)
    named = {}
    for args, text in exs:
        for a in args:
            if a.startswith('name='):
                named[a[5:]] = (args, text)
    done = set()
    def run(args, text):
        for a in args:
            if a.startswith('needs='):
                for need in a[6:].split(','):
                    if need not in done:
                        done.add(need)
                        run(*named[need])
        apply(confdir, [a for a in args if '=' not in a], text)
    run(*exs[int(k)])
    # The secret files the channels name, as the recipe makes them.
    conf = open(os.path.join(confdir, 'duban.conf'), encoding='utf-8').read()
    for p in re.findall(r'(?:key|password|secret)_file\s*=\s*"([^"]+)"', conf):
        p = p if p.startswith('/') else os.path.join(confdir, p)
        if not os.path.exists(p):
            os.makedirs(os.path.dirname(p), exist_ok=True)
            fd = os.open(p, os.O_WRONLY | os.O_CREAT, 0o600)
            os.write(fd, b'K-example\n')
            os.close(fd)

main()
PYEOF
"$PY" "$T/ex.py" list "$TOP/README.md" "$TOP/doc/configuration.md" \
	"$TOP/man/duban.conf.5" >"$T/examples" || fail "cannot list the examples"
for doc in README.md doc/configuration.md man/duban.conf.5; do
	grep -q "^$TOP/$doc#" "$T/examples" || fail "no marked example in $doc"
done
[ "$(wc -l <"$T/examples")" -ge 20 ] ||
	fail "only $(wc -l <"$T/examples") marked examples: $(cat "$T/examples")"
n=0
while read -r ref args; do
	rm -rf "$T/c"
	mkdir -p "$T/c"
	cp -r "$TOP/conf/." "$T/c/"
	"$PY" "$T/ex.py" apply "$T/c" "$ref" >"$T/apply.err" 2>&1 ||
		fail "${ref#$TOP/} ($args): cannot apply: $(cat "$T/apply.err")"
	capture "$T/out" "$T/err" "$DUBAND" -c "$T/c/duban.conf" -n
	[ "$rc" -eq 0 ] ||
		fail "${ref#$TOP/} ($args) does not paste: $(cat "$T/err")"
	n=$((n + 1))
done <"$T/examples"
echo "$n examples checked"
