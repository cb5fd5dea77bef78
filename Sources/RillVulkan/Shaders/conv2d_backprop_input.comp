#version 450
// The gradient of conv2d with respect to x as an implicit matrix product (gemm_tile.glsl):
// dx[(n, h, w), c] = Σ over k = (kp, kq, o) of g[n, i, j, o] · weights[kp, kq, c, o] for the
// output (i, j) whose tap (kp, kq) reads (h, w), zero where there is none. dx uses x's slot of
// the layout, g the output slot. Workgroup (x, y) computes channels 64x… of the cells 64y…,
// then 64 · (workgroups along y) cells further on, and so on.
#include "common.glsl"
#include "convolution_common.glsl"
#include "gemm_tile.glsl"
layout(std430, binding = 1) writeonly buffer DX { T dx[]; };
layout(std430, binding = 2) readonly buffer G { T g[]; };
layout(std430, binding = 3) readonly buffer F { T weights[]; };

ivec3 radix, step_;
// A: the cell (n, h, w) shifted by the padding.
int aImage, aRow, aColumn;
ivec3 aTap, bTap;
int bChannel;

ivec3 input_radix() { return ivec3(p[0], p[1], p[2]); }

void a_seek(int row, int k) {
  ivec3 at = digits(row, input_radix());
  aImage = at.x;
  aRow = at.y + p[13];
  aColumn = at.z + p[14];
  aTap = digits(k, radix);
}
T a_load() {
  int hi = aRow - aTap.x * p[11], wj = aColumn - aTap.y * p[12];
  if (hi < 0 || wj < 0) return T(0);
  int i = hi, j = wj;
  if (p[9] != 1 || p[10] != 1) {
    if (hi % p[9] != 0 || wj % p[10] != 0) return T(0);
    i = hi / p[9];
    j = wj / p[10];
  }
  return (i < p[4] && j < p[5]) ? g[y_at(aImage, i, j, aTap.z)] : T(0);
}
void a_advance() { aTap = add_digits(aTap, step_, radix); }
void b_seek(int k, int column) {
  bTap = digits(k, radix);
  bChannel = column;
}
T b_load() { return weights[filter_at(bTap.x, bTap.y, bChannel, bTap.z)]; }
void b_advance() { bTap = add_digits(bTap, step_, radix); }
void y_store(int row, int column, T value) {
  int at;
  if (p[17] == p[1] * p[18] && p[18] == p[2] * p[19]) {
    at = p[16] + row * p[19] + column * p[20];
  } else {
    ivec3 cell = digits(row, input_radix());
    at = x_at(cell.x, cell.y, cell.z, column);
  }
  dx[at] = value;
}

void main() {
  radix = tap_radix(p[6]);
  step_ = digits(GEMM_STRIDE, radix);
  int m = p[0] * p[1] * p[2];
  for (int row0 = int(gl_WorkGroupID.y) * TILE; row0 < m; row0 += int(gl_NumWorkGroups.y) * TILE)
    gemm_tile(m, p[3], p[7] * p[8] * p[6], row0, int(gl_WorkGroupID.x) * TILE);
}
