/* Shared helpers of the C API tests: checks that record failures, and small constructors. */
#ifndef RILL_TEST_SUPPORT_H
#define RILL_TEST_SUPPORT_H

#include <stdio.h>

#include "rill.h"

/* The number of failed checks, and the status every test call uses. */
extern int failures;
extern RillStatus* status;

/* Records a failure unless `condition` holds. */
#define EXPECT(condition)                                                        \
  do {                                                                           \
    if (!(condition)) {                                                          \
      fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #condition);   \
      failures++;                                                                \
    }                                                                            \
  } while (0)

/* Checks that the last call failed with `code` and a message containing `text`. */
void expect_error(const char* file, int line, RillCode code, const char* text);
#define EXPECT_ERROR(code, text) expect_error(__FILE__, __LINE__, code, text)
#define EXPECT_OK() expect_error(__FILE__, __LINE__, RILL_OK, "")

/* A float32 tensor of `values` and shape dims[0..rank). */
RillTensor* floats(const float* values, const int64_t* dims, int32_t rank);
/* Runs a one- or two-operand op with `status`. */
RillTensor* run1(const char* op, RillTensor* x, RillAttrs* attrs);
RillTensor* run2(const char* op, RillTensor* a, RillTensor* b, RillAttrs* attrs);
/* Copies the `count` elements of a float32 tensor into `out`. */
void read_floats(RillTensor* tensor, float* out, int64_t count);

/* The test groups. */
void test_tensors(void);
void test_ops(void);
void test_models(void);
void test_fit_callback(void);

#endif
