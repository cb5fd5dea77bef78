import Testing

@testable import RillCore

struct TensorDescriptionTests {
  @Test func printsShapeDTypeAndNestedRows() {
    let x: Tensor = [[1, 2, 3], [4, 5, 6]]
    #expect(x.description == "Tensor(shape: [2, 3], dtype: int32,\n[[1, 2, 3],\n [4, 5, 6]])")
    #expect(Tensor(2.5).description == "Tensor(shape: [], dtype: float32, 2.5)")
    #expect(Tensor([true, false]).description == "Tensor(shape: [2], dtype: bool, [ true, false])")
  }

  @Test func padsElementsToACommonWidth() {
    let x: Tensor = [[1.5, -20], [3, 4.25]]
    #expect(
      x.description == "Tensor(shape: [2, 2], dtype: float32,\n[[  1.5, -20.0],\n [  3.0,  4.25]])")
  }

  @Test func separatesMatricesOfARank3TensorWithABlankLine() {
    let x = Tensor.range(0, 8).reshaped(to: [2, 2, 2])
    #expect(
      x.description
        == "Tensor(shape: [2, 2, 2], dtype: int32,\n[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]])"
    )
  }

  @Test func summarizesLargeTensorsWithEllipses() {
    let x = Tensor.range(0, 2000)
    #expect(
      x.description
        == "Tensor(shape: [2000], dtype: int32, [   0,    1,    2, ..., 1997, 1998, 1999])")
    let matrix = Tensor.zeros(shape: [100, 100], dtype: .uint8).description
    #expect(
      matrix.contains(
        "[[0, 0, 0, ..., 0, 0, 0],\n [0, 0, 0, ..., 0, 0, 0],\n [0, 0, 0, ..., 0, 0, 0],\n ...,\n"))
  }
}
