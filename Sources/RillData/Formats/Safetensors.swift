import Foundation
import RillCore

/// Reads and writes safetensors files, the format Hugging Face's `safetensors` library, PyTorch,
/// Keras 3 and JAX use to exchange weights.
///
/// A file is an 8-byte little-endian header length, a JSON header that maps each tensor's name
/// to its dtype, shape and data offsets (and may hold a `"__metadata__"` map of strings), then
/// the tensors' raw little-endian bytes in C (row-major) order. Rill reads and writes the dtypes
/// it has: `F32` (float32), `F64` (float64), `I32` (int32), `I64` (int64), `U8` (uint8) and
/// `BOOL` (bool). Files are written as the reference implementation writes them: tensors laid
/// out widest dtype first, then by name, so each one's data is aligned to its element size, and
/// the header padded with spaces to a multiple of 8 bytes.
///
/// Reading checks everything before it allocates a tensor: the header length, the JSON, each
/// dtype, shape and pair of offsets, and that the tensors cover the data exactly, with neither
/// overlaps nor holes. A problem throws a ``SafetensorsError`` naming the file and the tensor.
///
/// ```swift
/// // Python: safetensors.numpy.save_file({"w": numpy.ones((2, 3), "float32")}, "w.safetensors")
/// let url = URL(fileURLWithPath: "w.safetensors")
/// let (tensors, metadata) = try Safetensors.read(contentsOf: url)
/// if let w = tensors["w"] {
///   print(w.shape)   // [2, 3]
///   try Safetensors.write(["w": w * 2], metadata: ["format": "np"], to: url)
/// }
/// ```
public enum Safetensors {
  /// The longest header read, in bytes, as in the reference implementation (a guard against
  /// forged lengths that would make reading allocate or parse for long).
  public static let maximumHeaderSize = 100_000_000

  /// Reads the safetensors file at `url`.
  ///
  /// - Parameters:
  ///   - url: the file.
  ///   - limits: how many tensors the file may hold and how many dimensions each may have.
  /// - Returns: the tensors by name, and the header's metadata (empty when it has none).
  /// - Throws: ``SafetensorsError`` naming the file (and the tensor, where one is at fault) when
  ///   the file cannot be read or is not a valid safetensors file of supported dtypes.
  public static func read(
    contentsOf url: URL, limits: ReadingLimits = .default
  ) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw SafetensorsError(.unreadable(error.localizedDescription), path: url.path)
    }
    do {
      return try decode(data, limits: limits)
    } catch var error as SafetensorsError {
      error.path = url.path
      throw error
    }
  }

  /// Writes `tensors` to `url` as a safetensors file, atomically and durably: the bytes go to a
  /// temporary file that is flushed to the disk and then renamed over `url`, so that `url` holds
  /// either its old contents or the complete new file, even if the program or the machine stops
  /// half-way or the disk fills up.
  ///
  /// The tensors are streamed to the file one at a time, without building the whole file in
  /// memory.
  ///
  /// - Parameters:
  ///   - tensors: the tensors to save, by name.
  ///   - metadata: strings to keep in the header's `__metadata__` map (none by default).
  ///   - url: the file to create or replace.
  /// - Throws: ``SafetensorsError`` when a tensor is named `__metadata__` or the file cannot be
  ///   written.
  public static func write(
    _ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL
  ) throws {
    let header: SafetensorsHeader
    do {
      header = try SafetensorsHeader(laying: tensors, metadata: metadata)
    } catch var error as SafetensorsError {
      error.path = url.path
      throw error
    }
    let headerBytes = header.encoded
    do {
      try DurableFile.write(to: url) { (output) throws(DurableFileError) in
        var length = Data()
        length.appendLittleEndian(UInt64(headerBytes.count))
        try output.write(length)
        try output.write(headerBytes)
        for entry in header.entries {
          // The dictionary lookup cannot fail: the entries were made from these tensors.
          guard let tensor = tensors[entry.name] else { continue }
          try output.write(NPY.littleEndianBytes(of: tensor))
        }
      }
    } catch {
      throw SafetensorsError(.unwritable("\(error)"), path: url.path)
    }
  }

  /// Decodes the bytes of a safetensors file.
  ///
  /// - Parameters:
  ///   - data: the bytes of the file.
  ///   - limits: how many tensors the file may hold and how many dimensions each may have.
  /// - Returns: the tensors by name, and the header's metadata (empty when it has none).
  /// - Throws: ``SafetensorsError`` naming the tensor at fault when the data is not a valid
  ///   safetensors file of supported dtypes, exceeds `limits`, or a tensor cannot be allocated.
  /// - Complexity: O(n) in the size of the data; nothing is allocated before the header has been
  ///   checked against the data's actual length, and beyond `data` only the results are.
  public static func decode(
    _ data: Data, limits: ReadingLimits = .default
  ) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
    guard data.count >= 8 else { throw SafetensorsError(.tooShort(byteCount: data.count)) }
    let declared = data.littleEndian(UInt64.self, at: 0)
    guard declared <= UInt64(maximumHeaderSize) else {
      throw SafetensorsError(.headerTooLarge(Int(clamping: declared)))
    }
    let headerSize = Int(declared)
    guard headerSize <= data.count - 8 else {
      throw SafetensorsError(.headerOutOfBounds(headerSize: headerSize, byteCount: data.count))
    }
    let headerStart = data.startIndex + 8
    let dataStart = headerStart + headerSize
    let header = try SafetensorsHeader(
      parsing: [UInt8](data[headerStart..<dataStart]), dataSize: data.endIndex - dataStart,
      limits: limits)
    var tensors: [String: Tensor] = [:]
    tensors.reserveCapacity(header.entries.count)
    try data.withUnsafeBytes { buffer in
      for entry in header.entries {
        let start = dataStart - data.startIndex + entry.begin
        let body = UnsafeRawBufferPointer(
          rebasing: buffer[start..<(start + entry.end - entry.begin)])
        do {
          tensors[entry.name] = try Tensor.decoding(
            entry.dtype, shape: entry.shape, from: body, order: .littleEndian)
        } catch let error as TensorAllocationError {
          throw SafetensorsError(.outOfMemory(byteCount: error.byteCount), tensor: entry.name)
        }
      }
    }
    return (tensors, header.metadata)
  }

  /// The bytes of a safetensors file holding `tensors`, as ``write(_:metadata:to:)`` writes
  /// them.
  ///
  /// - Parameters:
  ///   - tensors: the tensors to encode, by name.
  ///   - metadata: strings to keep in the header's `__metadata__` map (none by default).
  /// - Returns: the file's bytes.
  /// - Throws: ``SafetensorsError`` when a tensor is named `__metadata__`.
  public static func encode(
    _ tensors: [String: Tensor], metadata: [String: String] = [:]
  ) throws -> Data {
    let header = try SafetensorsHeader(laying: tensors, metadata: metadata)
    let headerBytes = header.encoded
    var data = Data()
    data.appendLittleEndian(UInt64(headerBytes.count))
    data.append(contentsOf: headerBytes)
    for entry in header.entries {
      guard let tensor = tensors[entry.name] else { continue }
      data.append(NPY.littleEndianBytes(of: tensor))
    }
    return data
  }
}
