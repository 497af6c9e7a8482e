#!/usr/bin/env python3
"""Recomputes `tillit audit`'s truck factor and files at risk from `git log` output alone, with
the same definitions, as an independent check of the Swift implementation.

    scripts/audit-crosscheck.py REPO [--tillit PATH]

Definitions (see the README's audit section): non-merge commits oldest first, each compared with
its first parent, renames detected by git (-M); people through .mailmap; default bot patterns;
commits touching more than 100 files give no authorship; `Reviewed-by` trailers are reviews of
every file the commit touches. Degree of authorship 3.293 + 1.098 FA + 0.164 DL - 0.321 ln(1 + AC);
a person authors a file at >= 0.75 of its best and (>= 3.293 or creator). Truck factor: remove the
person authoring most files until fewer than half the files at HEAD have an author. At risk: at
most one active person (a commit or review within 90 days of the latest activity) authors or has
reviewed the file. Not covered: .tillit.yml people/ignore settings, linguist attributes,
.git-blame-ignore-revs, ledger reviews.
"""
import json, math, re, subprocess, sys
from collections import defaultdict

BOTS = ["*[bot]*", "*-bot@*", "bot@*", "noreply@*", "*-bot", "dependabot*", "renovate*"]
TRAILER = re.compile(r"^([A-Za-z][A-Za-z0-9-]{0,40}):(.*)$")
DAYS90 = 90 * 86400

def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout

BOT_RES = [re.compile("^" + ".*".join(map(re.escape, p.split("*"))) + "$", re.S) for p in BOTS]

def is_bot(key, name):
    # `*` is the only wildcard (so `[bot]` is literal), compared without case.
    return any(r.match(key) or r.match(name.lower()) for r in BOT_RES)

def main():
    repo = sys.argv[1]
    tillit = sys.argv[sys.argv.index("--tillit") + 1] if "--tillit" in sys.argv else "tillit"
    raw = git(repo, "log", "--reverse", "--topo-order", "--no-merges", "-M", "--name-status", "-z",
              "--format=%x1e%H%x1f%ct%x1f%aN%x1f%aE%x1f%B%x1f")
    # Trailer identities go through the mailmap too, in one call per batch.
    records = []
    for chunk in raw.split(b"\x1e")[1:]:
        head, _, changes = chunk.rpartition(b"\x1f")
        sha, ct, name, email, body = head.decode("utf-8", "replace").split("\x1f", 4)
        fields = changes.lstrip(b"\n\x00").split(b"\x00")
        entries, i = [], 0
        while i < len(fields) and fields[i]:
            status = fields[i].decode()
            if status[0] in "RC":
                entries.append((status[0], fields[i + 1], fields[i + 2])); i += 3
            else:
                entries.append((status[0], fields[i + 1], fields[i + 1])); i += 2
        reviewers = []
        for line in body.split("\n"):
            m = TRAILER.match(line)
            if m and m.group(1).lower() == "reviewed-by":
                value = m.group(2).strip()
                if "<" in value and ">" in value and value.rfind("<") < value.rfind(">"):
                    reviewers.append((value[:value.rfind("<")].strip(), value[value.rfind("<") + 1:value.rfind(">")].strip()))
                elif value:
                    reviewers.append((value, ""))
        records.append((int(ct), name, email, entries, reviewers))
    idents = sorted({f"{n} <{e}>" for r in records for n, e in r[4] if e})
    mapped = {}
    for start in range(0, len(idents), 500):
        batch = idents[start:start + 500]
        out = git(repo, "check-mailmap", *batch).decode("utf-8", "replace").splitlines()
        mapped.update(zip(batch, out))

    def resolve(name, email):
        if email:
            full = mapped.get(f"{name} <{email}>", f"{name} <{email}>")
            name, email = full[:full.rfind("<")].strip(), full[full.rfind("<") + 1:full.rfind(">")]
        key = (email or name).lower()
        if not key or is_bot(key, name):
            return None
        return key

    index = {}
    def person(key):
        return index.setdefault(key, len(index))
    files = {}          # path -> {person: [created, changes, reviews]}, plus "_total"
    last_active = defaultdict(int)
    for ct, name, email, entries, trailers in records:
        author = resolve(name, email)
        a = person(author) if author else None
        revs = []
        for n, e in trailers:
            k = resolve(n, e)
            if k and person(k) != a and person(k) not in revs:
                revs.append(person(k))
        for status, old, new in entries:
            if status == "R":
                moved = files.pop(old, None)
                if moved:
                    target = files.setdefault(new, {"_total": 0})
                    target["_total"] += moved.pop("_total")
                    for p, (c, d, r) in moved.items():
                        mine = target.setdefault(p, [False, 0, 0])
                        target[p] = [mine[0] or c, mine[1] + d, mine[2] + r]
            elif status == "D":
                files.pop(new, None)
        if a is not None:
            last_active[a] = max(last_active[a], ct)
        counted = [(s, new) for s, old, new in entries if s != "D"]
        authorship = len(entries) <= 100
        if a is not None and authorship:
            for s, path in counted:
                record = files.setdefault(path, {"_total": 0})
                record["_total"] += 1
                mine = record.setdefault(a, [False, 0, 0])
                mine[0] = mine[0] or s in "AC"
                mine[1] += 1
        for r in revs:
            last_active[r] = max(last_active[r], ct)
            if authorship:
                for s, path in counted:
                    files.setdefault(path, {"_total": 0}).setdefault(r, [False, 0, 0])[2] += 1

    def authors(record):
        total = record["_total"]
        people = [(p, v) for p, v in record.items() if p != "_total"]
        scored = [(p, 3.293 + (1.098 if c else 0) + 0.164 * d - 0.321 * math.log(1 + max(0, total - d)), c)
                  for p, (c, d, r) in people if d > 0 or c]
        if not scored:
            return []
        best = max(s for _, s, _ in scored)
        return [p for p, s, c in scored if s >= 0.75 * best and (s >= 3.293 or c)]

    head_time = int(git(repo, "log", "-1", "--format=%ct", "HEAD"))
    reference = max(max(last_active.values(), default=head_time), head_time)
    active = {p for p, t in last_active.items() if reference - t <= DAYS90}
    paths = [p for p in git(repo, "ls-tree", "-r", "-z", "--name-only", "HEAD").split(b"\x00") if p]
    file_authors, at_risk, orphaned = [], 0, 0
    for path in paths:
        record = files.get(path)
        if record is None:
            file_authors.append([]); at_risk += 1; orphaned += 1; continue
        a = authors(record)
        knowers = (set(a) | {p for p, v in record.items() if p != "_total" and v[2] > 0}) & active
        file_authors.append(a)
        at_risk += len(knowers) <= 1
        orphaned += len(knowers) == 0
    counts = defaultdict(int)
    for a in file_authors:
        for p in a:
            counts[p] += 1
    remaining = [len(a) for a in file_authors]
    covered = sum(1 for n in remaining if n > 0)
    by_person = defaultdict(list)
    for i, a in enumerate(file_authors):
        for p in a:
            by_person[p].append(i)
    truck = 0
    for p in sorted(counts, key=lambda p: (-counts[p], p)):
        if covered * 2 < len(paths):
            break
        truck += 1
        for i in by_person[p]:
            remaining[i] -= 1
            covered -= remaining[i] == 0
    mine = {"truckFactor": truck, "filesAtRisk": at_risk, "orphanedFiles": orphaned, "files": len(paths)}
    theirs_raw = json.loads(subprocess.run([tillit, "audit", "--repo", repo, "--format", "json"], check=True, capture_output=True).stdout)
    theirs = {"truckFactor": theirs_raw["truckFactor"], "filesAtRisk": theirs_raw["filesAtRisk"]["count"],
              "orphanedFiles": len(theirs_raw["orphanedFiles"]), "files": theirs_raw["files"]}
    print(f"{'figure':<16}{'python':>10}{'tillit':>10}")
    for key in mine:
        print(f"{key:<16}{mine[key]:>10}{theirs[key]:>10}{'' if mine[key] == theirs[key] else '   differs'}")
    sys.exit(0 if mine == theirs else 1)

if __name__ == "__main__":
    main()
