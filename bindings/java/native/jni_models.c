/* The JNI glue of Rill's Java library, models: load, JSON, compile, predict, evaluate, fit
 * (with a Java callback), save. */
#include <stdlib.h>

#include "rill_jni.h"

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
