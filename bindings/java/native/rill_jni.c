/* The JNI glue of Rill's Java library: the native methods of dev.rill.Native, each a thin
 * call into the C API (rill.h). A failed call throws dev.rill.RillException with the status's
 * code and message; Java objects are only borrowed for the length of a call. */
#include <jni.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rill.h"

#define FN(name) Java_dev_rill_Native_##name

/* Throws RillException(code, message) in Java; returns 1 so callers can `return`. */
static int throw_rill(JNIEnv* env, int code, const char* message) {
  jclass type = (*env)->FindClass(env, "dev/rill/RillException");
  if (!type) return 1;
  jmethodID init = (*env)->GetMethodID(env, type, "<init>", "(ILjava/lang/String;)V");
  jstring text = (*env)->NewStringUTF(env, message);
  if (!init || !text) return 1;
  jobject error = (*env)->NewObject(env, type, init, (jint)code, text);
  if (error) (*env)->Throw(env, (jthrowable)error);
  return 1;
}

/* A new status, or NULL with an OutOfMemoryError-like RillException pending. */
static RillStatus* new_status(JNIEnv* env) {
  RillStatus* status = rill_status_new();
  if (!status) throw_rill(env, RILL_INTERNAL, "cannot create a RillStatus");
  return status;
}

/* Throws and frees the status when the call it saw failed; returns whether it failed. */
static int failed(JNIEnv* env, RillStatus* status) {
  int code = rill_status_code(status);
  if (code != RILL_OK) throw_rill(env, code, rill_status_message(status));
  rill_status_delete(status);
  return code != RILL_OK;
}

/* A Java long[] shape as a malloc'd int64_t array (NULL for rank 0) and its rank. */
static int64_t* copy_shape(JNIEnv* env, jlongArray shape, jint* rank) {
  *rank = shape ? (*env)->GetArrayLength(env, shape) : 0;
  if (*rank == 0) return NULL;
  int64_t* dims = malloc(sizeof(int64_t) * (size_t)*rank);
  if (dims) (*env)->GetLongArrayRegion(env, shape, 0, *rank, (jlong*)dims);
  return dims;
}

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
  if (!base || offset < 0 || byte_count < 0 || offset > capacity || byte_count > capacity - offset) {
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
  if (!base || offset < 0 || byte_count < 0 || offset > capacity || byte_count > capacity - offset) {
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

/* ---- Models ---- */

/* The logs as a java.util.LinkedHashMap<String, Double>, or NULL with an exception pending. */
static jobject logs_to_map(JNIEnv* env, const RillLogs* logs) {
  jclass map_type = (*env)->FindClass(env, "java/util/LinkedHashMap");
  jclass double_type = (*env)->FindClass(env, "java/lang/Double");
  if (!map_type || !double_type) return NULL;
  jmethodID init = (*env)->GetMethodID(env, map_type, "<init>", "()V");
  jmethodID put = (*env)->GetMethodID(env, map_type, "put",
                                      "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");
  jmethodID box = (*env)->GetStaticMethodID(env, double_type, "valueOf", "(D)Ljava/lang/Double;");
  jobject map = (*env)->NewObject(env, map_type, init);
  for (int32_t i = 0; map && i < rill_logs_count(logs); i++) {
    jstring key = (*env)->NewStringUTF(env, rill_logs_name(logs, i));
    jobject value = (*env)->CallStaticObjectMethod(env, double_type, box, rill_logs_value(logs, i));
    (*env)->CallObjectMethod(env, map, put, key, value);
    (*env)->DeleteLocalRef(env, key);
    (*env)->DeleteLocalRef(env, value);
  }
  return map;
}

/* Calls `body(string, status)` on a Java string argument; the shared shape of load/json. */
static jlong with_string(JNIEnv* env, jstring text,
                         RillModel* (*body)(const char*, RillStatus*)) {
  if (!text) {
    throw_rill(env, RILL_INVALID_ARGUMENT, "Model: the path or JSON is null");
    return 0;
  }
  RillStatus* status = new_status(env);
  if (!status) return 0;
  const char* chars = (*env)->GetStringUTFChars(env, text, NULL);
  RillModel* model = body(chars, status);
  (*env)->ReleaseStringUTFChars(env, text, chars);
  return failed(env, status) ? 0 : (jlong)(intptr_t)model;
}

JNIEXPORT jlong JNICALL FN(modelLoad)(JNIEnv* env, jclass type, jstring directory) {
  (void)type;
  return with_string(env, directory, rill_model_load);
}

JNIEXPORT jlong JNICALL FN(modelFromJson)(JNIEnv* env, jclass type, jstring json) {
  (void)type;
  return with_string(env, json, rill_model_from_json);
}

JNIEXPORT void JNICALL FN(modelDelete)(JNIEnv* env, jclass type, jlong model) {
  (void)env;
  (void)type;
  rill_model_delete((RillModel*)(intptr_t)model);
}

JNIEXPORT void JNICALL FN(modelCompile)(JNIEnv* env, jclass type, jlong model, jstring optimizer,
                                        jstring loss, jobjectArray metrics) {
  (void)type;
  if (!optimizer || !loss || !metrics) {
    throw_rill(env, RILL_INVALID_ARGUMENT, "Model.compile: an argument is null");
    return;
  }
  jint count = (*env)->GetArrayLength(env, metrics);
  const char** names = calloc((size_t)(count > 0 ? count : 1), sizeof(char*));
  jstring* strings = calloc((size_t)(count > 0 ? count : 1), sizeof(jstring));
  for (jint i = 0; i < count; i++) {
    strings[i] = (jstring)(*env)->GetObjectArrayElement(env, metrics, i);
    names[i] = strings[i] ? (*env)->GetStringUTFChars(env, strings[i], NULL) : NULL;
  }
  const char* optimizer_name = (*env)->GetStringUTFChars(env, optimizer, NULL);
  const char* loss_name = (*env)->GetStringUTFChars(env, loss, NULL);
  RillStatus* status = new_status(env);
  if (status) {
    rill_model_compile((RillModel*)(intptr_t)model, optimizer_name, loss_name, names, count,
                       status);
  }
  (*env)->ReleaseStringUTFChars(env, optimizer, optimizer_name);
  (*env)->ReleaseStringUTFChars(env, loss, loss_name);
  for (jint i = 0; i < count; i++) {
    if (names[i]) (*env)->ReleaseStringUTFChars(env, strings[i], names[i]);
  }
  free(names);
  free(strings);
  if (status) failed(env, status);
}

JNIEXPORT jlong JNICALL FN(modelPredict)(JNIEnv* env, jclass type, jlong model, jlong x,
                                         jlong batch_size) {
  (void)type;
  RillStatus* status = new_status(env);
  if (!status) return 0;
  RillTensor* result = rill_model_predict((RillModel*)(intptr_t)model,
                                          (RillTensor*)(intptr_t)x, batch_size, status);
  return failed(env, status) ? 0 : (jlong)(intptr_t)result;
}

JNIEXPORT jobject JNICALL FN(modelEvaluate)(JNIEnv* env, jclass type, jlong model, jlong x,
                                            jlong y, jlong batch_size) {
  (void)type;
  RillStatus* status = new_status(env);
  if (!status) return NULL;
  RillLogs* logs = rill_model_evaluate((RillModel*)(intptr_t)model, (RillTensor*)(intptr_t)x,
                                       (RillTensor*)(intptr_t)y, batch_size, status);
  if (failed(env, status)) return NULL;
  jobject map = logs_to_map(env, logs);
  rill_logs_delete(logs);
  return map;
}

/* What the fit callback needs to reach Java. */
typedef struct {
  JNIEnv* env;
  jobject callback;
  jmethodID method;
  jthrowable error; /* an exception the callback threw, rethrown after fit */
} FitContext;

static int32_t on_epoch(int32_t epoch, const RillLogs* logs, void* user_data) {
  FitContext* context = user_data;
  JNIEnv* env = context->env;
  if (!context->callback || context->error) return context->error != NULL;
  jobject map = logs_to_map(env, logs);
  jboolean keep_going =
      map ? (*env)->CallBooleanMethod(env, context->callback, context->method, epoch, map) : 0;
  if ((*env)->ExceptionCheck(env)) {
    context->error = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    return 1;
  }
  if (map) (*env)->DeleteLocalRef(env, map);
  return keep_going ? 0 : 1;
}

JNIEXPORT jobject JNICALL FN(modelFit)(JNIEnv* env, jclass type, jlong model, jlong x, jlong y,
                                       jint epochs, jlong batch_size, jlong validation_x,
                                       jlong validation_y, jobject callback) {
  (void)type;
  FitContext context = {env, callback, NULL, NULL};
  if (callback) {
    jclass callback_type = (*env)->GetObjectClass(env, callback);
    context.method =
        (*env)->GetMethodID(env, callback_type, "onEpochEnd", "(ILjava/util/Map;)Z");
    if (!context.method) return NULL;
  }
  RillStatus* status = new_status(env);
  if (!status) return NULL;
  RillLogs* logs = rill_model_fit(
      (RillModel*)(intptr_t)model, (RillTensor*)(intptr_t)x, (RillTensor*)(intptr_t)y, epochs,
      batch_size, (RillTensor*)(intptr_t)validation_x, (RillTensor*)(intptr_t)validation_y,
      callback ? on_epoch : NULL, &context, status);
  if (context.error) {
    rill_logs_delete(logs);
    rill_status_delete(status);
    (*env)->Throw(env, context.error);
    return NULL;
  }
  if (failed(env, status)) return NULL;
  jobject map = logs_to_map(env, logs);
  rill_logs_delete(logs);
  return map;
}

JNIEXPORT void JNICALL FN(modelSave)(JNIEnv* env, jclass type, jlong model, jstring directory) {
  (void)type;
  if (!directory) {
    throw_rill(env, RILL_INVALID_ARGUMENT, "Model.save: the directory is null");
    return;
  }
  RillStatus* status = new_status(env);
  if (!status) return;
  const char* path = (*env)->GetStringUTFChars(env, directory, NULL);
  rill_model_save((RillModel*)(intptr_t)model, path, status);
  (*env)->ReleaseStringUTFChars(env, directory, path);
  failed(env, status);
}

JNIEXPORT jlongArray JNICALL FN(modelInputShape)(JNIEnv* env, jclass type, jlong model) {
  (void)type;
  const RillModel* m = (RillModel*)(intptr_t)model;
  jint rank = rill_model_input_rank(m);
  if (rank < 0) {
    throw_rill(env, RILL_INVALID_ARGUMENT, "Model: the model is closed");
    return NULL;
  }
  jlongArray shape = (*env)->NewLongArray(env, rank);
  for (jint i = 0; shape && i < rank; i++) {
    jlong size = rill_model_input_dim(m, i);
    (*env)->SetLongArrayRegion(env, shape, i, 1, &size);
  }
  return shape;
}
