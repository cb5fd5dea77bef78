/* Shared helpers of the JNI glue: exceptions from statuses, and shapes. */
#include "rill_jni.h"

#include <stdlib.h>

/* Throws RillException(code, message) in Java; returns 1 so callers can `return`. */
int throw_rill(JNIEnv* env, int code, const char* message) {
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
RillStatus* new_status(JNIEnv* env) {
  RillStatus* status = rill_status_new();
  if (!status) throw_rill(env, RILL_INTERNAL, "cannot create a RillStatus");
  return status;
}

/* Throws and frees the status when the call it saw failed; returns whether it failed. */
int failed(JNIEnv* env, RillStatus* status) {
  int code = rill_status_code(status);
  if (code != RILL_OK) throw_rill(env, code, rill_status_message(status));
  rill_status_delete(status);
  return code != RILL_OK;
}

/* A Java long[] shape as a malloc'd int64_t array (NULL for rank 0) and its rank. */
int64_t* copy_shape(JNIEnv* env, jlongArray shape, jint* rank) {
  *rank = shape ? (*env)->GetArrayLength(env, shape) : 0;
  if (*rank == 0) return NULL;
  int64_t* dims = malloc(sizeof(int64_t) * (size_t)*rank);
  if (dims) (*env)->GetLongArrayRegion(env, shape, 0, *rank, (jlong*)dims);
  return dims;
}

