#!/usr/bin/env python3
"""Checks that the audit page's treemap tells what the JSON tells: renders `tillit audit --format
html` in headless Chromium (Debian's `chromium`), reads every box the browser drew — its painted
colour, its label, its figures — and compares them with `tillit audit --format json`.

    scripts/audit-colour-check.py REPO [--tillit PATH] [-- tillit audit options...]

The rule, written here again from the legend: a box's colour is the share of its files at risk
(at most one active person knows them): none, under 10%, under 25%, under half, half or more.
Boxes: a folder two levels down (`data-folder`), a top folder's own files or the files at the
repository's top (`data-files-in`); a top folder's header (`data-top`) gives its share in its
label. From the JSON: `directories` (files, filesAtRisk), `files`, and
`filesAtRisk.byDirectory` (the files at risk directly in each folder).

Checked, each box: its fill as the browser computed it and the pixel at its centre in a
screenshot (boxes large enough to have one clear of the label) against the rule applied to the
JSON's figures; the figures in its tooltip against the JSON; the set of boxes against the JSON's
folders; the legend against the rule; the headline count; a visible label on the top-level
files' box. The page itself holds no script: the check reads a copy with one probe script added
at its end. Exits 1 on any mismatch, 2 when Chromium is missing.
"""
import json, math, os, re, shutil, struct, subprocess, sys, tempfile, zlib

BANDS = [("#43a047", "none at risk"), ("#9ccc65", "under 10% at risk"), ("#f9a825", "10% to under 25%"),
         ("#ef6c00", "25% to under half"), ("#c62828", "half or more at risk")]

def band(at_risk, files):
    """The rule, in whole numbers so its edges are exact."""
    if at_risk <= 0: return 0
    if at_risk * 10 < files: return 1
    if at_risk * 4 < files: return 2
    if at_risk * 2 < files: return 3
    return 4

def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))

def percent(part, whole):
    """As the page writes it: rounded to four places, then to tenths of a percent, halves away
    from zero (Swift's `rounded()`, not Python's `round`)."""
    share = 0 if whole == 0 else math.floor(part / whole * 10_000 + 0.5) / 10_000
    tenths = int(math.floor(share * 1000 + 0.5))
    return f"{tenths // 10}.{tenths % 10}%"

PROBE = """<pre id="colour-check"></pre><script>
(() => {
  const boxes = [];
  for (const rect of document.querySelectorAll("svg.treemap rect")) {
    const kind = ["data-folder", "data-files-in", "data-top"].find(name => rect.hasAttribute(name));
    if (!kind) continue;
    const group = rect.parentNode, text = group.querySelector("text"), title = group.querySelector("title");
    const box = rect.getBoundingClientRect(), label = text ? text.getBoundingClientRect() : null;
    boxes.push({kind, key: rect.getAttribute(kind), fill: getComputedStyle(rect).fill,
      box: [box.left, box.top, box.width, box.height], label: text ? text.textContent : null,
      labelBox: label ? [label.left, label.top, label.width, label.height] : null,
      labelFill: text ? getComputedStyle(text).fill : null, title: title ? title.textContent : null});
  }
  const legend = [...document.querySelectorAll(".legend span")].map(span =>
    ({colour: getComputedStyle(span.querySelector("i")).backgroundColor, text: span.textContent}));
  const cards = [...document.querySelectorAll(".card")].map(card => card.textContent);
  document.getElementById("colour-check").textContent = JSON.stringify({boxes, legend, cards});
})();
</script>"""

def chromium(browser, work, page, *mode):
    return subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                           "--force-device-scale-factor=1", f"--user-data-dir={work}/profile", "--window-size=1280,2200", *mode,
                           "file://" + page], check=True, capture_output=True, cwd=work)

def png_pixels(path):
    """Width, height and rows of (r, g, b) of an 8-bit RGB or RGBA PNG, not interlaced."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour_type in (2, 6) and interlace == 0, "unsupported PNG"
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows

def main():
    args = sys.argv[1:]
    extra = args[args.index("--") + 1:] if "--" in args else []
    args = args[:args.index("--")] if "--" in args else args
    repo = args[0]
    tillit = args[args.index("--tillit") + 1] if "--tillit" in args else "tillit"
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        print("audit-colour-check: chromium is missing (apt-get install chromium)", file=sys.stderr)
        sys.exit(2)
    work = tempfile.mkdtemp()
    try:
        page = os.path.join(work, "audit.html")
        subprocess.run([tillit, "audit", "--repo", repo, "--format", "html", "--out", page, *extra], check=True, capture_output=True)
        audit = json.loads(subprocess.run([tillit, "audit", "--repo", repo, "--format", "json", *extra],
                                          check=True, capture_output=True).stdout)
        html = open(page, encoding="utf-8").read()
        assert "<script" not in html, "the page itself must hold no script"
        probe = os.path.join(work, "probe.html")
        open(probe, "w", encoding="utf-8").write(html.replace("</body>", PROBE + "</body>"))
        dom = chromium(browser, work, probe, "--dump-dom").stdout.decode("utf-8")
        found = re.search(r'<pre id="colour-check">(.*?)</pre>', dom, re.S)
        assert found, "the probe wrote nothing"
        seen = json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&"))
        shot = os.path.join(work, "shot.png")
        chromium(browser, work, probe, f"--screenshot={shot}")
        width, height, channels, pixels = png_pixels(shot)
        sys.exit(compare(audit, seen, (width, height, channels, pixels)))
    finally:
        shutil.rmtree(work, ignore_errors=True)

def compare(audit, seen, screenshot):
    mismatches = []
    def differ(what, page, expected):
        mismatches.append(f"{what}: page {page!r}, JSON {expected!r}")
    folders = {d["path"]: d for d in audit["directories"]}
    tops = sorted(p for p in folders if p and "/" not in p)
    seconds = sorted(p for p in folders if p.count("/") == 1)
    at_risk_in = {folder: len(files) for folder, files in audit["filesAtRisk"]["byDirectory"].items()}
    own = {top: folders[top]["files"] - sum(folders[c]["files"] for c in seconds if c.startswith(top + "/")) for top in tops}
    own[""] = audit["files"] - sum(folders[t]["files"] for t in tops)
    expected = {("data-folder", p): (folders[p]["files"], folders[p]["filesAtRisk"]) for p in seconds}
    expected.update({("data-files-in", f): (n, at_risk_in.get(f, 0)) for f, n in own.items() if n > 0})
    boxes = {(b["kind"], b["key"]): b for b in seen["boxes"]}
    drawn = {k for k in boxes if k[0] != "data-top"}
    for key in sorted(set(expected) - drawn): differ(f"box {key}", "missing", expected[key])
    for key in sorted(drawn - set(expected)): differ(f"box {key}", "drawn", "no such folder")
    width, height, channels, pixels = screenshot
    sampled = 0
    for key in sorted(set(expected) & drawn):
        box, (files, at_risk) = boxes[key], expected[key]
        colour = BANDS[band(at_risk, files)][0]
        if box["fill"] != "rgb({}, {}, {})".format(*rgb(colour)): differ(f"colour of {key}", box["fill"], colour)
        counts = re.search(r"(\d+) files?, (\d+) at risk \(([\d.]+%)\)", box["title"] or "")
        if not counts or (int(counts[1]), int(counts[2]), counts[3]) != (files, at_risk, percent(at_risk, files)):
            differ(f"figures of {key}", box["title"], (files, at_risk, percent(at_risk, files)))
        left, top, w, h = box["box"]
        if w >= 8 and h >= 40:   # the centre is clear of the label (at the top, 12 px high)
            x, y = int(left + w / 2), int(top + h / 2 + 6)
            if 0 <= x < width and 0 <= y < height:
                pixel = tuple(pixels[y][x * channels:x * channels + 3])
                sampled += 1
                if max(abs(a - b) for a, b in zip(pixel, rgb(colour))) > 2: differ(f"painted colour of {key}", pixel, colour)
    for top in tops:
        box = boxes.get(("data-top", top))
        if box is None: differ(f"top folder {top}", "missing", "in the JSON"); continue
        share = percent(folders[top]["filesAtRisk"], folders[top]["files"])
        label = box["label"] or ""
        full = f"{top}/ · {share} at risk"
        if label and not (label == full or (label.endswith("…") and full.startswith(label[:-1]))): differ(f"label of {top}/", label, full)
    root = boxes.get(("data-files-in", ""))
    if own[""] > 0:
        if root is None or root["label"] != "top-level files" or not root["labelBox"] or root["labelBox"][2] <= 0:
            differ("label of the top-level files' box", root and root["label"], "top-level files, visible")
    legend = [(item["colour"], item["text"]) for item in seen["legend"]]
    rule = [("rgb({}, {}, {})".format(*rgb(c)), text) for c, text in BANDS]
    if legend != rule: differ("legend", legend, rule)
    headline = next((c for c in seen["cards"] if c.startswith("Files at risk")), "")
    if not headline.startswith(f"Files at risk{audit['filesAtRisk']['count']}of {audit['files']} files"):
        differ("headline", headline, f"{audit['filesAtRisk']['count']} of {audit['files']}")
    folders_checked = sum(1 for k in expected if k[0] == "data-folder")
    own_checked = len(expected) - folders_checked
    print(f"audit-colour-check: at {audit['head'][:12]}, {audit['filesAtRisk']['count']} of {audit['files']} files at risk; "
          f"compared {len(expected)} boxes ({folders_checked} folders, {own_checked} boxes of a folder's own or top-level files) "
          f"and {len(tops)} top folders' labels with the JSON; {sampled} boxes' painted centre pixels sampled; "
          f"legend and headline checked; mismatches {len(mismatches)}")
    for line in mismatches: print("  " + line)
    return 1 if mismatches else 0

if __name__ == "__main__":
    main()
