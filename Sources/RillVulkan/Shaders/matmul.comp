#version 450
// Batched y[b] = a[b] · b[b] over strided operands (transposes are strides), one 64 × 64 tile
// of y per workgroup (gemm_tile.glsl).
// p[0] batch, p[1] m, p[2] n, p[3] k; a: p[4] offset, p[5] batch, p[6] row, p[7] k strides;
// b: p[8] offset, p[9] batch, p[10] k, p[11] column strides; y: p[12] offset, p[13] batch,
// p[14] row, p[15] column strides.
#include "common.glsl"
#include "gemm_tile.glsl"
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer A { T a[]; };
layout(std430, binding = 3) readonly buffer B { T b[]; };

int batch;
int aAt, bAt;

void a_seek(int row, int k) { aAt = p[4] + batch * p[5] + row * p[6] + k * p[7]; }
T a_load() { return a[aAt]; }
void a_advance() { aAt += GEMM_STRIDE * p[7]; }
void b_seek(int k, int column) { bAt = p[8] + batch * p[9] + k * p[10] + column * p[11]; }
T b_load() { return b[bAt]; }
void b_advance() { bAt += GEMM_STRIDE * p[10]; }
void y_store(int row, int column, T value) {
  y[p[12] + batch * p[13] + row * p[14] + column * p[15]] = value;
}

void main() {
  batch = int(gl_WorkGroupID.z);
  gemm_tile(p[1], p[2], p[3], int(gl_WorkGroupID.y) * TILE, int(gl_WorkGroupID.x) * TILE);
}
