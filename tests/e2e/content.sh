#!/usr/bin/env bash
# The bundled guideline end to end: `check` finds nothing wrong, and the
# export holds what the seeds hold — 68 controls (22 in Part II, 46 in
# Part III), Part III levels as seed 004 prints them, every pattern-1
# value of seed 004, every per-pattern value of shared/data, and
# 'unknown' for every other pattern.
set -euo pipefail
cd "$(dirname "$0")/../.."
GP=${GP:-build/guidepress}
tmp=${GP_TMP:-$(mktemp -d)}/content
mkdir -p "$tmp"
shared=../shared
[ -d "$shared/seeds" ] || { echo "../shared is missing"; exit 1; }

"$GP" check --content content 2>"$tmp/check.err" || {
	cat "$tmp/check.err"
	exit 1
}
grep -qx 'guidepress: check: content: 0 errors, 0 warnings' "$tmp/check.err"
"$GP" export --format json --content content >"$tmp/export.json"

python3 - "$tmp/export.json" "$shared" <<'PY'
import json, re, sys, unicodedata
export, shared = sys.argv[1], sys.argv[2]
d = json.load(open(export))
seed4 = open(shared + "/seeds/004_ccd9580b45c255a9.txt").read()
flat4 = re.sub(r"\s", "", seed4)
bad = []

def nfkc(s):
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", s))

def ascii_id(disp):
    m = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III"}
    return m[disp[0]] + disp[1:]

ctl = {c["id"]: c for c in d["controls"]}
parts = [c["part"] for c in d["controls"]]
if (len(ctl), parts.count("II"), parts.count("III")) != (68, 22, 46):
    bad.append("controls: %d (II %d, III %d), want 68 (22, 46)"
               % (len(ctl), parts.count("II"), parts.count("III")))
for c in d["controls"]:
    if not c["text"].strip():
        bad.append(c["id"] + ": no text")
    if c["part"] == "II" and c["level"] != "基本":
        bad.append(c["id"] + ": Part II control not 基本")

# Levels: seed 004 prints 基本 or 推奨 once per control (the 区分
# column), alone on a line or run into the control's row.
lv = re.findall(r"(基本|推奨)(?!的)", seed4)
if len(lv) != 46:
    bad.append("seed 004: %d 区分 marks, expected 46" % len(lv))
mine = [c["level"] for c in d["controls"] if c["part"] == "III"]
for level in ("基本", "推奨"):
    if lv.count(level) != mine.count(level):
        bad.append("Part III %s: %d in export, %d in seed 004"
                   % (level, mine.count(level), lv.count(level)))

# shared/data: every item with its level, label and per-pattern values.
rows = [l.rstrip("\n").split("\t")
        for l in open(shared + "/data/reference_values.tsv")][1:]
seen = set()
for r in rows:
    cid, level, key, label = ascii_id(r[0]), r[1], r[2], r[3]
    vals = r[4:10]
    c = ctl.get(cid)
    if c is None:
        bad.append(cid + ": missing")
        continue
    if c["level"] != level:
        bad.append("%s: level %s, data says %s" % (cid, c["level"], level))
    items = {i["key"]: i for i in c["items"]}
    it = items.get(key)
    if it is None:
        bad.append("%s: no item %s" % (cid, key))
        continue
    seen.add((cid, key))
    if nfkc(it["label"]) != nfkc(label):
        bad.append("%s %s: label %r, data says %r" % (cid, key, it["label"], label))
    for p in range(6):
        v = it["values"][str(p + 1)]
        want = vals[p]
        if want == "":
            if v["known"]:
                bad.append("%s %s pattern %d: %r but unknown in the data"
                           % (cid, key, p + 1, v["text"]))
            continue
        if not v["known"]:
            bad.append("%s %s pattern %d: unknown, data says %r"
                       % (cid, key, p + 1, want))
            continue
        same = nfkc(v["text"]) == nfkc(want)
        # seed 004 is the source of pattern 1: its own spelling wins
        from_seed = p == 0 and re.sub(r"\s", "", v["text"]) in flat4
        if not (same or from_seed):
            bad.append("%s %s pattern %d: %r, data says %r"
                       % (cid, key, p + 1, v["text"], want))
        if p == 0 and not from_seed:
            bad.append("%s %s: pattern-1 value %r is not in seed 004"
                       % (cid, key, v["text"]))
for c in d["controls"]:
    for i in c["items"]:
        if (c["id"], i["key"]) not in seen:
            bad.append("%s %s: item not in shared/data" % (c["id"], i["key"]))

# Part III control text comes from seed 004 word for word.
for c in d["controls"]:
    if c["part"] == "III":
        for para in c["text"].split("\n"):
            if re.sub(r"\s", "", para) not in flat4:
                bad.append(c["id"] + ": text not in seed 004: " + para[:30])

# Part II text comes from seed 001.
flat1 = re.sub(r"\s", "", open(shared + "/seeds/001_902eab353cd2282a.txt").read())
for c in d["controls"]:
    if c["part"] == "II":
        for para in c["text"].split("\n"):
            if re.sub(r"\s", "", para) not in flat1:
                bad.append(c["id"] + ": text not in seed 001: " + para[:30])

# Best practices are the seeds' words too: Part II from seed 001, the
# one of Part III (Ⅲ.2.3.1) from the report, seed 000.
flat0 = re.sub(r"\s", "", open(shared + "/seeds/000_c8fec372396260e5.txt").read())
def bp_texts(items):
    for b in items:
        yield b["text"]
        yield from bp_texts(b.get("items", []))
n_bp = 0
for c in d["controls"]:
    seed = flat1 if c["part"] == "II" else flat0
    for t in bp_texts(c["best_practices"]):
        n_bp += 1
        for line in t.split("\n"):
            if re.sub(r"\s", "", line) not in seed:
                bad.append("%s: best practice not in the seed: %s" % (c["id"], line[:30]))
if n_bp == 0:
    bad.append("no best practices exported")

# Part I pages: every paragraph and list item of their bodies is in the
# report (tables are checked cell by cell, GFM separators aside).
import glob
sup = re.compile("[\u00b9\u00b2\u00b3\u2070-\u2079]")   # printed footnote marks
seeds = sup.sub("", flat0 + flat1)
for f in sorted(glob.glob("content/I/I.*.md")):
    body = open(f).read().split("---", 2)[2]
    for line in body.split("\n"):
        line = re.sub(r"^\s*(?:[-*]|\d+\.|#+)\s+", "", line)   # list / heading markers
        line = re.sub(r"\[\^\d+\](?::\s*)?", "", line)        # footnote marks
        if not line.strip() or re.fullmatch(r"[|:\- ]+", line):
            continue
        cells = [x for x in line.split("|") if x.strip()] if "|" in line else [line]
        for cell in cells:
            if re.sub(r"\s", "", cell) not in seeds:
                bad.append("%s: not in the seeds: %s" % (f, cell.strip()[:30]))

if len(d["patterns"]) != 6:
    bad.append("patterns: %d" % len(d["patterns"]))
if not any(t["name"] == "ERP（財務会計等）" and t["pattern"] == 1
           for t in d["service_types"]):
    bad.append("service type ERP（財務会計等） → 1 missing")

n_items = sum(len(c["items"]) for c in d["controls"])
n_known = sum(v["known"] for c in d["controls"] for i in c["items"]
              for v in i["values"].values())
print("controls %d, items %d, values known %d of %d, best practices %d"
      % (len(ctl), n_items, n_known, n_items * 6, n_bp))
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
