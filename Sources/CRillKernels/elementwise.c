// Elementwise span kernels: unary functions, binary arithmetic, comparisons and select.
#include "rill_kernels.h"

#include <math.h>
#include <string.h>

#include "clones.h"
#include "fast_math.h"

// The loop body `EXPR` reads `v` (unary) or `u` and `v` (binary). Each span has a contiguous
// fast path, a scalar-broadcast path and a general strided path.
#define UNARY_LOOP(T, EXPR)                                                                  \
  if (xs == 1) {                                                                             \
    for (long i = 0; i < n; i++) { T v = x[i]; y[i] = (EXPR); }                              \
  } else {                                                                                   \
    for (long i = 0; i < n; i++) { T v = x[i * xs]; y[i] = (EXPR); }                         \
  }

#define BINARY_LOOP(T, EXPR)                                                                 \
  if (as == 1 && bs == 1) {                                                                  \
    for (long i = 0; i < n; i++) { T u = a[i]; T v = b[i]; y[i] = (EXPR); }                  \
  } else if (as == 0 && bs == 1) {                                                           \
    T u = a[0];                                                                              \
    for (long i = 0; i < n; i++) { T v = b[i]; y[i] = (EXPR); }                              \
  } else if (as == 1 && bs == 0) {                                                           \
    T v = b[0];                                                                              \
    for (long i = 0; i < n; i++) { T u = a[i]; y[i] = (EXPR); }                              \
  } else {                                                                                   \
    for (long i = 0; i < n; i++) { T u = a[i * as]; T v = b[i * bs]; y[i] = (EXPR); }        \
  }

// MARK: Unary

// Unary and binary kernels may write their output over an input (a variable updated in place),
// so their pointers are not `restrict`: the compiler checks for overlap before vectorizing.

RILL_CLONES void rill_unary_f32(rill_unary_op op, const float *x, long xs,
                                float *y, long n) {
  switch (op) {
    case rill_unary_negate: UNARY_LOOP(float, -v) break;
    case rill_unary_abs: UNARY_LOOP(float, fabsf(v)) break;
    case rill_unary_sign: UNARY_LOOP(float, v > 0.0f ? 1.0f : (v < 0.0f ? -1.0f : v)) break;
    case rill_unary_square: UNARY_LOOP(float, v * v) break;
    case rill_unary_sqrt: UNARY_LOOP(float, rill_sqrtf(v)) break;
    case rill_unary_rsqrt: UNARY_LOOP(float, 1.0f / rill_sqrtf(v)) break;
    case rill_unary_exp: UNARY_LOOP(float, rill_expf(v)) break;
    case rill_unary_log: UNARY_LOOP(float, rill_logf(v)) break;
    case rill_unary_log1p: UNARY_LOOP(float, log1pf(v)) break;
    case rill_unary_expm1: UNARY_LOOP(float, expm1f(v)) break;
    case rill_unary_sin: UNARY_LOOP(float, sinf(v)) break;
    case rill_unary_cos: UNARY_LOOP(float, cosf(v)) break;
    case rill_unary_tanh: UNARY_LOOP(float, rill_tanhf(v)) break;
    case rill_unary_sigmoid: UNARY_LOOP(float, 1.0f / (1.0f + rill_expf(-v))) break;
    case rill_unary_floor: UNARY_LOOP(float, floorf(v)) break;
    case rill_unary_ceil: UNARY_LOOP(float, ceilf(v)) break;
    case rill_unary_round: UNARY_LOOP(float, rintf(v)) break;
    case rill_unary_reciprocal: UNARY_LOOP(float, 1.0f / v) break;
    case rill_unary_relu: UNARY_LOOP(float, v < 0.0f ? 0.0f : v) break;
    case rill_unary_erf: UNARY_LOOP(float, erff(v)) break;
    case rill_unary_logical_not: break;  // bool spans only: rill_logical_not
  }
}

RILL_CLONES void rill_unary_f64(rill_unary_op op, const double *x, long xs,
                                double *y, long n) {
  switch (op) {
    case rill_unary_negate: UNARY_LOOP(double, -v) break;
    case rill_unary_abs: UNARY_LOOP(double, fabs(v)) break;
    case rill_unary_sign: UNARY_LOOP(double, v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : v)) break;
    case rill_unary_square: UNARY_LOOP(double, v * v) break;
    case rill_unary_sqrt: UNARY_LOOP(double, rill_sqrt(v)) break;
    case rill_unary_rsqrt: UNARY_LOOP(double, 1.0 / rill_sqrt(v)) break;
    case rill_unary_exp: UNARY_LOOP(double, exp(v)) break;
    case rill_unary_log: UNARY_LOOP(double, log(v)) break;
    case rill_unary_log1p: UNARY_LOOP(double, log1p(v)) break;
    case rill_unary_expm1: UNARY_LOOP(double, expm1(v)) break;
    case rill_unary_sin: UNARY_LOOP(double, sin(v)) break;
    case rill_unary_cos: UNARY_LOOP(double, cos(v)) break;
    case rill_unary_tanh: UNARY_LOOP(double, tanh(v)) break;
    case rill_unary_sigmoid: UNARY_LOOP(double, 1.0 / (1.0 + exp(-v))) break;
    case rill_unary_floor: UNARY_LOOP(double, floor(v)) break;
    case rill_unary_ceil: UNARY_LOOP(double, ceil(v)) break;
    case rill_unary_round: UNARY_LOOP(double, rint(v)) break;
    case rill_unary_reciprocal: UNARY_LOOP(double, 1.0 / v) break;
    case rill_unary_relu: UNARY_LOOP(double, v < 0.0 ? 0.0 : v) break;
    case rill_unary_erf: UNARY_LOOP(double, erf(v)) break;
    case rill_unary_logical_not: break;  // bool spans only: rill_logical_not
  }
}

// Integer types have the functions that keep integers integral; the Swift side converts to
// float before any other function. Arithmetic wraps around, as in TensorFlow.
#define INTEGER_UNARY(NAME, T, UT, IS_SIGNED)                                                  \
  RILL_CLONES void NAME(rill_unary_op op, const T *x, long xs, T *y,         \
                        long n) {                                                              \
    switch (op) {                                                                              \
      case rill_unary_negate: UNARY_LOOP(T, (T)(0u - (UT)v)) break;                            \
      case rill_unary_abs: UNARY_LOOP(T, (IS_SIGNED && v < 0) ? (T)(0u - (UT)v) : v) break;    \
      case rill_unary_sign: UNARY_LOOP(T, (T)((v > 0) - (IS_SIGNED && v < 0))) break;          \
      case rill_unary_square: UNARY_LOOP(T, (T)((UT)v * (UT)v)) break;                         \
      case rill_unary_relu: UNARY_LOOP(T, (IS_SIGNED && v < 0) ? 0 : v) break;                 \
      case rill_unary_floor:                                                                   \
      case rill_unary_ceil:                                                                    \
      case rill_unary_round: UNARY_LOOP(T, v) break;                                           \
      default: break;                                                                          \
    }                                                                                          \
  }

INTEGER_UNARY(rill_unary_i32, int32_t, uint32_t, 1)
INTEGER_UNARY(rill_unary_i64, int64_t, uint64_t, 1)
INTEGER_UNARY(rill_unary_u8, uint8_t, uint8_t, 0)

RILL_CLONES void rill_logical_not(const bool *x, long xs, bool *y, long n) {
  UNARY_LOOP(bool, !v)
}

// MARK: Binary

RILL_CLONES void rill_binary_f32(rill_binary_op op, const float *a, long as,
                                 const float *b, long bs, float *y, long n) {
  switch (op) {
    case rill_binary_add: BINARY_LOOP(float, u + v) break;
    case rill_binary_subtract: BINARY_LOOP(float, u - v) break;
    case rill_binary_multiply: BINARY_LOOP(float, u * v) break;
    case rill_binary_divide: BINARY_LOOP(float, u / v) break;
    case rill_binary_pow: BINARY_LOOP(float, powf(u, v)) break;
    // NaN propagates from either side (u + v is NaN then), as in TensorFlow.
    case rill_binary_maximum: BINARY_LOOP(float, (u != u || v != v) ? u + v : (u > v ? u : v)) break;
    case rill_binary_minimum: BINARY_LOOP(float, (u != u || v != v) ? u + v : (u < v ? u : v)) break;
    case rill_binary_floor_mod: BINARY_LOOP(float, u - floorf(u / v) * v) break;
  }
}

RILL_CLONES void rill_binary_f64(rill_binary_op op, const double *a, long as,
                                 const double *b, long bs, double *y, long n) {
  switch (op) {
    case rill_binary_add: BINARY_LOOP(double, u + v) break;
    case rill_binary_subtract: BINARY_LOOP(double, u - v) break;
    case rill_binary_multiply: BINARY_LOOP(double, u * v) break;
    case rill_binary_divide: BINARY_LOOP(double, u / v) break;
    case rill_binary_pow: BINARY_LOOP(double, pow(u, v)) break;
    case rill_binary_maximum: BINARY_LOOP(double, (u != u || v != v) ? u + v : (u > v ? u : v)) break;
    case rill_binary_minimum: BINARY_LOOP(double, (u != u || v != v) ? u + v : (u < v ? u : v)) break;
    case rill_binary_floor_mod: BINARY_LOOP(double, u - floor(u / v) * v) break;
  }
}

// Integer division floors, as Python's // and TensorFlow's floordiv do, and the modulo takes the
// divisor's sign. A zero divisor gives 0 instead of a hardware trap; MIN / -1 wraps to MIN.
#define INTEGER_DIVISION(T, UT, DIV, MOD)                                                      \
  static inline T DIV(T u, T v) {                                                              \
    if (v == 0) return 0;                                                                      \
    if ((T)-1 < 0 && v == (T)-1) return (T)(0u - (UT)u);                                       \
    T q = u / v;                                                                               \
    return (u % v != 0 && ((u < 0) != (v < 0))) ? q - 1 : q;                                  \
  }                                                                                            \
  static inline T MOD(T u, T v) {                                                              \
    if (v == 0 || ((T)-1 < 0 && v == (T)-1)) return 0;                                         \
    T r = u % v;                                                                               \
    return (r != 0 && ((r < 0) != (v < 0))) ? r + v : r;                                       \
  }

INTEGER_DIVISION(int32_t, uint32_t, rill_floor_div_i32, rill_floor_mod_i32)
INTEGER_DIVISION(int64_t, uint64_t, rill_floor_div_i64, rill_floor_mod_i64)
INTEGER_DIVISION(uint8_t, uint8_t, rill_floor_div_u8, rill_floor_mod_u8)

#define INTEGER_BINARY(NAME, POW, DIV, MOD, T, UT)                                                       \
  static inline T POW(T base, T exponent) {                                                    \
    if (exponent < 0) return base == 1 ? 1 : (base == (T)-1 ? ((exponent & 1) ? base : 1) : 0); \
    UT result = 1, b = (UT)base;                                                               \
    for (T e = exponent; e > 0; e >>= 1) {                                                     \
      if (e & 1) result *= b;                                                                  \
      b *= b;                                                                                  \
    }                                                                                          \
    return (T)result;                                                                          \
  }                                                                                            \
  RILL_CLONES void NAME(rill_binary_op op, const T *a, long as, const T *b,  \
                        long bs, T *y, long n) {                                      \
    switch (op) {                                                                              \
      case rill_binary_add: BINARY_LOOP(T, (T)((UT)u + (UT)v)) break;                          \
      case rill_binary_subtract: BINARY_LOOP(T, (T)((UT)u - (UT)v)) break;                     \
      case rill_binary_multiply: BINARY_LOOP(T, (T)((UT)u * (UT)v)) break;                     \
      case rill_binary_divide: BINARY_LOOP(T, DIV(u, v)) break;               \
      case rill_binary_pow: BINARY_LOOP(T, POW(u, v)) break;                                   \
      case rill_binary_maximum: BINARY_LOOP(T, u > v ? u : v) break;                           \
      case rill_binary_minimum: BINARY_LOOP(T, u < v ? u : v) break;                           \
      case rill_binary_floor_mod: BINARY_LOOP(T, MOD(u, v)) break;            \
    }                                                                                          \
  }

INTEGER_BINARY(rill_binary_i32, rill_pow_i32, rill_floor_div_i32, rill_floor_mod_i32, int32_t, uint32_t)
INTEGER_BINARY(rill_binary_i64, rill_pow_i64, rill_floor_div_i64, rill_floor_mod_i64, int64_t, uint64_t)
INTEGER_BINARY(rill_binary_u8, rill_pow_u8, rill_floor_div_u8, rill_floor_mod_u8, uint8_t, uint8_t)

// MARK: Comparisons

#define COMPARE(NAME, T)                                                                       \
  RILL_CLONES void NAME(rill_compare_op op, const T *restrict a, long as, const T *restrict b, \
                        long bs, bool *restrict y, long n) {                                   \
    switch (op) {                                                                              \
      case rill_compare_equal: BINARY_LOOP(T, u == v) break;                                   \
      case rill_compare_not_equal: BINARY_LOOP(T, u != v) break;                               \
      case rill_compare_less: BINARY_LOOP(T, u < v) break;                                     \
      case rill_compare_less_equal: BINARY_LOOP(T, u <= v) break;                              \
      case rill_compare_greater: BINARY_LOOP(T, u > v) break;                                  \
      case rill_compare_greater_equal: BINARY_LOOP(T, u >= v) break;                           \
      case rill_compare_logical_and: BINARY_LOOP(T, u && v) break;                             \
      case rill_compare_logical_or: BINARY_LOOP(T, u || v) break;                              \
    }                                                                                          \
  }

COMPARE(rill_compare_f32, float)
COMPARE(rill_compare_f64, double)
COMPARE(rill_compare_i32, int32_t)
COMPARE(rill_compare_i64, int64_t)
COMPARE(rill_compare_u8, uint8_t)
COMPARE(rill_compare_bool, bool)

// MARK: Select

#define SELECT_LOOP(T)                                                                         \
  {                                                                                            \
    const T *restrict ta = a;                                                                  \
    const T *restrict tb = b;                                                                  \
    T *restrict ty = y;                                                                        \
    if (cs == 1 && as == 1 && bs == 1) {                                                       \
      for (long i = 0; i < n; i++) ty[i] = c[i] ? ta[i] : tb[i];                               \
    } else if (cs == 1 && as == 1 && bs == 0) {                                                \
      const T v = tb[0];                                                                       \
      for (long i = 0; i < n; i++) ty[i] = c[i] ? ta[i] : v;                                   \
    } else if (cs == 1 && as == 0 && bs == 1) {                                                \
      const T u = ta[0];                                                                       \
      for (long i = 0; i < n; i++) ty[i] = c[i] ? u : tb[i];                                   \
    } else {                                                                                   \
      for (long i = 0; i < n; i++) ty[i] = c[i * cs] ? ta[i * as] : tb[i * bs];                \
    }                                                                                          \
  }

RILL_CLONES void rill_select(int width, const bool *restrict c, long cs, const void *restrict a,
                             long as, const void *restrict b, long bs, void *restrict y, long n) {
  switch (width) {
    case 1: SELECT_LOOP(uint8_t) break;
    case 4: SELECT_LOOP(uint32_t) break;
    case 8: SELECT_LOOP(uint64_t) break;
    default: break;
  }
}

// MARK: Copy

#define COPY_LOOP(T)                                                                           \
  {                                                                                            \
    const T *restrict src = x;                                                                 \
    T *restrict dst = y;                                                                       \
    for (long i = 0; i < n; i++) dst[i * ys] = src[i * xs];                                    \
  }

void rill_copy(int width, const void *restrict x, long xs, void *restrict y, long ys, long n) {
  if (xs == 1 && ys == 1) {
    memcpy(y, x, (size_t)n * (size_t)width);
    return;
  }
  switch (width) {
    case 1: COPY_LOOP(uint8_t) break;
    case 2: COPY_LOOP(uint16_t) break;
    case 4: COPY_LOOP(uint32_t) break;
    case 8: COPY_LOOP(uint64_t) break;
    default: break;
  }
}
