package dev.rill;

/** The element types of Rill's tensors, with the codes of {@code RillDType} in {@code rill.h}. */
public enum DType {
  /** 32-bit floating point ({@code float}). */
  FLOAT32(0, 4),
  /** 64-bit floating point ({@code double}). */
  FLOAT64(1, 8),
  /** 32-bit signed integer ({@code int}). */
  INT32(2, 4),
  /** 64-bit signed integer ({@code long}). */
  INT64(3, 8),
  /** 8-bit unsigned integer (a {@code byte} read as 0…255). */
  UINT8(4, 1),
  /** Boolean, one byte: 0 false, anything else true. */
  BOOL(5, 1);

  private final int code;
  private final int byteSize;

  DType(int code, int byteSize) {
    this.code = code;
    this.byteSize = byteSize;
  }

  /**
   * The C API's code for this dtype.
   *
   * @return the {@code RillDType} value
   */
  public int code() {
    return code;
  }

  /**
   * The size of one element.
   *
   * @return the size in bytes
   */
  public int byteSize() {
    return byteSize;
  }

  /**
   * The dtype with a C API code.
   *
   * @param code a {@code RillDType} value
   * @return the dtype
   * @throws RillException for a code that is not a dtype
   */
  public static DType of(int code) {
    for (DType dtype : values()) {
      if (dtype.code == code) {
        return dtype;
      }
    }
    throw new RillException(RillException.INVALID_ARGUMENT, code + " is not a dtype code");
  }
}
