package dev.rill;

import java.util.Map;

/**
 * Entry points of Rill's Java library that belong to no object: the version, eager ops by name,
 * and a leak check.
 *
 * <pre>{@code
 * try (Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
 *     Tensor b = Rill.execute("matmul", Map.of("transpose_b", true), a, a)) {
 *   float[] product = b.toFloatArray();
 * }
 * }</pre>
 *
 * <p>The native library is {@code librilljni.so}, found on {@code java.library.path} or at the
 * path of the system property {@code dev.rill.library}; it links {@code librill.so}.
 */
public final class Rill {
  private Rill() {}

  /**
   * The version of the Rill library.
   *
   * @return "MAJOR.MINOR.PATCH"
   */
  public static String version() {
    return Native.version();
  }

  /**
   * Runs an op by name, as {@code rill_execute} does, on tensors that stay open.
   *
   * @param op the op's name, as TensorFlow spells it ({@code add}, {@code matmul}, {@code
   *     conv2d}, {@code reduce_sum} …; see {@code rill.h} for the list and the attributes)
   * @param attributes the op's attributes by name: {@code Long}/{@code Integer}, {@code
   *     Double}/{@code Float}, {@code Boolean}, {@code long[]}/{@code int[]}, {@code String}, or
   *     a {@link DType}
   * @param inputs the operands
   * @return the result, a new tensor to close
   * @throws RillException for an unknown op or attribute, operands that do not fit the op (the
   *     message names the op and the shapes), or a closed operand
   */
  public static Tensor execute(String op, Map<String, ?> attributes, Tensor... inputs) {
    if (op == null || attributes == null || inputs == null) {
      throw new RillException(RillException.INVALID_ARGUMENT, "execute: an argument is null");
    }
    long[] handles = new long[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      handles[i] = inputs[i] == null ? 0 : inputs[i].handle();
    }
    String[] names = new String[attributes.size()];
    Object[] values = new Object[attributes.size()];
    int index = 0;
    for (Map.Entry<String, ?> entry : attributes.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        throw new RillException(
            RillException.INVALID_ARGUMENT, op + ": attribute names and values must not be null");
      }
      names[index] = entry.getKey();
      Object value = entry.getValue();
      values[index] = value instanceof DType ? (Object) (long) ((DType) value).code() : value;
      index++;
    }
    return new Tensor(Native.execute(op, handles, names, values));
  }

  /**
   * Runs an op without attributes.
   *
   * @param op the op's name
   * @param inputs the operands
   * @return the result, a new tensor to close
   * @throws RillException as {@link #execute(String, Map, Tensor...)} does
   */
  public static Tensor execute(String op, Tensor... inputs) {
    return execute(op, Map.of(), inputs);
  }

  /**
   * The number of native objects (tensors, models …) not yet closed, in the whole process.
   *
   * @return 0 once every tensor and model made has been closed
   */
  public static long liveHandles() {
    return Native.liveHandles();
  }
}
