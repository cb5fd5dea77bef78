/* Shared helpers of the C API tests. */
#include "support.h"

#include <string.h>

int failures = 0;
RillStatus* status;

void expect_error(const char* file, int line, RillCode code, const char* text) {
  const char* message = rill_status_message(status);
  if (rill_status_code(status) != code || strstr(message, text) == NULL) {
    fprintf(stderr, "%s:%d: expected code %d with \"%s\", got code %d: %s\n", file, line, code,
            text, rill_status_code(status), message);
    failures++;
  }
}

RillTensor* floats(const float* values, const int64_t* dims, int32_t rank) {
  int64_t count = 1;
  for (int i = 0; i < rank; i++) count *= dims[i];
  RillTensor* tensor =
      rill_tensor_new(RILL_FLOAT32, dims, rank, values, (size_t)count * sizeof(float), status);
  EXPECT_OK();
  return tensor;
}

RillTensor* run1(const char* op, RillTensor* x, RillAttrs* attrs) {
  const RillTensor* inputs[] = {x};
  return rill_execute(op, inputs, 1, attrs, status);
}

RillTensor* run2(const char* op, RillTensor* a, RillTensor* b, RillAttrs* attrs) {
  const RillTensor* inputs[] = {a, b};
  return rill_execute(op, inputs, 2, attrs, status);
}

void read_floats(RillTensor* tensor, float* out, int64_t count) {
  EXPECT(rill_tensor_element_count(tensor) == count);
  rill_tensor_copy_data(tensor, out, (size_t)count * sizeof(float), status);
  EXPECT_OK();
}
