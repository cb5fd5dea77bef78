import Foundation
import RillBoard
import RillCore
import RillData

/// One file format the fuzzer attacks: its name, the valid files it starts from, and how Rill
/// reads it.
///
/// A new reader joins the fuzzer with one entry in ``all``:
///
/// ```swift
/// FuzzFormat(
///   name: "npy", seeds: { try Seeds.npy() },
///   read: { _ = try NPY.decode($0) }, isTypedError: { $0 is NPYError })
/// ```
public struct FuzzFormat: Sendable {
  /// The format's name, used on the command line and as the folder of its regression inputs.
  public var name: String
  /// Valid files, made by Rill's own writers where Rill writes the format.
  public var seeds: @Sendable () throws -> [Data]
  /// Reads one input the way a user would; throws the reader's typed error when it is invalid.
  public var read: @Sendable (Data) throws -> Void
  /// Whether an error `read` threw is one the reader documents (a typed error, not a stray).
  public var isTypedError: @Sendable (Error) -> Bool

  /// Creates a format entry.
  ///
  /// - Parameters:
  ///   - name: the format's name.
  ///   - seeds: makes the valid files to mutate.
  ///   - read: reads one input.
  ///   - isTypedError: whether a thrown error is the reader's own.
  public init(
    name: String, seeds: @escaping @Sendable () throws -> [Data],
    read: @escaping @Sendable (Data) throws -> Void,
    isTypedError: @escaping @Sendable (Error) -> Bool
  ) {
    self.name = name
    self.seeds = seeds
    self.read = read
    self.isTypedError = isTypedError
  }

  /// Every reader Rill has, one entry each.
  public static let all: [FuzzFormat] = [
    FuzzFormat(
      name: "idx", seeds: { Seeds.idx() }, read: { _ = try IDX.decode($0) },
      isTypedError: { $0 is IDXError }),
    FuzzFormat(
      name: "idx-gzip", seeds: { Seeds.idx().map(Seeds.gzip) }, read: { _ = try IDX.decode($0) },
      isTypedError: { $0 is IDXError }),
    FuzzFormat(
      name: "npy", seeds: { try Seeds.npy() }, read: { _ = try NPY.decode($0) },
      isTypedError: { $0 is NPYError }),
    FuzzFormat(
      name: "npz", seeds: { try Seeds.npz() }, read: { _ = try NPZ.decode($0) },
      isTypedError: { $0 is NPZError }),
    FuzzFormat(
      name: "safetensors", seeds: { try Seeds.safetensors() },
      read: { _ = try Safetensors.decode($0) }, isTypedError: { $0 is SafetensorsError }),
    FuzzFormat(
      name: "csv", seeds: { Seeds.csv() },
      read: { data in
        let table = try CSV.decode(data)
        _ = try table.tensor()
        _ = try table.columns(dtype: .float64)
      },
      isTypedError: { $0 is CSVError }),
    FuzzFormat(
      name: "events", seeds: { try Seeds.events() },
      read: { data in
        let file = try EventFileReader(data)
        _ = file.scalars()
      },
      isTypedError: { $0 is EventFileError }),
  ]

  /// The entry named `name`, if there is one.
  ///
  /// - Parameter name: a format's name.
  /// - Returns: its entry, or `nil`.
  public static func named(_ name: String) -> FuzzFormat? {
    all.first { $0.name == name }
  }
}
