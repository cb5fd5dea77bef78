import RillCore

/// Images and their labels, as the dataset loaders return each split.
///
/// A named tuple, so that it reads both ways:
///
/// ```swift
/// let (train, test) = try MNIST.load()
/// train.images.shape                                   // [60000, 28, 28]
/// let ((xTrain, yTrain), (xTest, yTest)) = try MNIST.load()   // as keras.datasets does
/// ```
public typealias LabeledImages = (images: Tensor, labels: Tensor)
