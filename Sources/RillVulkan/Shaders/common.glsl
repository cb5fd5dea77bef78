// What every Rill compute shader shares: the extensions for 8-bit and 64-bit types, the
// parameter block at binding 0 (32-bit integers whose meaning each shader gives), and the strided
// addressing of elementwise operands.
#extension GL_EXT_shader_8bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_int8 : require
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
#extension GL_EXT_control_flow_attributes : enable

layout(std430, binding = 0) readonly buffer Params { int p[]; };

// The strided layout (elementwise kernels): p[0] element count, p[1] rank (at most 8),
// p[2] function, p[3] spare, p[4 + d] the shape, then per operand k (0 the output, 1… inputs)
// p[12 + 9k] its offset in elements and p[13 + 9k + d] its strides.
const int MAX_RANK = 8;

int element_count() { return p[0]; }

// The offset of linear element `i` in operand k (0 the output, 1… the inputs, at most 8).
// Rank 1, what the host's merging of dimensions leaves for most operands, needs no division.
// (Private arrays indexed at run time are slow on CPU drivers, so offsets are computed one
// operand at a time.)
int operand_offset(int k, int i) {
  int rank = p[1];
  int base = 12 + 9 * k;
  if (rank <= 1) return p[base] + i * p[base + 1];
  int offset = p[base];
  int rest = i;
  for (int d = rank - 1; d >= 0; d--) {
    int size = p[4 + d];
    int quotient = rest / size;
    offset += (rest - quotient * size) * p[base + 1 + d];
    rest = quotient;
  }
  return offset;
}

// The first element and the distance between the elements this invocation handles (a grid-stride
// loop, so any count fits the device's largest dispatch).
// The loops hoist their bounds and use the GROUP_SIZE constant rather than gl_WorkGroupSize:
// CPU drivers (lavapipe) run such loops about 100 times faster.
#ifndef GROUP_SIZE
#define GROUP_SIZE 256
#endif
int first_element() { return int(gl_GlobalInvocationID.x); }
int element_stride() { return int(gl_NumWorkGroups.x) * GROUP_SIZE; }

// int64 bounds (64-bit literals must follow the extensions above).
#define I64_LOWEST (-9223372036854775807L - 1L)
#define I64_HIGHEST 9223372036854775807L
#define I64_HIGHEST_DOUBLE 9223372036854775808.0LF
