package dev.rill;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A tensor held by Rill's native library: a dtype, a shape and its elements, which never change.
 *
 * <p>A tensor is made from a Java array or a {@code java.nio} buffer (the elements are copied),
 * or of zeros, and read back into an array or a buffer. It holds native memory until {@link
 * #close} — use try-with-resources. Using a closed tensor throws {@link RillException}.
 *
 * <pre>{@code
 * try (Tensor images = Tensor.of(pixels, 10, 28, 28)) {
 *   long[] shape = images.shape();      // [10, 28, 28]
 * }
 * }</pre>
 *
 * <p>Elements are row-major; buffers hold them in native byte order.
 */
public final class Tensor implements AutoCloseable {
  private long handle;

  /** Wraps a handle the native library returned. */
  Tensor(long handle) {
    this.handle = handle;
  }

  /**
   * The native handle, 0 once closed.
   *
   * @return the handle
   */
  long handle() {
    return handle;
  }

  private static long count(long[] shape) {
    long product = 1;
    for (long size : shape) {
      product *= size;
    }
    return product;
  }

  /**
   * A float32 tensor holding a copy of {@code data}.
   *
   * @param data the elements, row-major; exactly as many as the shape holds
   * @param shape the sizes, outermost first (none for a scalar)
   * @return a new tensor to close
   * @throws RillException when the data does not fill the shape, or the shape is invalid
   */
  public static Tensor of(float[] data, long... shape) {
    return new Tensor(Native.tensorFromArray(0, shape, data, 4L * data.length));
  }

  /**
   * A float64 tensor holding a copy of {@code data}.
   *
   * @param data the elements, row-major
   * @param shape the sizes, outermost first
   * @return a new tensor to close
   * @throws RillException when the data does not fill the shape, or the shape is invalid
   */
  public static Tensor of(double[] data, long... shape) {
    return new Tensor(Native.tensorFromArray(1, shape, data, 8L * data.length));
  }

  /**
   * An int32 tensor holding a copy of {@code data}.
   *
   * @param data the elements, row-major
   * @param shape the sizes, outermost first
   * @return a new tensor to close
   * @throws RillException when the data does not fill the shape, or the shape is invalid
   */
  public static Tensor of(int[] data, long... shape) {
    return new Tensor(Native.tensorFromArray(2, shape, data, 4L * data.length));
  }

  /**
   * An int64 tensor holding a copy of {@code data}.
   *
   * @param data the elements, row-major
   * @param shape the sizes, outermost first
   * @return a new tensor to close
   * @throws RillException when the data does not fill the shape, or the shape is invalid
   */
  public static Tensor ofLongs(long[] data, long... shape) {
    return new Tensor(Native.tensorFromArray(3, shape, data, 8L * data.length));
  }

  /**
   * A uint8 or bool tensor holding a copy of {@code data} (bytes read as 0…255; for bool, any
   * nonzero byte is true).
   *
   * @param dtype {@link DType#UINT8} or {@link DType#BOOL}
   * @param data the elements, row-major
   * @param shape the sizes, outermost first
   * @return a new tensor to close
   * @throws RillException for another dtype, or when the data does not fill the shape
   */
  public static Tensor ofBytes(DType dtype, byte[] data, long... shape) {
    if (dtype.byteSize() != 1) {
      throw new RillException(
          RillException.INVALID_ARGUMENT, "Tensor.ofBytes: " + dtype + " is not a one-byte dtype");
    }
    return new Tensor(Native.tensorFromArray(dtype.code(), shape, data, data.length));
  }

  /**
   * A tensor of any dtype holding a copy of the remaining bytes of {@code data} (from its
   * position to its limit), in native byte order. The buffer's position does not change.
   *
   * @param dtype the element type
   * @param data the elements' bytes, row-major; a direct buffer is read in place
   * @param shape the sizes, outermost first
   * @return a new tensor to close
   * @throws RillException when the bytes do not fill the shape, or the shape is invalid
   */
  public static Tensor of(DType dtype, ByteBuffer data, long... shape) {
    ByteBuffer direct = data;
    if (!data.isDirect()) {
      direct = ByteBuffer.allocateDirect(data.remaining());
      direct.put(data.duplicate());
    }
    long offset = data.isDirect() ? data.position() : 0;
    return new Tensor(
        Native.tensorFromBuffer(dtype.code(), shape, direct, offset, data.remaining()));
  }

  /**
   * A float32 tensor holding a copy of the remaining floats of {@code data}.
   *
   * @param data the elements, row-major; the position does not change
   * @param shape the sizes, outermost first
   * @return a new tensor to close
   * @throws RillException when the floats do not fill the shape, or the shape is invalid
   */
  public static Tensor of(FloatBuffer data, long... shape) {
    float[] values = new float[data.remaining()];
    data.duplicate().get(values);
    return of(values, shape);
  }

  /**
   * A tensor of zeros.
   *
   * @param dtype the element type
   * @param shape the sizes, outermost first
   * @return a new tensor to close
   * @throws RillException for an invalid or too large shape
   */
  public static Tensor zeros(DType dtype, long... shape) {
    return new Tensor(Native.tensorZeros(dtype.code(), shape));
  }

  /**
   * The element type.
   *
   * @return the dtype
   * @throws RillException when the tensor is closed
   */
  public DType dtype() {
    int code = Native.tensorDType(handle);
    if (code < 0) {
      throw new RillException(RillException.INVALID_ARGUMENT, "Tensor: the tensor is closed");
    }
    return DType.of(code);
  }

  /**
   * The sizes of the dimensions, outermost first.
   *
   * @return a new array
   * @throws RillException when the tensor is closed
   */
  public long[] shape() {
    return Native.tensorShape(handle);
  }

  /**
   * The number of elements.
   *
   * @return the product of the sizes
   * @throws RillException when the tensor is closed
   */
  public long elementCount() {
    return count(shape());
  }

  private int arrayLength(DType expected) {
    DType actual = dtype();
    if (actual != expected) {
      throw new RillException(
          RillException.INVALID_ARGUMENT,
          "Tensor: a " + actual + " tensor cannot be read as " + expected);
    }
    long elements = elementCount();
    if (elements > Integer.MAX_VALUE) {
      throw new RillException(
          RillException.RESOURCE_EXHAUSTED, "Tensor: too many elements for a Java array");
    }
    return (int) elements;
  }

  /**
   * The elements of a float32 tensor.
   *
   * @return a new array, row-major
   * @throws RillException for another dtype or a closed tensor
   */
  public float[] toFloatArray() {
    float[] values = new float[arrayLength(DType.FLOAT32)];
    Native.tensorCopyToArray(handle, values, 4L * values.length);
    return values;
  }

  /**
   * The elements of a float64 tensor.
   *
   * @return a new array, row-major
   * @throws RillException for another dtype or a closed tensor
   */
  public double[] toDoubleArray() {
    double[] values = new double[arrayLength(DType.FLOAT64)];
    Native.tensorCopyToArray(handle, values, 8L * values.length);
    return values;
  }

  /**
   * The elements of an int32 tensor.
   *
   * @return a new array, row-major
   * @throws RillException for another dtype or a closed tensor
   */
  public int[] toIntArray() {
    int[] values = new int[arrayLength(DType.INT32)];
    Native.tensorCopyToArray(handle, values, 4L * values.length);
    return values;
  }

  /**
   * The elements of an int64 tensor (such as {@code argmax}'s result).
   *
   * @return a new array, row-major
   * @throws RillException for another dtype or a closed tensor
   */
  public long[] toLongArray() {
    long[] values = new long[arrayLength(DType.INT64)];
    Native.tensorCopyToArray(handle, values, 8L * values.length);
    return values;
  }

  /**
   * The elements' bytes in a new direct buffer in native byte order, positioned at 0.
   *
   * @return a buffer of {@code elementCount() * dtype().byteSize()} bytes
   * @throws RillException for a closed tensor, or one too large for a buffer
   */
  public ByteBuffer toByteBuffer() {
    long bytes = elementCount() * dtype().byteSize();
    if (bytes > Integer.MAX_VALUE) {
      throw new RillException(
          RillException.RESOURCE_EXHAUSTED, "Tensor: too many bytes for a ByteBuffer");
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    Native.tensorCopyToBuffer(handle, buffer, 0, bytes);
    return buffer;
  }

  /**
   * Frees the native tensor. Closing again does nothing.
   */
  @Override
  public void close() {
    if (handle != 0) {
      Native.tensorDelete(handle);
      handle = 0;
    }
  }
}
