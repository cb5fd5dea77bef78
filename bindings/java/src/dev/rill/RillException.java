package dev.rill;

/**
 * An error reported by Rill: a status code of the C API and a message naming the op, shape,
 * dtype or file that was wrong.
 *
 * <p>Every bad input — a closed tensor, an unknown op, operands of incompatible shapes, labels
 * out of range, a missing model directory — throws this exception; none stops the JVM.
 */
public final class RillException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The {@code RillCode} of an invalid argument: a bad dtype, shape, value or closed object. */
  public static final int INVALID_ARGUMENT = 1;
  /** The {@code RillCode} of an unknown op, attribute, optimizer, loss or metric name. */
  public static final int NOT_FOUND = 2;
  /** The {@code RillCode} of an object that is not ready, such as a model not compiled. */
  public static final int FAILED_PRECONDITION = 3;
  /** The {@code RillCode} of a file or directory that could not be read or written. */
  public static final int IO = 4;
  /** The {@code RillCode} of a tensor larger than Rill allows. */
  public static final int RESOURCE_EXHAUSTED = 5;
  /** The {@code RillCode} of an unexpected error inside Rill. */
  public static final int INTERNAL = 6;

  /** The status code. */
  private final int code;

  /**
   * Creates an exception.
   *
   * @param code the status code, one of the constants of this class
   * @param message what was wrong
   */
  public RillException(int code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * The status code.
   *
   * @return one of {@link #INVALID_ARGUMENT}, {@link #NOT_FOUND}, {@link #FAILED_PRECONDITION},
   *     {@link #IO}, {@link #RESOURCE_EXHAUSTED} or {@link #INTERNAL}
   */
  public int code() {
    return code;
  }
}
