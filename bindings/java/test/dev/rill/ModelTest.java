package dev.rill;

import static dev.rill.TensorTest.assertRillError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models from Java: the saved MNIST model predicts bit for bit what Swift predicts, training
 * works, and bad input throws. The system properties {@code rill.test.model} (the directory
 * KerasMNIST saved), {@code rill.test.mnist} (MNIST's files) and {@code rill.test.reference}
 * (Swift's predictions for the first 10 test images, raw float32) say where the inputs are.
 */
class ModelTest {
  private long liveBefore;

  @BeforeEach
  void countHandles() {
    liveBefore = Rill.liveHandles();
  }

  @AfterEach
  void everythingClosed() {
    assertEquals(liveBefore, Rill.liveHandles(), "native objects left open");
  }

  static Path property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("the system property " + name + " is not set");
    }
    return Path.of(value);
  }

  static float[] testImages(int count) throws IOException {
    Path file = property("rill.test.mnist").resolve("t10k-images-idx3-ubyte.gz");
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(new FileInputStream(file.toFile())))) {
      in.skipBytes(16);
      byte[] bytes = new byte[count * 784];
      in.readFully(bytes);
      float[] pixels = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        pixels[i] = (bytes[i] & 0xff) / 255.0f;
      }
      return pixels;
    }
  }

  @Test
  void predictionsEqualSwiftsBitForBit() throws IOException {
    byte[] swift = Files.readAllBytes(property("rill.test.reference"));
    try (Model model = Model.load(property("rill.test.model"));
        Tensor images = Tensor.of(testImages(10), 10, 28, 28);
        Tensor probabilities = model.predict(images, 10)) {
      assertArrayEquals(new long[] {28, 28}, model.inputShape());
      assertArrayEquals(new long[] {10, 10}, probabilities.shape());
      ByteBuffer bytes = probabilities.toByteBuffer();
      byte[] java = new byte[bytes.remaining()];
      bytes.get(java);
      assertArrayEquals(swift, java);
    }
  }

  static final String SMALL =
      "{\"class_name\": \"Sequential\", \"build_config\": {\"input_shape\": [null, 4]},"
          + " \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"name\": \"d\", \"config\":"
          + " {\"units\": 3, \"activation\": \"softmax\", \"use_bias\": true,"
          + " \"kernel_initializer\": {\"class_name\": \"GlorotUniform\","
          + " \"config\": {\"seed\": 4}},"
          + " \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
          + " \"kernel_regularizer\": null, \"bias_regularizer\": null}}]}}";

  static float[] features() {
    float[] x = new float[24];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 5) / 5.0f;
    }
    return x;
  }

  @Test
  void trainsSavesAndReloads(@TempDir Path directory) {
    try (Model model = Model.fromJson(SMALL);
        Tensor x = Tensor.of(features(), 6, 4);
        Tensor y = Tensor.of(new int[] {0, 1, 2, 0, 1, 2}, 6)) {
      model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
      List<Integer> epochs = new ArrayList<>();
      Map<String, Double> last = model.fit(x, y, 4, 2, x, y, (epoch, logs) -> {
        epochs.add(epoch);
        assertTrue(logs.containsKey("val_loss"));
        return epoch < 1;
      });
      assertEquals(List.of(0, 1), epochs, "returning false stops training");
      assertEquals(last.get("val_loss"), model.evaluate(x, y, 6).get("loss"));
      model.save(directory);
      try (Model reloaded = Model.load(directory);
          Tensor before = model.predict(x, 6);
          Tensor after = reloaded.predict(x, 6)) {
        assertArrayEquals(before.toFloatArray(), after.toFloatArray());
      }
    }
  }

  @Test
  void callbackExceptionsStopTrainingAndPropagate() {
    try (Model model = Model.fromJson(SMALL);
        Tensor x = Tensor.of(features(), 6, 4);
        Tensor y = Tensor.of(new int[] {0, 1, 2, 0, 1, 2}, 6)) {
      model.compile("adam", "sparse_categorical_crossentropy");
      IllegalStateException thrown = new IllegalStateException("stop here");
      IllegalStateException caught = assertThrows(IllegalStateException.class,
          () -> model.fit(x, y, 3, 2, null, null, (epoch, logs) -> {
            throw thrown;
          }));
      assertSame(thrown, caught);
    }
  }

  @Test
  void badInputThrowsNamingTheProblem() {
    assertRillError(RillException.IO, "/no/such/model has no model.safetensors",
        () -> Model.load(Path.of("/no/such/model")));
    assertRillError(RillException.INVALID_ARGUMENT, "not valid JSON",
        () -> Model.fromJson("{"));
    assertRillError(RillException.INVALID_ARGUMENT, "Embedding layers are not supported",
        () -> Model.fromJson(SMALL.replace("\"Dense\"", "\"Embedding\"")));
    try (Model model = Model.fromJson(SMALL);
        Tensor x = Tensor.of(features(), 6, 4);
        Tensor wide = Tensor.zeros(DType.FLOAT32, 6, 5);
        Tensor y = Tensor.of(new int[] {0, 1, 2, 0, 1, 2}, 6);
        Tensor outOfRange = Tensor.of(new int[] {0, 1, 2, 3, 1, 2}, 6);
        Tensor floatLabels = Tensor.zeros(DType.FLOAT32, 6)) {
      assertRillError(RillException.INVALID_ARGUMENT,
          "inputs float32[6, 5] do not fit the model's examples float32[4]",
          () -> model.predict(wide, 2).close());
      assertRillError(RillException.INVALID_ARGUMENT, "batch_size 0 must be positive",
          () -> model.predict(x, 0).close());
      assertRillError(RillException.FAILED_PRECONDITION, "not compiled",
          () -> model.evaluate(x, y, 2));
      assertRillError(RillException.NOT_FOUND, "'hinge' is not a loss",
          () -> model.compile("sgd", "hinge"));
      assertRillError(RillException.INVALID_ARGUMENT, "metric 'binary_accuracy' does not fit",
          () -> model.compile("sgd", "sparse_categorical_crossentropy", "binary_accuracy"));
      model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
      assertRillError(RillException.INVALID_ARGUMENT, "labels must lie in 0..<3; found 3",
          () -> model.fit(x, outOfRange, 1, 2, null, null, null));
      assertRillError(RillException.INVALID_ARGUMENT, "must be integer class indices",
          () -> model.evaluate(x, floatLabels, 2));
      assertRillError(RillException.INVALID_ARGUMENT, "validation_y is NULL",
          () -> model.fit(x, y, 1, 2, x, null, null));
    }
    Model closed = Model.fromJson(SMALL);
    closed.close();
    assertRillError(RillException.INVALID_ARGUMENT, "model is NULL",
        () -> closed.compile("sgd", "mse"));
    assertRillError(RillException.INVALID_ARGUMENT, "closed", closed::inputShape);
  }
}
