"""Parses SVG files with Python's XML parser and prints what they contain as JSON.

Usage: inspect_svg.py FILE...

Per file: the root's width and height, the number of each element, the strings of the <text>
elements, and for each embedded <image> the size of its base64 PNG (from the PNG header).
"""

import base64
import collections
import json
import struct
import sys
import xml.etree.ElementTree as ElementTree

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def inspect(path):
    root = ElementTree.parse(path).getroot()
    if root.tag != SVG + "svg":
        raise SystemExit("%s: root element is %s" % (path, root.tag))
    counts = collections.Counter(element.tag.replace(SVG, "") for element in root.iter())
    texts = [element.text or "" for element in root.iter(SVG + "text")]
    images = []
    for element in root.iter(SVG + "image"):
        reference = element.get("href") or element.get(XLINK + "href") or ""
        prefix = "data:image/png;base64,"
        if not reference.startswith(prefix):
            raise SystemExit("%s: image is not an embedded PNG" % path)
        png = base64.b64decode(reference[len(prefix):])
        if png[:8] != b"\x89PNG\r\n\x1a\n":
            raise SystemExit("%s: embedded image is not a PNG" % path)
        images.append(list(struct.unpack(">II", png[16:24])))
    return {"width": root.get("width"), "height": root.get("height"), "counts": counts,
            "texts": texts, "images": images}


print(json.dumps([inspect(path) for path in sys.argv[1:]]))
