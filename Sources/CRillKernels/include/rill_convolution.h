// Windowed kernels of Rill's CPU backend: pooling, and the im2col/col2im copies behind the
// GEMM convolution. Images are dense NHWC; the Swift side (RillCore/Backend/CPU) resolves the
// geometry with TensorFlow's padding rules, picks the work ranges and spreads them over threads.
// Each call computes its range with a fixed order of operations, so results do not depend on
// how the work is split.
#ifndef RILL_CONVOLUTION_H
#define RILL_CONVOLUTION_H

#include <stdint.h>

/// One spatial axis of a windowed op: tap t of window w reads input cell
/// w * stride - pad_before + t * dilation, and cells outside 0..<input are padding.
typedef struct {
  int64_t input;
  int64_t output;
  int64_t window;
  int64_t stride;
  int64_t dilation;
  int64_t pad_before;
} rill_window_axis;

/// The sizes of a pooling or of one image of a convolution.
typedef struct {
  int64_t channels;
  rill_window_axis height;
  rill_window_axis width;
} rill_window_geometry;

// MARK: Pooling
// Forward kernels and the max-pool gather cover output rows [first, first + count) of the
// batch (row r is row r % output of image r / output); the gradients, which scatter into
// overlapping windows, cover whole images [first, first + count) and zero them first.
// Padding cells take no part: a window's maximum and mean are over its cells inside the input,
// and of equal maxima the first in row-major order wins.

void rill_max_pool2d_f32(const rill_window_geometry *g, const float *x, float *y,
                         int64_t first, int64_t count);
void rill_max_pool2d_f64(const rill_window_geometry *g, const double *x, double *y,
                         int64_t first, int64_t count);
void rill_avg_pool2d_f32(const rill_window_geometry *g, const float *x, float *y,
                         int64_t first, int64_t count);
void rill_avg_pool2d_f64(const rill_window_geometry *g, const double *x, double *y,
                         int64_t first, int64_t count);
/// y = h read at each window's maximum of x (the adjoint of the max-pool gradient).
void rill_max_pool2d_gather_f32(const rill_window_geometry *g, const float *x, const float *h,
                                float *y, int64_t first, int64_t count);
void rill_max_pool2d_gather_f64(const rill_window_geometry *g, const double *x, const double *h,
                                double *y, int64_t first, int64_t count);
/// dx = each gy added at its window's maximum of x.
void rill_max_pool2d_grad_f32(const rill_window_geometry *g, const float *x, const float *gy,
                              float *dx, int64_t first, int64_t count);
void rill_max_pool2d_grad_f64(const rill_window_geometry *g, const double *x, const double *gy,
                              double *dx, int64_t first, int64_t count);
/// dx = each gy / cells added over its window's cells.
void rill_avg_pool2d_grad_f32(const rill_window_geometry *g, const float *gy, float *dx,
                              int64_t first, int64_t count);
void rill_avg_pool2d_grad_f64(const rill_window_geometry *g, const double *gy, double *dx,
                              int64_t first, int64_t count);

// MARK: Convolution by GEMM
// Output positions [first, first + count) of one image (position i * out_width + j) as rows of
// a matrix of height * width taps * channels columns, tap-major (the HWIO filter's row order).

/// Writes the input cells each position reads (zeros for padding) into `columns`.
void rill_im2col_f32(const rill_window_geometry *g, const float *image, int64_t first,
                     int64_t count, float *columns);
void rill_im2col_f64(const rill_window_geometry *g, const double *image, int64_t first,
                     int64_t count, double *columns);
/// Adds each row of `columns` back into the input cells it was read from, in row order.
void rill_col2im_f32(const rill_window_geometry *g, const float *columns, int64_t first,
                     int64_t count, float *image);
void rill_col2im_f64(const rill_window_geometry *g, const double *columns, int64_t first,
                     int64_t count, double *image);

#endif
