// Vectorizable float32 approximations of exp, log and tanh for the span kernels.
//
// They are plain C on purpose: written as branch-free selects over bit patterns, the compiler
// turns each loop that calls them into AVX-512, AVX2 or SSE2 code. Accuracy is within a few ulp
// over the whole float range, including infinities, NaN, zeros and subnormal results.
#ifndef RILL_FAST_MATH_H
#define RILL_FAST_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

// Square roots that vectorize: `sqrtf` may set errno for negative inputs, which keeps a loop
// that calls it scalar unless the whole target builds with -fno-math-errno. Clang's elementwise
// builtin is the same correctly rounded IEEE square root (NaN for negative inputs) without errno.
#if defined(__has_builtin)
#if __has_builtin(__builtin_elementwise_sqrt)
#define RILL_HAS_ELEMENTWISE_SQRT 1
#endif
#endif

static inline float rill_sqrtf(float x) {
#ifdef RILL_HAS_ELEMENTWISE_SQRT
  return __builtin_elementwise_sqrt(x);
#else
  return sqrtf(x);
#endif
}

static inline double rill_sqrt(double x) {
#ifdef RILL_HAS_ELEMENTWISE_SQRT
  return __builtin_elementwise_sqrt(x);
#else
  return sqrt(x);
#endif
}

static inline float rill_bits_to_float(int32_t bits) {
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

static inline int32_t rill_float_to_bits(float f) {
  int32_t bits;
  memcpy(&bits, &f, sizeof bits);
  return bits;
}

/// e^x. Writes x = k ln 2 + r with |r| <= ln 2 / 2 (ln 2 split in two parts so that k ln 2 is
/// exact), evaluates e^r by its Taylor polynomial to degree 7 (error < 2^-27 on that interval),
/// and scales by 2^k in two halves so that results between FLT_MIN and 2^-149 stay subnormal
/// instead of flushing, and results past FLT_MAX become infinity.
static inline float rill_expf(float x) {
  float clamped = x < -104.0f ? -104.0f : (x > 89.0f ? 89.0f : x);
  float k = rintf(clamped * 1.44269504088896341f);
  float r = clamped - k * 0.693145751953125f;
  r = r - k * 1.42860682030941723212e-6f;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  int32_t ki = (int32_t)k;
  int32_t half = ki / 2;
  float scale1 = rill_bits_to_float((half + 127) << 23);
  float scale2 = rill_bits_to_float((ki - half + 127) << 23);
  float result = p * scale1 * scale2;
  return x != x ? x : result;
}

/// ln x. Writes x = m 2^e with m in [sqrt(1/2), sqrt(2)), so that ln x = e ln 2 + ln m, and
/// ln m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| < 0.172, summed as the odd series
/// 2 (s + s^3/3 + ... + s^11/11), whose remainder is below 2^-35. Subnormal inputs are scaled
/// by 2^24 first.
static inline float rill_logf(float x) {
  int subnormal = x < 1.17549435e-38f;
  float scaled = subnormal ? x * 16777216.0f : x;
  int32_t bits = rill_float_to_bits(scaled);
  // Bias the exponent so that the mantissa lands in [sqrt(1/2), sqrt(2)).
  int32_t shifted = bits - 0x3f3504f3;
  int32_t e = shifted >> 23;
  float m = rill_bits_to_float((shifted & 0x007fffff) + 0x3f3504f3);
  float s = (m - 1.0f) / (m + 1.0f);
  float s2 = s * s;
  float series = 1.0f / 11.0f;
  series = series * s2 + 1.0f / 9.0f;
  series = series * s2 + 1.0f / 7.0f;
  series = series * s2 + 1.0f / 5.0f;
  series = series * s2 + 1.0f / 3.0f;
  series = series * s2 + 1.0f;
  float exponent = (float)e - (subnormal ? 24.0f : 0.0f);
  float result = exponent * 0.693145751953125f + (2.0f * s * series + exponent * 1.42860682030941723212e-6f);
  result = x == 0.0f ? -INFINITY : result;
  result = x < 0.0f ? NAN : result;
  result = x == INFINITY ? INFINITY : result;
  return x != x ? x : result;
}

/// tanh x. Near zero (|x| < 0.5) its odd Taylor series to x^17, whose remainder is below 2^-26
/// relative; elsewhere 1 - 2 / (e^{2|x|} + 1) with the sign restored, which is exact to rounding
/// once the result is at least tanh(1/2) and reaches 1 for large |x| without overflow.
static inline float rill_tanhf(float x) {
  float a = fabsf(x);
  float x2 = x * x;
  float series = 6404582.0f / 10854718875.0f;
  series = series * x2 - 929569.0f / 638512875.0f;
  series = series * x2 + 21844.0f / 6081075.0f;
  series = series * x2 - 1382.0f / 155925.0f;
  series = series * x2 + 62.0f / 2835.0f;
  series = series * x2 - 17.0f / 315.0f;
  series = series * x2 + 2.0f / 15.0f;
  series = series * x2 - 1.0f / 3.0f;
  float small = x + x * x2 * series;
  float large = 1.0f - 2.0f / (rill_expf(2.0f * (a < 20.0f ? a : 20.0f)) + 1.0f);
  large = x < 0.0f ? -large : large;
  float result = a < 0.5f ? small : large;
  return x != x ? x : result;
}

#endif
