import RillCore

extension Optimizer {
  /// The variables that hold this optimizer's state for training `variables`, named for a
  /// ``Checkpoint``: saving them with the model's variables and restoring both makes training
  /// continue bit for bit as if it had never stopped.
  ///
  /// The state is the step counter ``iterations``, named `"<prefix>/iterations"`, the constant
  /// learning rate (which callbacks may have changed), `"<prefix>/learning_rate"`, and the slot
  /// variables of each trainable variable, named after the variable's key and the slot:
  /// `"optimizer/dense.kernel/m"` and `"optimizer/dense.kernel/v"` for Adam's moments of the
  /// variable saved as `"dense.kernel"`. Slots that do not exist yet are created (as the first
  /// step would create them), so a fresh optimizer can be restored into before it has taken a
  /// step. Keys, not ``Variable/name``s, name the slots, so they stay stable however the
  /// variables were named when they were made.
  ///
  /// ```swift
  /// var checkpoint = Checkpoint(["dense.kernel": w, "dense.bias": b])
  /// checkpoint.add(optimizer.checkpointVariables(for: checkpoint.variables))
  /// ```
  ///
  /// A ``schedule`` is code, not state: build the optimizer with the same schedule when
  /// resuming.
  ///
  /// - Parameters:
  ///   - variables: the variables the optimizer trains, by their key in the checkpoint;
  ///     variables that are not trainable have no slots and are skipped.
  ///   - prefix: the start of every name, to tell two optimizers' states apart
  ///     (`"optimizer"` by default).
  /// - Returns: the optimizer's state variables by name.
  public func checkpointVariables(
    for variables: [String: Variable], prefix: String = "optimizer"
  ) -> [String: Variable] {
    var state = [
      "\(prefix)/iterations": iterations, "\(prefix)/learning_rate": learningRateVariable,
    ]
    for (key, variable) in variables where variable.trainable {
      let slots = slots(for: variable)
      // A slot made by `zerosSlot(for:named:)` is named "<variable name>/<slot>"; other slots
      // are numbered, as are all of a variable's slots if their names would collide.
      let own = variable.name + "/"
      var names = slots.map { $0.name.hasPrefix(own) ? String($0.name.dropFirst(own.count)) : "" }
      if names.contains("") || Set(names).count != names.count {
        names = slots.indices.map(String.init)
      }
      for (name, slot) in zip(names, slots) {
        state["\(prefix)/\(key)/\(name)"] = slot
      }
    }
    return state
  }
}
