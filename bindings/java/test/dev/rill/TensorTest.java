package dev.rill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Tensors and eager ops from Java, and the errors bad input gives. */
class TensorTest {
  private long liveBefore;

  @BeforeEach
  void countHandles() {
    liveBefore = Rill.liveHandles();
  }

  @AfterEach
  void everythingClosed() {
    assertEquals(liveBefore, Rill.liveHandles(), "native objects left open");
  }

  /** Asserts that {@code body} throws a RillException with {@code code} and {@code text}. */
  static void assertRillError(int code, String text, Executable body) {
    RillException error = assertThrows(RillException.class, body);
    assertEquals(code, error.code(), error.getMessage());
    assertTrue(error.getMessage().contains(text), error.getMessage());
  }

  @Test
  void everyDTypeRoundTrips() {
    try (Tensor f = Tensor.of(new float[] {1.5f, -2}, 2);
        Tensor d = Tensor.of(new double[] {1e300, -0.5}, 2, 1);
        Tensor i = Tensor.of(new int[] {7, -8, 9}, 3);
        Tensor l = Tensor.ofLongs(new long[] {1L << 40}, 1);
        Tensor u = Tensor.ofBytes(DType.UINT8, new byte[] {0, (byte) 255}, 2);
        Tensor b = Tensor.ofBytes(DType.BOOL, new byte[] {0, 7}, 2)) {
      assertArrayEquals(new float[] {1.5f, -2}, f.toFloatArray());
      assertArrayEquals(new double[] {1e300, -0.5}, d.toDoubleArray());
      assertArrayEquals(new long[] {2, 1}, d.shape());
      assertArrayEquals(new int[] {7, -8, 9}, i.toIntArray());
      assertArrayEquals(new long[] {1L << 40}, l.toLongArray());
      assertEquals(DType.UINT8, u.dtype());
      assertEquals((byte) 255, u.toByteBuffer().get(1));
      assertEquals(1, b.toByteBuffer().get(1), "a nonzero bool byte reads back as true");
    }
  }

  @Test
  void buffersInAndOut() {
    ByteBuffer direct = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    direct.putFloat(1).putFloat(2).putFloat(3).putFloat(4).flip();
    ByteBuffer heap = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
    heap.putInt(5).putInt(6).flip();
    try (Tensor a = Tensor.of(DType.FLOAT32, direct, 2, 2);
        Tensor b = Tensor.of(DType.INT32, heap, 2);
        Tensor c = Tensor.of(FloatBuffer.wrap(new float[] {9, 8, 7}), 3);
        Tensor zeros = Tensor.zeros(DType.FLOAT64, 2, 3)) {
      assertArrayEquals(new float[] {1, 2, 3, 4}, a.toFloatArray());
      assertEquals(0, direct.position(), "the buffer's position stays");
      assertArrayEquals(new int[] {5, 6}, b.toIntArray());
      assertEquals(8, c.toByteBuffer().getFloat(4));
      assertArrayEquals(new double[6], zeros.toDoubleArray());
      assertEquals(6, zeros.elementCount());
    }
  }

  @Test
  void opsComputeWithBroadcasting() {
    try (Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = Tensor.of(new float[] {10, 20, 30}, 3);
        Tensor sum = Rill.execute("add", a, row);
        Tensor gram = Rill.execute("matmul", Map.of("transpose_b", true), a, a);
        Tensor rows = Rill.execute("reduce_sum", Map.of("axis", new long[] {1}), a);
        Tensor probabilities = Rill.execute("softmax", a);
        Tensor doubled = Rill.execute("cast", Map.of("dtype", DType.FLOAT64), a)) {
      assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, sum.toFloatArray());
      assertArrayEquals(new float[] {14, 32, 32, 77}, gram.toFloatArray());
      assertArrayEquals(new float[] {6, 15}, rows.toFloatArray());
      float[] p = probabilities.toFloatArray();
      assertEquals(1, p[0] + p[1] + p[2], 1e-6);
      assertEquals(DType.FLOAT64, doubled.dtype());
    }
  }

  @Test
  void badOperandsThrowNamingTheOpAndShapes() {
    try (Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor four = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        Tensor ints = Tensor.of(new int[] {1, 2}, 2);
        Tensor b = Tensor.zeros(DType.FLOAT32, 3, 2)) {
      assertRillError(RillException.INVALID_ARGUMENT,
          "add: shapes [2, 3] and [4] are not broadcast-compatible",
          () -> Rill.execute("add", a, four));
      assertRillError(RillException.INVALID_ARGUMENT, "matmul: inner dimensions differ",
          () -> Rill.execute("matmul", a, a));
      assertRillError(RillException.INVALID_ARGUMENT, "conv2d: input [2, 3] must be NHWC",
          () -> Rill.execute("conv2d", a, a));
      assertRillError(RillException.INVALID_ARGUMENT, "softmax: dtype int32 is not supported",
          () -> Rill.execute("softmax", ints));
      assertRillError(RillException.NOT_FOUND, "'frobnicate' is not an op",
          () -> Rill.execute("frobnicate", a));
      assertRillError(RillException.NOT_FOUND, "matmul: unknown attribute 'transpose'",
          () -> Rill.execute("matmul", Map.of("transpose", true), a, b));
      assertRillError(RillException.INVALID_ARGUMENT, "attribute 'axis' must be an int",
          () -> Rill.execute("argmax", Map.of("axis", "one"), a));
      assertRillError(RillException.INVALID_ARGUMENT, "attribute 'axis': values are",
          () -> Rill.execute("argmax", Map.of("axis", new Object()), a));
      assertRillError(RillException.INVALID_ARGUMENT, "add: takes 2 inputs, given 1",
          () -> Rill.execute("add", a));
      assertRillError(RillException.INVALID_ARGUMENT, "input 1 is NULL",
          () -> Rill.execute("add", a, null));
    }
  }

  @Test
  void badDataAndClosedTensorsThrow() {
    assertRillError(RillException.INVALID_ARGUMENT, "8 bytes given for a float32[3] tensor",
        () -> Tensor.of(new float[] {1, 2}, 3));
    assertRillError(RillException.INVALID_ARGUMENT, "has a negative size",
        () -> Tensor.zeros(DType.FLOAT32, 2, -1));
    assertRillError(RillException.RESOURCE_EXHAUSTED, "too large",
        () -> Tensor.zeros(DType.FLOAT32, 1L << 40, 1L << 40));
    assertRillError(RillException.INVALID_ARGUMENT, "not a one-byte dtype",
        () -> Tensor.ofBytes(DType.INT32, new byte[4], 1));
    Tensor closed = Tensor.of(new float[] {1}, 1);
    closed.close();
    closed.close();
    assertRillError(RillException.INVALID_ARGUMENT, "closed", closed::dtype);
    assertRillError(RillException.INVALID_ARGUMENT, "input 0 is NULL",
        () -> Rill.execute("exp", closed));
    try (Tensor ints = Tensor.of(new int[] {1}, 1)) {
      assertRillError(RillException.INVALID_ARGUMENT, "a INT32 tensor cannot be read as FLOAT32",
          ints::toFloatArray);
    }
  }
}
