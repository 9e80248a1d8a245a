#!/usr/bin/env python3
"""Re-runs the `$ v8vm ...` console examples of the given Markdown files
(not those that need a running node, nor projects in folders) in a scratch
folder, with the release build, and reports each output line that no
longer matches. With --apply, it rewrites the lines that mention gas where
only the numbers differ (gas tables drift whenever the library's costs
change); other differences are for a person to read.

    source scripts/setup.sh && cargo build --release -p v8vm-cli
    python3 scripts/doc-examples.py README.md docs/cli.md docs/gas.md docs/contract-api.md [--apply]

A JavaScript block is written to the scratch folder under the name its
first line (`// name.js`) or the line before it (`name.js`:) gives, except
files of examples/ and crates/, which are linked, never written. Examples
that keep state under an absolute path (`--db /tmp/s`, `--db /tmp/prices`)
need it removed first."""
import os, re, subprocess, sys, shutil
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(os.environ.get('CARGO_TARGET_DIR', os.path.expanduser('~/.cache/v8vm/target')), 'release')
WORK = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'v8vm-doc-examples')
NODE_CMDS = re.compile(r'^\$ v8vm (node|deploy|send|call|account|rpc)\b')
def num_free(l): return re.sub(r'\d[\d,_.]*', '#', l)
def run_doc(path, apply):
    text = open(path).read()
    lines = text.split('\n')
    out = list(lines)
    i = 0
    last_js = {}
    changed = 0
    while i < len(lines):
        l = lines[i]
        if l.startswith('```js') or l.startswith('```javascript'):
            j = i + 1
            m = re.match(r'//\s*(\S+\.js)', lines[j]) if j < len(lines) else None
            if not m:
                b = i - 1
                while b > 0 and not lines[b].strip(): b -= 1
                m = re.match(r'^`([^`]+\.js)`:?$', lines[b].strip())
            k = j
            while not lines[k].startswith('```'): k += 1
            if m and not m.group(1).startswith(('examples/', 'crates/')):
                target = os.path.join(WORK, m.group(1))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                open(target, 'w').write('\n'.join(lines[j:k]) + '\n')
            i = k + 1; continue
        if l.startswith('```console'):
            k = i + 1
            while not lines[k].startswith('```'): k += 1
            block = lines[i+1:k]
            if any(NODE_CMDS.match(b) for b in block):
                i = k + 1; continue
            # split into commands and expected outputs
            cmds = []
            for idx, b in enumerate(block):
                if b.startswith('$ '): cmds.append([b[2:], idx, []])
                elif cmds: cmds[-1][2].append((idx, b))
            for cmd, idx, expected in cmds:
                if not cmd.startswith('v8vm ') and not cmd.startswith('cat '): continue
                if '&' in cmd.split('|')[0] or '| jq' in cmd or '|jq' in cmd: continue
                env = dict(os.environ, PATH=BIN + ':' + os.environ['PATH'])
                try:
                    r = subprocess.run(cmd, shell=True, cwd=WORK, env=env, capture_output=True, text=True, timeout=120)
                except subprocess.TimeoutExpired:
                    print(f'{path}:{i+1+idx+1}: timeout: {cmd}'); continue
                actual = (r.stdout + r.stderr).rstrip('\n').split('\n')
                exp_lines = [e for _, e in expected]
                # align as a subsequence: each expected line to the next
                # actual line of the same shape (numbers aside)
                pos = 0
                for eidx, e in expected:
                    if '...' in e: continue
                    found = None
                    for n in range(pos, len(actual)):
                        if num_free(actual[n]) == num_free(e):
                            found = n; break
                    if found is None:
                        print(f'{path}:{i+2+eidx}: NOT FOUND {e!r}  (cmd: {cmd})'); continue
                    pos = found + 1
                    a = actual[found]
                    if a != e:
                        if 'gas' in e.lower() or 'code cache' in e or 'v8vm:sandbox.js:' in e:
                            out[i+1+eidx] = a; changed += 1
                            print(f'{path}:{i+2+eidx}: {e!r} -> {a!r}')
                        else:
                            print(f'{path}:{i+2+eidx}: DIFF {e!r} -> {a!r}')
            i = k + 1; continue
        i += 1
    if apply and changed:
        open(path, 'w').write('\n'.join(out))
    return changed
if __name__ == '__main__':
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    os.symlink(os.path.join(ROOT, 'examples'), os.path.join(WORK, 'examples'))
    os.symlink(os.path.join(ROOT, 'crates'), os.path.join(WORK, 'crates'))
    apply = '--apply' in sys.argv
    for p in [a for a in sys.argv[1:] if not a.startswith('--')]:
        run_doc(os.path.join(ROOT, p), apply)
