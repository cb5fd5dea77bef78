import Foundation
import RillCore

/// Reads and writes NumPy `.npz` files: zip archives of `.npy` files, one per named array, as
/// `numpy.savez` and `numpy.savez_compressed` write them and `numpy.load` reads them.
///
/// Reading accepts stored and deflate-compressed entries and the ZIP64 fields NumPy always
/// writes, checks the archive's structure, each entry's size and CRC-32, and decodes each entry
/// with ``NPY``, so every Rill dtype is supported. An array's name is its entry's name without
/// `.npy`. A problem throws an ``NPZError`` naming the file and the array.
///
/// ```swift
/// // Python: numpy.savez("data.npz", x=numpy.zeros((2, 3), numpy.float32), y=numpy.arange(2))
/// let arrays = try NPZ.read(contentsOf: URL(fileURLWithPath: "data.npz"))
/// arrays["x"]?.shape   // [2, 3]
/// try NPZ.write(arrays, to: URL(fileURLWithPath: "copy.npz"), compressed: true)
/// ```
public enum NPZ {
  /// Reads the `.npz` file at `url`.
  ///
  /// - Parameters:
  ///   - url: the file.
  ///   - limits: how many arrays the archive may hold, how large a deflated entry may expand
  ///     and how many dimensions an array may have.
  /// - Returns: the arrays by name (each entry's name without `.npy`).
  /// - Throws: ``NPZError`` naming the file (and the array, where one is at fault) when the
  ///   file cannot be read or is not a valid `.npz` archive of supported dtypes.
  public static func read(
    contentsOf url: URL, limits: ReadingLimits = .default
  ) throws -> [String: Tensor] {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw NPZError(.unreadable(error.localizedDescription), path: url.path)
    }
    do {
      return try decode(data, limits: limits)
    } catch var error as NPZError {
      error.path = url.path
      throw error
    }
  }

  /// Writes `arrays` to `url` as a `.npz` file, atomically and durably: the bytes go to a
  /// temporary file that is flushed to the disk and then renamed over `url`, so that `url` holds
  /// either its old contents or the complete new file, even if the program or the machine stops
  /// half-way or the disk fills up.
  ///
  /// - Parameters:
  ///   - arrays: the arrays to save, by name; each becomes the entry `name.npy`.
  ///   - url: the file to create or replace.
  ///   - compressed: whether to deflate the entries, as `numpy.savez_compressed` does, rather
  ///     than store them, as `numpy.savez` does.
  /// - Throws: ``NPZError`` when a name is too long or the file cannot be written.
  public static func write(_ arrays: [String: Tensor], to url: URL, compressed: Bool = false)
    throws
  {
    let data: Data
    do {
      data = try encode(arrays, compressed: compressed)
    } catch var error as NPZError {
      error.path = url.path
      throw error
    }
    do {
      try DurableFile.write(data, to: url)
    } catch {
      throw NPZError(.unwritable("\(error)"), path: url.path)
    }
  }

  /// Decodes the bytes of a `.npz` file.
  ///
  /// - Parameters:
  ///   - data: the bytes of the file.
  ///   - limits: how many arrays the archive may hold, how large a deflated entry may expand
  ///     and how many dimensions an array may have.
  /// - Returns: the arrays by name (each entry's name without `.npy`).
  /// - Throws: ``NPZError`` naming the array at fault when the data is not a valid `.npz`
  ///   archive of supported dtypes, or exceeds `limits`.
  /// - Complexity: O(n) in the size of the contents; an entry is decompressed only up to the
  ///   size it declares, and entries may not overlap, so forged sizes cannot make reading
  ///   allocate more than the archive really holds. Deflated entries are decompressed straight
  ///   into their tensors, so that beyond `data` only the results are allocated (an array in
  ///   Fortran order goes through one decompressed copy of its entry).
  public static func decode(
    _ data: Data, limits: ReadingLimits = .default
  ) throws -> [String: Tensor] {
    let archive = try ZipArchive(data)
    guard archive.entries.count <= limits.maximumEntryCount else {
      throw NPZError(
        .tooManyEntries(count: archive.entries.count, maximumCount: limits.maximumEntryCount))
    }
    var arrays: [String: Tensor] = [:]
    for entry in archive.entries where !entry.name.hasSuffix("/") {
      let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
      do {
        guard arrays[name] == nil else { throw NPZError(.duplicateName) }
        if entry.method == 8, let array = try decodeDeflated(entry, in: archive, limits: limits) {
          arrays[name] = array
          continue
        }
        arrays[name] = try archive.withContents(of: entry, limits: limits) { contents in
          do {
            return try NPY.decode(bytes: contents, limits: limits)
          } catch let error as NPYError {
            throw NPZError(.invalidArray(error))
          }
        }
      } catch var error as NPZError {
        error.array = name
        throw error
      }
    }
    return arrays
  }

  /// The bytes of a `.npz` file holding `arrays`, as ``write(_:to:compressed:)`` writes them:
  /// entries in order of name, each the ``NPY`` encoding of its array.
  ///
  /// - Parameters:
  ///   - arrays: the arrays to encode, by name.
  ///   - compressed: whether to deflate the entries rather than store them.
  /// - Returns: the archive's bytes.
  /// - Throws: ``NPZError`` when a name is longer than a zip entry's name may be.
  public static func encode(_ arrays: [String: Tensor], compressed: Bool = false) throws -> Data {
    try encode(arrays, compressed: compressed, forceZip64: false)
  }

  /// The bytes of a `.npz` file, with ZIP64 fields everywhere when `forceZip64` is true (for
  /// tests of archives too large to build).
  static func encode(
    _ arrays: [String: Tensor], compressed: Bool, forceZip64: Bool
  ) throws -> Data {
    let files = try arrays.sorted { $0.key < $1.key }.map { name, tensor in
      guard name.utf8.count + 4 <= 0xFFFF else { throw NPZError(.nameTooLong, array: name) }
      return (name: name + ".npy", contents: NPY.encode(tensor))
    }
    return ZipArchive.archive(files, compressed: compressed, forceZip64: forceZip64)
  }
}
