import Testing

@testable import RillBoard

/// CRC-32C against published check values (RFC 3720, appendix B.4, and the CRC catalogue's
/// check string) and TensorBoard's own `masked_crc32c`.
@Suite struct CRC32CTests {
  @Test func checkStringMatchesTheCatalogue() {
    // The CRC catalogue's check value for CRC-32/ISCSI over "123456789".
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
  }

  @Test func rfc3720VectorsMatch() {
    #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
  }

  @Test func emptyInputHasChecksumZero() {
    #expect(CRC32C.checksum([]) == 0)
  }

  @Test func maskingMatchesTensorBoard() {
    // tensorboard.compat.tensorflow_stub.pywrap_tensorflow.masked_crc32c(b"123456789") and
    // masked_crc32c(b"").
    #expect(CRC32C.masked(CRC32C.checksum(Array("123456789".utf8))) == 0xC78A_B0E5)
    #expect(CRC32C.masked(0) == 0xA282_EAD8)
  }
}
