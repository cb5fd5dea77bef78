// The pooling ops of `tf.nn`.

/// The largest value of each window of each channel.
///
/// For NHWC images x, output element [n, i, j, c] is the maximum of x[n, i·sh − top + p,
/// j·sw − left + q, c] over the window's taps 0 ≤ p < poolHeight, 0 ≤ q < poolWidth that fall
/// inside x (with `.same` padding, padded cells are ignored). The gradient goes to the window's
/// largest cell, the first in row-major order among equals. Integer images are converted to
/// float32. TensorFlow: `tf.nn.max_pool2d`.
///
/// ```swift
/// let features = Tensor.randomNormal(shape: [128, 28, 28, 32], seed: 0)
/// maxPool2D(features, poolSize: (2, 2)).shape    // [128, 14, 14, 32]
/// ```
/// - Parameters:
///   - input: images, NHWC.
///   - poolSize: the window's (height, width).
///   - strides: the step between windows along (height, width); the pool size when `nil`, as in
///     Keras.
///   - padding: `.valid` (windows inside the image) or `.same` (out = ⌈in / stride⌉).
/// - Returns: the pooled images, NHWC.
/// - Precondition: the input has rank 4, sizes and strides are positive, and with `.valid` the
///   window fits in the image.
public func maxPool2D(
  _ input: Tensor, poolSize: (Int, Int), strides: (Int, Int)? = nil,
  padding: ConvolutionPadding = .valid
) -> Tensor {
  apply(.maxPool2D(poolingAttributes(poolSize, strides, padding)), realValued(input))
}

/// The mean of each window of each channel.
///
/// For NHWC images x, output element [n, i, j, c] is the mean of x[n, i·sh − top + p,
/// j·sw − left + q, c] over the window's taps that fall inside x: with `.same` padding, windows
/// at the border average fewer cells, as in TensorFlow. Integer images are converted to float32.
/// TensorFlow: `tf.nn.avg_pool2d`.
///
/// ```swift
/// let features = Tensor.randomNormal(shape: [8, 7, 7, 16], seed: 0)
/// avgPool2D(features, poolSize: (2, 2), padding: .same).shape    // [8, 4, 4, 16]
/// ```
/// - Parameters:
///   - input: images, NHWC.
///   - poolSize: the window's (height, width).
///   - strides: the step between windows along (height, width); the pool size when `nil`, as in
///     Keras.
///   - padding: `.valid` (windows inside the image) or `.same` (out = ⌈in / stride⌉).
/// - Returns: the pooled images, NHWC.
/// - Precondition: the input has rank 4, sizes and strides are positive, and with `.valid` the
///   window fits in the image.
public func avgPool2D(
  _ input: Tensor, poolSize: (Int, Int), strides: (Int, Int)? = nil,
  padding: ConvolutionPadding = .valid
) -> Tensor {
  apply(.avgPool2D(poolingAttributes(poolSize, strides, padding)), realValued(input))
}

private func poolingAttributes(
  _ poolSize: (Int, Int), _ strides: (Int, Int)?, _ padding: ConvolutionPadding
) -> Pooling2DAttributes {
  let strides = strides ?? poolSize
  return Pooling2DAttributes(
    window: [poolSize.0, poolSize.1], strides: [strides.0, strides.1], padding: padding)
}
