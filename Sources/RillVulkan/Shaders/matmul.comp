#version 450
// Batched y[b] = a[b] · b[b] over strided operands (transposes are strides). Each workgroup
// computes a 64 × 64 tile of y, each of its 256 invocations a 4 × 4 block, stepping through k
// 16 at a time with the operand tiles in shared memory. Every y element sums its k products in
// ascending k, so results do not depend on the tiling.
// p[0] batch, p[1] m, p[2] n, p[3] k; a: p[4] offset, p[5] batch, p[6] row, p[7] k strides;
// b: p[8] offset, p[9] batch, p[10] k, p[11] column strides; y: p[12] offset, p[13] batch,
// p[14] row, p[15] column strides.
#include "common.glsl"
layout(local_size_x = 16, local_size_y = 16) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer A { T a[]; };
layout(std430, binding = 3) readonly buffer B { T b[]; };

const int TILE = 64;
const int STEP = 16;
shared T tileA[STEP][TILE];  // [k][row]
shared T tileB[STEP][TILE];  // [k][column]

void main() {
  int m = p[1], n = p[2], kCount = p[3];
  int batch = int(gl_WorkGroupID.z);
  int row0 = int(gl_WorkGroupID.y) * TILE;
  int column0 = int(gl_WorkGroupID.x) * TILE;
  int tx = int(gl_LocalInvocationID.x), ty = int(gl_LocalInvocationID.y);
  int t = ty * 16 + tx;
  int aBase = p[4] + batch * p[5];
  int bBase = p[8] + batch * p[9];
  T acc[4][4];
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) acc[i][j] = T(0);
  for (int k0 = 0; k0 < kCount; k0 += STEP) {
    // 256 invocations load 16 × 64 elements of each operand, 4 each.
    for (int e = t; e < STEP * TILE; e += 256) {
      int kk = e / TILE, rr = e % TILE;
      int k = k0 + kk;
      int row = row0 + rr, column = column0 + rr;
      tileA[kk][rr] = (k < kCount && row < m) ? a[aBase + row * p[6] + k * p[7]] : T(0);
      tileB[kk][rr] = (k < kCount && column < n) ? b[bBase + k * p[10] + column * p[11]] : T(0);
    }
    barrier();
    int steps = min(STEP, kCount - k0);
    for (int kk = 0; kk < steps; kk++) {
      T av[4], bv[4];
      for (int i = 0; i < 4; i++) av[i] = tileA[kk][ty + 16 * i];
      for (int j = 0; j < 4; j++) bv[j] = tileB[kk][tx + 16 * j];
      for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) acc[i][j] += av[i] * bv[j];
    }
    barrier();
  }
  int yBase = p[12] + batch * p[13];
  for (int i = 0; i < 4; i++) {
    int row = row0 + ty + 16 * i;
    if (row >= m) continue;
    for (int j = 0; j < 4; j++) {
      int column = column0 + tx + 16 * j;
      if (column < n) y[yBase + row * p[14] + column * p[15]] = acc[i][j];
    }
  }
}
