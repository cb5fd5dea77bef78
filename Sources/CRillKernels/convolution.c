// The copies behind convolution by GEMM (see rill_convolution.h): im2col gathers the input cells
// each output position reads into one row per position, so that a convolution becomes a matrix
// product with the HWIO filter; col2im adds such rows back into the image, for the gradient
// with respect to the input. Channels are contiguous in both layouts, so each tap is one copy.
#include <string.h>

#include "clones.h"
#include "rill_convolution.h"

#define WINDOW_COPIES(T, SUFFIX)                                                               \
  RILL_CLONES void rill_im2col_##SUFFIX(const rill_window_geometry *g, const T *restrict image, \
                                        int64_t first, int64_t count, T *restrict columns) {    \
    const int64_t C = g->channels, H = g->height.input, W = g->width.input;                    \
    const int64_t KH = g->height.window, KW = g->width.window, OW = g->width.output;           \
    for (int64_t position = first; position < first + count; position++) {                    \
      int64_t i = position / OW, j = position % OW;                                            \
      T *row = columns + (position - first) * KH * KW * C;                                     \
      for (int64_t p = 0; p < KH; p++) {                                                       \
        int64_t y = i * g->height.stride - g->height.pad_before + p * g->height.dilation;      \
        for (int64_t q = 0; q < KW; q++) {                                                     \
          int64_t x = j * g->width.stride - g->width.pad_before + q * g->width.dilation;       \
          T *target = row + (p * KW + q) * C;                                                  \
          if (y < 0 || y >= H || x < 0 || x >= W)                                              \
            memset(target, 0, sizeof(T) * C);                                                  \
          else                                                                                 \
            memcpy(target, image + (y * W + x) * C, sizeof(T) * C);                            \
        }                                                                                      \
      }                                                                                        \
    }                                                                                          \
  }                                                                                            \
                                                                                               \
  RILL_CLONES void rill_col2im_##SUFFIX(const rill_window_geometry *g, const T *restrict columns, \
                                        int64_t first, int64_t count, T *restrict image) {      \
    const int64_t C = g->channels, H = g->height.input, W = g->width.input;                    \
    const int64_t KH = g->height.window, KW = g->width.window, OW = g->width.output;           \
    for (int64_t position = first; position < first + count; position++) {                    \
      int64_t i = position / OW, j = position % OW;                                            \
      const T *row = columns + (position - first) * KH * KW * C;                               \
      for (int64_t p = 0; p < KH; p++) {                                                       \
        int64_t y = i * g->height.stride - g->height.pad_before + p * g->height.dilation;      \
        if (y < 0 || y >= H) continue;                                                         \
        for (int64_t q = 0; q < KW; q++) {                                                     \
          int64_t x = j * g->width.stride - g->width.pad_before + q * g->width.dilation;       \
          if (x < 0 || x >= W) continue;                                                       \
          const T *source = row + (p * KW + q) * C;                                            \
          T *target = image + (y * W + x) * C;                                                 \
          for (int64_t c = 0; c < C; c++) target[c] += source[c];                              \
        }                                                                                      \
      }                                                                                        \
    }                                                                                          \
  }

WINDOW_COPIES(float, f32)
WINDOW_COPIES(double, f64)
