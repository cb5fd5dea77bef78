package dev.rill;

import java.nio.ByteBuffer;
import java.util.Map;

/** The native methods of the JNI library, one per call of the C API; see {@code rill.h}. */
final class Native {
  private Native() {}

  static {
    String path = System.getProperty("dev.rill.library");
    if (path != null) {
      System.load(path);
    } else {
      System.loadLibrary("rilljni");
    }
  }

  static native String version();

  static native long liveHandles();

  static native long tensorFromArray(int dtype, long[] shape, Object array, long byteCount);

  static native long tensorFromBuffer(
      int dtype, long[] shape, ByteBuffer buffer, long offset, long byteCount);

  static native long tensorZeros(int dtype, long[] shape);

  static native void tensorDelete(long tensor);

  static native int tensorDType(long tensor);

  static native long[] tensorShape(long tensor);

  static native void tensorCopyToArray(long tensor, Object array, long byteCount);

  static native void tensorCopyToBuffer(
      long tensor, ByteBuffer buffer, long offset, long byteCount);

  static native long execute(String op, long[] inputs, String[] names, Object[] values);

  static native long modelLoad(String directory);

  static native long modelFromJson(String json);

  static native void modelDelete(long model);

  static native void modelCompile(long model, String optimizer, String loss, String[] metrics);

  static native long modelPredict(long model, long x, long batchSize);

  static native Map<String, Double> modelEvaluate(long model, long x, long y, long batchSize);

  static native Map<String, Double> modelFit(
      long model,
      long x,
      long y,
      int epochs,
      long batchSize,
      long validationX,
      long validationY,
      EpochCallback callback);

  static native void modelSave(long model, String directory);

  static native long[] modelInputShape(long model);
}
