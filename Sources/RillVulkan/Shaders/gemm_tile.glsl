// One 64 × 64 tile of y = a · b per workgroup, shared by matmul and the convolutions (as implicit
// matrix products). Each of the 256 invocations computes a 4 × 4 block, stepping through k 16 at
// a time with the operand tiles in shared memory. Every y element sums its k products in
// ascending k, so results do not depend on the tiling.
//
// Invocation t loads row t % 64 of the A tile and column t % 64 of the B tile at the k offsets
// t / 64, t / 64 + 4, …, so it reads each operand through one cursor that only moves forward
// by GEMM_STRIDE along k (no division in the loop). The including shader defines the cursors:
//   a_seek(row, k)       places the A cursor (called once, may divide);
//   a_load()             the element of a under it (called only for row < m and k < kCount);
//   a_advance()          moves it GEMM_STRIDE along k;
//   b_seek(k, column), b_load(), b_advance() likewise for b;
//   y_store(row, column, value) writes an element of y (row < m, column < n).
layout(local_size_x = 16, local_size_y = 16) in;

const int TILE = 64;
const int STEP = 16;
const int GEMM_STRIDE = 4;
shared T tileA[STEP][TILE];  // [k][row]
shared T tileB[STEP][TILE];  // [k][column]

void a_seek(int row, int k);
T a_load();
void a_advance();
void b_seek(int k, int column);
T b_load();
void b_advance();
void y_store(int row, int column, T value);

// The tile of y at (row0, column0) of an m × n product over kCount.
void gemm_tile(int m, int n, int kCount, int row0, int column0) {
  int tx = int(gl_LocalInvocationID.x), ty = int(gl_LocalInvocationID.y);
  int t = ty * 16 + tx;
  int line = t % TILE, first = t / TILE;
  bool rowInside = row0 + line < m, columnInside = column0 + line < n;
  a_seek(row0 + line, first);
  b_seek(first, column0 + line);
  T acc[4][4];
  [[unroll]] for (int i = 0; i < 4; i++)
    [[unroll]] for (int j = 0; j < 4; j++) acc[i][j] = T(0);
  for (int k0 = 0; k0 < kCount; k0 += STEP) {
    [[unroll]] for (int q = 0; q < STEP / GEMM_STRIDE; q++) {
      int kk = first + GEMM_STRIDE * q;
      bool inside = k0 + kk < kCount;
      tileA[kk][line] = (inside && rowInside) ? a_load() : T(0);
      tileB[kk][line] = (inside && columnInside) ? b_load() : T(0);
      a_advance();
      b_advance();
    }
    barrier();
    int steps = min(STEP, kCount - k0);
    for (int kk = 0; kk < steps; kk++) {
      T av[4], bv[4];
      [[unroll]] for (int i = 0; i < 4; i++) av[i] = tileA[kk][ty + 16 * i];
      [[unroll]] for (int j = 0; j < 4; j++) bv[j] = tileB[kk][tx + 16 * j];
      [[unroll]] for (int i = 0; i < 4; i++)
        [[unroll]] for (int j = 0; j < 4; j++) acc[i][j] += av[i] * bv[j];
    }
    barrier();
  }
  [[unroll]] for (int i = 0; i < 4; i++) {
    int row = row0 + ty + 16 * i;
    if (row >= m) continue;
    [[unroll]] for (int j = 0; j < 4; j++) {
      int column = column0 + tx + 16 * j;
      if (column < n) y_store(row, column, acc[i][j]);
    }
  }
}
