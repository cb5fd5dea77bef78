import Foundation
import RillCore

/// Fashion-MNIST: 60,000 training and 10,000 test images of clothing, 28 × 28 gray pixels in
/// 10 classes, a drop-in replacement for MNIST (Xiao, Rasul and Vollgraf, Zalando Research;
/// MIT license).
///
/// ```swift
/// let (train, test) = try FashionMNIST.load()
/// train.images.shape                                  // [60000, 28, 28], uint8
/// FashionMNIST.classNames[Int(train.labels[0].item())] // "Ankle boot"
/// ```
///
/// Files are searched and downloaded as for ``MNIST``, in a folder `fashion-mnist/` (inside the
/// `directory` argument, `RILL_DATA_DIR`, then `~/.cache/rill/datasets`), from Zalando's
/// GitHub repository, then its S3 bucket. Each file is checked against the SHA-256 digest of
/// the published gzip file (from TensorFlow Datasets' checksum list); the digests of the
/// decompressed contents are not recorded, so keep the files compressed as published.
/// TensorFlow: `tf.keras.datasets.fashion_mnist.load_data`.
public enum FashionMNIST {
  /// The names of the ten classes, indexed by label.
  public static let classNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
    "Ankle boot",
  ]

  /// Loads the training and test splits.
  ///
  /// - Parameters:
  ///   - directory: a folder holding `fashion-mnist/`, searched before `RILL_DATA_DIR` and the
  ///     cache.
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

  /// The published files, with the archive digests of TensorFlow Datasets' checksum list
  /// (`url_checksums/fashion_mnist.txt`).
  static let dataset = IDXDataset(
    name: "Fashion-MNIST", folder: "fashion-mnist",
    mirrors: [
      URL(
        string:
          "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"),
      URL(string: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
    ].compactMap { $0 },
    trainImages: DatasetFile(
      name: "train-images-idx3-ubyte.gz",
      archiveSHA256: "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
      contentsSHA256: nil, shape: [60000, 28, 28]),
    trainLabels: DatasetFile(
      name: "train-labels-idx1-ubyte.gz",
      archiveSHA256: "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
      contentsSHA256: nil, shape: [60000]),
    testImages: DatasetFile(
      name: "t10k-images-idx3-ubyte.gz",
      archiveSHA256: "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
      contentsSHA256: nil, shape: [10000, 28, 28]),
    testLabels: DatasetFile(
      name: "t10k-labels-idx1-ubyte.gz",
      archiveSHA256: "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
      contentsSHA256: nil, shape: [10000]))
}
