import RillCore
import RillVulkan
import Testing

@Suite struct VulkanRuntimeTests {
  @Test func enumerationListsTheDeviceTheTestsRunOn() throws {
    let devices = try VulkanDeviceInfo.available()
    #expect(!devices.isEmpty)
    #expect(devices.first?.name == vulkan.name)
    #expect(devices.allSatisfy { !$0.name.isEmpty && $0.memoryBytes > 0 })
    #expect(vulkan.id == "vulkan:0")
    #expect(vulkan.memoryByteCount > 0)
  }

  @Test func aMissingDeviceIsATypedError() {
    #expect {
      _ = try VulkanDevice(deviceIndex: 99)
    } throws: { error in
      guard case .badDeviceIndex(let message) = error as? VulkanError else { return false }
      return message.contains("99")
    }
  }

  @Test func bytesSurviveARoundTripThroughDeviceMemory() throws {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
    let buffer = try #require(vulkan.allocate(byteCount: bytes.count))
    #expect(buffer.device === vulkan)
    bytes.withUnsafeBytes { vulkan.copy(fromHost: $0, into: buffer, byteOffset: 0) }
    var back = [UInt8](repeating: 0, count: 990)
    back.withUnsafeMutableBytes { vulkan.copy(buffer, byteOffset: 10, toHost: $0) }
    #expect(back == Array(bytes[10...]))
  }

  @Test func deviceToDeviceCopiesStayOnTheDevice() throws {
    let source = DevicePair([1, 2, 3, 4], dtype: .int32, shape: [4])
    let target = try #require(vulkan.allocate(byteCount: 16))
    vulkan.copy(source.gpu.buffer, into: target, byteCount: 16)
    #expect(elements(.dense(target, dtype: .int32, shape: [4])) == [1, 2, 3, 4])
  }

  @Test func kernelsAreRecordedAndSubmittedTogether() throws {
    // A device of its own, so that the other tests' work does not count.
    let device = try VulkanDevice(deviceIndex: 0)
    let x = try #require(device.allocate(byteCount: 256))
    let y = try #require(device.allocate(byteCount: 256))
    let values = [Float](repeating: 0.5, count: 64)
    values.withUnsafeBytes { device.copy(fromHost: $0, into: x, byteOffset: 0) }
    let before = device.context.submissionCount
    for _ in 0..<10 {
      device.unary(
        .exp, .dense(x, dtype: .float32, shape: [64]), into: .dense(y, dtype: .float32, shape: [64])
      )
    }
    #expect(device.context.submissionCount == before)  // nothing submitted before the read
    var back = [Float](repeating: 0, count: 64)
    back.withUnsafeMutableBytes { device.copy(y, byteOffset: 0, toHost: $0) }
    #expect(device.context.submissionCount == before + 1)
    #expect(back.allSatisfy { Swift.abs($0 - 1.6487213) < 1e-6 })
  }

  @Test func theDeviceCanBeRegistered() throws {
    Devices.register(vulkan)
    #expect(try Devices.named("vulkan:0") === vulkan)
  }
}
