"""Reads a log directory with TensorBoard's own readers and prints what they see as JSON.

Usage: read_events.py LOGDIR [HISTOGRAM_INPUTS.json]

Besides TensorBoard's EventAccumulator (the one `tensorboard --logdir` uses for its legacy tabs)
and its plugin accumulator (the one the dashboards read), this script checks the TFRecord
framing of every file byte by byte with TensorBoard's CRC-32C, and, given a JSON object
{tag: [values]}, buckets those values with an independent implementation of TensorFlow's
default histogram (tensorflow/core/lib/histogram/histogram.cc) for comparison.

Floats are printed with repr() so that NaN and infinities survive JSON.
"""

import bisect
import glob
import json
import os
import struct
import sys
import types

# Use TensorBoard's TensorFlow-free reader, as on machines where TensorFlow is not installed.
sys.modules["tensorboard.compat.notf"] = types.ModuleType("tensorboard.compat.notf")

from tensorboard.backend.event_processing import event_accumulator  # noqa: E402
from tensorboard.backend.event_processing import plugin_event_accumulator  # noqa: E402
from tensorboard.backend.event_processing.event_file_loader import LegacyEventFileLoader  # noqa: E402
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c  # noqa: E402


def f(value):
    return repr(float(value))


def check_framing(path):
    """Counts the records of a TFRecord file, failing on any bad length, CRC or stray byte."""
    data = open(path, "rb").read()
    position, count = 0, 0
    while position < len(data):
        if position + 12 > len(data):
            raise SystemExit("%s: truncated header at byte %d" % (path, position))
        header = data[position:position + 8]
        (length,) = struct.unpack("<Q", header)
        (header_crc,) = struct.unpack("<I", data[position + 8:position + 12])
        if header_crc != masked_crc32c(header):
            raise SystemExit("%s: bad length CRC at byte %d" % (path, position))
        payload = data[position + 12:position + 12 + length]
        crc_bytes = data[position + 12 + length:position + 16 + length]
        if len(payload) != length or len(crc_bytes) != 4:
            raise SystemExit("%s: truncated record at byte %d" % (path, position))
        if struct.unpack("<I", crc_bytes)[0] != masked_crc32c(payload):
            raise SystemExit("%s: bad payload CRC at byte %d" % (path, position))
        position += 16 + length
        count += 1
    return count


def png_size(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise SystemExit("image is not a PNG")
    return struct.unpack(">II", data[16:24])


def default_limits():
    positive, limit = [], 1.0e-12
    while limit < 1.0e20:
        positive.append(limit)
        limit *= 1.1
    positive.append(sys.float_info.max)
    return [-v for v in reversed(positive)] + [0.0] + positive


def reference_histogram(values):
    limits = default_limits()
    counts = [0.0] * len(limits)
    low, high, num, total, squares = sys.float_info.max, -sys.float_info.max, 0.0, 0.0, 0.0
    for value in values:
        counts[bisect.bisect_right(limits, value)] += 1
        low, high = min(low, value), max(high, value)
        num, total, squares = num + 1, total + value, squares + value * value
    merged_limits, merged_counts, i = [], [], 0
    while i < len(counts):
        end, count, j = limits[i], counts[i], i + 1
        while count <= 0 and j < len(counts) and counts[j] <= 0:
            end, count, j = limits[j], counts[j], j + 1
        merged_limits.append(end)
        merged_counts.append(count)
        i = j
    return {"min": f(low), "max": f(high), "num": f(num), "sum": f(total),
            "sum_squares": f(squares), "bucket_limit": [f(v) for v in merged_limits],
            "bucket": [f(v) for v in merged_counts]}


def main():
    logdir = sys.argv[1]
    files = sorted(glob.glob(os.path.join(logdir, "*tfevents*")))
    out = {"files": [os.path.basename(p) for p in files],
           "records": [check_framing(p) for p in files]}
    events = [e for p in files for e in LegacyEventFileLoader(p).Load()]
    out["events"] = [{"wall_time": e.wall_time, "step": e.step, "what": e.WhichOneof("what")}
                     for e in events]
    out["file_version"] = events[0].file_version if events else ""

    size_guidance = {k: 0 for k in ("scalars", "images", "histograms", "tensors",
                                    "compressedHistograms", "audio")}
    acc = event_accumulator.EventAccumulator(logdir, size_guidance=size_guidance)
    acc.Reload()
    tags = acc.Tags()
    out["scalars"] = {t: [[e.step, f(e.value)] for e in acc.Scalars(t)] for t in tags["scalars"]}
    out["images"] = {}
    for tag in tags["images"]:
        out["images"][tag] = []
        for e in acc.Images(tag):
            width, height = png_size(e.encoded_image_string)
            out["images"][tag].append({"step": e.step, "width": e.width, "height": e.height,
                                       "png_width": width, "png_height": height})
    out["histograms"] = {}
    for tag in tags["histograms"]:
        out["histograms"][tag] = []
        for e in acc.Histograms(tag):
            h = e.histogram_value
            out["histograms"][tag].append({
                "step": e.step, "min": f(h.min), "max": f(h.max), "num": f(h.num),
                "sum": f(h.sum), "sum_squares": f(h.sum_squares),
                "bucket_limit": [f(v) for v in h.bucket_limit],
                "bucket": [f(v) for v in h.bucket]})
    out["texts"] = {t: [[e.step, e.tensor_proto.string_val[0].decode("utf-8")]
                        for e in acc.Tensors(t)] for t in tags["tensors"]}
    try:
        out["text_plugin_tags"] = sorted(acc.PluginTagToContent("text").keys())
    except KeyError:
        out["text_plugin_tags"] = []
    out["graph"] = []
    if tags["graph"]:
        out["graph"] = [{"name": n.name, "op": n.op, "inputs": list(n.input),
                         "attributes": sorted(n.attr.keys())} for n in acc.Graph().node]

    plugins = plugin_event_accumulator.EventAccumulator(logdir, size_guidance=size_guidance)
    plugins.Reload()
    out["plugin_tags"] = {name: sorted(plugins.PluginTagToContent(name).keys())
                          for name in plugins.ActivePlugins()}

    if len(sys.argv) > 2:
        inputs = json.load(open(sys.argv[2]))
        out["reference_histograms"] = {tag: reference_histogram([float(v) for v in values])
                                       for tag, values in inputs.items()}
    print(json.dumps(out))


main()
