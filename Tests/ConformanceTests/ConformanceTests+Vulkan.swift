import RillCore
import RillVulkan
import Testing

/// The Vulkan device the conformance cases run on (lavapipe where no GPU is present).
let conformanceVulkanDevice: VulkanDevice = {
  do {
    return try VulkanDevice(deviceIndex: 0)
  } catch {
    fatalError("The Vulkan conformance tests need a Vulkan device (mesa-vulkan-drivers): \(error)")
  }
}()

/// Every covered conformance case, eager, with its inputs, outputs and gradients on Vulkan.
@Test func conformanceOpsMatchTensorFlowOnVulkan() throws {
  try checkConformanceOps(on: conformanceVulkanDevice)
}

/// Every optimizer trajectory, eager, with the variable on Vulkan.
@Test func conformanceOptimizerTrajectoriesMatchKerasOnVulkan() throws {
  try checkOptimizerTrajectories(on: conformanceVulkanDevice)
}

/// Every covered conformance case as a compiled function on Vulkan.
@Test func conformanceOpsMatchTensorFlowWhenCompiledOnVulkan() throws {
  try checkConformanceOpsCompiled(on: conformanceVulkanDevice)
}

/// Every optimizer trajectory as a compiled step on Vulkan.
@Test func conformanceOptimizerTrajectoriesMatchKerasWhenCompiledOnVulkan() throws {
  try checkOptimizerTrajectoriesCompiled(on: conformanceVulkanDevice)
}
