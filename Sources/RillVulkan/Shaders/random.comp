#version 450
// Samples of Rill's counter-based random stream (Philox-4×32-10), the numbers of the CPU's
// RandomDistribution: p[0] the element count, p[1] the distribution (0 uniform, 1 normal,
// 2 truncated normal), p[2] and p[3] the key's low and high words, p[4…7] the distribution's two
// parameters as doubles (low word first), p[8] the output's offset in elements. One invocation
// computes one Philox block. Compiled for T = float (24-bit uniforms) and T = double (53-bit
// uniforms, IS_DOUBLE); the samples are computed in double either way, as on the CPU.
#include "common.glsl"
#include "math64.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };

// The four words for `counter` in `stream` under `key`: ten rounds of multiply–xor mixing.
uvec4 philox(uvec2 key, uint counter, uint stream) {
  uvec4 c = uvec4(counter, 0u, stream, 0u);
  uvec2 k = key;
  for (int round = 0; round < 10; round++) {
    uint high0, low0, high1, low1;
    umulExtended(0xD2511F53u, c.x, high0, low0);
    umulExtended(0xCD9E8D57u, c.z, high1, low1);
    c = uvec4(high1 ^ c.y ^ k.x, low1, high0 ^ c.w ^ k.y, low0);
    k += uvec2(0x9E3779B9u, 0xBB67AE85u);
  }
  return c;
}

// A uniform number in [0, 1): the top 24 bits of a word, or 53 bits of two.
double unit24(uint word) { return double(word >> 8) * 5.960464477539063e-08LF; }
double unit53(uint high, uint low) {
  return double(((uint64_t(high) << 32) | uint64_t(low)) >> 11) * 1.1102230246251565e-16LF;
}

// Two independent standard normal numbers from two words (Box–Muller).
dvec2 box_muller(uint first, uint second) {
  precise double u1 = (double(first >> 8) + 1.0LF) * 5.960464477539063e-08LF;  // in (0, 1]
  precise double radius = sqrt(-2.0LF * m64_log(u1));
  precise double angle = 6.2831853071795862LF * unit24(second);
  dvec2 sc = m64_sincos(angle);
  precise double z0 = radius * sc.y;
  precise double z1 = radius * sc.x;
  return dvec2(z0, z1);
}

void main() {
  int count = p[0];
  int kind = p[1];
  uvec2 key = uvec2(uint(p[2]), uint(p[3]));
  double a = packDouble2x32(uvec2(uint(p[4]), uint(p[5])));
  double b = packDouble2x32(uvec2(uint(p[6]), uint(p[7])));
  int offset = p[8];
  int perBlock = kind == 0 ? 2 : (kind == 1 ? 4 : 1);
  int blocks = (count + perBlock - 1) / perBlock;
  int stride = element_stride();
  for (int block = first_element(); block < blocks; block += stride) {
    precise dvec4 v = dvec4(0.0LF);
    if (kind == 0) {  // uniform on [a, b)
      uvec4 w = philox(key, uint(block), 0u);
#if defined(IS_DOUBLE)
      dvec2 u = dvec2(unit53(w.x, w.y), unit53(w.z, w.w));
#else
      dvec2 u = dvec2(unit24(w.x), unit24(w.z));
#endif
      v.xy = a + (b - a) * u;
    } else if (kind == 1) {  // normal with mean a and standard deviation b
      uvec4 w = philox(key, uint(block), 0u);
      v = dvec4(box_muller(w.x, w.y), box_muller(w.z, w.w)) * b + a;
    } else {  // within two standard deviations, retrying in further streams
      for (uint attempt = 1u;; attempt++) {
        uvec4 w = philox(key, uint(block), attempt);
        double z = box_muller(w.x, w.y).x;
        if (abs(z) <= 2.0LF) {
          v.x = a + b * z;
          break;
        }
      }
    }
    for (int j = 0; j < perBlock; j++) {
      int index = block * perBlock + j;
      if (index < count) y[offset + index] = T(v[j]);
    }
  }
}
