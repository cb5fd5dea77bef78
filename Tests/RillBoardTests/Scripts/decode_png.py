"""Decodes PNG files with the standard library only and prints them as JSON.

Usage: decode_png.py FILE...

Checks the signature, every chunk's CRC-32 (computed bit by bit here, not with zlib), the IHDR
fields (8-bit samples, no interlacing), and undoes the five PNG row filters. Prints, per file:
width, height, color_type, channels, the filter types used, and the pixels as hex.
"""

import json
import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def crc32(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xEDB88320 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("%s: bad signature" % path)
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        if crc != crc32(kind + body):
            raise SystemExit("%s: bad CRC in %r chunk" % (path, kind))
        chunks.append((kind, body))
        position += 12 + length
    if chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise SystemExit("%s: chunks out of order" % path)
    width, height, depth, color_type, compression, filter_method, interlace = \
        struct.unpack(">IIBBBBB", chunks[0][1])
    if depth != 8 or compression != 0 or filter_method != 0 or interlace != 0:
        raise SystemExit("%s: unexpected IHDR %r" % (path, chunks[0][1]))
    channels = CHANNELS[color_type]
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise SystemExit("%s: %d bytes of image data, expected %d"
                         % (path, len(raw), height * (stride + 1)))
    pixels, previous, filters = bytearray(), bytearray(stride), set()
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        filters.add(kind)
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
            line[i] = (line[i] + predictor) & 0xFF
        pixels += line
        previous = line
    return {"width": width, "height": height, "color_type": color_type, "channels": channels,
            "filters": sorted(filters), "pixels": pixels.hex()}


print(json.dumps([decode(path) for path in sys.argv[1:]]))
