"""Writes an event file with TensorBoard's own writer and protos, as TensorFlow 1 and 2 do.

Usage: write_events.py LOGDIR

The events, after the writer's own `file_version` record:
- step 1 (wall time 100.5), TensorFlow 1 style: `simple_value` 0.5 under "tf1/loss", a
  Summary.Image 3 wide, 2 high, 1 channel holding the bytes b"not-a-png", and a HistogramProto
  under "tf1/histogram" (min -1, max 2, num 3, sum 1.5, sum_squares 5.25, limits [0, 10],
  counts [1, 2]);
- step 2 (wall time 101.25), TensorFlow 2 style: `scalar_pb("tf2/loss", 0.25)` (float_val),
  "tf2/content" a scalar with the `scalars` plugin stored in tensor_content (as TensorFlow's C++
  writer stores it) with value -3.5, `histogram_pb("tf2/histogram", [1, 2, 3], buckets=3)`,
  `text_pb("tf2/text", "hello, world")`, "tf2/int64" an int64 [2] tensor [-7, 2**40] in int64_val
  and "tf2/half" a float16 [2] tensor [1.5, -0.0001] in half_val;
- step 3 (wall time 102), a graph_def of the bytes b"graph".
"""

import struct
import sys
import types

# Use TensorBoard's TensorFlow-free writer, as on machines where TensorFlow is not installed.
sys.modules["tensorboard.compat.notf"] = types.ModuleType("tensorboard.compat.notf")

import numpy as np  # noqa: E402
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2  # noqa: E402
from tensorboard.compat.proto import tensor_shape_pb2  # noqa: E402
from tensorboard.plugins.histogram import summary_v2 as histogram_v2  # noqa: E402
from tensorboard.plugins.scalar import summary_v2 as scalar_v2  # noqa: E402
from tensorboard.plugins.text import summary_v2 as text_v2  # noqa: E402
from tensorboard.summary.writer.event_file_writer import EventFileWriter  # noqa: E402


def shape(*sizes):
    return tensor_shape_pb2.TensorShapeProto(
        dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=s) for s in sizes])


def plugin(name):
    return summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name=name))


def main():
    writer = EventFileWriter(sys.argv[1])
    histogram = summary_pb2.HistogramProto(
        min=-1, max=2, num=3, sum=1.5, sum_squares=5.25, bucket_limit=[0, 10], bucket=[1, 2])
    tf1 = summary_pb2.Summary(value=[
        summary_pb2.Summary.Value(tag="tf1/loss", simple_value=0.5),
        summary_pb2.Summary.Value(tag="tf1/image", image=summary_pb2.Summary.Image(
            height=2, width=3, colorspace=1, encoded_image_string=b"not-a-png")),
        summary_pb2.Summary.Value(tag="tf1/histogram", histo=histogram),
    ])
    writer.add_event(event_pb2.Event(wall_time=100.5, step=1, summary=tf1))

    tf2 = summary_pb2.Summary()
    tf2.MergeFrom(scalar_v2.scalar_pb("tf2/loss", 0.25))
    tf2.value.add(tag="tf2/content", metadata=plugin("scalars"), tensor=tensor_pb2.TensorProto(
        dtype=1, tensor_shape=shape(), tensor_content=struct.pack("<f", -3.5)))
    tf2.MergeFrom(histogram_v2.histogram_pb("tf2/histogram", np.array([1.0, 2.0, 3.0]), buckets=3))
    tf2.MergeFrom(text_v2.text_pb("tf2/text", "hello, world"))
    tf2.value.add(tag="tf2/int64", tensor=tensor_pb2.TensorProto(
        dtype=9, tensor_shape=shape(2), int64_val=[-7, 2**40]))
    halves = np.array([1.5, -0.0001], dtype=np.float16).view(np.uint16)
    tf2.value.add(tag="tf2/half", tensor=tensor_pb2.TensorProto(
        dtype=19, tensor_shape=shape(2), half_val=[int(h) for h in halves]))
    writer.add_event(event_pb2.Event(wall_time=101.25, step=2, summary=tf2))

    writer.add_event(event_pb2.Event(wall_time=102, step=3, graph_def=b"graph"))
    writer.close()
    print(writer.get_logdir())


main()
