import Foundation
import RillTestSupport
import Testing

@testable import RillCore

/// The device boundary: placement, moves, scopes, the mixing rule and the registry, checked on
/// the CPU and on a ``SealedDevice`` (whose memory the front end cannot read).
struct DeviceTests {
  @Test func theCPUIsListedFirstAndIsTheDefault() throws {
    #expect(Devices.available.first === CPUDevice.shared)
    #expect(try Devices.named("cpu") === CPUDevice.shared)
    #expect(defaultDevice === CPUDevice.shared)
    #expect(Tensor([1, 2] as [Float]).device === CPUDevice.shared)
    #expect(CPUDevice.shared.memoryByteCount > 0 && !CPUDevice.shared.name.isEmpty)
  }

  @Test func anUnknownDeviceIsATypedError() {
    let error = #expect(throws: DeviceError.self) { try Devices.named("vulkan:9") }
    guard case .notFound(let id, let available)? = error else { return }
    #expect(id == "vulkan:9" && available.first == "cpu" && !available.contains("vulkan:9"))
    #expect(
      (error.map { "\($0)" } ?? "").hasPrefix("no device 'vulkan:9' is available (available: cpu"))
  }

  @Test func registeredDevicesAreFoundByID() throws {
    let sealed = SealedDevice(index: 40)
    Devices.register(sealed)
    Devices.register(sealed)
    #expect(try Devices.named("sealed:40") === sealed)
    #expect(Devices.available.filter { $0.id == "sealed:40" }.count == 1)
  }

  @Test func tensorsMoveToADeviceAndBack() {
    let sealed = SealedDevice(index: 41)
    let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6] as [Float])
    let moved = x.to(sealed)
    #expect(moved.device === sealed)
    #expect(moved.to(sealed) === moved)
    #expect(x.to(CPUDevice.shared) === x)
    let back = moved.to(CPUDevice.shared)
    #expect(back.device === CPUDevice.shared)
    #expect(back.scalars(as: Float.self) == [1, 2, 3, 4, 5, 6])
    #expect(moved.scalars(as: Int.self) == [1, 2, 3, 4, 5, 6])
  }

  @Test func opsRunWhereTheirOperandsLive() {
    let sealed = SealedDevice(index: 42)
    let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4] as [Float], on: sealed)
    let before = sealed.kernelCount
    // 2 is a CPU scalar and b a CPU tensor: both join a's device.
    let b = Tensor(shape: [2, 2], scalars: [1, 0, 0, 1] as [Float])
    let y = matmul(a * 2, b).sum(alongAxes: [1])
    #expect(y.device === sealed)
    #expect(y.scalars(as: Float.self) == [6, 14])
    #expect(sealed.kernelCount > before)
    #expect("\(a)".contains("[3.0, 4.0]"))
  }

  @Test func theDefaultDeviceIsScopedAndPerThread() {
    let sealed = SealedDevice(index: 43)
    let inside = withDevice(sealed) { () -> [any Device] in
      // Another thread has its own default.
      nonisolated(unsafe) var other: (any Device)?
      let done = DispatchSemaphore(value: 0)
      Thread {
        other = defaultDevice
        done.signal()
      }.start()
      done.wait()
      return [
        defaultDevice, Tensor.zeros(shape: [3]).device,
        Tensor.randomNormal(shape: [4], seed: 1).device,
        withDevice(CPUDevice.shared) { Tensor([1] as [Float]).device }, other ?? sealed,
      ]
    }
    #expect(inside[0] === sealed && inside[1] === sealed && inside[2] === sealed)
    #expect(inside[3] === CPUDevice.shared && inside[4] === CPUDevice.shared)
    #expect(defaultDevice === CPUDevice.shared)
    // The same seed gives the same numbers on every device.
    #expect(
      withDevice(sealed) { Tensor.randomNormal(shape: [5], seed: 3) }.scalars(as: Float.self)
        == Tensor.randomNormal(shape: [5], seed: 3).scalars(as: Float.self))
  }

  @Test func variablesKeepTheirDeviceAndMove() {
    let sealed = SealedDevice(index: 44)
    let v = Variable(Tensor([1, 2, 3] as [Float]))
    v.move(to: sealed)
    #expect(v.device === sealed)
    v.assign(Tensor([4, 5, 6] as [Float]))
    v.assignAdd(1)
    #expect(v.device === sealed)
    #expect(v.scalars(as: Float.self) == [5, 6, 7])
    let tape = GradientTape()
    let loss = tape.record { (v * v).sum() }
    let gradient = tape.gradient(of: loss, wrt: [v])[0]
    #expect(gradient?.device === sealed)
    #expect(gradient?.scalars(as: Float.self) == [10, 12, 14])
  }

  @Test func compiledFunctionsRunOnTheirArgumentsDevice() {
    let sealed = SealedDevice(index: 45)
    let w = Variable(Tensor([1, 2] as [Float]).to(sealed))
    let step = Function { (x: Tensor) -> Tensor in
      w.assignAdd(x * 0.5)
      return exp(w * x) + 1
    }
    let y = step(Tensor([2, 2] as [Float]).to(sealed))
    #expect(y.device === sealed && w.device === sealed)
    #expect(w.scalars(as: Float.self) == [2, 3])
    assertClose(y.to(CPUDevice.shared), Tensor([Float(exp(4.0) + 1), Float(exp(6.0) + 1)]))
  }

  @Test func operandsOnTwoOtherDevicesTrapNamingBoth() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a = Tensor([1, 2] as [Float]).to(SealedDevice(index: 46))
      let b = Tensor([3, 4] as [Float]).to(SealedDevice(index: 47))
      _ = a + b
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("add: operands live on devices 'sealed:46' and 'sealed:47'"))
  }
}
