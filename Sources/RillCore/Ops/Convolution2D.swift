// The convolution op of `tf.nn`.

/// Slides a bank of filters over a batch of images: the 2-D convolution of deep learning
/// (a cross-correlation: the filter is not flipped).
///
/// For an input x of shape [batch, height, width, inChannels] (NHWC) and a filter w of shape
/// [filterHeight, filterWidth, inChannels, outChannels] (HWIO), output element [n, i, j, o] is
///
///     Σ_{p, q, c} x[n, i·sh − top + p·dh, j·sw − left + q·dw, c] · w[p, q, c, o]
///
/// with zeros read outside x. The output has shape [batch, outHeight, outWidth, outChannels],
/// where the spatial sizes and the padding (top, left) follow `padding` (see
/// ``ConvolutionPadding``). Integer operands are converted to float32; float32 runs on oneDNN,
/// float64 on im2col and OpenBLAS. Differentiable to any order. TensorFlow: `tf.nn.conv2d`.
///
/// ```swift
/// let images = Tensor.randomNormal(shape: [128, 28, 28, 1], seed: 0)
/// let filter = Tensor.randomNormal(shape: [5, 5, 1, 32], seed: 1) * 0.1
/// let features = relu(conv2D(images, filter: filter, padding: .same))   // [128, 28, 28, 32]
/// ```
/// - Parameters:
///   - input: images, NHWC.
///   - filter: filters, HWIO, with as many input channels as the images have channels.
///   - strides: the step between windows along (height, width).
///   - padding: `.valid` (no padding) or `.same` (out = ⌈in / stride⌉).
///   - dilations: the step between a filter's taps along (height, width); 1 is a plain
///     convolution.
/// - Returns: the convolved images, NHWC.
/// - Precondition: both operands have rank 4, the channels match, strides and dilations are
///   positive, and with `.valid` the dilated filter fits in the image.
public func conv2D(
  _ input: Tensor, filter: Tensor, strides: (Int, Int) = (1, 1),
  padding: ConvolutionPadding = .valid, dilations: (Int, Int) = (1, 1)
) -> Tensor {
  let (x, w) = promoted(input, filter)
  let attributes = Convolution2DAttributes(
    strides: [strides.0, strides.1], padding: padding, dilations: [dilations.0, dilations.1])
  return apply(.conv2D(attributes), realValued(x), realValued(w))
}
