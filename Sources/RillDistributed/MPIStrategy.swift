import CMPI
import Foundation
import RillCore
import RillNN

/// Data-parallel training over MPI (Open MPI): one process per copy of the model, each reading
/// its part of the data, with the gradients averaged by MPI all-reduce inside the compiled
/// training step.
///
/// Start the program with `mpirun`; a model compiled in the strategy's scope trains under it
/// with no other change:
///
/// ```swift
/// import Rill
/// import RillDistributed
///
/// let strategy = try MPIStrategy()
/// try strategy.scope {
///   let model = Sequential { Flatten(); Dense(128, activation: .relu); Dense(10) }
///   try model.compile(optimizer: Adam(), loss: SparseCategoricalCrossentropy(fromLogits: true),
///                     metrics: ["accuracy"])
///   try model.fit(x: images, y: labels, batchSize: 128, epochs: 5)  // 64 per process with 2
/// }
/// if strategy.isChief { try model.save(to: URL(fileURLWithPath: "model")) }
/// ```
/// Under the strategy `fit` starts every process from the chief's variables, gives each
/// process its share of every batch (the batch size is the global one), averages the gradients
/// in buckets of ``bucketByteCount`` bytes (one all-reduce per bucket, not per variable), sums
/// the metrics so that every process's `History` agrees, and runs the printing and writing
/// callbacks on the chief only. For custom loops, ``allReduce(_:operation:)`` averages
/// gradients and ``broadcast(_:)-([Variable])`` starts the variables alike.
///
/// Every collective waits at most ``timeout`` seconds for the other processes; past that it
/// fails with ``DistributedError/timedOut(operation:rank:seconds:)`` (`fit` throws it), so that a
/// process that died or hung stops the others instead of hanging them. TensorFlow:
/// `tf.distribute.MultiWorkerMirroredStrategy`; Horovod: `hvd.DistributedOptimizer`.
public final class MPIStrategy: DistributionStrategy, @unchecked Sendable {
  /// This process's rank in `MPI_COMM_WORLD`, from 0.
  public let rank: Int
  /// The number of processes `mpirun` started.
  public let worldSize: Int
  /// The longest a collective waits for the other processes, in seconds.
  ///
  /// It must exceed the longest work one process does alone between two collectives (the
  /// chief's checkpoint at the end of an epoch, say).
  public let timeout: Double
  /// The size of the buffers gradients are fused into for one all-reduce each, in bytes.
  public let bucketByteCount: Int
  /// The number of processes of the job on this machine (this one included).
  public let localProcessCount: Int

  /// The communicator of the strategy's collectives (a duplicate of the world's).
  let communicator: MPI_Comm
  private let lock = NSLock()
  /// The first failure, after which no MPI call is made.
  private var failure: DistributedError?
  /// Whether a failure met inside a compiled step has not been thrown yet.
  private var failureUnreported = false
  /// The host calls behind the collectives inside compiled steps.
  private lazy var sumFloat32 = makeSum(.float32)
  private lazy var sumFloat64 = makeSum(.float64)
  private lazy var broadcastBytes = HostFunction(name: "mpi_broadcast") {
    [unowned self] input, output in
    output.copyMemory(from: input)
    self.recordingFailure {
      try self.broadcast(bytes: output, operation: "broadcast")
    }
  }

  /// Starts MPI (once per process) and joins the processes `mpirun` started; a program started
  /// without `mpirun` is a world of one.
  ///
  /// The processes on one machine share its cores: unless `threadsPerProcess` says otherwise,
  /// each process's kernels use its share of them (`Threading.threadCount` becomes the active
  /// processors divided by ``localProcessCount``, at least 1), as PyTorch's `torchrun` sets
  /// `OMP_NUM_THREADS`, so that the processes' threads do not compete for the same cores.
  /// - Parameters:
  ///   - timeout: the longest a collective waits for the other processes, in seconds.
  ///   - bucketByteCount: the size of the buffers gradients are fused into.
  ///   - threadsPerProcess: the threads of this process's kernels, or `nil` for its share of
  ///     the machine's cores.
  /// - Throws: ``DistributedError/initializationFailed(_:)`` when MPI cannot start.
  public init(timeout: Double = 60, bucketByteCount: Int = 4 << 20, threadsPerProcess: Int? = nil)
    throws
  {
    guard timeout > 0, bucketByteCount > 0 else {
      throw DistributedError.initializationFailed(
        "timeout (\(timeout)) and bucketByteCount (\(bucketByteCount)) must be positive")
    }
    try MPIRuntime.start()
    var duplicate: MPI_Comm?
    guard MPI_Comm_dup(rill_mpi_comm_world(), &duplicate) == MPI_SUCCESS, let duplicate else {
      throw DistributedError.initializationFailed("MPI_Comm_dup failed")
    }
    MPI_Comm_set_errhandler(duplicate, rill_mpi_errors_return())
    var rank: Int32 = 0
    var size: Int32 = 0
    MPI_Comm_rank(duplicate, &rank)
    MPI_Comm_size(duplicate, &size)
    self.communicator = duplicate
    self.rank = Int(rank)
    self.worldSize = Int(size)
    self.timeout = timeout
    self.bucketByteCount = bucketByteCount
    var local: MPI_Comm?
    var localSize: Int32 = 1
    if MPI_Comm_split_type(
      duplicate, rill_mpi_comm_type_shared(), rank, rill_mpi_info_null(), &local)
      == MPI_SUCCESS
    {
      MPI_Comm_size(local, &localSize)
      MPI_Comm_free(&local)
    }
    self.localProcessCount = Int(localSize)
    Threading.threadCount =
      threadsPerProcess ?? ProcessInfo.processInfo.activeProcessorCount / Int(localSize)
  }

  // MARK: DistributionStrategy

  /// The gradients averaged over the processes, each weighted by its batch's examples.
  ///
  /// The result is the gradients of the whole batch. Gradients are fused per dtype into buckets of about
  /// ``bucketByteCount`` bytes, each with the example count as its last element, and each
  /// bucket is summed by one all-reduce; eagerly at once, or inside a compiled step when it runs.
  ///
  /// - Parameters:
  ///   - gradients: this process's gradients (`nil` where a variable has none).
  ///   - examples: the number of examples this process's batch held.
  /// - Returns: the averaged gradients, `nil` where the input was.
  public func averageGradients(_ gradients: [Tensor?], examples: Int) -> [Tensor?] {
    reduce(gradients, weight: Double(examples), divideByTotalWeight: true)
  }

  /// Sets every variable to its value on the chief (rank 0), with one broadcast per dtype.
  ///
  /// - Parameter variables: the same variables, in the same order, on every process.
  /// - Throws: ``DistributedError`` when the processes cannot agree in time.
  public func broadcast(_ variables: [Variable]) throws {
    for group in groupedByDType(variables.map { $0 as Tensor? }) {
      let fused = concat(group.positions.map { variables[$0].reshaped(to: [-1]) })
      let received = broadcastBytes(fused)
      var offset = 0
      for position in group.positions {
        let variable = variables[position]
        let count = variable.scalarCount
        variable.assign(received[offset..<(offset + count)].reshaped(to: variable.shape))
        offset += count
      }
    }
    try checkFailure()
  }

  /// The chief's values, on every process.
  ///
  /// - Parameter values: this process's values (the same count on every process).
  /// - Returns: the chief's values.
  /// - Throws: ``DistributedError`` when the processes cannot agree in time.
  public func broadcast(_ values: [UInt64]) throws -> [UInt64] {
    var result = values
    try result.withUnsafeMutableBytes { bytes in
      try broadcast(bytes: bytes, operation: "broadcast")
    }
    return result
  }

  /// The element-wise sums of the values over the processes.
  ///
  /// - Parameter values: this process's values (the same count on every process).
  /// - Returns: the sums.
  /// - Throws: ``DistributedError`` when the processes cannot agree in time.
  public func sum(_ values: [Double]) throws -> [Double] {
    var result = values
    try values.withUnsafeBytes { input in
      try result.withUnsafeMutableBytes { output in
        try allReduceSum(input, output, dtype: .float64)
      }
    }
    return result
  }

  /// Throws the failure a collective met inside a compiled step since the last check, if any.
  ///
  /// - Throws: the ``DistributedError`` met.
  public func checkFailure() throws {
    let pending = lock.withLock { () -> DistributedError? in
      defer { failureUnreported = false }
      return failureUnreported ? failure : nil
    }
    if let pending { throw pending }
  }

  /// Ends every process of the job at once, after printing `message`.
  ///
  /// A process that cannot go on (its input failed, say) calls it, so that the others stop at once instead of
  /// waiting for it until their collectives time out. MPI: `MPI_Abort`.
  ///
  /// - Parameters:
  ///   - message: why, printed to the standard error with the rank.
  ///   - status: the exit status `mpirun` returns.
  public func abort(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("rank \(rank): \(message)\n".utf8))
    MPIRuntime.abort(status: status)
  }

  // MARK: Custom training loops

  /// How ``allReduce(_:operation:)`` combines the processes' values.
  public enum ReduceOperation: Sendable {
    /// The element-wise sum.
    case sum
    /// The element-wise mean: the sum divided by ``MPIStrategy/worldSize``.
    case mean
  }

  /// The tensors combined over the processes, fused into buckets: for a custom training loop's
  /// gradients, eagerly or inside a `Function`.
  ///
  /// ```swift
  /// let tape = GradientTape()
  /// let loss = tape.record { lossFunction(labels, model(images, training: true)) }
  /// let gradients = strategy.allReduce(tape.gradient(of: loss, wrt: model.trainableVariables))
  /// optimizer.apply(gradients: gradients, to: model.trainableVariables)
  /// try strategy.checkFailure()
  /// ```
  /// A collective that fails inside a compiled function cannot throw there: the tensors come
  /// back uncombined and ``checkFailure()`` throws the error after the call.
  /// - Parameters:
  ///   - tensors: this process's tensors (`nil` entries stay `nil`), the same shapes and order
  ///     on every process.
  ///   - operation: the sum or the mean.
  /// - Returns: the combined tensors.
  public func allReduce(_ tensors: [Tensor?], operation: ReduceOperation = .mean) -> [Tensor?] {
    let reduced = reduce(tensors, weight: 1, divideByTotalWeight: false)
    guard operation == .mean else { return reduced }
    return reduced.map { $0.map { $0 / Double(worldSize) } }
  }

  // MARK: Collectives

  /// Sums `tensors` over the processes in fused buckets; each process's values are scaled by
  /// `weight`, and with `divideByTotalWeight` the sums are divided by the sum of the weights.
  private func reduce(_ tensors: [Tensor?], weight: Double, divideByTotalWeight: Bool) -> [Tensor?]
  {
    var result = tensors
    for group in groupedByDType(tensors) {
      guard group.dtype == .float32 || group.dtype == .float64 else {
        fatalError(
          "MPIStrategy.allReduce: \(group.dtype) tensors cannot be averaged; use float32 or float64"
        )
      }
      let sum = group.dtype == .float32 ? sumFloat32 : sumFloat64
      for bucket in buckets(group.positions, of: tensors) {
        var pieces = bucket.map { position -> Tensor in
          let flat = (tensors[position] ?? Tensor.zeros(shape: [])).reshaped(to: [-1])
          return weight == 1 ? flat : flat * weight
        }
        if divideByTotalWeight {
          pieces.append(Tensor(repeating: weight, shape: [1], dtype: group.dtype))
        }
        // A bucket of one tensor is summed where it lies, without copies.
        let summed = sum(pieces.count == 1 ? pieces[0] : concat(pieces))
        let end = summed.scalarCount
        let total = divideByTotalWeight ? summed[(end - 1)..<end] : nil
        var offset = 0
        for position in bucket {
          guard let tensor = tensors[position] else { continue }
          let count = tensor.scalarCount
          let piece = pieces.count == 1 ? summed : summed[offset..<(offset + count)]
          let value = piece.reshaped(to: tensor.shape)
          result[position] = total.map { value / $0 } ?? value
          offset += count
        }
      }
    }
    return result
  }

  /// Runs `body`, recording a failure for ``checkFailure()`` instead of throwing it (inside a
  /// compiled step, which cannot throw).
  private func recordingFailure(_ body: () throws -> Void) {
    do {
      try body()
    } catch {
      lock.withLock { failureUnreported = true }
    }
  }

  /// The host function that sums buffers of `dtype` over the processes; on a failure the
  /// output is the input, and ``checkFailure()`` reports it.
  private func makeSum(_ dtype: DType) -> HostFunction {
    HostFunction(name: "mpi_allreduce_sum") { [unowned self] input, output in
      self.recordingFailure {
        do {
          try self.allReduceSum(input, output, dtype: dtype)
        } catch {
          output.copyMemory(from: input)
          throw error
        }
      }
    }
  }

  /// Sums the elements of `input` over the processes into `output`, waiting at most
  /// ``timeout``.
  func allReduceSum(
    _ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, dtype: DType
  ) throws {
    let datatype = dtype == .float32 ? rill_mpi_float() : rill_mpi_double()
    let count = Int32(input.count / dtype.byteCount)
    try collective("all-reduce") { request in
      MPI_Iallreduce(
        input.baseAddress, output.baseAddress, count, datatype, rill_mpi_sum(), communicator,
        &request)
    }
  }

  /// Overwrites `bytes` with the chief's, waiting at most ``timeout``.
  func broadcast(bytes: UnsafeMutableRawBufferPointer, operation: String) throws {
    try collective(operation) { request in
      MPI_Ibcast(bytes.baseAddress, Int32(bytes.count), rill_mpi_byte(), 0, communicator, &request)
    }
  }

  /// Starts a non-blocking collective and polls it until it completes or ``timeout`` passes.
  ///
  /// After the first failure no MPI call is made again, so that MPI never writes into buffers
  /// of a collective given up on.
  private func collective(_ operation: String, start: (inout MPI_Request?) -> Int32) throws {
    try lock.withLock {
      if let failure { throw failure }
      do {
        try MPIRuntime.wait(
          operation: operation, rank: rank, timeout: timeout, start: start)
      } catch let error as DistributedError {
        failure = error
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        throw error
      }
    }
  }

  /// The positions of the non-nil tensors, grouped by dtype in order of first appearance.
  private func groupedByDType(_ tensors: [Tensor?]) -> [(dtype: DType, positions: [Int])] {
    var groups: [(dtype: DType, positions: [Int])] = []
    for (position, tensor) in tensors.enumerated() {
      guard let tensor else { continue }
      if let index = groups.firstIndex(where: { $0.dtype == tensor.dtype }) {
        groups[index].positions.append(position)
      } else {
        groups.append((tensor.dtype, [position]))
      }
    }
    return groups
  }

  /// The positions split, in order, into runs of about ``bucketByteCount`` bytes.
  private func buckets(_ positions: [Int], of tensors: [Tensor?]) -> [[Int]] {
    var result: [[Int]] = []
    var current: [Int] = []
    var bytes = 0
    for position in positions {
      guard let tensor = tensors[position] else { continue }
      if !current.isEmpty && bytes + tensor.scalarCount * tensor.dtype.byteCount > bucketByteCount {
        result.append(current)
        current = []
        bytes = 0
      }
      current.append(position)
      bytes += tensor.scalarCount * tensor.dtype.byteCount
    }
    if !current.isEmpty { result.append(current) }
    return result
  }
}
