package dev.rill;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Rill model: loaded from a directory saved by Swift's {@code model.save(to:)} (or by {@link
 * #save}), or built from the JSON of a {@code config.json}; compiled, trained, evaluated and
 * used for predictions. Closing frees it.
 *
 * <pre>{@code
 * try (Model model = Model.load(Path.of("keras-mnist-model"));
 *     Tensor images = Tensor.of(pixels, 10, 28, 28);
 *     Tensor probabilities = model.predict(images, 10)) {
 *   ...
 * }
 * }</pre>
 *
 * <p>A model must be used by one thread at a time.
 */
public final class Model implements AutoCloseable {
  private long handle;

  private Model(long handle) {
    this.handle = handle;
  }

  /**
   * Loads a model directory: layers, weights and, when it was saved compiled, the optimizer,
   * loss, metrics and optimizer state.
   *
   * @param directory the directory holding {@code model.safetensors} and {@code config.json}
   * @return the model, to close
   * @throws RillException when the directory is not a Rill model (the message names it), or
   *     describes layers that do not fit together
   */
  public static Model load(Path directory) {
    return new Model(Native.modelLoad(directory.toString()));
  }

  /**
   * A Sequential model built from its JSON description, as {@code config.json} holds it (with
   * a {@code build_config} giving the input shape); its weights are created by the layers'
   * initializers.
   *
   * @param json the description
   * @return the model, built and not compiled, to close
   * @throws RillException for JSON that is not a Sequential model Rill can check
   */
  public static Model fromJson(String json) {
    return new Model(Native.modelFromJson(json));
  }

  /**
   * Sets up training by names, as Keras's {@code compile} does.
   *
   * @param optimizer {@code sgd}, {@code adam}, {@code rmsprop}, {@code adagrad} …
   * @param loss {@code sparse_categorical_crossentropy}, {@code categorical_crossentropy},
   *     {@code binary_crossentropy}, {@code mse} or {@code mae}
   * @param metrics metric names such as {@code accuracy}
   * @throws RillException for a name Rill does not know, or a metric that does not fit the loss
   */
  public void compile(String optimizer, String loss, String... metrics) {
    Native.modelCompile(handle, optimizer, loss, metrics);
  }

  /**
   * The model's outputs at inference.
   *
   * @param x the inputs, examples along the first axis, each of the model's input shape
   * @param batchSize examples per step
   * @return the outputs, a new tensor to close
   * @throws RillException when the inputs do not fit the model (the message names both shapes)
   */
  public Tensor predict(Tensor x, long batchSize) {
    return new Tensor(Native.modelPredict(handle, x == null ? 0 : x.handle(), batchSize));
  }

  /**
   * The loss and metrics on labelled examples, without training.
   *
   * @param x the inputs
   * @param y the labels: int class indices for the sparse loss, floats shaped like the outputs
   *     otherwise
   * @param batchSize examples per step
   * @return the loss and metrics by name
   * @throws RillException before {@link #compile}, or for labels that do not fit
   */
  public Map<String, Double> evaluate(Tensor x, Tensor y, long batchSize) {
    return Native.modelEvaluate(handle, handleOf(x), handleOf(y), batchSize);
  }

  /**
   * Trains the model.
   *
   * @param x the inputs
   * @param y the labels
   * @param epochs passes over the data
   * @param batchSize examples per step
   * @param validationX validation inputs, or {@code null}
   * @param validationY validation labels, or {@code null}
   * @param callback called after each epoch, or {@code null}; an exception it throws stops
   *     training and is rethrown
   * @return the last epoch's loss and metrics by name ({@code val_…} for validation)
   * @throws RillException before {@link #compile}, or for inputs or labels that do not fit
   */
  public Map<String, Double> fit(
      Tensor x,
      Tensor y,
      int epochs,
      long batchSize,
      Tensor validationX,
      Tensor validationY,
      EpochCallback callback) {
    return Native.modelFit(
        handle,
        handleOf(x),
        handleOf(y),
        epochs,
        batchSize,
        handleOf(validationX),
        handleOf(validationY),
        callback);
  }

  /**
   * Saves the model into a directory (created if missing), replacing an earlier model there.
   *
   * @param directory the directory
   * @throws RillException when the directory cannot be written (the message names it)
   */
  public void save(Path directory) {
    Native.modelSave(handle, directory.toString());
  }

  /**
   * The shape of one input example, without the batch axis.
   *
   * @return a new array
   * @throws RillException when the model is closed
   */
  public long[] inputShape() {
    return Native.modelInputShape(handle);
  }

  private static long handleOf(Tensor tensor) {
    return tensor == null ? 0 : tensor.handle();
  }

  /** Frees the native model. Closing again does nothing. */
  @Override
  public void close() {
    if (handle != 0) {
      Native.modelDelete(handle);
      handle = 0;
    }
  }
}
