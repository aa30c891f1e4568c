#!/usr/bin/env python3
"""The translator's side of the workflow (translations/README.md).

  ts_tool.py todo  [TS]        the entries still to translate (unfinished, or empty), one JSON
                               object a line: {"context", "source", "comment"?, "numerus"}
  ts_tool.py apply FILE [TS]   fills entries from FILE: the todo lines with "translation" added
                               (a string; for numerus entries a string or a list of forms —
                               Chinese has one). Without "context": every context with that
                               source text; "comment" (the disambiguation) must match if given
TS defaults to translations/nsexplorer_zh_CN.ts. After apply, `./dev.sh lupdate` rewrites the
file in lupdate's own layout.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TS = os.path.join(HERE, "nsexplorer_zh_CN.ts")


def messages(root):
    for ctx in root.iter("context"):
        name = ctx.find("name").text or ""
        for m in ctx.iter("message"):
            yield name, m


def is_todo(m):
    tr = m.find("translation")
    if tr is None:
        return True
    if tr.get("type") in ("unfinished",):
        return True
    return not "".join(tr.itertext()).strip()


def todo(ts):
    root = ET.parse(ts).getroot()
    for ctx, m in messages(root):
        if is_todo(m) and m.find("translation") is not None and \
                m.find("translation").get("type") in ("vanished", "obsolete"):
            continue
        if is_todo(m):
            e = {"context": ctx, "source": m.find("source").text or ""}
            if m.find("comment") is not None:
                e["comment"] = m.find("comment").text or ""
            e["numerus"] = m.get("numerus") == "yes"
            print(json.dumps(e, ensure_ascii=False))


def apply(path, ts):
    by_ctx, by_src = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            e = json.loads(line)
            key = (e["source"], e.get("comment"))
            if "context" in e:
                by_ctx[(e["context"],) + key] = e["translation"]
            else:
                by_src[key] = e["translation"]
    tree = ET.parse(ts)
    root = tree.getroot()
    done = 0
    for ctx, m in messages(root):
        src = m.find("source").text or ""
        comment = m.find("comment").text if m.find("comment") is not None else None
        t = None
        for key in ((src, comment), (src, None)):
            t = by_ctx.get((ctx,) + key, by_src.get(key))
            if t is not None:
                break
        if t is None:
            continue
        tr = m.find("translation")
        if tr is None:
            tr = ET.SubElement(m, "translation")
        for child in list(tr):
            tr.remove(child)
        tr.attrib.pop("type", None)
        if m.get("numerus") == "yes":
            tr.text = None
            for form in (t if isinstance(t, list) else [t]):
                ET.SubElement(tr, "numerusform").text = form
        else:
            tr.text = t if isinstance(t, str) else t[0]
        done += 1
    body = ET.tostring(root, encoding="unicode")
    with open(ts, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")
    print(f"{done} entries filled in {ts}; now run ./dev.sh lupdate", file=sys.stderr)


def main(argv):
    if len(argv) >= 2 and argv[1] == "todo":
        todo(argv[2] if len(argv) > 2 else DEFAULT_TS)
    elif len(argv) >= 3 and argv[1] == "apply":
        apply(argv[2], argv[3] if len(argv) > 3 else DEFAULT_TS)
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
