#version 450
// y = condition ? a : b over strided operands; T is an unsigned word of the element's size, as
// selection moves bits without reading them.
#include "common.glsl"
layout(local_size_x = 256) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer C { uint8_t condition[]; };
layout(std430, binding = 3) readonly buffer A { T a[]; };
layout(std430, binding = 4) readonly buffer B { T b[]; };

void main() {
  for (int i = first_element(); i < element_count(); i += element_stride()) {
    int o[MAX_OPERANDS];
    strided_offsets(i, 4, o);
    y[o[0]] = condition[o[1]] != uint8_t(0) ? a[o[2]] : b[o[3]];
  }
}
