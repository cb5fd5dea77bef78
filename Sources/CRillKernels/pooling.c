// Pooling kernels over dense NHWC images (see rill_convolution.h). Channels are innermost, so
// every loop over a window's cell runs over contiguous channels and vectorizes; per-channel
// state (running maxima and their taps) lives on the stack in blocks of BLOCK channels.
#include <stdbool.h>
#include <string.h>

#include "clones.h"
#include "rill_convolution.h"

enum { BLOCK = 64 };

// The taps [*low, *high) of window `w` that read cells inside the input (pooling has no
// dilation), and the input cell of tap 0.
static inline int64_t taps(const rill_window_axis *a, int64_t w, int64_t *low, int64_t *high) {
  int64_t start = w * a->stride - a->pad_before;
  int64_t end = a->input - start;
  *low = start < 0 ? -start : 0;
  *high = end < a->window ? end : a->window;
  return start;
}

// Whether some window covers input cell `cell` of an axis whose windows do not overlap.
static inline bool covered(const rill_window_axis *a, int64_t cell) {
  int64_t w = (cell + a->pad_before) / a->stride;
  return w < a->output && cell + a->pad_before - w * a->stride < a->window;
}

// For each of `n` channels of window (i, j) of image `image`, the tap (p * window + q) of the
// first largest cell: later cells must be strictly larger, so ties keep the first and NaN never
// displaces a number (TensorFlow's rule).
#define ARGMAX_BLOCK(T)                                                                        \
  static inline void argmax_block_##T(const rill_window_geometry *g, const T *restrict image,  \
                                      int64_t i, int64_t j, int64_t c0, int64_t n,              \
                                      int32_t *restrict tap) {                                 \
    const int64_t C = g->channels, W = g->width.input, KW = g->width.window;                   \
    int64_t p0, p1, q0, q1;                                                                    \
    int64_t row0 = taps(&g->height, i, &p0, &p1), col0 = taps(&g->width, j, &q0, &q1);         \
    T best[BLOCK];                                                                             \
    const T *start = image + ((row0 + p0) * W + col0 + q0) * C + c0;                           \
    for (int64_t c = 0; c < n; c++) {                                                          \
      best[c] = start[c];                                                                      \
      tap[c] = (int32_t)(p0 * KW + q0);                                                        \
    }                                                                                          \
    for (int64_t p = p0; p < p1; p++)                                                          \
      for (int64_t q = q0; q < q1; q++) {                                                      \
        const T *cell = image + ((row0 + p) * W + col0 + q) * C + c0;                          \
        int32_t k = (int32_t)(p * KW + q);                                                     \
        for (int64_t c = 0; c < n; c++) {                                                      \
          bool larger = cell[c] > best[c];                                                     \
          best[c] = larger ? cell[c] : best[c];                                                \
          tap[c] = larger ? k : tap[c];                                                        \
        }                                                                                      \
      }                                                                                        \
  }

// The input offset (in elements, within the image) of tap k of window (i, j).
static inline int64_t tap_offset(const rill_window_geometry *g, int64_t i, int64_t j, int32_t k) {
  int64_t p = k / g->width.window, q = k % g->width.window;
  int64_t row = i * g->height.stride - g->height.pad_before + p;
  int64_t col = j * g->width.stride - g->width.pad_before + q;
  return (row * g->width.input + col) * g->channels;
}

#define POOLING(T, SUFFIX)                                                                     \
  ARGMAX_BLOCK(T)                                                                              \
                                                                                               \
  /* Output rows [first, first + count) (row r is row r % OH of image r / OH): each cell is    \
     the maximum of the input cells under its window or, with `average`, their mean; padding   \
     never counts. Always inlined, so that each clone below compiles it for its instruction    \
     set. */                                                                                   \
  static inline __attribute__((always_inline)) void pool2d_##SUFFIX(                           \
      const rill_window_geometry *g, const T *restrict x, T *restrict y, int64_t first,        \
      int64_t count, bool average) {                                                           \
    const int64_t C = g->channels, H = g->height.input, W = g->width.input;                    \
    const int64_t OH = g->height.output, OW = g->width.output;                                 \
    for (int64_t r = first; r < first + count; r++) {                                          \
      const T *image = x + (r / OH) * H * W * C;                                               \
      int64_t p0, p1, row0 = taps(&g->height, r % OH, &p0, &p1);                               \
      for (int64_t j = 0; j < OW; j++) {                                                       \
        int64_t q0, q1, col0 = taps(&g->width, j, &q0, &q1);                                   \
        T *restrict out = y + (r * OW + j) * C;                                                \
        const T *start = image + ((row0 + p0) * W + col0 + q0) * C;                            \
        for (int64_t c = 0; c < C; c++) out[c] = average ? 0 : start[c];                       \
        for (int64_t p = p0; p < p1; p++)                                                      \
          for (int64_t q = q0; q < q1; q++) {                                                  \
            const T *cell = image + ((row0 + p) * W + col0 + q) * C;                           \
            if (average)                                                                       \
              for (int64_t c = 0; c < C; c++) out[c] += cell[c];                               \
            else                                                                               \
              for (int64_t c = 0; c < C; c++) out[c] = cell[c] > out[c] ? cell[c] : out[c];    \
          }                                                                                    \
        if (average) {                                                                         \
          T cells = (T)((p1 - p0) * (q1 - q0));                                                \
          for (int64_t c = 0; c < C; c++) out[c] /= cells;                                     \
        }                                                                                      \
      }                                                                                        \
    }                                                                                          \
  }                                                                                            \
                                                                                               \
  RILL_CLONES void rill_max_pool2d_##SUFFIX(const rill_window_geometry *g,                     \
                                            const T *restrict x, T *restrict y,                \
                                            int64_t first, int64_t count) {                    \
    pool2d_##SUFFIX(g, x, y, first, count, false);                                             \
  }                                                                                            \
                                                                                               \
  RILL_CLONES void rill_avg_pool2d_##SUFFIX(const rill_window_geometry *g,                     \
                                            const T *restrict x, T *restrict y,                \
                                            int64_t first, int64_t count) {                    \
    pool2d_##SUFFIX(g, x, y, first, count, true);                                              \
  }                                                                                            \
                                                                                               \
  RILL_CLONES void rill_max_pool2d_gather_##SUFFIX(const rill_window_geometry *g,              \
                                                   const T *restrict x, const T *restrict h,   \
                                                   T *restrict y, int64_t first,               \
                                                   int64_t count) {                            \
    const int64_t C = g->channels, size = g->height.input * g->width.input * C;                \
    const int64_t OH = g->height.output, OW = g->width.output;                                 \
    int32_t tap[BLOCK];                                                                        \
    for (int64_t r = first; r < first + count; r++) {                                          \
      int64_t n = r / OH, i = r % OH;                                                          \
      for (int64_t j = 0; j < OW; j++)                                                         \
        for (int64_t c0 = 0; c0 < C; c0 += BLOCK) {                                            \
          int64_t block = C - c0 < BLOCK ? C - c0 : BLOCK;                                     \
          argmax_block_##T(g, x + n * size, i, j, c0, block, tap);                             \
          T *out = y + (r * OW + j) * C + c0;                                                  \
          for (int64_t c = 0; c < block; c++)                                                  \
            out[c] = h[n * size + tap_offset(g, i, j, tap[c]) + c0 + c];                       \
        }                                                                                      \
    }                                                                                          \
  }                                                                                            \
                                                                                               \
  RILL_CLONES void rill_max_pool2d_grad_##SUFFIX(const rill_window_geometry *g,                \
                                                 const T *restrict x, const T *restrict gy,    \
                                                 T *restrict dx, int64_t first,                \
                                                 int64_t count) {                              \
    const int64_t C = g->channels, H = g->height.input, W = g->width.input;                    \
    const int64_t OH = g->height.output, OW = g->width.output, KW = g->width.window;           \
    /* Windows that do not overlap write each covered cell once (the gradient or zero), so    \
       only the uncovered cells need zeroing first; overlapping ones accumulate into zeros. */ \
    const bool disjoint = g->height.stride >= g->height.window &&                              \
                          g->width.stride >= g->width.window;                                  \
    int32_t tap[BLOCK];                                                                        \
    for (int64_t n = first; n < first + count; n++) {                                          \
      const T *image = x + n * H * W * C;                                                      \
      T *target = dx + n * H * W * C;                                                          \
      if (disjoint) {                                                                          \
        for (int64_t row = 0; row < H; row++) {                                                \
          if (!covered(&g->height, row)) {                                                     \
            memset(target + row * W * C, 0, sizeof(T) * W * C);                                \
            continue;                                                                          \
          }                                                                                    \
          for (int64_t col = 0; col < W; col++)                                                \
            if (!covered(&g->width, col)) memset(target + (row * W + col) * C, 0, sizeof(T) * C); \
        }                                                                                      \
      } else {                                                                                 \
        memset(target, 0, sizeof(T) * H * W * C);                                              \
      }                                                                                        \
      for (int64_t i = 0; i < OH; i++)                                                         \
        for (int64_t j = 0; j < OW; j++) {                                                     \
          const T *grad = gy + ((n * OH + i) * OW + j) * C;                                    \
          int64_t p0, p1, q0, q1;                                                              \
          int64_t row0 = taps(&g->height, i, &p0, &p1), col0 = taps(&g->width, j, &q0, &q1);   \
          for (int64_t c0 = 0; c0 < C; c0 += BLOCK) {                                          \
            int64_t block = C - c0 < BLOCK ? C - c0 : BLOCK;                                   \
            argmax_block_##T(g, image, i, j, c0, block, tap);                                  \
            if (disjoint) {                                                                    \
              for (int64_t p = p0; p < p1; p++)                                                \
                for (int64_t q = q0; q < q1; q++) {                                            \
                  T *cell = target + ((row0 + p) * W + col0 + q) * C + c0;                     \
                  int32_t k = (int32_t)(p * KW + q);                                           \
                  for (int64_t c = 0; c < block; c++)                                          \
                    cell[c] = tap[c] == k ? grad[c0 + c] : (T)0;                               \
                }                                                                              \
            } else {                                                                           \
              for (int64_t c = 0; c < block; c++)                                              \
                target[tap_offset(g, i, j, tap[c]) + c0 + c] += grad[c0 + c];                  \
            }                                                                                  \
          }                                                                                    \
        }                                                                                      \
    }                                                                                          \
  }                                                                                            \
                                                                                               \
  RILL_CLONES void rill_avg_pool2d_grad_##SUFFIX(const rill_window_geometry *g,                \
                                                 const T *restrict gy, T *restrict dx,         \
                                                 int64_t first, int64_t count) {               \
    const int64_t C = g->channels, H = g->height.input, W = g->width.input;                    \
    const int64_t OH = g->height.output, OW = g->width.output;                                 \
    T share[BLOCK];                                                                            \
    for (int64_t n = first; n < first + count; n++) {                                          \
      T *target = dx + n * H * W * C;                                                          \
      memset(target, 0, sizeof(T) * H * W * C);                                                \
      for (int64_t i = 0; i < OH; i++)                                                         \
        for (int64_t j = 0; j < OW; j++) {                                                     \
          const T *grad = gy + ((n * OH + i) * OW + j) * C;                                    \
          int64_t p0, p1, q0, q1;                                                              \
          int64_t row0 = taps(&g->height, i, &p0, &p1), col0 = taps(&g->width, j, &q0, &q1);   \
          T cells = (T)((p1 - p0) * (q1 - q0));                                                \
          for (int64_t c0 = 0; c0 < C; c0 += BLOCK) {                                          \
            int64_t block = C - c0 < BLOCK ? C - c0 : BLOCK;                                   \
            for (int64_t c = 0; c < block; c++) share[c] = grad[c0 + c] / cells;               \
            for (int64_t p = p0; p < p1; p++)                                                  \
              for (int64_t q = q0; q < q1; q++) {                                              \
                T *cell = target + ((row0 + p) * W + col0 + q) * C + c0;                       \
                for (int64_t c = 0; c < block; c++) cell[c] += share[c];                       \
              }                                                                                \
          }                                                                                    \
        }                                                                                      \
    }                                                                                          \
  }

POOLING(float, f32)
POOLING(double, f64)
