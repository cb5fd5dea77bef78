// Rill from Java: load the MNIST model that the KerasMNIST example saves, predict the first
// test images and print the digits; then build a small model from its JSON description, train
// it with a progress callback, evaluate, save and reload it.
//
//   make java-example   (or see README.md for the javac and java commands)
//   java -cp rill.jar:. -Ddev.rill.library=librilljni.so MnistExample <model dir> <mnist dir>
//       [predictions.bin]
//
// The optional third argument receives the predicted probabilities as raw float32 in native
// byte order, for the test that compares them with Swift's. Exits 1 when something fails.

import dev.rill.Model;
import dev.rill.Rill;
import dev.rill.Tensor;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;

public final class MnistExample {
  private MnistExample() {}

  /** The first {@code count} images of an idx3-ubyte.gz file, as pixel / 255. */
  static float[] readImages(Path file, int count) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(new FileInputStream(file.toFile())))) {
      if (in.readInt() != 0x803 || in.readInt() < count || in.readInt() * in.readInt() != 784) {
        throw new IOException(file + " is not an MNIST image file with " + count + " images");
      }
      byte[] bytes = new byte[count * 784];
      in.readFully(bytes);
      float[] pixels = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        pixels[i] = (bytes[i] & 0xff) / 255.0f;
      }
      return pixels;
    }
  }

  /** The first {@code count} labels of an idx1-ubyte.gz file. */
  static int[] readLabels(Path file, int count) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(new FileInputStream(file.toFile())))) {
      if (in.readInt() != 0x801 || in.readInt() < count) {
        throw new IOException(file + " is not an MNIST label file with " + count + " labels");
      }
      byte[] bytes = new byte[count];
      in.readFully(bytes);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xff;
      }
      return labels;
    }
  }

  static final String SMALL_MODEL =
      "{\"class_name\": \"Sequential\", \"name\": \"from_java\","
          + " \"build_config\": {\"input_shape\": [null, 28, 28], \"input_dtype\": \"float32\"},"
          + " \"config\": {\"layers\": ["
          + " {\"class_name\": \"Flatten\", \"name\": \"flatten\", \"config\": {}},"
          + dense("hidden", 64, "relu", 1) + "," + dense("output", 10, "softmax", 2) + "]}}";

  static String dense(String name, int units, String activation, int seed) {
    return "{\"class_name\": \"Dense\", \"name\": \"" + name + "\", \"config\": {\"units\": "
        + units + ", \"activation\": \"" + activation + "\", \"use_bias\": true,"
        + " \"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": "
        + seed + "}}, \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
        + " \"kernel_regularizer\": null, \"bias_regularizer\": null}}";
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: MnistExample <model dir> <mnist dir> [predictions.bin]");
      System.exit(2);
    }
    Path mnist = Path.of(args[1]);
    System.out.println("Rill " + Rill.version());
    boolean ok;
    // 1. The model KerasMNIST trained and saved, on the first test images.
    Path testImages = mnist.resolve("t10k-images-idx3-ubyte.gz");
    Path testLabelFile = mnist.resolve("t10k-labels-idx1-ubyte.gz");
    Path trainImages = mnist.resolve("train-images-idx3-ubyte.gz");
    Path trainLabels = mnist.resolve("train-labels-idx1-ubyte.gz");
    int[] testLabels = readLabels(testLabelFile, 10);
    try (Model saved = Model.load(Path.of(args[0]));
        Tensor images = Tensor.of(readImages(testImages, 10), 10, 28, 28);
        Tensor probabilities = saved.predict(images, 10);
        Tensor digits = Rill.execute("argmax", Map.of("axis", 1L), probabilities)) {
      System.out.println("Predicted digits: " + Arrays.toString(digits.toLongArray()));
      System.out.println("Labels:           " + Arrays.toString(testLabels));
      if (args.length > 2) {
        try (FileChannel out = FileChannel.open(Path.of(args[2]), StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
          ByteBuffer bytes = probabilities.toByteBuffer();
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
        }
      }
    }

    // 2. A small model described in JSON, trained from Java.
    try (Tensor trainX = Tensor.of(readImages(trainImages, 2000), 2000, 28, 28);
        Tensor trainY = Tensor.of(readLabels(trainLabels, 2000), 2000);
        Tensor validX = Tensor.of(readImages(testImages, 500), 500, 28, 28);
        Tensor validY = Tensor.of(readLabels(testLabelFile, 500), 500);
        Model model = Model.fromJson(SMALL_MODEL)) {
      model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      Map<String, Double> last = model.fit(trainX, trainY, 3, 64, validX, validY, (epoch, logs) -> {
        System.out.println("epoch " + (epoch + 1) + ": " + logs);
        return true;
      });
      Map<String, Double> evaluation = model.evaluate(validX, validY, 100);
      double accuracy = last.get("val_accuracy");
      System.out.printf("validation accuracy: %.4f (evaluate: %.4f)%n", accuracy,
          evaluation.get("accuracy"));

      // 3. Saved and loaded back, it predicts the same.
      Path directory = Files.createTempDirectory("rill-java-model");
      model.save(directory);
      boolean same;
      try (Model reloaded = Model.load(directory);
          Tensor before = model.predict(validX, 100);
          Tensor after = reloaded.predict(validX, 100)) {
        same = Arrays.equals(before.toFloatArray(), after.toFloatArray());
      }
      System.out.println("reloaded model predicts the same: " + (same ? "yes" : "no"));
      ok = accuracy >= 0.8 && evaluation.get("accuracy") == accuracy && same;
    }
    if (Rill.liveHandles() != 0) {
      System.err.println(Rill.liveHandles() + " native objects were not closed");
      ok = false;
    }
    if (!ok) {
      System.err.println("FAILED: accuracy below 0.8, or a check above failed");
      System.exit(1);
    }
  }
}
