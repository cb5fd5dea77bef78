import Foundation

/// Where an executable reads and writes variables: a session's values for the variables its
/// graph owns, and the eager variables captured by the graph.
protocol VariableStore: AnyObject {
  /// The current value of an owned variable.
  func value(of variable: GraphVariableID, name: String) throws -> Tensor
  /// Sets an owned variable.
  func setValue(_ value: Tensor, of variable: GraphVariableID)
}

/// A graph compiled for given feed shapes: the nodes the fetches need, with every shape known,
/// simplified by the passes in `Passes/`, and run as a flat list of instructions without the
/// per-op work of eager execution (no shape checks, no dispatch, no tapes).
final class Executable {
  /// What one instruction does.
  enum Step {
    case feed(Int)
    case constant(Tensor)
    case primitive(Primitive)
    /// A random draw whose key changes with every run.
    case random(RandomDistribution, key: RandomKey)
    /// A chain of elementwise operations in one pass (see ``FusedElementwise``).
    case fused(FusedElementwise)
    case identity
    case read(VariableReference)
    case assign(VariableReference, BinaryFunction?)
    /// A variable's new value computed in one pass from its current value, which the program
    /// reads as its last input (see ``Executable/fuseVariableUpdates(_:roots:)``).
    case fusedUpdate(FusedElementwise, VariableReference)
    case group
  }

  /// One step, its input and output slots, and the slots it is the last to read.
  struct Instruction {
    var step: Step
    var inputs: [Int]
    var output: Int
    var spec: TensorSpec
    var name: String
    var releases: [Int] = []
  }

  /// An instruction as a run steps through it: one object per instruction, so that a run
  /// retains one reference per step rather than each field of a copied ``Instruction``.
  private final class Planned {
    let step: Step
    let inputs: [Int]
    let output: Int
    let spec: TensorSpec
    let name: String
    let releases: [Int]

    init(_ instruction: Instruction) {
      step = instruction.step
      inputs = instruction.inputs
      output = instruction.output
      spec = instruction.spec
      name = instruction.name
      releases = instruction.releases
    }
  }

  private(set) var instructions: [Instruction]
  private(set) var fetchSlots: [Int]
  let slotCount: Int
  /// The optimized instructions, as runs read them.
  private var plan: [Planned] = []
  /// Whether a step draws random numbers, whose keys change with the run count.
  private var drawsRandomNumbers = false
  private var runs: UInt64 = 0
  private let lock = NSLock()

  /// Plans the nodes `fetches` and `effects` need, for placeholders `feeds` fed values of
  /// `feedSpecs`.
  ///
  /// - Throws: ``SessionError/invalidArgument(node:message:)`` when an op's operands do not
  ///   fit once the shapes are known.
  init(
    graph: Graph, fetches: [GraphNode], effects: [GraphNode], feeds: [GraphNode],
    feedSpecs: [TensorSpec]
  ) throws {
    // The needed nodes, in graph order (which is topological).
    var needed = Set<Int>()
    var stack = fetches + effects
    while let node = stack.popLast() {
      if needed.insert(node.index).inserted { stack += node.inputs }
    }
    let nodes = graph.nodes.filter { needed.contains($0.index) }
    let feedPositions = Dictionary(uniqueKeysWithValues: feeds.enumerated().map { ($1.index, $0) })
    var slots: [Int: Int] = [:]
    var specs: [Int: TensorSpec] = [:]
    var instructions: [Instruction] = []
    for node in nodes {
      let inputs = node.inputs.map { slots[$0.index] ?? -1 }
      let inputSpecs = node.inputs.map { specs[$0.index] ?? $0.spec }
      let step: Step
      var spec = node.spec
      switch node.operation {
      case .placeholder:
        guard let position = feedPositions[node.index] else {
          throw SessionError.missingFeed(placeholder: node.name)
        }
        step = .feed(position)
        spec = feedSpecs[position]
      case .constant(let value): step = .constant(value)
      case .primitive(let primitive):
        // The graph inferred the node's spec when it was built; it holds unless a dimension was
        // unknown then (a placeholder's batch size, say) and is known now.
        let known =
          node.spec.shape.isFullyDefined
          && zip(node.inputs, inputSpecs).allSatisfy { input, spec in input.spec == spec }
        if !known {
          switch primitive.outputSpec(inputSpecs) {
          case .success(let inferred): spec = inferred
          case .failure(let error):
            throw SessionError.invalidArgument(node: node.name, message: error.description)
          }
        }
        if case .random(let distribution, _, let key) = primitive {
          step = .random(distribution, key: key)
        } else {
          step = .primitive(primitive)
        }
      case .stopGradient:
        step = .identity
        spec = inputSpecs[0]
      case .read(let reference): step = .read(reference)
      case .assign(let reference, let function):
        try Executable.checkAssignment(node, function, operand: inputSpecs[inputSpecs.count - 1])
        step = .assign(reference, function)
      case .group: step = .group
      }
      slots[node.index] = instructions.count
      specs[node.index] = spec
      instructions.append(
        Instruction(
          step: step, inputs: inputs, output: instructions.count, spec: spec, name: node.name))
    }
    self.instructions = instructions
    self.fetchSlots = fetches.map { slots[$0.index] ?? -1 }
    self.slotCount = instructions.count
    optimize(effects: effects.compactMap { slots[$0.index] })
  }

  /// Throws unless an assignment's value fits its variable (broadcasting for updates).
  private static func checkAssignment(
    _ node: GraphNode, _ function: BinaryFunction?, operand: TensorSpec
  )
    throws
  {
    let target = node.spec.shape
    let fits =
      function == nil
      ? operand.shape == target
      : (try? Shape.broadcast(operand.shape, target, op: node.name).get()) == target
    guard fits else {
      throw SessionError.invalidArgument(
        node: node.name,
        message: "a value of shape \(operand.shape) does not fit a variable of shape \(target)")
    }
  }

  /// Runs the passes: constant folding, common subexpressions, dead code, elementwise fusion,
  /// and the releases that let buffers be reused as soon as their last reader is done.
  private func optimize(effects: [Int]) {
    foldConstants(&instructions)
    eliminateCommonSubexpressions(&instructions)
    removeDeadCode(&instructions, roots: fetchSlots + effects)
    fuseElementwiseChains(&instructions, roots: fetchSlots + effects)
    fuseVariableUpdates(&instructions, roots: fetchSlots + effects)
    planReleases(&instructions, keeping: Set(fetchSlots))
    plan = instructions.map(Planned.init)
    drawsRandomNumbers = instructions.contains {
      if case .random = $0.step { true } else { false }
    }
  }

  /// Makes fetches read the slots that replaced theirs.
  func redirectFetches(_ replacement: [Int: Int]) {
    fetchSlots = fetchSlots.map { replacement[$0] ?? $0 }
  }

  /// Runs the plan on fed values and returns the fetched values.
  ///
  /// - Throws: ``SessionError/uninitializedVariable(name:)`` when an owned variable has no
  ///   value in `store`.
  func run(feeds: [Tensor], store: VariableStore?) throws -> [Tensor] {
    // Only random draws need the run's number, so only they pay for the lock.
    let run: UInt64 =
      drawsRandomNumbers
      ? lock.withLock { () -> UInt64 in
        runs += 1
        return runs
      } : 0
    var values = [Tensor?](repeating: nil, count: slotCount)
    for instruction in plan {
      values[instruction.output] = try execute(
        instruction, values: &values, feeds: feeds, store: store, run: run)
      for slot in instruction.releases { values[slot] = nil }
    }
    return fetchSlots.map { slot in values[slot] ?? Tensor.zeros(shape: []) }
  }

  private func execute(
    _ instruction: Planned, values: inout [Tensor?], feeds: [Tensor], store: VariableStore?,
    run: UInt64
  ) throws -> Tensor? {
    func input(_ position: Int) -> Tensor {
      guard let value = values[instruction.inputs[position]] else {
        fatalError("Executable: '\(instruction.name)' reads a value released too early")
      }
      return value
    }
    switch instruction.step {
    case .feed(let position):
      return feeds[position]
    case .constant(let value):
      return value
    case .primitive(let primitive):
      return primitive.execute(instruction.inputs.indices.map(input), output: instruction.spec)
    case .random(let distribution, let key):
      let drawn = RandomKey(value: SplitMix64.mix(key.value &+ run &* 0x9E37_79B9_7F4A_7C15))
      return distribution.execute(key: drawn, output: instruction.spec)
    case .fused(let program):
      let (device, operands) = placedOnOneDevice(
        instruction.inputs.indices.map(input), op: program.name)
      let output = Tensor.uninitialized(
        dtype: instruction.spec.dtype, shape: instruction.spec.shape, on: device)
      let inputs = operands.map { $0.deviceView(broadcastTo: instruction.spec.shape) }
      device.fusedElementwise(program, inputs, into: output.deviceView)
      return output
    case .identity:
      return input(0)
    case .read(.captured(let variable)):
      return Tensor(variable)
    case .read(.owned(let id)):
      guard let store else { fatalError("Executable: an owned variable read without a session") }
      return try store.value(of: id, name: instruction.name)
    case .assign(let reference, let function):
      let operand = input(instruction.inputs.count - 1)
      // Drop this plan's hold on the old value first, so that an update can happen in place.
      if function != nil, instruction.releases.contains(instruction.inputs[0]) {
        values[instruction.inputs[0]] = nil
      }
      switch reference {
      // An update applies to the value the variable has now, which an earlier update in the
      // same run may have changed.
      // The plan checked the operand's shape when it was made, so the update is written directly
      // (not through the eager `assign` API, which checks again and asks whether it is traced).
      case .captured(let variable):
        switch function {
        case nil, .add?, .subtract?:
          variable.write(
            function, operand.converted(to: variable.dtype).copied(to: variable.device))
        case let other?:
          let new = other.execute(
            Tensor(variable), operand.copied(to: variable.device), output: instruction.spec)
          variable.write(nil, new.converted(to: variable.dtype))
        }
        return Tensor(variable)
      case .owned(let id):
        guard let store else {
          fatalError("Executable: an owned variable written without a session")
        }
        let new =
          try function.map {
            let current = try store.value(of: id, name: instruction.name)
            return $0.execute(
              current, operand.converted(to: instruction.spec.dtype).copied(to: current.device),
              output: instruction.spec)
          } ?? operand.converted(to: instruction.spec.dtype)
        store.setValue(new, of: id)
        return new
      }
    case .fusedUpdate(let program, let reference):
      let current: Tensor
      switch reference {
      case .captured(let variable): current = Tensor(variable)
      case .owned(let id):
        guard let store else {
          fatalError("Executable: an owned variable written without a session")
        }
        current = try store.value(of: id, name: instruction.name)
      }
      let shape = instruction.spec.shape
      // The update runs where the variable lives.
      let device = current.device
      var inputs: [DeviceView] = []
      inputs.reserveCapacity(program.inputCount)
      for position in 0..<(program.inputCount - 1) {
        inputs.append(input(position).copied(to: device).deviceView(broadcastTo: shape))
      }
      inputs.append(current.deviceView)
      let new = Tensor.uninitialized(dtype: instruction.spec.dtype, shape: shape, on: device)
      device.fusedElementwise(program, inputs, into: new.deviceView)
      switch reference {
      case .captured(let variable): variable.adopt(new)
      case .owned(let id): store?.setValue(new, of: id)
      }
      return new
    case .group:
      return nil
    }
  }
}
