import CRillKernels
import Testing

@testable import RillCore

/// The Swift function enums and the C kernels' enums give every function the same value: the
/// CPU device passes raw values across, so a function added, removed or reordered on one side
/// only must fail here rather than run the wrong kernel.
@Suite struct KernelEnumerationTests {
  /// The names C gives the values 0 up to `bound` (well past the last enumerator), by value.
  private func cNames(_ name: (Int32) -> UnsafePointer<CChar>?, bound: Int32 = 64) -> [UInt32:
    String]
  {
    var names: [UInt32: String] = [:]
    for value in 0..<bound {
      if let text = name(value) { names[UInt32(value)] = String(cString: text) }
    }
    return names
  }

  /// Each Swift case by raw value, named as the C table names it.
  private func swiftNames<Function: CaseIterable & RawRepresentable>(_ type: Function.Type)
    -> [UInt32: String] where Function.RawValue == UInt32
  {
    Dictionary(uniqueKeysWithValues: Function.allCases.map { ($0.rawValue, "\($0)") })
  }

  @Test func unaryFunctionsHaveTheirKernelsValues() {
    #expect(cNames(rill_unary_op_name) == swiftNames(UnaryFunction.self))
    for function in UnaryFunction.allCases {
      #expect(function.kernelOp.rawValue == function.rawValue, "\(function)")
    }
  }

  @Test func binaryFunctionsHaveTheirKernelsValues() {
    #expect(cNames(rill_binary_op_name) == swiftNames(BinaryFunction.self))
    for function in BinaryFunction.allCases {
      #expect(function.kernelOp.rawValue == function.rawValue, "\(function)")
    }
  }

  @Test func comparisonsHaveTheirKernelsValues() {
    #expect(cNames(rill_compare_op_name) == swiftNames(ComparisonFunction.self))
    for function in ComparisonFunction.allCases {
      #expect(function.kernelOp.rawValue == function.rawValue, "\(function)")
    }
  }

  @Test func theTablesReadEnumeratorsNotPositions() {
    // Spot checks against the header's explicit values, so that the table cannot simply
    // number the Swift cases in order.
    #expect(rill_unary_op.erf.rawValue == 19 && UnaryFunction.erf.rawValue == 19)
    #expect(rill_binary_op.floor_mod.rawValue == 7 && BinaryFunction.floorMod.rawValue == 7)
    #expect(rill_compare_op.logical_or.rawValue == 7 && ComparisonFunction.logicalOr.rawValue == 7)
    #expect(rill_unary_op_name(-1) == nil && rill_unary_op_name(21) == nil)
  }
}
