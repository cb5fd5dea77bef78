// Reduction span kernels.
//
// A span is reduced in 16 interleaved lanes (element i goes to lane i mod 16) which are then
// combined pairwise. The order of operations depends only on the span's length, never on its
// stride or on how the caller split the work, which keeps results bit-identical across thread
// counts; the lanes also let the compiler vectorize a float sum without reassociating it.
#include "rill_kernels.h"

#include <float.h>
#include <math.h>

#include "clones.h"

enum { LANES = 16 };

// `STEP(acc, v)` folds one value into an accumulator.
#define LANE_REDUCE(T, IDENTITY, STEP)                                                         \
  {                                                                                            \
    T acc[LANES];                                                                              \
    for (int j = 0; j < LANES; j++) acc[j] = (IDENTITY);                                       \
    long full = n - n % LANES;                                                                 \
    if (xs == 1) {                                                                             \
      for (long i = 0; i < full; i += LANES)                                                   \
        for (int j = 0; j < LANES; j++) { T v = x[i + j]; STEP(acc[j], v); }                   \
    } else {                                                                                   \
      for (long i = 0; i < full; i += LANES)                                                   \
        for (int j = 0; j < LANES; j++) { T v = x[(i + j) * xs]; STEP(acc[j], v); }            \
    }                                                                                          \
    for (long i = full; i < n; i++) { T v = x[i * xs]; STEP(acc[i - full], v); }               \
    for (int width = LANES / 2; width > 0; width /= 2)                                         \
      for (int j = 0; j < width; j++) { T v = acc[j + width]; STEP(acc[j], v); }              \
    return acc[0];                                                                             \
  }

#define SUM_STEP(acc, v) acc = acc + v
#define PRODUCT_STEP(acc, v) acc = acc * v
// For floats, NaN sticks: once an accumulator holds NaN no comparison replaces it.
#define MAX_STEP(acc, v) acc = (v > acc || v != v) ? v : acc
#define MIN_STEP(acc, v) acc = (v < acc || v != v) ? v : acc

#define REDUCE(NAME, T, LOWEST, HIGHEST)                                                       \
  RILL_CLONES T NAME(rill_reduce_op op, const T *restrict x, long xs, long n) {                \
    switch (op) {                                                                              \
      case rill_reduce_sum: LANE_REDUCE(T, 0, SUM_STEP)                                        \
      case rill_reduce_product: LANE_REDUCE(T, 1, PRODUCT_STEP)                                \
      case rill_reduce_max: LANE_REDUCE(T, LOWEST, MAX_STEP)                                   \
      case rill_reduce_min: LANE_REDUCE(T, HIGHEST, MIN_STEP)                                  \
    }                                                                                          \
    return 0;                                                                                  \
  }

REDUCE(rill_reduce_f32, float, -INFINITY, INFINITY)
REDUCE(rill_reduce_f64, double, -INFINITY, INFINITY)
REDUCE(rill_reduce_i32, int32_t, INT32_MIN, INT32_MAX)
REDUCE(rill_reduce_i64, int64_t, INT64_MIN, INT64_MAX)
REDUCE(rill_reduce_u8, uint8_t, 0, UINT8_MAX)

// Rows are folded eight at a time: one load and store of each accumulator per eight rows, the
// rows' values applied in row order.
enum { ROW_GROUP = 8 };

#define ACCUMULATE_ROWS_LOOP(T, STEP)                                                          \
  {                                                                                            \
    long r = 0;                                                                                \
    for (; r + ROW_GROUP <= rows; r += ROW_GROUP) {                                            \
      const T *restrict x0 = x + offsets[r], *restrict x1 = x + offsets[r + 1];                \
      const T *restrict x2 = x + offsets[r + 2], *restrict x3 = x + offsets[r + 3];            \
      const T *restrict x4 = x + offsets[r + 4], *restrict x5 = x + offsets[r + 5];            \
      const T *restrict x6 = x + offsets[r + 6], *restrict x7 = x + offsets[r + 7];            \
      for (long i = 0; i < n; i++) {                                                           \
        T a = acc[i], v;                                                                       \
        v = x0[i]; STEP(a, v); v = x1[i]; STEP(a, v);                                          \
        v = x2[i]; STEP(a, v); v = x3[i]; STEP(a, v);                                          \
        v = x4[i]; STEP(a, v); v = x5[i]; STEP(a, v);                                          \
        v = x6[i]; STEP(a, v); v = x7[i]; STEP(a, v);                                          \
        acc[i] = a;                                                                            \
      }                                                                                        \
    }                                                                                          \
    for (; r < rows; r++) {                                                                    \
      const T *restrict x0 = x + offsets[r];                                                   \
      for (long i = 0; i < n; i++) { T v = x0[i]; STEP(acc[i], v); }                           \
    }                                                                                          \
  }

#define ACCUMULATE_ROWS(NAME, T)                                                               \
  RILL_CLONES void NAME(rill_reduce_op op, T *restrict acc, const T *x, const long *offsets,   \
                        long rows, long n) {                                                   \
    switch (op) {                                                                              \
      case rill_reduce_sum: ACCUMULATE_ROWS_LOOP(T, SUM_STEP) break;                           \
      case rill_reduce_product: ACCUMULATE_ROWS_LOOP(T, PRODUCT_STEP) break;                   \
      case rill_reduce_max: ACCUMULATE_ROWS_LOOP(T, MAX_STEP) break;                           \
      case rill_reduce_min: ACCUMULATE_ROWS_LOOP(T, MIN_STEP) break;                           \
    }                                                                                          \
  }

ACCUMULATE_ROWS(rill_accumulate_rows_f32, float)
ACCUMULATE_ROWS(rill_accumulate_rows_f64, double)
ACCUMULATE_ROWS(rill_accumulate_rows_i32, int32_t)
ACCUMULATE_ROWS(rill_accumulate_rows_i64, int64_t)
ACCUMULATE_ROWS(rill_accumulate_rows_u8, uint8_t)

// The first NaN wins, as a NaN compares neither larger nor smaller than anything.
#define ARG_EXTREME(NAME, T)                                                                   \
  long NAME(const T *x, long xs, long n, bool smallest) {                                      \
    long best = 0;                                                                             \
    for (long i = 1; i < n; i++) {                                                             \
      T v = x[i * xs], b = x[best * xs];                                                       \
      if (b != b) break;                                                                       \
      if (v != v || (smallest ? v < b : v > b)) best = i;                                      \
    }                                                                                          \
    return best;                                                                               \
  }

ARG_EXTREME(rill_argextreme_f32, float)
ARG_EXTREME(rill_argextreme_f64, double)
ARG_EXTREME(rill_argextreme_i32, int32_t)
ARG_EXTREME(rill_argextreme_i64, int64_t)
ARG_EXTREME(rill_argextreme_u8, uint8_t)

// Integer sums wrap around; the unsigned accumulator makes that defined behaviour in C.
#define CUMSUM(NAME, T, ACC_T)                                                                 \
  void NAME(const T *x, long xs, T *y, long ys, long n, bool exclusive) {                      \
    ACC_T running = 0;                                                                         \
    for (long i = 0; i < n; i++) {                                                             \
      T v = x[i * xs];                                                                         \
      if (exclusive) {                                                                         \
        y[i * ys] = (T)running;                                                                \
        running = running + (ACC_T)v;                                                          \
      } else {                                                                                 \
        running = running + (ACC_T)v;                                                          \
        y[i * ys] = (T)running;                                                                \
      }                                                                                        \
    }                                                                                          \
  }

CUMSUM(rill_cumsum_f32, float, float)
CUMSUM(rill_cumsum_f64, double, double)
CUMSUM(rill_cumsum_i32, int32_t, uint32_t)
CUMSUM(rill_cumsum_i64, int64_t, uint64_t)
CUMSUM(rill_cumsum_u8, uint8_t, uint8_t)
