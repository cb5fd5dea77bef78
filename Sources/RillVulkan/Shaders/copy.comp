#version 450
// y = x between strided views of the same shape; T is an unsigned word of the element's size.
#include "common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };

void main() {
  int count = element_count();
  int stride = element_stride();
  for (int i = first_element(); i < count; i += stride) {
    y[operand_offset(0, i)] = x[operand_offset(1, i)];
  }
}
