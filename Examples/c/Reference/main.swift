// The Swift side of the C and Java examples' test: the predictions Rill's Swift API makes for
// the first MNIST test images with a saved model, written as raw float32 so that the test can
// compare the C and Java programs' output with them byte for byte.
//
//   swift run -c release CAPIReference <model dir> <count> <predictions.bin>
import Foundation
import Rill

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[2]), count > 0 else {
  print("usage: CAPIReference <model dir> <count> <predictions.bin>")
  exit(2)
}
do {
  let model = try Model.load(from: URL(fileURLWithPath: arguments[1]))
  let (_, test) = try MNIST.load()
  let images = test.images[..<count].cast(to: .float32) / 255
  let predictions = model.predict(images, batchSize: count).scalars(as: Float.self)
  try predictions.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: arguments[3]))
  print("Swift predicted \(count) images; wrote \(predictions.count) floats to \(arguments[3])")
} catch {
  print("CAPIReference: \(error)")
  exit(1)
}
