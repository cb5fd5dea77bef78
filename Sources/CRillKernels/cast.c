// Element type conversion.
#include "rill_kernels.h"

#include "clones.h"

// Float to integer: truncate toward zero, saturate at the target's range, NaN gives 0. C leaves
// out-of-range conversions undefined, so the bounds are checked first.
static inline int32_t saturate_i32(double v) {
  return v != v ? 0 : (v >= 2147483647.0 ? INT32_MAX : (v <= -2147483648.0 ? INT32_MIN : (int32_t)v));
}
static inline int64_t saturate_i64(double v) {
  return v != v ? 0
                : (v >= 9223372036854775807.0 ? INT64_MAX
                                              : (v <= -9223372036854775808.0 ? INT64_MIN : (int64_t)v));
}
static inline uint8_t saturate_u8(double v) {
  return v != v ? 0 : (v >= 255.0 ? 255 : (v <= 0.0 ? 0 : (uint8_t)v));
}

#define CONVERT(FROM_T, TO_T, EXPR)                                                            \
  {                                                                                            \
    const FROM_T *restrict src = x;                                                            \
    TO_T *restrict dst = y;                                                                    \
    if (xs == 1) {                                                                             \
      for (long i = 0; i < n; i++) { FROM_T v = src[i]; dst[i] = (EXPR); }                     \
    } else {                                                                                   \
      for (long i = 0; i < n; i++) { FROM_T v = src[i * xs]; dst[i] = (EXPR); }                \
    }                                                                                          \
    return;                                                                                    \
  }

#define FROM_FLOAT(FROM_T)                                                                     \
  switch (to) {                                                                                \
    case rill_float32: CONVERT(FROM_T, float, (float)v)                                        \
    case rill_float64: CONVERT(FROM_T, double, (double)v)                                      \
    case rill_int32: CONVERT(FROM_T, int32_t, saturate_i32(v))                                 \
    case rill_int64: CONVERT(FROM_T, int64_t, saturate_i64(v))                                 \
    case rill_uint8: CONVERT(FROM_T, uint8_t, saturate_u8(v))                                  \
    case rill_bool: CONVERT(FROM_T, bool, v != 0)                                              \
  }

// Integer to integer wraps around (keeps the low bits), as in C and TensorFlow.
#define FROM_INTEGER(FROM_T)                                                                   \
  switch (to) {                                                                                \
    case rill_float32: CONVERT(FROM_T, float, (float)v)                                        \
    case rill_float64: CONVERT(FROM_T, double, (double)v)                                      \
    case rill_int32: CONVERT(FROM_T, int32_t, (int32_t)v)                                      \
    case rill_int64: CONVERT(FROM_T, int64_t, (int64_t)v)                                      \
    case rill_uint8: CONVERT(FROM_T, uint8_t, (uint8_t)v)                                      \
    case rill_bool: CONVERT(FROM_T, bool, v != 0)                                              \
  }

RILL_CLONES void rill_cast(rill_dtype from, const void *restrict x, long xs, rill_dtype to,
                           void *restrict y, long n) {
  switch (from) {
    case rill_float32: FROM_FLOAT(float)
    case rill_float64: FROM_FLOAT(double)
    case rill_int32: FROM_INTEGER(int32_t)
    case rill_int64: FROM_INTEGER(int64_t)
    case rill_uint8: FROM_INTEGER(uint8_t)
    case rill_bool: FROM_INTEGER(bool)
  }
}
