#version 450
// conv2d as an implicit matrix product (gemm_tile.glsl): y[(n, i, j), o] = Σ over
// k = (kp, kq, c) of patch[(n, i, j), k] · filter[k, o], zeros outside x
// (convolution_common.glsl's layout). Workgroup (x, y) computes output channels 64x… of the
// positions 64y…, then 64 · (workgroups along y) positions further on, and so on.
#include "common.glsl"
#include "convolution_common.glsl"
#include "gemm_tile.glsl"
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };
layout(std430, binding = 3) readonly buffer F { T weights[]; };

ivec3 radix, step_;
// A: the patch of output position (n, i, j): x's batch offset and the window's corner.
int aBase, aTop, aLeft;
ivec3 aTap, bTap;
int bChannel;

void a_seek(int row, int k) {
  ivec3 at = digits(row, output_radix());
  aBase = p[16] + at.x * p[17];
  aTop = at.y * p[9] - p[13];
  aLeft = at.z * p[10] - p[14];
  aTap = digits(k, radix);
}
T a_load() {
  int h = aTop + aTap.x * p[11], w = aLeft + aTap.y * p[12];
  bool inside = h >= 0 && h < p[1] && w >= 0 && w < p[2];
  return inside ? x[aBase + h * p[18] + w * p[19] + aTap.z * p[20]] : T(0);
}
void a_advance() { aTap = add_digits(aTap, step_, radix); }
void b_seek(int k, int column) {
  bTap = digits(k, radix);
  bChannel = column;
}
T b_load() { return weights[filter_at(bTap.x, bTap.y, bTap.z, bChannel)]; }
void b_advance() { bTap = add_digits(bTap, step_, radix); }
void y_store(int row, int column, T value) { y[y_row(row, column)] = value; }

void main() {
  radix = tap_radix(p[3]);
  step_ = digits(GEMM_STRIDE, radix);
  int m = p[0] * p[4] * p[5];
  for (int row0 = int(gl_WorkGroupID.y) * TILE; row0 < m; row0 += int(gl_NumWorkGroups.y) * TILE)
    gemm_tile(m, p[6], p[7] * p[8] * p[3], row0, int(gl_WorkGroupID.x) * TILE);
}
