/* Tests of the C API's models: JSON descriptions, compile, fit, evaluate, predict, save, and
 * the errors bad descriptions, inputs and labels give. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const char* prefix =
    "{\"class_name\": \"Sequential\", \"build_config\": {\"input_shape\": [null, 4]},"
    " \"config\": {\"layers\": [";

/* A model from a layer list written after `prefix`, or NULL. */
static RillModel* model_from(const char* layers) {
  char json[2048];
  snprintf(json, sizeof json, "%s%s]}}", prefix, layers);
  return rill_model_from_json(json, status);
}

static const char* dense3 =
    "{\"class_name\": \"Dense\", \"name\": \"d\", \"config\": {\"units\": 3, \"activation\":"
    " \"softmax\", \"use_bias\": true, \"kernel_initializer\": {\"class_name\": \"GlorotUniform\","
    " \"config\": {\"seed\": 3}},"
    " \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
    " \"kernel_regularizer\": null, \"bias_regularizer\": null}}";

void test_models(void) {
  EXPECT(rill_model_load("/nonexistent/model", status) == NULL);
  EXPECT_ERROR(RILL_IO, "/nonexistent/model has no model.safetensors");
  EXPECT(rill_model_load(NULL, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "directory is NULL");
  EXPECT(rill_model_from_json("{not json", status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "not valid JSON");
  EXPECT(rill_model_from_json("{\"class_name\": \"Functional\"}", status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "class_name must be \"Sequential\"");
  EXPECT(rill_model_from_json("{\"class_name\": \"Sequential\", \"config\": {\"layers\": []}}",
                              status) == NULL);
  EXPECT_ERROR(RILL_IO, "build_config");
  EXPECT(model_from("{\"class_name\": \"Wobble\", \"name\": \"w\", \"config\": {}}") == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "Wobble layers are not supported");
  EXPECT(model_from("{\"class_name\": \"Reshape\", \"name\": \"r\", \"config\":"
                    " {\"target_shape\": [4611686018427387904, 4]}}") == NULL);
  EXPECT_ERROR(RILL_RESOURCE_EXHAUSTED, "Reshape target_shape");
  EXPECT(model_from("{\"class_name\": \"Dense\", \"name\": \"big\", \"config\": {\"units\":"
                    " 4611686018427387904, \"activation\": \"linear\", \"use_bias\": false,"
                    " \"kernel_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
                    " \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
                    " \"kernel_regularizer\": null, \"bias_regularizer\": null}}") == NULL);
  EXPECT_ERROR(RILL_RESOURCE_EXHAUSTED, "layer 'big'");
  EXPECT(model_from("{\"class_name\": \"Conv2D\", \"name\": \"conv\", \"config\": {\"filters\": 2,"
                    " \"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"valid\","
                    " \"dilation_rate\": [1, 1], \"activation\": \"linear\", \"use_bias\": true,"
                    " \"kernel_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
                    " \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
                    " \"kernel_regularizer\": null}}") == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "layer 'conv': Conv2D(2) needs NHWC inputs of rank 4");
  EXPECT(model_from("{\"class_name\": \"Embedding\", \"name\": \"e\","
                    " \"config\": {\"input_dim\": 5,"
                    " \"output_dim\": 2, \"embeddings_initializer\": {\"class_name\": \"Zeros\","
                    " \"config\": {}}}}") == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "Embedding layers are not supported");
  EXPECT(model_from("{\"class_name\": \"Reshape\", \"name\": \"r\","
                    " \"config\": {\"target_shape\": [3]}}") == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "layer 'r': reshape: cannot reshape");
  EXPECT(model_from("{\"class_name\": \"Dropout\", \"name\": \"x\","
                    " \"config\": {\"rate\": 1.5, \"seed\": null}}") == NULL);
  EXPECT_ERROR(RILL_IO, "rate");

  RillModel* model = model_from(dense3);
  EXPECT_OK();
  EXPECT(rill_model_input_rank(model) == 1 && rill_model_input_dim(model, 0) == 4);
  const int64_t x_dims[] = {6, 4}, wrong_dims[] = {6, 5}, y_dims[] = {6};
  float x_values[24];
  for (int i = 0; i < 24; i++) x_values[i] = (float)(i % 7) / 7.0f;
  RillTensor* x = floats(x_values, x_dims, 2);
  RillTensor* wrong = rill_tensor_zeros(RILL_FLOAT32, wrong_dims, 2, status);
  RillTensor* ints = rill_tensor_zeros(RILL_INT32, x_dims, 2, status);
  const int32_t classes[] = {0, 1, 2, 0, 1, 2}, out_of_range[] = {0, 1, 2, 3, 1, 2};
  RillTensor* y = rill_tensor_new(RILL_INT32, y_dims, 1, classes, sizeof classes, status);
  RillTensor* bad_y = rill_tensor_new(RILL_INT32, y_dims, 1, out_of_range, sizeof classes, status);
  RillTensor* float_y = rill_tensor_zeros(RILL_FLOAT32, y_dims, 1, status);

  RillTensor* p = rill_model_predict(model, x, 4, status);
  EXPECT_OK();
  EXPECT(rill_tensor_dim(p, 0) == 6 && rill_tensor_dim(p, 1) == 3);
  EXPECT(rill_model_predict(model, wrong, 4, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT,
               "inputs float32[6, 5] do not fit the model's examples float32[4]");
  EXPECT(rill_model_predict(model, ints, 4, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "inputs int32[6, 4] do not fit");
  EXPECT(rill_model_predict(model, x, 0, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "batch_size 0 must be positive");
  EXPECT(rill_model_predict(model, NULL, 4, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "x is NULL");
  EXPECT(rill_model_evaluate(model, x, y, 4, status) == NULL);
  EXPECT_ERROR(RILL_FAILED_PRECONDITION, "not compiled");

  EXPECT(rill_model_compile(model, "adamax", "mse", NULL, 0, status) == -1);
  EXPECT_ERROR(RILL_NOT_FOUND, "'adamax' is not a optimizer");
  EXPECT(rill_model_compile(model, "sgd", "hinge", NULL, 0, status) == -1);
  EXPECT_ERROR(RILL_NOT_FOUND, "'hinge' is not a loss");
  const char* mismatched[] = {"categorical_accuracy"};
  EXPECT(rill_model_compile(model, "sgd", "sparse_categorical_crossentropy", mismatched, 1,
                            status) == -1);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "metric 'categorical_accuracy' does not fit");
  EXPECT(rill_model_compile(model, "sgd", "mse", NULL, 3, status) == -1);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "metrics is NULL for 3 names");
  const char* metrics[] = {"accuracy"};
  EXPECT(rill_model_compile(model, "sgd", "sparse_categorical_crossentropy", metrics, 1,
                            status) == 0);

  EXPECT(rill_model_fit(model, x, bad_y, 1, 2, NULL, NULL, NULL, NULL, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "labels must lie in 0..<3; found 3");
  EXPECT(rill_model_fit(model, x, float_y, 1, 2, NULL, NULL, NULL, NULL, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT,
               "labels float32[6] must be integer class indices of shape [6]");
  EXPECT(rill_model_fit(model, x, x, 1, 2, NULL, NULL, NULL, NULL, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "must be integer class indices");
  EXPECT(rill_model_fit(model, x, y, 1, 2, x, NULL, NULL, NULL, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "validation_y is NULL");
  EXPECT(rill_model_fit(model, x, y, -1, 2, NULL, NULL, NULL, NULL, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "epochs -1 is negative");
  EXPECT(rill_model_evaluate(model, x, bad_y, 2, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "labels must lie in 0..<3");

  RillLogs* logs = rill_model_fit(model, x, y, 2, 3, x, y, NULL, NULL, status);
  EXPECT_OK();
  EXPECT(rill_logs_count(logs) == 4 && strcmp(rill_logs_name(logs, 0), "accuracy") == 0);
  EXPECT(!isnan(rill_logs_get(logs, "val_loss")) && isnan(rill_logs_get(logs, "nothing")));
  EXPECT(rill_logs_name(logs, 9) == NULL && isnan(rill_logs_value(logs, -1)));
  rill_logs_delete(logs);

  EXPECT(rill_model_save(model, "/proc/rill-cannot-write-here", status) == -1);
  EXPECT(rill_status_code(status) == RILL_IO || rill_status_code(status) == RILL_INTERNAL);
  EXPECT(strstr(rill_status_message(status), "rill-cannot-write-here") != NULL);
  rill_model_delete(model);
  EXPECT(rill_model_predict(model, x, 4, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "not a live RillModel");

  RillTensor* all[] = {x, wrong, ints, y, bad_y, float_y, p};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) rill_tensor_delete(all[i]);
}

/* Stops after the first epoch. */
static int32_t stop_at_once(int32_t epoch, const RillLogs* logs, void* user_data) {
  (void)logs;
  *(int32_t*)user_data = epoch + 1;
  return 1;
}

void test_fit_callback(void) {
  RillModel* model = model_from(dense3);
  const char* metrics[] = {"accuracy"};
  rill_model_compile(model, "adam", "categorical_crossentropy", metrics, 1, status);
  EXPECT_OK();
  const int64_t x_dims[] = {4, 4}, y_dims[] = {4, 3}, sparse_dims[] = {4};
  RillTensor* x = rill_tensor_zeros(RILL_FLOAT32, x_dims, 2, status);
  RillTensor* y = floats((float[]){1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0}, y_dims, 2);
  RillTensor* sparse = rill_tensor_zeros(RILL_INT64, sparse_dims, 1, status);
  int32_t epochs = 0;
  RillLogs* logs = rill_model_fit(model, x, y, 5, 2, NULL, NULL, stop_at_once, &epochs, status);
  EXPECT_OK();
  EXPECT(epochs == 1 && !isnan(rill_logs_get(logs, "accuracy")));
  EXPECT(rill_model_fit(model, x, sparse, 1, 2, NULL, NULL, NULL, NULL, status) == NULL);
  EXPECT_ERROR(RILL_INVALID_ARGUMENT, "labels int64[4] must be floats of shape [4, 3]");
  rill_logs_delete(logs);
  rill_tensor_delete(x);
  rill_tensor_delete(y);
  rill_tensor_delete(sparse);
  rill_model_delete(model);
}

