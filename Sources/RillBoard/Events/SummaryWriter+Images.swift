import RillCore

extension SummaryWriter {
  /// Logs one picture for the Images tab.
  ///
  /// ```swift
  /// writer.image("input", test.images[0], step: 0)                        // uint8 [28, 28]
  /// writer.image("w3", W[0..., 3].reshaped(to: [28, 28]), step: step, scaling: .perImage)
  /// ```
  /// - Parameters:
  ///   - tag: The image series' name.
  ///   - image: A `[height, width]` or `[height, width, channels]` tensor (1 to 4 channels).
  ///   - step: The step it belongs to.
  ///   - scaling: How elements become pixel values; the default maps floats in 0…1 to 0…255,
  ///     clamping, and NaN to 0 (see ``PixelScaling``).
  /// - Precondition: the shape is one of those above and the writer is open.
  public func image(_ tag: String, _ image: Tensor, step: Int, scaling: PixelScaling = .unit) {
    self.image(tag, RasterImage(image, scaling: scaling), step: step)
  }

  /// Logs a raster image (a rendered plot or image grid, say) for the Images tab.
  ///
  /// ```swift
  /// writer.image("loss-curve", Plot().line(losses).render(), step: epoch)
  /// ```
  /// - Parameters:
  ///   - tag: The image series' name.
  ///   - image: The picture, PNG-encoded when written.
  ///   - step: The step it belongs to.
  /// - Precondition: the writer is open.
  public func image(_ tag: String, _ image: RasterImage, step: Int) {
    write(.summary([.image(tag: tag, image)]), step: step)
  }

  /// Logs the first images of a batch, as `tf.compat.v1.summary.image` does: under the tags
  /// `<tag>/image/0`, `<tag>/image/1`, … (or `<tag>/image` when `maxOutputs` is 1).
  ///
  /// ```swift
  /// // The ten weight columns of MNIST softmax regression.
  /// writer.images("weights", W.transposed().reshaped(to: [10, 28, 28, 1]), step: step,
  ///               maxOutputs: 10, scaling: .perImage)
  /// ```
  /// - Parameters:
  ///   - tag: The name the image tags start with.
  ///   - batch: A `[count, height, width]` or `[count, height, width, channels]` tensor.
  ///   - step: The step they belong to.
  ///   - maxOutputs: How many images at most to log (TensorFlow's default is 3).
  ///   - scaling: How elements become pixel values; `.perImage` scales each image alone.
  /// - Precondition: the shape is one of those above, `maxOutputs` is positive and the
  ///   writer is open.
  public func images(
    _ tag: String, _ batch: Tensor, step: Int, maxOutputs: Int = 3, scaling: PixelScaling = .unit
  ) {
    require(maxOutputs > 0, "SummaryWriter.images: maxOutputs \(maxOutputs) is not positive")
    let count = min(maxOutputs, batch.shape.first ?? 0)
    guard count > 0 else { return }
    let images = RasterImage.images(from: batch[0..<count], scaling: scaling)
    let values = images.enumerated().map { index, image in
      SummaryValue.image(tag: maxOutputs == 1 ? "\(tag)/image" : "\(tag)/image/\(index)", image)
    }
    write(.summary(values), step: step)
  }

  /// Logs a batch tiled into one picture, such as all ten weight columns side by side.
  ///
  /// ```swift
  /// let grid = ImageGrid(W.transposed().reshaped(to: [10, 28, 28]), columns: 10, scale: 1,
  ///                      scaling: .perImage)
  /// writer.imageGrid("weights", grid, step: step)
  /// ```
  /// - Parameters:
  ///   - tag: The image series' name.
  ///   - grid: The grid to render.
  ///   - step: The step it belongs to.
  /// - Precondition: the writer is open.
  public func imageGrid(_ tag: String, _ grid: ImageGrid, step: Int) {
    image(tag, grid.render(), step: step)
  }
}
