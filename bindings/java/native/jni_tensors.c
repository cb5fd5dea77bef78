/* The JNI glue of Rill's Java library, tensors and ops: the native methods of dev.rill.Native,
 * each a thin call into the C API (rill.h). A failed call throws dev.rill.RillException with the
 * status's code and message; Java objects are only borrowed for the length of a call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rill_jni.h"

JNIEXPORT jstring JNICALL FN(version)(JNIEnv* env, jclass type) {
  (void)type;
  return (*env)->NewStringUTF(env, rill_version());
}

JNIEXPORT jlong JNICALL FN(liveHandles)(JNIEnv* env, jclass type) {
  (void)env;
  (void)type;
  return (jlong)rill_live_handle_count();
}

/* ---- Tensors ---- */

JNIEXPORT jlong JNICALL FN(tensorFromArray)(JNIEnv* env, jclass type, jint dtype,
                                            jlongArray shape, jobject array, jlong byte_count) {
  (void)type;
  RillStatus* status = new_status(env);
  if (!status) return 0;
  jint rank;
  int64_t* dims = copy_shape(env, shape, &rank);
  void* data = array ? (*env)->GetPrimitiveArrayCritical(env, (jarray)array, NULL) : NULL;
  RillTensor* tensor = rill_tensor_new(dtype, dims, rank, data, (size_t)byte_count, status);
  if (data) (*env)->ReleasePrimitiveArrayCritical(env, (jarray)array, data, JNI_ABORT);
  free(dims);
  return failed(env, status) ? 0 : (jlong)(intptr_t)tensor;
}

JNIEXPORT jlong JNICALL FN(tensorFromBuffer)(JNIEnv* env, jclass type, jint dtype,
                                             jlongArray shape, jobject buffer, jlong offset,
                                             jlong byte_count) {
  (void)type;
  char* base = buffer ? (*env)->GetDirectBufferAddress(env, buffer) : NULL;
  jlong capacity = buffer ? (*env)->GetDirectBufferCapacity(env, buffer) : -1;
  if (!base || offset < 0 || byte_count < 0 || offset > capacity ||
      byte_count > capacity - offset) {
    throw_rill(env, RILL_INVALID_ARGUMENT, "Tensor: the buffer is not direct or too small");
    return 0;
  }
  RillStatus* status = new_status(env);
  if (!status) return 0;
  jint rank;
  int64_t* dims = copy_shape(env, shape, &rank);
  RillTensor* tensor =
      rill_tensor_new(dtype, dims, rank, base + offset, (size_t)byte_count, status);
  free(dims);
  return failed(env, status) ? 0 : (jlong)(intptr_t)tensor;
}

JNIEXPORT jlong JNICALL FN(tensorZeros)(JNIEnv* env, jclass type, jint dtype, jlongArray shape) {
  (void)type;
  RillStatus* status = new_status(env);
  if (!status) return 0;
  jint rank;
  int64_t* dims = copy_shape(env, shape, &rank);
  RillTensor* tensor = rill_tensor_zeros(dtype, dims, rank, status);
  free(dims);
  return failed(env, status) ? 0 : (jlong)(intptr_t)tensor;
}

JNIEXPORT void JNICALL FN(tensorDelete)(JNIEnv* env, jclass type, jlong tensor) {
  (void)env;
  (void)type;
  rill_tensor_delete((RillTensor*)(intptr_t)tensor);
}

JNIEXPORT jint JNICALL FN(tensorDType)(JNIEnv* env, jclass type, jlong tensor) {
  (void)env;
  (void)type;
  return rill_tensor_dtype((RillTensor*)(intptr_t)tensor);
}

JNIEXPORT jlongArray JNICALL FN(tensorShape)(JNIEnv* env, jclass type, jlong tensor) {
  (void)type;
  const RillTensor* t = (RillTensor*)(intptr_t)tensor;
  jint rank = rill_tensor_rank(t);
  if (rank < 0) {
    throw_rill(env, RILL_INVALID_ARGUMENT, "Tensor: the tensor is closed");
    return NULL;
  }
  jlongArray shape = (*env)->NewLongArray(env, rank);
  for (jint i = 0; shape && i < rank; i++) {
    jlong size = rill_tensor_dim(t, i);
    (*env)->SetLongArrayRegion(env, shape, i, 1, &size);
  }
  return shape;
}

JNIEXPORT void JNICALL FN(tensorCopyToArray)(JNIEnv* env, jclass type, jlong tensor,
                                             jobject array, jlong byte_count) {
  (void)type;
  RillStatus* status = new_status(env);
  if (!status) return;
  void* data = (*env)->GetPrimitiveArrayCritical(env, (jarray)array, NULL);
  rill_tensor_copy_data((RillTensor*)(intptr_t)tensor, data, (size_t)byte_count, status);
  (*env)->ReleasePrimitiveArrayCritical(env, (jarray)array, data, 0);
  failed(env, status);
}

JNIEXPORT void JNICALL FN(tensorCopyToBuffer)(JNIEnv* env, jclass type, jlong tensor,
                                              jobject buffer, jlong offset, jlong byte_count) {
  (void)type;
  char* base = buffer ? (*env)->GetDirectBufferAddress(env, buffer) : NULL;
  jlong capacity = buffer ? (*env)->GetDirectBufferCapacity(env, buffer) : -1;
  if (!base || offset < 0 || byte_count < 0 || offset > capacity ||
      byte_count > capacity - offset) {
    throw_rill(env, RILL_INVALID_ARGUMENT, "Tensor: the buffer is not direct or too small");
    return;
  }
  RillStatus* status = new_status(env);
  if (!status) return;
  rill_tensor_copy_data((RillTensor*)(intptr_t)tensor, base + offset, (size_t)byte_count, status);
  failed(env, status);
}

/* ---- Ops ---- */

/* Stores one Java attribute value (Long, Integer, Double, Float, Boolean, long[], int[] or
 * String) under `name`; returns 0, or -1 for another kind. */
static int set_attribute(JNIEnv* env, RillAttrs* attrs, const char* name, jobject value) {
  if (!value) return -1;
  if ((*env)->IsInstanceOf(env, value, (*env)->FindClass(env, "java/lang/Boolean"))) {
    jmethodID get = (*env)->GetMethodID(env, (*env)->FindClass(env, "java/lang/Boolean"),
                                        "booleanValue", "()Z");
    return rill_attrs_set_bool(attrs, name, (*env)->CallBooleanMethod(env, value, get));
  }
  jclass number = (*env)->FindClass(env, "java/lang/Number");
  if ((*env)->IsInstanceOf(env, value, (*env)->FindClass(env, "java/lang/Double")) ||
      (*env)->IsInstanceOf(env, value, (*env)->FindClass(env, "java/lang/Float"))) {
    jmethodID get = (*env)->GetMethodID(env, number, "doubleValue", "()D");
    return rill_attrs_set_float(attrs, name, (*env)->CallDoubleMethod(env, value, get));
  }
  if ((*env)->IsInstanceOf(env, value, number)) {
    jmethodID get = (*env)->GetMethodID(env, number, "longValue", "()J");
    return rill_attrs_set_int(attrs, name, (*env)->CallLongMethod(env, value, get));
  }
  if ((*env)->IsInstanceOf(env, value, (*env)->FindClass(env, "java/lang/String"))) {
    const char* text = (*env)->GetStringUTFChars(env, (jstring)value, NULL);
    int result = text ? rill_attrs_set_string(attrs, name, text) : -1;
    if (text) (*env)->ReleaseStringUTFChars(env, (jstring)value, text);
    return result;
  }
  if ((*env)->IsInstanceOf(env, value, (*env)->FindClass(env, "[J"))) {
    jint count = (*env)->GetArrayLength(env, (jarray)value);
    int64_t* list = malloc(sizeof(int64_t) * (size_t)(count > 0 ? count : 1));
    if (!list) return -1;
    (*env)->GetLongArrayRegion(env, (jlongArray)value, 0, count, (jlong*)list);
    int result = rill_attrs_set_ints(attrs, name, list, count);
    free(list);
    return result;
  }
  if ((*env)->IsInstanceOf(env, value, (*env)->FindClass(env, "[I"))) {
    jint count = (*env)->GetArrayLength(env, (jarray)value);
    jint* ints = malloc(sizeof(jint) * (size_t)(count > 0 ? count : 1));
    int64_t* list = malloc(sizeof(int64_t) * (size_t)(count > 0 ? count : 1));
    int result = -1;
    if (ints && list) {
      (*env)->GetIntArrayRegion(env, (jintArray)value, 0, count, ints);
      for (jint i = 0; i < count; i++) list[i] = ints[i];
      result = rill_attrs_set_ints(attrs, name, list, count);
    }
    free(ints);
    free(list);
    return result;
  }
  return -1;
}

JNIEXPORT jlong JNICALL FN(execute)(JNIEnv* env, jclass type, jstring op, jlongArray inputs,
                                    jobjectArray names, jobjectArray values) {
  (void)type;
  jint count = (*env)->GetArrayLength(env, inputs);
  jlong* handles = (*env)->GetLongArrayElements(env, inputs, NULL);
  const RillTensor** tensors = malloc(sizeof(RillTensor*) * (size_t)(count > 0 ? count : 1));
  for (jint i = 0; i < count; i++) tensors[i] = (const RillTensor*)(intptr_t)handles[i];
  (*env)->ReleaseLongArrayElements(env, inputs, handles, JNI_ABORT);
  RillAttrs* attrs = rill_attrs_new();
  jint attribute_count = (*env)->GetArrayLength(env, names);
  for (jint i = 0; i < attribute_count; i++) {
    jstring name = (jstring)(*env)->GetObjectArrayElement(env, names, i);
    jobject value = (*env)->GetObjectArrayElement(env, values, i);
    const char* text = (*env)->GetStringUTFChars(env, name, NULL);
    int result = set_attribute(env, attrs, text, value);
    if (result != 0) {
      char message[512];
      snprintf(message, sizeof message,
               "attribute '%s': values are Long, Integer, Double, Float, Boolean, long[], int[] "
               "or String",
               text);
      (*env)->ReleaseStringUTFChars(env, name, text);
      rill_attrs_delete(attrs);
      free(tensors);
      throw_rill(env, RILL_INVALID_ARGUMENT, message);
      return 0;
    }
    (*env)->ReleaseStringUTFChars(env, name, text);
  }
  RillStatus* status = new_status(env);
  const char* name = (*env)->GetStringUTFChars(env, op, NULL);
  RillTensor* result = status ? rill_execute(name, tensors, count, attrs, status) : NULL;
  (*env)->ReleaseStringUTFChars(env, op, name);
  rill_attrs_delete(attrs);
  free(tensors);
  if (!status || failed(env, status)) return 0;
  return (jlong)(intptr_t)result;
}

