import Foundation
import Rill
import RillVulkan

/// Every device: the CPU and each Vulkan device (lavapipe where no GPU is present).
func benchmarkDevices() -> [any Device] {
  var devices: [any Device] = [CPUDevice.shared]
  do {
    devices += try VulkanDevice.registerAll()
  } catch {
    print("rill-bench devices: no Vulkan (\(error)); the CPU alone", to: &standardError)
  }
  return devices
}

/// The kernels of the device boundary on every device — elementwise, reductions and matrix
/// products, timed from the first dispatch until the result can be read on the host — then the
/// MNIST MLP's and the tutorial CNN's training steps and inference batches on it
/// (``deviceModelBenchmarks(on:tag:steps:)``; `RILL_DEVICE_STEPS` sets the timed steps, 5
/// unless told).
func deviceBenchmarks() {
  let steps = ProcessInfo.processInfo.environment["RILL_DEVICE_STEPS"].flatMap { Int($0) } ?? 5
  for device in benchmarkDevices() {
    print("device \(device.id): \(device.name)", to: &standardError)
    let tag = device.id.replacingOccurrences(of: ":", with: "")
    func buffer(_ count: Int, _ value: Float) -> DeviceView {
      guard let memory = device.allocate(byteCount: count * 4) else {
        fatalError("rill-bench devices: \(device.id) has no memory for \(count) floats")
      }
      let values = [Float](repeating: value, count: count)
      values.withUnsafeBytes { device.copy(fromHost: $0, into: memory, byteOffset: 0) }
      return .dense(memory, dtype: .float32, shape: [count])
    }
    /// Waits for the kernels that write `view`: reads one element back.
    func wait(_ view: DeviceView) {
      var word: Float = 0
      withUnsafeMutableBytes(of: &word) { device.copy(view.buffer, byteOffset: 0, toHost: $0) }
    }
    let count = 1 << 20
    let a = buffer(count, 1.5)
    let b = buffer(count, 0.5)
    let y = buffer(count, 0)
    emit(
      rate("\(tag).add.f32.1M", unit: "GB/s", amount: Double(count * 12) / 1e9) {
        device.binary(.add, a, b, into: y)
        wait(y)
      })
    emit(
      rate("\(tag).exp.f32.1M", unit: "Gelem/s", amount: Double(count) / 1e9) {
        device.unary(.exp, a, into: y)
        wait(y)
      })
    let total = buffer(1, 0)
    emit(
      rate("\(tag).reduce_sum.f32.1M", unit: "GB/s", amount: Double(count * 4) / 1e9) {
        device.reduce(.sum, a, axes: [0], into: total)
        wait(total)
      })
    for n in [256, 512, 1024] {
      var x = buffer(n * n, 0.25)
      x.shape = [1, n, n]
      x.strides = [0, n, 1]
      var product = buffer(n * n, 0)
      product.shape = [1, n, n]
      product.strides = [n * n, n, 1]
      emit(
        rate("\(tag).gemm.f32.\(n)", unit: "GFLOP/s", amount: 2 * pow(Double(n), 3) / 1e9) {
          device.matmul(x, x, transposeA: false, transposeB: false, into: product)
          wait(product)
        })
    }
    deviceModelBenchmarks(on: device, tag: tag, steps: steps)
  }
}

/// Standard error, for progress lines that must not mix with the JSON figures.
nonisolated(unsafe) var standardError = StandardError()

/// A text stream onto standard error.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    FileHandle.standardError.write(Data(string.utf8))
  }
}
