/// A type whose values a ``Dataset`` can stack into batches and cut back into elements.
///
/// ``Tensor`` stacks along a new leading axis, a dictionary stacks each of its values, and pairs
/// and triples of batchable values batch component by component (tuples cannot conform to
/// protocols, so ``Dataset`` has overloads for them). Your own types conform by saying how to
/// stack and slice their parts:
///
/// ```swift
/// struct Example: Batchable {
///   var image: Tensor
///   var mask: Tensor
///   static func stacking(_ elements: [Example]) -> Example {
///     Example(image: Tensor.stacking(elements.map(\.image)),
///             mask: Tensor.stacking(elements.map(\.mask)))
///   }
///   static func batchSize(of batch: Example) -> Int { Tensor.batchSize(of: batch.image) }
///   static func element(_ index: Int, of batch: Example) -> Example {
///     Example(image: batch.image[index], mask: batch.mask[index])
///   }
/// }
/// ```
///
/// The requirements are static and work on ``Batch`` rather than `Self` so that `Tensor`, a
/// class with subclasses, can conform: its batches are plain tensors.
public protocol Batchable {
  /// The type of an element and of a batch of elements: `Self`, except for `Tensor` and its
  /// subclasses, whose batches are `Tensor`.
  associatedtype Batch = Self

  /// Stacks elements of one structure into a batch along a new leading axis.
  ///
  /// - Parameter elements: the elements, in batch order.
  /// - Returns: the batch, whose element `i` is `elements[i]`.
  /// - Precondition: `elements` is not empty and its elements have one structure (the same
  ///   shapes, dtypes and keys).
  static func stacking(_ elements: [Batch]) -> Batch

  /// The number of elements in a batch: the size of its leading axis.
  ///
  /// - Precondition: the batch has a leading axis, the same size in every part.
  static func batchSize(of batch: Batch) -> Int

  /// One element of a batch: the slice at `index` along the leading axis.
  ///
  /// - Parameters:
  ///   - index: the position along the leading axis, in `0..<batchSize(of: batch)`.
  ///   - batch: the batch.
  /// - Returns: the element, without the leading axis.
  /// - Precondition: `index` is in range.
  static func element(_ index: Int, of batch: Batch) -> Batch
}
