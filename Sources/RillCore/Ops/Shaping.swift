extension Tensor {
  /// The same elements with a new shape; one dimension may be -1 and is inferred.
  ///
  /// Free: the result shares memory with this tensor. TensorFlow: `tf.reshape`.
  public final func reshaped(to newShape: Shape) -> Tensor {
    apply(.reshape(newShape), self)
  }

  /// The elements as a rank-1 tensor.
  public final func flattened() -> Tensor {
    reshaped(to: [scalarCount])
  }

  /// The tensor with a new axis of size 1 inserted at `axis` (which may be negative, counting from
  /// the end of the result).
  ///
  /// TensorFlow: `tf.expand_dims`.
  public final func expandingShape(alongAxis axis: Int) -> Tensor {
    let position = axis < 0 ? axis + rank + 1 : axis
    require(
      position >= 0 && position <= rank,
      "expand_dims: axis \(axis) is out of range for shape \(shape)")
    var dimensions = shape.dimensions
    dimensions.insert(1, at: position)
    return reshaped(to: Shape(dimensions))
  }

  /// The tensor without the size-1 axes in `axes`, or without every size-1 axis when `axes` is
  /// empty.
  ///
  /// TensorFlow: `tf.squeeze`.
  public final func squeezingShape(alongAxes axes: Int...) -> Tensor {
    let positions =
      axes.isEmpty
      ? shape.indices.filter { shape[$0] == 1 } : normalizedAxes(axes, op: "squeeze")
    for position in positions {
      require(
        shape[position] == 1,
        "squeeze: axis \(position) of shape \(shape) has size \(shape[position]), not 1")
    }
    return droppingAxes(positions)
  }

  /// The tensor with its axes reordered: axis i of the result is axis `permutation[i]` of this
  /// tensor.
  ///
  /// TensorFlow: `tf.transpose`.
  public final func transposed(permutation: [Int]) -> Tensor {
    apply(.transpose(permutation: permutation.map { $0 < 0 ? $0 + rank : $0 }), self)
  }

  /// The tensor with its axes in reverse order (the matrix transpose for rank 2).
  public final func transposed() -> Tensor {
    transposed(permutation: Array((0..<rank).reversed()))
  }

  /// The tensor repeated along new or size-1 axes to `shape`.
  ///
  /// TensorFlow: `tf.broadcast_to`.
  public final func broadcasted(to shape: Shape) -> Tensor {
    shape == self.shape ? self : apply(.broadcast(shape), self)
  }

  /// The elements converted to `dtype`: floats truncate toward zero when they become integers
  /// (saturating at the integer range, NaN giving 0), integers wrap when narrowed, and any nonzero
  /// value becomes true.
  ///
  /// TensorFlow: `tf.cast`.
  public final func cast(to dtype: DType) -> Tensor {
    dtype == self.dtype ? self : apply(.cast(dtype), self)
  }

  /// The tensor with the order of elements reversed along `axes`.
  ///
  /// TensorFlow: `tf.reverse`.
  public final func reversed(alongAxes axes: [Int]) -> Tensor {
    apply(.reverse(axes: normalizedAxes(axes, op: "reverse")), self)
  }

  /// The tensor repeated `multiples[i]` times along each axis i.
  ///
  /// TensorFlow: `tf.tile`.
  public final func tiled(multiples: [Int]) -> Tensor {
    require(
      multiples.count == rank && multiples.allSatisfy({ $0 >= 0 }),
      "tile: multiples \(multiples) do not fit shape \(shape)")
    // Interleave a new axis of size `multiple` before each axis, broadcast, and merge the pairs.
    let spread = Shape(shape.flatMap { [1, $0] })
    let repeated = Shape(zip(multiples, shape).flatMap { [$0, $1] })
    let result = Shape(zip(multiples, shape).map { $0 * $1 })
    return reshaped(to: spread).broadcasted(to: repeated).reshaped(to: result)
  }

  /// The tensor surrounded by `value` with `paddings[i]` elements before and after along each axis
  /// i.
  ///
  /// TensorFlow: `tf.pad` in constant mode.
  public final func padded(with paddings: [Padding], value: Double = 0) -> Tensor {
    apply(.pad(paddings, value: value), self)
  }

  /// The block of the tensor starting at `lowerBounds` with extent `sizes` (-1 meaning "to the
  /// end").
  ///
  /// TensorFlow: `tf.slice`.
  public final func slice(lowerBounds: [Int], sizes: [Int]) -> Tensor {
    require(
      lowerBounds.count == rank && sizes.count == rank,
      "slice: begin \(lowerBounds) and size \(sizes) do not fit shape \(shape)")
    let ranges = zip(lowerBounds, sizes).enumerated().map { axis, bounds in
      require(
        bounds.0 >= 0 && (bounds.1 == -1 || bounds.0 + bounds.1 <= shape[axis]),
        "slice: begin \(lowerBounds) and size \(sizes) do not fit shape \(shape)")
      return SliceRange(start: bounds.0, end: bounds.1 == -1 ? nil : bounds.0 + bounds.1)
    }
    return apply(.stridedSlice(ranges), self)
  }

  /// The slices along `axis`, each without that axis.
  ///
  /// TensorFlow: `tf.unstack`.
  public final func unstacked(alongAxis axis: Int = 0) -> [Tensor] {
    let position = trapping(shape.normalizedAxis(axis, op: "unstack"))
    return split(sizes: Array(repeating: 1, count: shape[position]), alongAxis: position)
      .map { $0.droppingAxes([position]) }
  }

  /// The tensor cut into `count` equal parts along `axis`.
  ///
  /// TensorFlow: `tf.split`.
  public final func split(count: Int, alongAxis axis: Int = 0) -> [Tensor] {
    let position = trapping(shape.normalizedAxis(axis, op: "split"))
    require(
      count > 0 && shape[position] % count == 0,
      "split: axis \(axis) of shape \(shape) does not divide into \(count) parts")
    return split(
      sizes: Array(repeating: shape[position] / count, count: count), alongAxis: position)
  }

  /// The tensor cut along `axis` into parts of the given sizes, which must add up to the axis's
  /// size.
  ///
  /// TensorFlow: `tf.split`.
  public final func split(sizes: [Int], alongAxis axis: Int = 0) -> [Tensor] {
    let position = trapping(shape.normalizedAxis(axis, op: "split"))
    require(
      sizes.reduce(0, +) == shape[position] && sizes.allSatisfy({ $0 >= 0 }),
      "split: sizes \(sizes) do not add up to axis \(axis) of shape \(shape)")
    var start = 0
    return sizes.map { size in
      var ranges = Array(repeating: SliceRange(), count: rank)
      ranges[position] = SliceRange(start: start, end: start + size)
      start += size
      return apply(.stridedSlice(ranges), self)
    }
  }
}

/// Joins tensors of one dtype along an existing axis; their other dimensions must match.
///
/// ```swift
/// concat([a, b], alongAxis: 1)   // [2, 3] and [2, 5] → [2, 8]
/// ```
/// TensorFlow: `tf.concat`.
public func concat(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
  require(!tensors.isEmpty, "concat: there are no tensors to join")
  let position = trapping(tensors[0].shape.normalizedAxis(axis, op: "concat"))
  return tensors.count == 1 ? tensors[0] : apply(.concat(axis: position), tensors)
}

/// Stacks tensors of one shape along a new axis.
///
/// ```swift
/// stack([a, b])   // two [3, 4] tensors → [2, 3, 4]
/// ```
/// TensorFlow: `tf.stack`.
public func stack(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
  require(!tensors.isEmpty, "stack: there are no tensors to stack")
  let rank = tensors[0].rank
  let position = axis < 0 ? axis + rank + 1 : axis
  require(position >= 0 && position <= rank, "stack: axis \(axis) is out of range for rank \(rank)")
  return concat(tensors.map { $0.expandingShape(alongAxis: position) }, alongAxis: position)
}
