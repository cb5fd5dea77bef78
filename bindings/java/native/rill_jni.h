/* Shared helpers of the JNI glue of Rill's Java library (dev.rill.Native). */
#ifndef RILL_JNI_H
#define RILL_JNI_H

#include <jni.h>
#include <stdint.h>

#include "rill.h"

#define FN(name) Java_dev_rill_Native_##name

/* Throws RillException(code, message) in Java; returns 1 so callers can `return`. */
int throw_rill(JNIEnv* env, int code, const char* message);
/* A new status, or NULL with a RillException pending. */
RillStatus* new_status(JNIEnv* env);
/* Throws and frees the status when the call it saw failed; returns whether it failed. */
int failed(JNIEnv* env, RillStatus* status);
/* A Java long[] shape as a malloc'd int64_t array (NULL for rank 0) and its rank. */
int64_t* copy_shape(JNIEnv* env, jlongArray shape, jint* rank);

#endif
