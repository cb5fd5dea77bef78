import Foundation
import RillCore

/// The MNIST database of handwritten digits: 60,000 training and 10,000 test images of
/// 28 × 28 gray pixels, labeled 0 to 9 (LeCun, Cortes and Burges; CC BY-SA 3.0).
///
/// ```swift
/// let (train, test) = try MNIST.load()
/// train.images.shape   // [60000, 28, 28], uint8 in 0...255
/// train.labels.shape   // [60000], uint8 in 0...9
/// let ((xTrain, yTrain), (xTest, yTest)) = try MNIST.load()   // keras.datasets style
/// ```
///
/// The loader looks for the four IDX files (`train-images-idx3-ubyte.gz`, …, gzip-compressed
/// as published or decompressed without `.gz`) in a folder `mnist/` inside, in order:
/// 1. the `directory` argument;
/// 2. the folder named by the environment variable `RILL_DATA_DIR`;
/// 3. the cache folder `~/.cache/rill/datasets`.
///
/// The first folder that holds all four files is used. If none does, the files are downloaded
/// once into the cache folder (from Google's CVDF mirror, then from PyTorch's), each checked and
/// written atomically. Every file, found or downloaded, is checked against the SHA-256 digest of
/// the published file or of its decompressed contents (so a copy that was decompressed or
/// compressed again is accepted, and nothing else), then against the shapes above.
/// TensorFlow: `tf.keras.datasets.mnist.load_data`.
public enum MNIST {
  /// Loads the training and test splits.
  ///
  /// - Parameters:
  ///   - directory: a folder holding `mnist/`, searched before `RILL_DATA_DIR` and the cache.
  ///   - download: whether to download the files into the cache folder if no folder has
  ///     them.
  /// - Returns: the training and test images (uint8 `[N, 28, 28]`) and labels (uint8 `[N]`).
  /// - Throws: ``DatasetError`` saying where it looked and how to provide the files when none
  ///   are found or downloaded, or which file failed which check.
  public static func load(
    directory: URL? = nil, download: Bool = true
  ) throws -> (train: LabeledImages, test: LabeledImages) {
    try dataset.load(search: .standard(directory: directory, allowsDownload: download))
  }

  /// The published files, with digests from `sha256sum` of the files at the CVDF mirror (the
  /// archive digests agree with TensorFlow Datasets' checksum list) and of their decompressed
  /// contents.
  static let dataset = IDXDataset(
    name: "MNIST", folder: "mnist",
    mirrors: [
      URL(string: "https://storage.googleapis.com/cvdf-datasets/mnist/"),
      URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/"),
    ].compactMap { $0 },
    trainImages: DatasetFile(
      name: "train-images-idx3-ubyte.gz",
      archiveSHA256: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
      contentsSHA256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
      shape: [60000, 28, 28]),
    trainLabels: DatasetFile(
      name: "train-labels-idx1-ubyte.gz",
      archiveSHA256: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
      contentsSHA256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
      shape: [60000]),
    testImages: DatasetFile(
      name: "t10k-images-idx3-ubyte.gz",
      archiveSHA256: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
      contentsSHA256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
      shape: [10000, 28, 28]),
    testLabels: DatasetFile(
      name: "t10k-labels-idx1-ubyte.gz",
      archiveSHA256: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
      contentsSHA256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
      shape: [10000]))
}
