// The reduction layout: p[0] output count, p[1] kept rank, p[2] function (0 sum, 1 product,
// 2 max, 3 min, 4 mean), p[3] reduced count, p[4 + d] kept shape, p[12 + d] x's kept strides,
// p[20 + d] y's strides, p[28] x's offset, p[29] y's offset, p[30] reduced rank,
// p[32 + d] reduced shape, p[40 + d] x's reduced strides.

T identity(int f) {
  if (f == 1) return T(1);
#if defined(KIND_FLOAT)
  float infinity = uintBitsToFloat(0x7f800000u);
  if (f == 2) return T(-infinity);
  if (f == 3) return T(infinity);
#else
  if (f == 2) return T_LOWEST;
  if (f == 3) return T_HIGHEST;
#endif
  return T(0);
}

T combine(int f, T partial, T value) {
  switch (f) {
  case 1: return partial * value;
#if defined(KIND_FLOAT)
  case 2: return value > partial || isnan(value) ? value : partial;
  case 3: return value < partial || isnan(value) ? value : partial;
#else
  case 2: return max(partial, value);
  case 3: return min(partial, value);
#endif
  }
  return partial + value;
}

// The offsets in x and y of output element `o`.
void output_offsets(int o, out int x_offset, out int y_offset) {
  x_offset = p[28];
  y_offset = p[29];
  int rest = o;
  for (int d = p[1] - 1; d >= 0; d--) {
    int size = p[4 + d];
    int position = rest % size;
    rest /= size;
    x_offset += position * p[12 + d];
    y_offset += position * p[20 + d];
  }
}

// The offset in x, from the output's start, of the `r`th reduced element (row-major).
int reduced_offset(int r) {
  int offset = 0;
  int rest = r;
  for (int d = p[30] - 1; d >= 0; d--) {
    int size = p[32 + d];
    offset += (rest % size) * p[40 + d];
    rest /= size;
  }
  return offset;
}
