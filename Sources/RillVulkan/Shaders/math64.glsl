// The float64 elementary functions that GLSL lacks (it has double sqrt, floor and friends, but no
// double exp, log or trigonometry), accurate to about one unit in the last place, so that the
// Vulkan device computes what the CPU's libm computes up to a rounding or two.
//
// Method. Each function reduces its argument to a small interval, where a truncated Taylor
// series (coefficients 1/n! and the like, rounded to double) is accurate well beyond 2^-53, and
// reconstructs the result with the reduction's rounding errors carried along:
// - exp, expm1: x = k·ln2 + r, |r| ≤ ln2/2, with ln2 split Cody–Waite style into a 32-bit head
//   (k·head is exact) and a tail; expm1(r) = r + r²·P(r); exp(x) = 2^k·(1 + expm1(r)).
// - log, log1p: x = 2^k·m with m in [√2/2, √2); with f = m − 1 and s = f / (2 + f),
//   log(m) = 2·atanh(s) = f − f²/2 + s·(f²/2 + R(s²)). log1p carries the rounding of 1 + x
//   as a correction term.
// - sin, cos: x = n·π/2 + r, |r| ≲ π/4, r kept as a double-double: Cody–Waite with π/2 in three
//   33-bit pieces below 2^20·π/2, and above that Payne–Hanek: the 53-bit significand times a
//   224-bit window of the bits of 2/π, in 32-bit limbs, leaves the quadrant and 192 bits of
//   fraction. Odd and even Taylor polynomials then give sin r and cos r.
// - pow: exp(y·log|x|) with log in double-double arithmetic (relative error near 2^-66) and
//   exp of that double-double; the special values follow C's pow.
// - tanh, sigmoid from expm1 and exp; erf by its Maclaurin series below 0.5, by the series
//   e^(−x²)·Σ 2^n x^(2n+1)/(2n+1)!! (positive terms, no cancellation) below 1.25, and as 1 − erfc
//   with erfc's continued fraction above.
// Every intermediate is `precise`: the driver must neither fuse nor reassociate the compensated
// sums. Include after common.glsl.

#define M64_NAN packDouble2x32(uvec2(0u, 0x7ff80000u))
#define M64_INF packDouble2x32(uvec2(0u, 0x7ff00000u))
#define M64_LN2_HI 0.6931471806019545LF   // 32 significant bits
#define M64_LN2_LO -4.2009150726810846e-11LF
#define M64_LN2 0.69314718055994529LF
#define M64_LN2_TAIL 2.3190468138462996e-17LF
#define M64_INV_LN2 1.4426950408889634LF
#define M64_PIO2 1.5707963267948966LF
#define M64_PIO2_TAIL 6.123233995736766e-17LF

// 2^k for -1022 ≤ k ≤ 1023.
double m64_pow2(int k) { return packDouble2x32(uvec2(0u, uint(k + 1023) << 20)); }

// x·2^k for any k, rounding once (in the last step) when the result is subnormal.
double m64_scale(double x, int k) {
  precise double y = x;
  for (int i = 0; i < 2 && k > 1023; i++) { y *= m64_pow2(1023); k -= 1023; }
  for (int i = 0; i < 2 && k < -1022; i++) { y *= m64_pow2(-969); k += 969; }
  return y * m64_pow2(clamp(k, -1022, 1023));
}

// MARK: Double-double arithmetic (a value as hi + lo, |lo| ≤ ulp(hi)/2)

dvec2 m64_fast_two_sum(double a, double b) {  // |a| ≥ |b|
  precise double s = a + b;
  precise double e = b - (s - a);
  return dvec2(s, e);
}

dvec2 m64_two_sum(double a, double b) {
  precise double s = a + b;
  precise double bb = s - a;
  precise double e = (a - (s - bb)) + (b - bb);
  return dvec2(s, e);
}

dvec2 m64_split(double a) {  // Veltkamp: a = hi + lo, each with at most 26 significant bits
  precise double c = 134217729.0LF * a;
  precise double hi = c - (c - a);
  precise double lo = a - hi;
  return dvec2(hi, lo);
}

dvec2 m64_two_product(double a, double b) {  // Dekker: a·b = p + e exactly
  dvec2 u = m64_split(a);
  dvec2 v = m64_split(b);
  precise double p = a * b;
  precise double e = ((u.x * v.x - p) + u.x * v.y + u.y * v.x) + u.y * v.y;
  return dvec2(p, e);
}

dvec2 m64_add(dvec2 a, dvec2 b) {
  dvec2 s = m64_two_sum(a.x, b.x);
  precise double lo = s.y + (a.y + b.y);
  return m64_fast_two_sum(s.x, lo);
}

dvec2 m64_multiply(dvec2 a, dvec2 b) {
  dvec2 p = m64_two_product(a.x, b.x);
  precise double lo = p.y + (a.x * b.y + a.y * b.x);
  return m64_fast_two_sum(p.x, lo);
}

// MARK: exp, expm1

// 1/n!, n = 14 down to 3
const double M64_EXPM1[12] = double[12](
  1.1470745597729725e-11LF, 1.6059043836821613e-10LF, 2.08767569878681e-09LF,
  2.505210838544172e-08LF, 2.7557319223985888e-07LF, 2.7557319223985893e-06LF,
  2.4801587301587302e-05LF, 0.00019841269841269841LF, 0.0013888888888888889LF,
  0.0083333333333333332LF, 0.041666666666666664LF, 0.16666666666666666LF);

// expm1(r) for |r| ≤ ln2/2 + a little: r + r²/2 + r³·Σ r^(n−3)/n!, n = 3…14.
double m64_expm1_reduced(double r) {
  precise double p = M64_EXPM1[0];
  for (int i = 1; i < 12; i++) p = p * r + M64_EXPM1[i];
  // r + r²/2 + r³·p, with r² exact and the rounding of r + r²/2 carried along.
  dvec2 square = m64_two_product(r, r);
  dvec2 head = m64_two_sum(r, 0.5LF * square.x);
  precise double y = head.x + (head.y + (0.5LF * square.y + (square.x * r) * p));
  return y;
}

// exp(z.x + z.y) = 2^k·(1 + q); returns q and sets k (|z.x| ≤ 746).
double m64_exp_parts(dvec2 z, out int k) {
  precise double n = roundEven(z.x * M64_INV_LN2);
  precise double hi = z.x - n * M64_LN2_HI;  // exact: n has at most 11 bits
  precise double lo = n * M64_LN2_LO;
  precise double r = hi - lo;
  precise double c = ((hi - r) - lo) + z.y;  // what r leaves out of z − n·ln2
  precise double q = m64_expm1_reduced(r);
  precise double corrected = q + c * (1.0LF + q);
  k = int(n);
  return corrected;
}

// exp(z.x + z.y) for a double-double argument.
double m64_exp_dd(dvec2 z) {
  if (isnan(z.x)) return z.x;
  if (z.x > 709.79LF) return M64_INF;
  if (z.x < -746.0LF) return 0.0LF;
  int k;
  precise double q = m64_exp_parts(z, k);
  return m64_scale(1.0LF + q, k);
}

double m64_exp(double x) {
  if (abs(x) < 5.551115123125783e-17LF) return 1.0LF + x;
  return m64_exp_dd(dvec2(x, 0.0LF));
}

double m64_expm1(double x) {
  if (isnan(x)) return x;
  if (x > 709.79LF) return M64_INF;
  if (x < -40.0LF) return -1.0LF;
  if (abs(x) < 5.551115123125783e-17LF) return x;
  if (abs(x) <= 0.34657359027997264LF) return m64_expm1_reduced(x);
  int k;
  precise double q = m64_exp_parts(dvec2(x, 0.0LF), k);
  if (k > 56) return m64_scale(1.0LF + q, k) - 1.0LF;
  // 2^k·(1 + q) − 1 = (2^k − 1) + 2^k·q, where 2^k − 1 and 2^k·q are exact.
  precise double t = m64_pow2(k);
  precise double y = (t - 1.0LF) + t * q;
  return y;
}

// MARK: log, log1p

// 2/(2n + 1), n = 12 down to 2: the series of atanh, less its first terms
const double M64_LOG[11] = double[11](
  0.080000000000000002LF, 0.086956521739130432LF, 0.095238095238095233LF, 0.10526315789473684LF,
  0.11764705882352941LF, 0.13333333333333333LF, 0.15384615384615385LF, 0.18181818181818182LF,
  0.22222222222222221LF, 0.2857142857142857LF, 0.40000000000000002LF);

// m = x·2^−k in [√2/2, √2) for a positive normal x; adds k to `k`.
double m64_mantissa(double x, inout int k) {
  uvec2 w = unpackDouble2x32(x);
  // Offsetting the high word by that of √2/2 makes its exponent field count from √2/2.
  uint high = w.y + (0x3ff00000u - 0x3fe6a09eu);
  k += int(high >> 20) - 1023;
  return packDouble2x32(uvec2(w.x, (high & 0x000fffffu) + 0x3fe6a09eu));
}

// log(1 + f) + c + k·ln2 for f in [√2/2 − 1, √2 − 1] and a small correction c.
double m64_log_reduced(double f, double c, int k) {
  precise double s = f / (2.0LF + f);
  precise double z = s * s;
  // R = Σ 2·z^n/(2n + 1), n = 1…12
  precise double p = M64_LOG[0];
  for (int i = 1; i < 11; i++) p = p * z + M64_LOG[i];
  p = p * z + 0.66666666666666663LF;
  precise double r = z * p;
  precise double halfSquare = 0.5LF * f * f;
  precise double dk = double(k);
  precise double y = s * (halfSquare + r) + (dk * M64_LN2_LO + c) - halfSquare + f
    + dk * M64_LN2_HI;
  return y;
}

double m64_log(double x) {
  if (isnan(x) || x == M64_INF) return x;
  if (x == 0.0LF) return -M64_INF;
  if (x < 0.0LF) return M64_NAN;
  int k = 0;
  precise double a = x;
  if (unpackDouble2x32(a).y < 0x00100000u) {  // subnormal
    a *= m64_pow2(54);
    k = -54;
  }
  double m = m64_mantissa(a, k);
  return m64_log_reduced(m - 1.0LF, 0.0LF, k);
}

double m64_log1p(double x) {
  if (isnan(x) || x == M64_INF) return x;
  if (x == -1.0LF) return -M64_INF;
  if (x < -1.0LF) return M64_NAN;
  if (abs(x) < 1.1102230246251565e-16LF) return x;
  if (x > -0.29289321881345248LF && x < 0.41421356237309503LF) {
    return m64_log_reduced(x, 0.0LF, 0);
  }
  precise double u = 1.0LF + x;
  // The rounding error of 1 + x (exact by Fast2Sum), relative to u.
  precise double c = (x > 1.0LF ? 1.0LF - (u - x) : x - (u - 1.0LF)) / u;
  int k = 0;
  double m = m64_mantissa(u, k);
  return m64_log_reduced(m - 1.0LF, c, k);
}

// log|x| as a double-double, relative error near 2^-66, for finite nonzero x.
dvec2 m64_log_dd(double x) {
  int k = 0;
  precise double a = abs(x);
  if (unpackDouble2x32(a).y < 0x00100000u) {
    a *= m64_pow2(54);
    k = -54;
  }
  precise double f = m64_mantissa(a, k) - 1.0LF;  // exact
  dvec2 t = m64_two_sum(2.0LF, f);
  precise double sHigh = f / t.x;
  dvec2 p = m64_two_product(sHigh, t.x);
  precise double sLow = (((f - p.x) - p.y) - sHigh * t.y) / t.x;
  dvec2 s = m64_fast_two_sum(sHigh, sLow);  // f / (2 + f)
  // log(1 + f) = 2s + (2/3)s³ + s⁵·Σ 2·z^(n−2)/(2n + 1), z = s², n = 2…12
  precise double z = s.x * s.x;
  precise double q = M64_LOG[0];
  for (int i = 1; i < 11; i++) q = q * z + M64_LOG[i];
  precise double tail = s.x * (z * z) * q;
  dvec2 cube = m64_multiply(m64_multiply(s, s), s);
  dvec2 third = m64_multiply(cube, dvec2(0.66666666666666663LF, 3.7007434154171883e-17LF));
  dvec2 l = m64_add(m64_add(2.0LF * s, third), dvec2(tail, 0.0LF));
  dvec2 kl = m64_two_product(double(k), M64_LN2);
  kl.y += double(k) * M64_LN2_TAIL;
  return m64_add(m64_fast_two_sum(kl.x, kl.y), l);
}

// MARK: sin, cos

// 2/π in 32-bit words, most significant first, after 63 zero bits: bit i of 2/π (weight 2^−i)
// is bit i + 63 of the table.
const uint M64_TWO_OVER_PI[42] = uint[42](
  0x00000000u, 0x00000000u, 0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u, 0xdb629599u,
  0x3c439041u, 0xfe5163abu, 0xdebbc561u, 0xb7246e3au, 0x424dd2e0u, 0x06492eeau, 0x09d1921cu,
  0xfe1deb1cu, 0xb129a73eu, 0xe88235f5u, 0x2ebb4484u, 0xe99c7026u, 0xb45f7e41u, 0x3991d639u,
  0x835339f4u, 0x9c845f8bu, 0xbdf9283bu, 0x1ff897ffu, 0xde05980fu, 0xef2f118bu, 0x5a0a6d1fu,
  0x6d367ecfu, 0x27cb09b7u, 0x4f463f66u, 0x9e5fea2du, 0x7527bac7u, 0xebe5f17bu, 0x3d0739f7u,
  0x8a5292eau, 0x6bfb5fb1u, 0x1f8d5d08u, 0x56033046u, 0xfc7b6babu, 0xf0cfbc20u, 0x9af4361du);

uint m64_two_over_pi_word(int bit) {  // the 32 bits of the table from `bit` on
  int q = bit >> 5;
  int shift = bit & 31;
  uint word = M64_TWO_OVER_PI[q];
  return shift == 0 ? word : (word << shift) | (M64_TWO_OVER_PI[q + 1] >> (32 - shift));
}

// Payne–Hanek: x − n·π/2 for finite x ≥ 2^20; returns n mod 4.
int m64_reduce_large(double x, out dvec2 r) {
  uvec2 w = unpackDouble2x32(x);
  int e = int((w.y >> 20) & 0x7ffu) - 1075;  // x = m·2^e
  uint m0 = w.x;
  uint m1 = (w.y & 0x000fffffu) | 0x00100000u;
  // The window: bits e − 31 … e + 192 of 2/π (earlier bits only add multiples of 4 to x·2/π),
  // least significant limb first. x·2/π mod 4 = (m·window mod 2^194)·2^−192.
  uint window[7];
  for (int j = 0; j < 7; j++) window[6 - j] = m64_two_over_pi_word(e + 32 + 32 * j);
  uint p[8];
  uint64_t carry = 0ul;
  for (int j = 0; j < 7; j++) {
    uint64_t t = uint64_t(window[j]) * uint64_t(m0) + carry;
    p[j] = uint(t);
    carry = t >> 32;
  }
  p[7] = uint(carry);
  carry = 0ul;
  for (int j = 0; j < 6; j++) {
    uint64_t t = uint64_t(window[j]) * uint64_t(m1) + uint64_t(p[j + 1]) + carry;
    p[j + 1] = uint(t);
    carry = t >> 32;
  }
  int n = int(p[6] & 3u);
  uint64_t a = (uint64_t(p[5]) << 32) | uint64_t(p[4]);
  uint64_t b = (uint64_t(p[3]) << 32) | uint64_t(p[2]);
  uint64_t c = (uint64_t(p[1]) << 32) | uint64_t(p[0]);
  bool negative = (p[5] & 0x80000000u) != 0u;
  if (negative) {  // a fraction of 1/2 or more: take the next quadrant, 1 − fraction below it
    n = (n + 1) & 3;
    a = ~a;
    b = ~b;
    c = ~c + 1ul;
    if (c == 0ul) {
      b += 1ul;
      if (b == 0ul) a += 1ul;
    }
  }
  int scale = 0;
  if (a == 0ul) {
    a = b;
    b = c;
    c = 0ul;
    scale = 64;
  }
  uint top = uint(a >> 32);
  int msb = top != 0u ? 32 + findMSB(top) : findMSB(uint(a));
  int lz = 63 - msb;
  if (lz > 0) {
    a = (a << lz) | (b >> (64 - lz));
    b = (b << lz) | (c >> (64 - lz));
  }
  precise double hi = double(a >> 11) * m64_pow2(-53 - lz - scale);
  precise double lo = (double(a & 0x7fful) * 5.421010862427522e-20LF  // 2^-64
    + double(b) * 2.938735877055719e-39LF) * m64_pow2(-lz - scale);  // 2^-128
  dvec2 fraction = m64_fast_two_sum(hi, lo);
  r = m64_multiply(fraction, dvec2(M64_PIO2, M64_PIO2_TAIL));
  if (negative) r = -r;
  return n;
}

// x − n·π/2 as a double-double for finite x; returns n mod 4.
int m64_reduce(double x, out dvec2 r) {
  if (abs(x) <= 0.78539816339744828LF) {
    r = dvec2(x, 0.0LF);
    return 0;
  }
  if (abs(x) < 1647099.3291652855LF) {  // 2^20·π/2: Cody–Waite, n·piece exact for n < 2^20
    precise double n = roundEven(x * 0.63661977236758138LF);
    precise double a = x - n * 1.5707963267341256LF;  // exact
    dvec2 s = m64_two_sum(a, -(n * 6.077100506303966e-11LF));
    dvec2 t = m64_two_sum(s.x, -(n * 2.0222662487959506e-21LF));
    precise double low = t.y + s.y;
    r = m64_fast_two_sum(t.x, low);
    return int(n) & 3;
  }
  int n = m64_reduce_large(abs(x), r);
  if (x < 0.0LF) {
    r = -r;
    n = (4 - n) & 3;
  }
  return n;
}

// (−1)^n/(2n + 1)!, n = 9 down to 1
const double M64_SIN[9] = double[9](
  -8.2206352466243295e-18LF, 2.8114572543455206e-15LF, -7.6471637318198164e-13LF,
  1.6059043836821613e-10LF, -2.505210838544172e-08LF, 2.7557319223985893e-06LF,
  -0.00019841269841269841LF, 0.0083333333333333332LF, -0.16666666666666666LF);

// sin(r.x + r.y) for |r| ≲ π/4: r + r³·Σ (−1)^n r^(2n−2)/(2n+1)!, n = 1…9.
double m64_sin_reduced(dvec2 r) {
  precise double x = r.x;
  precise double z = x * x;
  precise double p = M64_SIN[0];
  for (int i = 1; i < 9; i++) p = p * z + M64_SIN[i];
  precise double y = x + ((x * z) * p + r.y * (1.0LF - 0.5LF * z));
  return y;
}

// (−1)^n/(2n)!, n = 10 down to 2
const double M64_COS[9] = double[9](
  4.1103176233121648e-19LF, -1.5619206968586225e-16LF, 4.7794773323873853e-14LF,
  -1.1470745597729725e-11LF, 2.08767569878681e-09LF, -2.7557319223985888e-07LF,
  2.4801587301587302e-05LF, -0.0013888888888888889LF, 0.041666666666666664LF);

// cos(r.x + r.y) for |r| ≲ π/4: 1 − r²/2 + r⁴·Σ (−1)^n r^(2n−4)/(2n)!, n = 2…10, with the
// rounding of 1 − r²/2 and of r² carried along.
double m64_cos_reduced(dvec2 r) {
  precise double x = r.x;
  dvec2 square = m64_two_product(x, x);
  precise double z = square.x;
  precise double p = M64_COS[0];
  for (int i = 1; i < 9; i++) p = p * z + M64_COS[i];
  precise double halfSquare = 0.5LF * z;
  precise double w = 1.0LF - halfSquare;
  precise double y = w + ((((1.0LF - w) - halfSquare) - 0.5LF * square.y) + ((z * z) * p - x * r.y));
  return y;
}

// sin x and cos x.
dvec2 m64_sincos(double x) {
  if (isnan(x) || isinf(x)) return dvec2(M64_NAN);
  if (abs(x) < 7.450580596923828e-09LF) return dvec2(x, 1.0LF);
  dvec2 r;
  int n = m64_reduce(x, r);
  double s = m64_sin_reduced(r);
  double c = m64_cos_reduced(r);
  switch (n) {
  case 0: return dvec2(s, c);
  case 1: return dvec2(c, -s);
  case 2: return dvec2(-s, -c);
  }
  return dvec2(-c, s);
}

// MARK: tanh, sigmoid, erf, pow

double m64_tanh(double x) {
  precise double a = abs(x);
  if (isnan(x) || a < 3.725290298461914e-09LF) return x;
  precise double t;
  if (a > 22.0LF) {
    t = 1.0LF;
  } else if (a > 0.55LF) {
    precise double e = m64_expm1(2.0LF * a);
    t = 1.0LF - 2.0LF / (e + 2.0LF);
  } else {
    // −e / (2 + e), e = expm1(−2a), with the roundings of 2 + e and of the quotient corrected
    precise double e = m64_expm1(-2.0LF * a);
    dvec2 d = m64_two_sum(e, 2.0LF);
    precise double q = -e / d.x;
    dvec2 qd = m64_two_product(q, d.x);
    precise double residual = ((-e - qd.x) - qd.y) - q * d.y;
    t = q + residual / d.x;
  }
  return x < 0.0LF ? -t : t;
}

double m64_sigmoid(double x) {
  precise double y = 1.0LF / (1.0LF + m64_exp(-x));
  return y;
}

// (−1)^n/(n!·(2n + 1)), n = 13 down to 1: erf's Maclaurin series over 2/√π
const double M64_ERF[13] = double[13](
  -5.9477940136376354e-12LF, 8.3507027951472397e-11LF, -1.0892221037148573e-09LF,
  1.3122532963802806e-08LF, -1.4503852223150468e-07LF, 1.4589169000933706e-06LF,
  -1.3227513227513228e-05LF, 0.00010683760683760684LF, -0.00075757575757575758LF,
  0.0046296296296296294LF, -0.023809523809523808LF, 0.10000000000000001LF, -0.33333333333333331LF);

double m64_erf(double x) {
  precise double a = abs(x);
  if (isnan(x)) return x;
  if (a < 3.725290298461914e-09LF) return x * 1.1283791670955126LF;
  precise double y;
  if (a < 0.5LF) {
    // 2/√π·(a + a·z·Σ (−1)^n z^(n−1)/(n!(2n + 1))), z = a², n = 1…13
    precise double z = a * a;
    precise double p = M64_ERF[0];
    for (int i = 1; i < 13; i++) p = p * z + M64_ERF[i];
    y = a * 1.1283791670955126LF + a * (1.5335459613165881e-17LF + 1.1283791670955126LF * (z * p));
  } else if (a < 6.0LF) {
    dvec2 square = m64_two_product(a, a);
    precise double gauss = m64_exp_dd(-square);
    if (a < 1.25LF) {
      // 2/√π·e^(−a²)·Σ 2^n a^(2n+1)/(2n + 1)!!, summed with the roundings carried along; the
      // terms use the rounded a², whose error δ (relative) term n has n times: Σ n·term·δ
      // puts it back.
      precise double term = a;
      precise double weighted = 0.0LF;
      dvec2 sum = dvec2(a, 0.0LF);
      for (int n = 1; n < 60 && term > sum.x * 1e-17LF; n++) {
        term *= 2.0LF * square.x / double(2 * n + 1);
        weighted += double(n) * term;
        dvec2 next = m64_two_sum(sum.x, term);
        sum = dvec2(next.x, sum.y + next.y);
      }
      precise double total = sum.x + (sum.y + weighted * (square.y / square.x));
      y = (1.1283791670955126LF * gauss) * total;
    } else {
      // erfc(a) = e^(−a²)/√π / (a + (1/2)/(a + 1/(a + (3/2)/(a + …)))), 150 levels deep
      precise double t = a;
      for (int k = 150; k > 0; k--) t = a + (0.5LF * double(k)) / t;
      y = 1.0LF - (0.56418958354775628LF * gauss) / t;
    }
  } else {
    y = 1.0LF;
  }
  return x < 0.0LF ? -y : y;
}

// a^b with the special values of C's pow (IEEE 754's pown and powr cases): a negative base needs
// an integral exponent, whose parity gives the sign.
double m64_pow(double a, double b) {
  if (b == 0.0LF || a == 1.0LF) return 1.0LF;
  if (isnan(a) || isnan(b)) return a + b;
  bool integral = b == floor(b);
  bool odd = integral && abs(b) < 9007199254740992.0LF && floor(b * 0.5LF) != b * 0.5LF;
  bool negative = (unpackDouble2x32(a).y & 0x80000000u) != 0u;  // −0 included
  double magnitude = abs(a);
  double sign = negative && odd ? -1.0LF : 1.0LF;
  if (isinf(b)) {
    if (magnitude == 1.0LF) return 1.0LF;
    return (magnitude > 1.0LF) == (b > 0.0LF) ? M64_INF : 0.0LF;
  }
  if (magnitude == 0.0LF || isinf(magnitude)) {
    double y = (magnitude == 0.0LF) == (b < 0.0LF) ? M64_INF : 0.0LF;
    return sign < 0.0LF ? -y : y;
  }
  if (negative && !integral) return M64_NAN;
  dvec2 l = m64_log_dd(magnitude);
  precise double estimate = l.x * b;
  if (estimate > 800.0LF) return sign * M64_INF;
  if (estimate < -800.0LF) return sign < 0.0LF ? -0.0LF : 0.0LF;
  dvec2 p = m64_two_product(l.x, b);
  precise double low = p.y + l.y * b;
  double y = m64_exp_dd(m64_fast_two_sum(p.x, low));
  return sign < 0.0LF ? -y : y;
}
