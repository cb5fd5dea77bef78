/* Tests of the C API's tensors and eager ops: results, and every kind of bad input, which must
 * come back as a status naming the op, shape or dtype — never stop the process. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

void test_tensors(void) {
  /* Every dtype round-trips. */
  const double doubles[] = {1.5, -2.25};
  const int32_t ints[] = {7, -8};
  const int64_t longs[] = {1LL << 40, -3};
  const uint8_t bytes[] = {0, 255};
  const void* data[] = {(float[]){1.5f, -2.25f}, doubles, ints, longs, bytes, (uint8_t[]){0, 1}};
  const int64_t two = 2;
  for (int dtype = RILL_FLOAT32; dtype <= RILL_BOOL; dtype++) {
    size_t size = 2 * rill_dtype_size(dtype);
    RillTensor* t = rill_tensor_new(dtype, &two, 1, data[dtype], size, status);
    EXPECT_OK();
    EXPECT(rill_tensor_dtype(t) == dtype && rill_tensor_rank(t) == 1);
    EXPECT(rill_tensor_dim(t, 0) == 2 && rill_tensor_byte_count(t) == (int64_t)size);
    unsigned char out[16];
    EXPECT(rill_tensor_copy_data(t, out, size, status) == 0);
    EXPECT(memcmp(out, data[dtype], size) == 0);
    rill_tensor_delete(t);
  }
  EXPECT(strcmp(rill_dtype_name(RILL_INT64), "int64") == 0);
  EXPECT(strcmp(rill_dtype_name(42), "invalid") == 0 && rill_dtype_size(42) == 0);

  /* Bool bytes other than 0 and 1 are true. */
  const uint8_t odd[] = {0, 2, 255};
  const int64_t three = 3;
  RillTensor* flags = rill_tensor_new(RILL_BOOL, &three, 1, odd, 3, status);
  uint8_t normalized[3];
  rill_tensor_copy_data(flags, normalized, 3, status);
  EXPECT(normalized[0] == 0 && normalized[1] == 1 && normalized[2] == 1);
  rill_tensor_delete(flags);

  /* Zeros and a scalar. */
  const int64_t dims[] = {2, 3};
  RillTensor* zeros = rill_tensor_zeros(RILL_FLOAT64, dims, 2, status);
  EXPECT_OK();
  double z[6] = {1, 1, 1, 1, 1, 1};
  rill_tensor_copy_data(zeros, z, sizeof z, status);
  EXPECT(z[0] == 0 && z[5] == 0);
  rill_tensor_delete(zeros);
  float pi = 3.14f;
  RillTensor* scalar = rill_tensor_new(RILL_FLOAT32, NULL, 0, &pi, 4, status);
  EXPECT_OK();
  EXPECT(rill_tensor_rank(scalar) == 0 && rill_tensor_element_count(scalar) == 1);
  rill_tensor_delete(scalar);

  /* Bad arguments. */
  float four[4] = {0};
  EXPECT(rill_tensor_new(9, dims, 2, four, 16, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "9 is not a RillDType");
  EXPECT(rill_tensor_new(RILL_FLOAT32, dims, -1, four, 16, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "rank -1 is negative");
  EXPECT(rill_tensor_new(RILL_FLOAT32, NULL, 2, four, 16, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "dims is NULL");
  const int64_t negative[] = {2, -3};
  EXPECT(rill_tensor_zeros(RILL_FLOAT32, negative, 2, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "[2, -3] has a negative size");
  EXPECT(rill_tensor_new(RILL_FLOAT32, dims, 2, four, 16, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "16 bytes given for a float32[2, 3] tensor of 24 bytes");
  EXPECT(rill_tensor_new(RILL_FLOAT32, dims, 2, NULL, 24, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "data is NULL");
  const int64_t huge[] = {1LL << 40, 1LL << 40};
  EXPECT(rill_tensor_zeros(RILL_FLOAT32, huge, 2, status) == NULL);
  EXPECT_ERROR(RILL_RESOURCE_EXHAUSTED, "too large");
  const int64_t big[] = {1LL << 20, 1LL << 20};
  EXPECT(rill_tensor_zeros(RILL_FLOAT64, big, 2, status) == NULL);
  EXPECT_ERROR(RILL_RESOURCE_EXHAUSTED, "more than the");

  /* Dead handles, a pointer Rill never made, and NULL are refused, not followed. */
  RillTensor* t = rill_tensor_new(RILL_FLOAT32, &two, 1, four, 8, status);
  rill_tensor_delete(t);
  rill_tensor_delete(t); /* a second delete does nothing */
  EXPECT(rill_tensor_rank(t) == -1 && rill_tensor_dim(t, 0) == -1);
  EXPECT(rill_tensor_copy_data(t, four, 8, status) == -1);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "not a live RillTensor");
  int not_a_tensor = 0;
  EXPECT(rill_tensor_copy_data((RillTensor*)&not_a_tensor, four, 8, status) == -1);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "not a live RillTensor");
  EXPECT(rill_tensor_copy_data(NULL, four, 8, status) == -1);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "is NULL");
  EXPECT(rill_tensor_dtype((RillTensor*)status) == -1); /* a status is not a tensor */
  RillTensor* ok = rill_tensor_new(RILL_FLOAT32, &two, 1, four, 8, status);
  EXPECT(rill_tensor_copy_data(ok, four, 4, status) == -1);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "a buffer of 4 bytes for a float32[2] tensor of 8 bytes");
  EXPECT(rill_tensor_copy_data(ok, NULL, 8, status) == -1);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "buffer is NULL");
  /* A NULL status is allowed: the call fails safely. */
  EXPECT(rill_tensor_copy_data(ok, NULL, 8, NULL) == -1);
  rill_tensor_delete(ok);
  EXPECT(rill_status_code((RillStatus*)&not_a_tensor) == RILL_INVALID_ARGUMENT);
}

void test_ops(void) {
  const int64_t d23[] = {2, 3}, d3[] = {3}, d32[] = {3, 2}, d4[] = {4};
  RillTensor* a = floats((float[]){1, 2, 3, 4, 5, 6}, d23, 2);
  RillTensor* row = floats((float[]){10, 20, 30}, d3, 1);
  RillTensor* b = floats((float[]){1, 0, 0, 1, 1, 1}, d32, 2);
  RillTensor* four = floats((float[]){1, 2, 3, 4}, d4, 1);
  float out[6];

  RillTensor* sum = run2("add", a, row, NULL); /* broadcasting */
  EXPECT_OK();
  read_floats(sum, out, 6);
  EXPECT(out[0] == 11 && out[5] == 36);
  RillTensor* product = run2("matmul", a, b, NULL);
  read_floats(product, out, 4);
  EXPECT(out[0] == 4 && out[1] == 5 && out[2] == 10 && out[3] == 11);
  RillAttrs* attrs = rill_attrs_new();
  rill_attrs_set_ints(attrs, "axis", (int64_t[]){1}, 1);
  RillTensor* rows = run1("reduce_sum", a, attrs);
  read_floats(rows, out, 2);
  EXPECT(out[0] == 6 && out[1] == 15);
  RillTensor* probabilities = run1("softmax", a, NULL);
  read_floats(probabilities, out, 6);
  EXPECT(fabsf(out[0] + out[1] + out[2] - 1) < 1e-6f && out[2] > out[1]);
  rill_attrs_delete(attrs);

  /* conv2d and pooling on a 1×3×3×1 image. */
  const int64_t image_dims[] = {1, 3, 3, 1}, filter_dims[] = {2, 2, 1, 1};
  RillTensor* image = floats((float[]){1, 2, 3, 4, 5, 6, 7, 8, 9}, image_dims, 4);
  RillTensor* filter = floats((float[]){1, 1, 1, 1}, filter_dims, 4);
  RillTensor* convolved = run2("conv2d", image, filter, NULL);
  EXPECT_OK();
  read_floats(convolved, out, 4);
  EXPECT(out[0] == 12 && out[1] == 16 && out[2] == 24 && out[3] == 28);
  attrs = rill_attrs_new();
  rill_attrs_set_ints(attrs, "ksize", (int64_t[]){1, 2, 2, 1}, 4);
  rill_attrs_set_ints(attrs, "strides", (int64_t[]){1, 1}, 2);
  RillTensor* pooled = run1("max_pool2d", image, attrs);
  EXPECT_OK();
  read_floats(pooled, out, 4);
  EXPECT(out[0] == 5 && out[3] == 9);
  rill_attrs_delete(attrs);

  /* Bad op names, arities and operands. */
  EXPECT(run1("frobnicate", a, NULL) == NULL);
  EXPECT_ERROR(RILL_NOT_FOUND, "'frobnicate' is not an op");
  EXPECT(rill_execute(NULL, NULL, 0, NULL, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "op is NULL");
  EXPECT(run1("add", a, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "add: takes 2 inputs, given 1");
  EXPECT(rill_execute("add", NULL, 2, NULL, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "inputs is NULL");
  EXPECT(run2("add", a, NULL, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "add: input 1 is NULL");
  EXPECT(run2("add", a, four, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "add: shapes [2, 3] and [4] are not broadcast-compatible");
  EXPECT(run2("matmul", a, a, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "matmul: inner dimensions differ: [2, 3] × [2, 3]");
  EXPECT(run2("matmul", row, a, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "must have rank 2 or more");
  const uint8_t truth[] = {1, 0};
  const int64_t two = 2;
  RillTensor* flags = rill_tensor_new(RILL_BOOL, &two, 1, truth, 2, status);
  EXPECT(run2("sub", flags, flags, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "sub: dtypes bool and bool are not supported");
  EXPECT(run1("relu6", flags, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "relu6: dtype bool is not supported");
  EXPECT(run2("conv2d", a, filter, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "conv2d: input [2, 3] must be NHWC");
  const int64_t wide_dims[] = {4, 4, 1, 1};
  RillTensor* wide = rill_tensor_zeros(RILL_FLOAT32, wide_dims, 4, status);
  EXPECT(run2("conv2d", image, wide, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "is larger than input [1, 3, 3, 1] with VALID padding");
  const int64_t two_channels[] = {2, 2, 2, 1};
  RillTensor* mismatched = rill_tensor_zeros(RILL_FLOAT32, two_channels, 4, status);
  EXPECT(run2("conv2d", image, mismatched, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "filter [2, 2, 2, 1] does not fit input [1, 3, 3, 1]");
  attrs = rill_attrs_new();
  rill_attrs_set_string(attrs, "padding", "HALF");
  EXPECT(run2("conv2d", image, filter, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "conv2d: attribute 'padding' is 'HALF'");
  rill_attrs_set_string(attrs, "padding", "same");
  rill_attrs_set_ints(attrs, "strides", (int64_t[]){0, 1}, 2);
  EXPECT(run2("conv2d", image, filter, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "must be two positive numbers");
  rill_attrs_set_ints(attrs, "strides", (int64_t[]){2, 1, 1}, 3);
  EXPECT(run2("conv2d", image, filter, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "must be [h, w] or [1, h, w, 1]");
  rill_attrs_delete(attrs);
  EXPECT(run1("max_pool2d", image, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "max_pool2d: attribute 'ksize' is required");
  attrs = rill_attrs_new();
  rill_attrs_set_ints(attrs, "ksize", (int64_t[]){4, 4}, 2);
  EXPECT(run1("avg_pool2d", image, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "avg_pool2d: window [4, 4] is larger than input");
  rill_attrs_delete(attrs);
  attrs = rill_attrs_new();
  rill_attrs_set_ints(attrs, "axis", (int64_t[]){2}, 1);
  EXPECT(run1("reduce_mean", a, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "reduce_mean: axis 2 is out of range for shape [2, 3]");
  rill_attrs_set_ints(attrs, "axis", (int64_t[]){1, -1}, 2);
  EXPECT(run1("reduce_max", a, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "is repeated");
  rill_attrs_set_int(attrs, "axis", 5);
  EXPECT(run1("softmax", a, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "softmax: axis 5 is out of range");
  EXPECT(run1("argmax", a, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "argmax: axis 5 is out of range");
  rill_attrs_delete(attrs);
  const int64_t empty_dims[] = {2, 0};
  RillTensor* empty = rill_tensor_zeros(RILL_FLOAT32, empty_dims, 2, status);
  attrs = rill_attrs_new();
  rill_attrs_set_int(attrs, "axis", 1);
  EXPECT(run1("argmin", empty, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "argmin: axis 1 is empty");
  rill_attrs_set_float(attrs, "axis", 1.5);
  EXPECT(run1("argmin", a, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "attribute 'axis' must be an int");
  rill_attrs_delete(attrs);
  attrs = rill_attrs_new();
  rill_attrs_set_bool(attrs, "transpose_c", 1);
  EXPECT(run2("matmul", a, b, attrs) == NULL);
  EXPECT_ERROR(RILL_NOT_FOUND, "matmul: unknown attribute 'transpose_c'");
  rill_attrs_delete(attrs);
  attrs = rill_attrs_new();
  rill_attrs_set_ints(attrs, "shape", (int64_t[]){4, -1}, 2);
  EXPECT(run1("reshape", a, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "cannot reshape a tensor of shape [2, 3] to [4, -1]");
  rill_attrs_set_ints(attrs, "shape", (int64_t[]){3, 2}, 2);
  rill_attrs_set_ints(attrs, "perm", (int64_t[]){1, 0}, 2);
  EXPECT(run1("reshape", a, attrs) == NULL);
  EXPECT_ERROR(RILL_NOT_FOUND, "reshape: unknown attribute 'perm'");
  rill_attrs_delete(attrs);
  attrs = rill_attrs_new();
  rill_attrs_set_ints(attrs, "perm", (int64_t[]){0, 0}, 2);
  EXPECT(run1("transpose", a, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "[0, 0] is not a permutation of the axes of shape [2, 3]");
  rill_attrs_delete(attrs);
  attrs = rill_attrs_new();
  rill_attrs_set_int(attrs, "dtype", 17);
  EXPECT(run1("cast", a, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "cast: attribute 'dtype' 17 is not a RillDType");
  rill_attrs_delete(attrs);
  EXPECT(run2("bias_add", a, four, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "bias_add: a bias of shape [4] does not match");
  /* A broadcast result too large to allocate is refused before it is computed. */
  const int64_t column_dims[] = {1 << 20, 1}, line_dims[] = {1 << 20};
  RillTensor* column = rill_tensor_zeros(RILL_FLOAT64, column_dims, 2, status);
  RillTensor* line = rill_tensor_zeros(RILL_FLOAT64, line_dims, 1, status);
  EXPECT(run2("mul", column, line, NULL) == NULL);
  EXPECT_ERROR(RILL_RESOURCE_EXHAUSTED, "mul: a float64[1048576, 1048576] tensor needs");
  EXPECT(rill_attrs_set_int(NULL, "x", 1) == -1 && rill_attrs_set_string(NULL, "x", "y") == -1);
  /* Sizes whose arithmetic would overflow, and integer powers that would run for ages. */
  attrs = rill_attrs_new();
  rill_attrs_set_ints(attrs, "dilations", (int64_t[]){1LL << 62, 1}, 2);
  EXPECT(run2("conv2d", image, filter, attrs) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT,
               "conv2d: attribute 'dilations': [4611686018427387904, 1] is larger");
  rill_attrs_delete(attrs);
  const int32_t base[] = {3}, exponent[] = {1 << 20};
  const int64_t one = 1;
  RillTensor* bases = rill_tensor_new(RILL_INT32, &one, 1, base, 4, status);
  RillTensor* exponents = rill_tensor_new(RILL_INT32, &one, 1, exponent, 4, status);
  EXPECT(run2("pow", bases, exponents, NULL) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT,
               "pow: integer exponents above 65536 are refused; found 1048576");
  RillTensor* cube = run2("pow", bases, bases, NULL);
  int32_t cubed = 0;
  rill_tensor_copy_data(cube, &cubed, 4, status);
  EXPECT(cubed == 27);
  /* Empty operands are fine: an empty inner dimension gives zeros. */
  const int64_t d20[] = {2, 0}, d03[] = {0, 3};
  RillTensor* left = rill_tensor_zeros(RILL_FLOAT32, d20, 2, status);
  RillTensor* right = rill_tensor_zeros(RILL_FLOAT32, d03, 2, status);
  RillTensor* empty_product = run2("matmul", left, right, NULL);
  EXPECT_OK();
  read_floats(empty_product, out, 6);
  EXPECT(out[0] == 0 && out[5] == 0);
  RillTensor* empty_softmax = run1("softmax", left, NULL);
  EXPECT_OK();
  EXPECT(rill_tensor_element_count(empty_softmax) == 0);
  RillTensor* more[] = {bases, exponents, cube, left, right, empty_product, empty_softmax};
  for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) rill_tensor_delete(more[i]);

  RillTensor* all[] = {a, row, b, four, sum, product, rows, probabilities, image, filter,
                       convolved, pooled, flags, wide, mismatched, empty, column, line};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) rill_tensor_delete(all[i]);
}

