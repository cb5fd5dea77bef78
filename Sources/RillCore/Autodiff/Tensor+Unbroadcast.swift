extension Tensor {
  /// The tensor summed over the dimensions along which a tensor of shape `target` was broadcast
  /// to this tensor's shape: the gradient of broadcasting.
  func unbroadcast(to target: Shape) -> Tensor {
    if shape == target { return self }
    let leading = rank - target.rank
    var axes = Array(0..<leading)
    for (position, size) in target.enumerated() where size == 1 && shape[leading + position] != 1 {
      axes.append(leading + position)
    }
    let summed = axes.isEmpty ? self : sum(alongAxes: axes)
    return summed.reshaped(to: target)
  }
}
