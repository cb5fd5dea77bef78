/// One file of a published dataset and the SHA-256 digests that identify it.
struct DatasetFile: Sendable {
  /// The published name, ending in `.gz`.
  let name: String
  /// The digest of the published gzip file.
  let archiveSHA256: String
  /// The digest of its decompressed contents, if known; it also identifies copies that were
  /// decompressed or compressed again, whose archive digest differs.
  let contentsSHA256: String?
  /// The shape of the uint8 tensor the file holds.
  let shape: [Int]

  /// The name of a decompressed copy: the published name without `.gz`.
  var decompressedName: String {
    name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
  }

  /// The accepted digests, for messages.
  var acceptedDigests: [String] {
    [archiveSHA256] + (contentsSHA256.map { [$0] } ?? [])
  }
}
