// The float32 functions that GLSL lacks or computes too loosely, written so that their errors
// stay within a few units in the last place.

float rill_expm1(float x) {
  // Kahan's correction: exp(x) - 1 is exact in u - 1 up to the error of log(u).
  float u = exp(x);
  if (u == 1.0) return x;
  float um1 = u - 1.0;
  if (um1 == -1.0) return -1.0;
  if (isinf(u)) return u;
  return um1 * x / log(u);
}

float rill_log1p(float x) {
  float u = 1.0 + x;
  if (u == 1.0) return x;
  if (isinf(u)) return u;
  return log(u) * x / (u - 1.0);
}

float rill_tanh(float x) {
  // tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)), with the sign of x; exact near 0 and never
  // overflows.
  float e = rill_expm1(-2.0 * abs(x));
  float t = -e / (2.0 + e);
  return x < 0.0 ? -t : t;
}

float rill_sigmoid(float x) {
  return 1.0 / (1.0 + exp(-x));
}

float rill_erf(float x) {
  // Abramowitz & Stegun 7.1.26 for |x| ≥ 0.5 (absolute error below 1.5e-7) and the Maclaurin
  // series below it, which keeps the relative error small near 0.
  float a = abs(x);
  float r;
  if (a < 0.5) {
    float x2 = a * a;
    // 2/√π · (x − x³/3 + x⁵/10 − x⁷/42 + x⁹/216 − x¹¹/1320)
    r = a * (1.1283791671 + x2 * (-0.3761263890 + x2 * (0.1128379167 + x2 * (-0.0268661706
          + x2 * (0.0052239776 + x2 * -0.0008548327)))));
  } else {
    float t = 1.0 / (1.0 + 0.3275911 * a);
    float poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                   + t * (-1.453152027 + t * 1.061405429))));
    r = 1.0 - poly * exp(-a * a);
  }
  return x < 0.0 ? -r : r;
}

// Swift's x.rounded(.toNearestOrEven).
float rill_round(float x) { return roundEven(x); }

// a^b as the CPU computes it: an integral exponent by repeated squaring (defined for negative
// bases), otherwise exp2(b·log2 a).
float rill_pow(float a, float b) {
  if (b == floor(b) && abs(b) < 16777216.0) {
    int n = int(abs(b));
    float base = a;
    float result = 1.0;
    while (n > 0) {
      if ((n & 1) != 0) result *= base;
      base *= base;
      n >>= 1;
    }
    return b < 0.0 ? 1.0 / result : result;
  }
  if (isnan(a) || isnan(b)) return a + b;
  if (a < 0.0) return uintBitsToFloat(0x7fc00000u);
  if (a == 0.0) return b > 0.0 ? 0.0 : uintBitsToFloat(0x7f800000u);
  if (a == 1.0) return 1.0;
  return exp2(b * log2(a));
}
