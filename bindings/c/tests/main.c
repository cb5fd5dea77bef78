/* Tests of Rill's C API: results of tensors, ops and models, and every kind of bad input,
 * which must come back as a status naming the op, shape or file — never stop the process.
 *
 *   make c-test    (builds and runs them, then checks the C example with valgrind)
 */
#include <string.h>

#include "support.h"

int main(void) {
  EXPECT(strncmp(rill_version(), "0.", 2) == 0);
  status = rill_status_new();
  EXPECT(rill_status_code(status) == RILL_OK && strcmp(rill_status_message(status), "") == 0);
  test_tensors();
  test_ops();
  test_models();
  test_fit_callback();
  rill_status_delete(status);
  EXPECT(rill_live_handle_count() == 0);
  if (failures) {
    fprintf(stderr, "%d C API checks failed\n", failures);
    return 1;
  }
  printf("C API tests passed\n");
  return 0;
}
