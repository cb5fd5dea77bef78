#version 450
// y = x between strided views of the same shape; T is an unsigned word of the element's size.
#include "common.glsl"
layout(local_size_x = 256) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };

void main() {
  for (int i = first_element(); i < element_count(); i += element_stride()) {
    int o[MAX_OPERANDS];
    strided_offsets(i, 2, o);
    y[o[0]] = x[o[1]];
  }
}
