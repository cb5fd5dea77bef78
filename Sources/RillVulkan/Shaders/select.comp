#version 450
// y = condition ? a : b over strided operands; T is an unsigned word of the element's size, as
// selection moves bits without reading them.
#include "common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer C { uint8_t condition[]; };
layout(std430, binding = 3) readonly buffer A { T a[]; };
layout(std430, binding = 4) readonly buffer B { T b[]; };

void main() {
  int count = element_count();
  int stride = element_stride();
  for (int i = first_element(); i < count; i += stride) {
    y[operand_offset(0, i)] = condition[operand_offset(1, i)] != uint8_t(0) ? a[operand_offset(2, i)] : b[operand_offset(3, i)];
  }
}
