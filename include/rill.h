/*
 * rill.h — the C API of Rill, a deep-learning framework written in Swift.
 *
 * Link with librill.so (built by `swift build -c release --product rill`, see README.md):
 *
 *   cc -I include prog.c -L .build/release -lrill -Wl,-rpath,$PWD/.build/release -o prog
 *
 * The API follows TensorFlow's C API in spirit: opaque handles, a RillStatus for every call
 * that can fail, eager ops run by name with attributes (as TFE_Execute does), and models that
 * load, predict, evaluate, train and save.
 *
 * Errors. A call that can fail takes a RillStatus* as its last argument and sets it: code
 * RILL_OK on success, or another code and a message naming the op, shape, dtype or file. A
 * failed call returns NULL (handles), 0 or -1 (numbers), and changes nothing. No input can stop
 * the process: null pointers, handles that are not live (already deleted, or never made by Rill:
 * handles are numbers that are never reused, not addresses), unknown op names, wrong dtypes,
 * shapes that do not fit an op or a model, bad attribute values and out-of-range labels are all
 * reported through the status. A NULL status is allowed: the error is then not reported, but the
 * call still fails safely.
 *
 * Ownership. The pointers returned by rill_status_new, rill_attrs_new, rill_tensor_new,
 * rill_tensor_zeros, rill_execute, rill_model_load, rill_model_from_json, rill_model_predict,
 * rill_model_evaluate and rill_model_fit are new handles that the caller owns and frees with the
 * matching *_delete function (rill_logs_delete for logs) exactly once. Deleting NULL or a handle
 * that is not live does nothing. Handles passed as arguments are borrowed: Rill never frees them
 * and keeps no reference after the call returns (a model copies what it keeps). Strings returned
 * as `const char*` belong to the object they came from and stay valid until it is deleted (or,
 * for a status, until it is set again); the RillLogs given to a fit callback is valid only
 * during the callback.
 *
 * Threads. Tensors are immutable and may be read from several threads. A status, an
 * attribute set or a model must be used by one thread at a time.
 *
 * Data layout. Tensor elements are dense, row-major, in native byte order: float32 (float),
 * float64 (double), int32 (int32_t), int64 (int64_t), uint8 (uint8_t) and bool (one byte,
 * 0 false, any other value true).
 */
#ifndef RILL_H
#define RILL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ------------------------------------------------------------------------- */

/* The version of this header. rill_version() returns the library's, which must have the
 * same major number. */
#define RILL_VERSION_MAJOR 0
#define RILL_VERSION_MINOR 1
#define RILL_VERSION_PATCH 0

/* The library's version, "MAJOR.MINOR.PATCH"; a static string. */
const char* rill_version(void);

/* ---- Status -------------------------------------------------------------------------- */

typedef enum RillCode {
  RILL_OK = 0,
  RILL_INVALID_ARGUMENT = 1,   /* a null pointer, a dead handle, a bad dtype, shape or value */
  RILL_NOT_FOUND = 2,          /* an unknown op, attribute, optimizer, loss or metric name */
  RILL_FAILED_PRECONDITION = 3,/* the object is not ready: a model not compiled or not built */
  RILL_IO = 4,                 /* a file or directory could not be read or written, or a
                                  model description names bad layer settings */
  RILL_RESOURCE_EXHAUSTED = 5, /* a tensor larger than Rill allows (half the physical memory) */
  RILL_INTERNAL = 6            /* an unexpected error inside Rill */
} RillCode;

typedef struct RillStatus RillStatus;

/* A new status, RILL_OK. Free it with rill_status_delete. */
RillStatus* rill_status_new(void);
void rill_status_delete(RillStatus* status);
/* The code of the last call given this status; RILL_INVALID_ARGUMENT for a dead status. */
RillCode rill_status_code(const RillStatus* status);
/* The message of the last call ("" after success); owned by the status. */
const char* rill_status_message(const RillStatus* status);

/* ---- Tensors ------------------------------------------------------------------------- */

typedef enum RillDType {
  RILL_FLOAT32 = 0,
  RILL_FLOAT64 = 1,
  RILL_INT32 = 2,
  RILL_INT64 = 3,
  RILL_UINT8 = 4,
  RILL_BOOL = 5
} RillDType;

/* The size of one element in bytes, or 0 for a value that is not a dtype. */
size_t rill_dtype_size(RillDType dtype);
/* The dtype's name ("float32" …), or "invalid"; a static string. */
const char* rill_dtype_name(RillDType dtype);

typedef struct RillTensor RillTensor;

/* A tensor of `dtype` and shape dims[0..rank) holding a copy of `byte_count` bytes at `data`,
 * which must be exactly the element count times rill_dtype_size(dtype). `dims` may be NULL
 * when rank is 0 (a scalar); `data` may be NULL when there are no elements. */
RillTensor* rill_tensor_new(RillDType dtype, const int64_t* dims, int32_t rank,
                            const void* data, size_t byte_count, RillStatus* status);
/* A tensor of zeros. */
RillTensor* rill_tensor_zeros(RillDType dtype, const int64_t* dims, int32_t rank,
                              RillStatus* status);
void rill_tensor_delete(RillTensor* tensor);

/* Facts about a tensor; -1 for a tensor that is not live (and dtype -1 likewise). */
int32_t rill_tensor_dtype(const RillTensor* tensor);
int32_t rill_tensor_rank(const RillTensor* tensor);
/* The size of dimension `axis` (0 ≤ axis < rank), or -1. */
int64_t rill_tensor_dim(const RillTensor* tensor, int32_t axis);
int64_t rill_tensor_element_count(const RillTensor* tensor);
int64_t rill_tensor_byte_count(const RillTensor* tensor);
/* Copies the elements into `buffer`, which has room for `byte_count` bytes: exactly
 * rill_tensor_byte_count(tensor). Returns 0, or -1 on error. */
int32_t rill_tensor_copy_data(const RillTensor* tensor, void* buffer, size_t byte_count,
                              RillStatus* status);

/* ---- Eager ops ----------------------------------------------------------------------- */

/* Attributes of an op: named ints, floats, bools, int lists, strings and dtypes. Setting a
 * name again replaces its value. */
typedef struct RillAttrs RillAttrs;

RillAttrs* rill_attrs_new(void);
void rill_attrs_delete(RillAttrs* attrs);
/* Each returns 0, or -1 for a dead attribute set or a NULL name (or list with count > 0). */
int32_t rill_attrs_set_int(RillAttrs* attrs, const char* name, int64_t value);
int32_t rill_attrs_set_float(RillAttrs* attrs, const char* name, double value);
int32_t rill_attrs_set_bool(RillAttrs* attrs, const char* name, int32_t value);
int32_t rill_attrs_set_ints(RillAttrs* attrs, const char* name, const int64_t* values,
                            int32_t count);
int32_t rill_attrs_set_string(RillAttrs* attrs, const char* name, const char* value);

/* Runs the op named `op` on `inputs[0..input_count)` with `attrs` (NULL for none) and returns
 * its result, a new tensor. Operands broadcast as in NumPy and mixed dtypes promote as in
 * Rill (bool < uint8 < int32 < int64 < float32 < float64). Ops (TensorFlow's names):
 *
 *   2 inputs, broadcast: add sub mul div pow maximum minimum floormod squared_difference
 *                        equal not_equal less less_equal greater greater_equal
 *                        logical_and logical_or
 *   1 input:  neg abs sign square sqrt rsqrt exp log log1p expm1 sin cos tanh sigmoid floor
 *             ceil round reciprocal relu erf logical_not; relu6 selu softplus softsign silu,
 *             leaky_relu (float "alpha" = 0.2), elu ("alpha" = 1), gelu (bool "approximate")
 *   softmax, log_softmax:  int "axis" = -1
 *   matmul:                bool "transpose_a", "transpose_b"
 *   reduce_sum reduce_mean reduce_max reduce_min reduce_prod:
 *                          ints "axis" (all axes when unset), bool "keep_dims"
 *   argmax, argmin:        int "axis" = 0 (result int64)
 *   conv2d (input NHWC, filter HWIO): ints "strides" = [1, 1], string "padding" = "VALID"
 *                          or "SAME", ints "dilations" = [1, 1]
 *   max_pool2d, avg_pool2d: ints "ksize" (required), ints "strides" = ksize, "padding"
 *   bias_add (x, bias of x's last dimension)
 *   reshape: ints "shape" (one -1 inferred);  transpose: ints "perm" (reversed when unset)
 *   cast: int "dtype" (a RillDType)
 *
 * Lists of two (strides, ksize, dilations) may also be given in TensorFlow's NHWC form of
 * four, [1, h, w, 1]. Unknown attribute names are refused. */
RillTensor* rill_execute(const char* op, const RillTensor* const* inputs, int32_t input_count,
                         const RillAttrs* attrs, RillStatus* status);

/* ---- Logs ---------------------------------------------------------------------------- */

/* Named numbers reported by training and evaluation ("loss", "accuracy", "val_loss" …), in
 * the order of their names. */
typedef struct RillLogs RillLogs;

void rill_logs_delete(RillLogs* logs);
/* The number of entries, or -1. */
int32_t rill_logs_count(const RillLogs* logs);
/* The name of entry `index`, owned by the logs, or NULL. */
const char* rill_logs_name(const RillLogs* logs, int32_t index);
/* The value of entry `index`, or NaN. */
double rill_logs_value(const RillLogs* logs, int32_t index);
/* The value named `name`, or NaN when there is none. */
double rill_logs_get(const RillLogs* logs, const char* name);

/* ---- Models -------------------------------------------------------------------------- */

typedef struct RillModel RillModel;

/* Loads a model directory written by Rill's model.save(to:) or rill_model_save: the layers,
 * the weights and, when it was compiled, the optimizer, loss, metrics and optimizer state. */
RillModel* rill_model_load(const char* directory, RillStatus* status);

/* A Sequential model from the JSON of a model directory's config.json: "class_name":
 * "Sequential", "config": {"layers": [...]}, and "build_config": {"input_shape": [null, ...],
 * "input_dtype": "float32"}, which says the shape of one example; the model is built (its
 * weights created, with the layers' initializers) for it, and not compiled ("compile_config" is
 * ignored: call rill_model_compile). The layers Rill can check from C are Dense, Flatten,
 * Reshape, Dropout, Activation, ReLU, Softmax, Conv2D, MaxPooling2D, AveragePooling2D,
 * GlobalAveragePooling2D, GlobalMaxPooling2D and LayerNormalization; others are refused. */
RillModel* rill_model_from_json(const char* json, RillStatus* status);

void rill_model_delete(RillModel* model);

/* Sets up training: an optimizer name ("sgd", "adam", "rmsprop", "adagrad" …), a loss name
 * ("sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy",
 * "mean_squared_error"/"mse", "mean_absolute_error"/"mae") and metric names ("accuracy" …;
 * `metrics` may be NULL when metric_count is 0). Returns 0, or -1. */
int32_t rill_model_compile(RillModel* model, const char* optimizer, const char* loss,
                           const char* const* metrics, int32_t metric_count, RillStatus* status);

/* The model's outputs for inputs `x` (examples along the first axis, each of the model's
 * input shape and dtype), computed in batches of `batch_size` (> 0) at inference. */
RillTensor* rill_model_predict(RillModel* model, const RillTensor* x, int64_t batch_size,
                               RillStatus* status);

/* The loss and metrics on (x, y) without training. Labels: integer class indices of shape
 * [examples] for the sparse losses, otherwise floats of the output's shape. */
RillLogs* rill_model_evaluate(RillModel* model, const RillTensor* x, const RillTensor* y,
                              int64_t batch_size, RillStatus* status);

/* Called by rill_model_fit after each epoch (0-based) with the epoch's logs (valid during the
 * call only) and the caller's `user_data`. Returning nonzero stops training after this
 * epoch. */
typedef int32_t (*RillEpochCallback)(int32_t epoch, const RillLogs* logs, void* user_data);

/* Trains on (x, y) for `epochs` passes in batches of `batch_size`, shuffling each epoch, with
 * (validation_x, validation_y) evaluated after each epoch when both are given (NULL for none;
 * their logs are named "val_…"). `callback` may be NULL. Prints nothing. Returns the last
 * epoch's logs (empty for zero epochs), or NULL on error. */
RillLogs* rill_model_fit(RillModel* model, const RillTensor* x, const RillTensor* y,
                         int32_t epochs, int64_t batch_size, const RillTensor* validation_x,
                         const RillTensor* validation_y, RillEpochCallback callback,
                         void* user_data, RillStatus* status);

/* Saves the model into `directory` (created if missing), as model.save(to:) does. Returns 0,
 * or -1. */
int32_t rill_model_save(const RillModel* model, const char* directory, RillStatus* status);

/* The number of dimensions of one example of the model's input (without the batch), or -1;
 * and the size of dimension `axis` of it. */
int32_t rill_model_input_rank(const RillModel* model);
int64_t rill_model_input_dim(const RillModel* model, int32_t axis);

/* ---- Diagnostics --------------------------------------------------------------------- */

/* The number of live handles of every kind (statuses, tensors, attributes, logs, models):
 * a program that deleted everything it made sees 0. */
int64_t rill_live_handle_count(void);

#ifdef __cplusplus
}
#endif

#endif /* RILL_H */
