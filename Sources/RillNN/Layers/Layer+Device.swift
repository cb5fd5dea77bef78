import RillCore

extension Layer {
  /// Moves the layer's variables, and those of its sublayers, to `device`.
  ///
  /// Weights built later are created there too. For a compiled ``Model`` it moves the
  /// optimizer's state as well, so that `fit`, `evaluate` and `predict` run on `device`.
  ///
  /// Ops run on the device of their operands, so inputs from the CPU (a batch from a dataset)
  /// join the weights' device on their own; see ``Device``. PyTorch: `module.to(device)`.
  ///
  /// ```swift
  /// let gpu = try Devices.named("vulkan:0")
  /// model.to(gpu)
  /// try model.fit(x: images, y: labels, batchSize: 128, epochs: 5)   // trains on gpu
  /// ```
  ///
  /// - Parameter device: where the variables go.
  public func to(_ device: any Device) {
    placeLayers(on: device)
    for variable in variables where !variable.isSymbolic { variable.move(to: device) }
  }

  /// Records `device` as the placement of this layer and every sublayer, and moves the state
  /// of their optimizers.
  private func placeLayers(on device: any Device) {
    placement = device
    if let model = self as? Model { model.optimizer?.moveState(to: device) }
    for (_, layer) in namedSublayers { layer.placeLayers(on: device) }
  }
}
