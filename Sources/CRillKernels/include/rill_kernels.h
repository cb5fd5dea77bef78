// Span kernels of Rill's CPU backend.
//
// Each function works on one span of `n` elements whose operands are addressed by a pointer and a
// stride in elements (0 broadcasts a scalar, 1 is contiguous, anything else is strided). The Swift
// side of the backend (RillCore/Backend/CPU) walks shapes and strides, splits work into chunks and
// threads, and calls these functions on the innermost dimension. The functions are compiled once
// per instruction set (AVX-512, AVX2 + FMA, baseline x86-64) and the loader picks the best clone
// for the machine, so the package needs no compiler flags.
#ifndef RILL_KERNELS_H
#define RILL_KERNELS_H

#include <stdbool.h>
#include <stdint.h>

#define RILL_CLOSED_ENUM __attribute__((enum_extensibility(closed)))

// The operation enums carry explicit values, equal to the raw values of the Swift enums of
// RillCore/Primitives (`UnaryFunction`, `BinaryFunction`, `ComparisonFunction`), which the CPU
// device passes across as they are. `rill_*_op_name` name each value as its Swift case is named,
// and a test compares the two sides: append new functions with the next value on both sides.

/// Elementwise functions of one operand (`rill_unary_logical_not` has its own bool kernel,
/// `rill_logical_not`).
typedef enum RILL_CLOSED_ENUM {
  rill_unary_negate = 0,
  rill_unary_abs = 1,
  rill_unary_sign = 2,
  rill_unary_square = 3,
  rill_unary_sqrt = 4,
  rill_unary_rsqrt = 5,
  rill_unary_exp = 6,
  rill_unary_log = 7,
  rill_unary_log1p = 8,
  rill_unary_expm1 = 9,
  rill_unary_sin = 10,
  rill_unary_cos = 11,
  rill_unary_tanh = 12,
  rill_unary_sigmoid = 13,
  rill_unary_floor = 14,
  rill_unary_ceil = 15,
  rill_unary_round = 16,
  rill_unary_reciprocal = 17,
  rill_unary_relu = 18,
  rill_unary_erf = 19,
  rill_unary_logical_not = 20,
} rill_unary_op;

/// Elementwise functions of two operands with a result of the operands' type.
typedef enum RILL_CLOSED_ENUM {
  rill_binary_add = 0,
  rill_binary_subtract = 1,
  rill_binary_multiply = 2,
  rill_binary_divide = 3,
  rill_binary_pow = 4,
  rill_binary_maximum = 5,
  rill_binary_minimum = 6,
  rill_binary_floor_mod = 7,
} rill_binary_op;

/// Elementwise comparisons and logical connectives, with a bool result.
typedef enum RILL_CLOSED_ENUM {
  rill_compare_equal = 0,
  rill_compare_not_equal = 1,
  rill_compare_less = 2,
  rill_compare_less_equal = 3,
  rill_compare_greater = 4,
  rill_compare_greater_equal = 5,
  rill_compare_logical_and = 6,
  rill_compare_logical_or = 7,
} rill_compare_op;

/// Reductions.
typedef enum RILL_CLOSED_ENUM {
  rill_reduce_sum,
  rill_reduce_product,
  rill_reduce_max,
  rill_reduce_min,
} rill_reduce_op;

/// Element types, in the order of Rill's `DType`.
typedef enum RILL_CLOSED_ENUM {
  rill_float32,
  rill_float64,
  rill_int32,
  rill_int64,
  rill_uint8,
  rill_bool,
} rill_dtype;

/// The name of the Swift `UnaryFunction` case whose raw value is `value`, or NULL for a value
/// that is no `rill_unary_op`.
const char *rill_unary_op_name(int value);
/// The name of the Swift `BinaryFunction` case whose raw value is `value`, or NULL.
const char *rill_binary_op_name(int value);
/// The name of the Swift `ComparisonFunction` case whose raw value is `value`, or NULL.
const char *rill_compare_op_name(int value);

// MARK: The machine

/// The best instruction set the kernels use on this CPU: 4 for AVX-512 (F, BW, DQ, VL), 3 for
/// AVX2 with FMA, 0 for baseline x86-64 (and other architectures).
int rill_cpu_level(void);

// MARK: Elementwise

void rill_unary_f32(rill_unary_op op, const float *x, long xs, float *y, long n);
void rill_unary_f64(rill_unary_op op, const double *x, long xs, double *y, long n);
void rill_unary_i32(rill_unary_op op, const int32_t *x, long xs, int32_t *y, long n);
void rill_unary_i64(rill_unary_op op, const int64_t *x, long xs, int64_t *y, long n);
void rill_unary_u8(rill_unary_op op, const uint8_t *x, long xs, uint8_t *y, long n);
/// Logical not of a bool span.
void rill_logical_not(const bool *x, long xs, bool *y, long n);

void rill_binary_f32(rill_binary_op op, const float *a, long as, const float *b, long bs,
                     float *y, long n);
void rill_binary_f64(rill_binary_op op, const double *a, long as, const double *b, long bs,
                     double *y, long n);
void rill_binary_i32(rill_binary_op op, const int32_t *a, long as, const int32_t *b, long bs,
                     int32_t *y, long n);
void rill_binary_i64(rill_binary_op op, const int64_t *a, long as, const int64_t *b, long bs,
                     int64_t *y, long n);
void rill_binary_u8(rill_binary_op op, const uint8_t *a, long as, const uint8_t *b, long bs,
                    uint8_t *y, long n);

void rill_compare_f32(rill_compare_op op, const float *a, long as, const float *b, long bs,
                      bool *y, long n);
void rill_compare_f64(rill_compare_op op, const double *a, long as, const double *b, long bs,
                      bool *y, long n);
void rill_compare_i32(rill_compare_op op, const int32_t *a, long as, const int32_t *b, long bs,
                      bool *y, long n);
void rill_compare_i64(rill_compare_op op, const int64_t *a, long as, const int64_t *b, long bs,
                      bool *y, long n);
void rill_compare_u8(rill_compare_op op, const uint8_t *a, long as, const uint8_t *b, long bs,
                     bool *y, long n);
void rill_compare_bool(rill_compare_op op, const bool *a, long as, const bool *b, long bs,
                       bool *y, long n);

/// y[i] = c[i] ? a[i] : b[i] for elements of `width` bytes (1, 4 or 8).
void rill_select(int width, const bool *c, long cs, const void *a, long as, const void *b,
                 long bs, void *y, long n);

/// Converts `n` elements from one type to another. Floats convert to integers by truncation
/// toward zero, saturating at the target's range, with NaN giving 0; anything nonzero is true.
void rill_cast(rill_dtype from, const void *x, long xs, rill_dtype to, void *y, long n);

/// Copies `n` elements of `width` bytes (1, 2, 4 or 8) between strided spans.
void rill_copy(int width, const void *x, long xs, void *y, long ys, long n);

// MARK: Reductions

/// Reduces a span to one value with a fixed order of operations (16 interleaved partial results
/// combined pairwise), so the result does not depend on how callers split work.
float rill_reduce_f32(rill_reduce_op op, const float *x, long xs, long n);
double rill_reduce_f64(rill_reduce_op op, const double *x, long xs, long n);
int32_t rill_reduce_i32(rill_reduce_op op, const int32_t *x, long xs, long n);
int64_t rill_reduce_i64(rill_reduce_op op, const int64_t *x, long xs, long n);
uint8_t rill_reduce_u8(rill_reduce_op op, const uint8_t *x, long xs, long n);

/// acc[i] = op(acc[i], x[offsets[r] + i]) for each row r in 0..<rows in order, then each i in
/// 0..<n: the rows of a reduction over outer axes folded into one output row. Each output
/// element sees its rows in order, so the result equals `rows` single-row passes; the kernel
/// reads several rows per pass over `acc` to keep it in registers.
void rill_accumulate_rows_f32(rill_reduce_op op, float *acc, const float *x, const long *offsets,
                              long rows, long n);
void rill_accumulate_rows_f64(rill_reduce_op op, double *acc, const double *x,
                              const long *offsets, long rows, long n);
void rill_accumulate_rows_i32(rill_reduce_op op, int32_t *acc, const int32_t *x,
                              const long *offsets, long rows, long n);
void rill_accumulate_rows_i64(rill_reduce_op op, int64_t *acc, const int64_t *x,
                              const long *offsets, long rows, long n);
void rill_accumulate_rows_u8(rill_reduce_op op, uint8_t *acc, const uint8_t *x,
                             const long *offsets, long rows, long n);

/// Index of the first largest (or, with `smallest`, smallest) element of a span; NaN wins.
long rill_argextreme_f32(const float *x, long xs, long n, bool smallest);
long rill_argextreme_f64(const double *x, long xs, long n, bool smallest);
long rill_argextreme_i32(const int32_t *x, long xs, long n, bool smallest);
long rill_argextreme_i64(const int64_t *x, long xs, long n, bool smallest);
long rill_argextreme_u8(const uint8_t *x, long xs, long n, bool smallest);

/// Running sums along a span: y[i] = x[0] + ... + x[i], or without x[i] when `exclusive`.
void rill_cumsum_f32(const float *x, long xs, float *y, long ys, long n, bool exclusive);
void rill_cumsum_f64(const double *x, long xs, double *y, long ys, long n, bool exclusive);
void rill_cumsum_i32(const int32_t *x, long xs, int32_t *y, long ys, long n, bool exclusive);
void rill_cumsum_i64(const int64_t *x, long xs, int64_t *y, long ys, long n, bool exclusive);
void rill_cumsum_u8(const uint8_t *x, long xs, uint8_t *y, long ys, long n, bool exclusive);

#endif
