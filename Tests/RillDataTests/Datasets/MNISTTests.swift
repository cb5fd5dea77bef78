import Foundation
import RillCore
import Testing

@testable import RillData

/// The loader against the facts in ../shared/data/README.md, found through RILL_DATA_DIR.
@Suite struct MNISTTests {
  /// Points RILL_DATA_DIR at the shared data when it is unset, so `MNIST.load` finds it the way
  /// CI does.
  init() throws {
    TestData.environmentReady
    for name in MNIST.dataset.files.map(\.name) {
      let path = TestData.mnist.appendingPathComponent(name).path
      guard FileManager.default.fileExists(atPath: path) else { throw MissingTestData(path: path) }
    }
  }

  @Test func testLoaderReproducesTheReadmeFacts() throws {
    let clock = ContinuousClock()
    let start = clock.now
    let (train, test) = try MNIST.load(download: false)
    print("MNIST.load took \(clock.now - start)")
    #expect(train.images.shape == [60000, 28, 28])
    #expect(train.labels.shape == [60000])
    #expect(test.images.shape == [10000, 28, 28])
    #expect(test.labels.shape == [10000])
    #expect(
      [train.images, train.labels, test.images, test.labels].allSatisfy { $0.dtype == .uint8 })

    var counts = [Int](repeating: 0, count: 10)
    for label in train.labels.scalars(as: UInt8.self) { counts[Int(label)] += 1 }
    #expect(counts == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])

    // Mean and standard deviation of the pixels scaled to [0, 1], from a histogram of the
    // 47,040,000 byte values (exact integer sums, so no rounding drift).
    var histogram = [Int](repeating: 0, count: 256)
    train.images.scalars(as: UInt8.self).withUnsafeBufferPointer { pixels in
      for pixel in pixels { histogram[Int(pixel)] += 1 }
    }
    let count = Double(histogram.reduce(0, +))
    let sum = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
    let squares = histogram.enumerated().reduce(0.0) {
      $0 + Double($1.offset * $1.offset * $1.element)
    }
    let mean = sum / count / 255
    let deviation = (squares / count / (255 * 255) - mean * mean).squareRoot()
    #expect(abs(mean - 0.1307) < 0.00005)
    #expect(abs(deviation - 0.3081) < 0.00005)
  }
}
