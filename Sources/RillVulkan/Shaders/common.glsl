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

// The offsets of linear element `i` in operands 0…n-1 (at most 9: the output and 8 inputs).
const int MAX_OPERANDS = 9;
void strided_offsets(int i, int n, out int offsets[MAX_OPERANDS]) {
  for (int k = 0; k < MAX_OPERANDS; k++) offsets[k] = k < n ? p[12 + 9 * k] : 0;
  int rest = i;
  for (int d = p[1] - 1; d >= 0; d--) {
    int size = p[4 + d];
    int position = rest % size;
    rest /= size;
    for (int k = 0; k < n; k++) offsets[k] += position * p[13 + 9 * k + d];
  }
}

// The first element and the distance between the elements this invocation handles (a grid-stride
// loop, so any count fits the device's largest dispatch).
int first_element() { return int(gl_GlobalInvocationID.x); }
int element_stride() { return int(gl_NumWorkGroups.x * gl_WorkGroupSize.x); }

// int64 bounds (64-bit literals must follow the extensions above).
#define I64_LOWEST (-9223372036854775807L - 1L)
#define I64_HIGHEST 9223372036854775807L
#define I64_HIGHEST_DOUBLE 9223372036854775808.0LF
