/* Rill from C: load the MNIST model that the KerasMNIST example saves, predict the first test
 * images and print the digits; then build a small model from its JSON description, train it
 * with a progress callback, evaluate, save and reload it.
 *
 *   make c-example   (or see README.md for the cc command)
 *   .build-c/mnist <model dir> <mnist dir> [predictions.bin]
 *
 * The optional third argument receives the predicted probabilities as raw float32, for the
 * test that compares them with Swift's. Exits 1 when something fails. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mnist_idx.h"
#include "rill.h"

enum { PREDICTED = 10, TRAIN = 2000, VALIDATE = 500 };

/* Prints the status's message and exits unless the last call succeeded. */
static void check(RillStatus* status, const char* what) {
  if (rill_status_code(status) != RILL_OK) {
    fprintf(stderr, "%s failed (code %d): %s\n", what, rill_status_code(status),
            rill_status_message(status));
    exit(1);
  }
}

/* The images and labels of the first `count` examples of an MNIST split in `dir`. */
static void load_split(const char* dir, const char* split, int64_t count, RillTensor** images,
                       RillTensor** labels, RillStatus* status) {
  char images_path[4096], labels_path[4096];
  snprintf(images_path, sizeof images_path, "%s/%s-images-idx3-ubyte.gz", dir, split);
  snprintf(labels_path, sizeof labels_path, "%s/%s-labels-idx1-ubyte.gz", dir, split);
  float* pixels = mnist_read_images(images_path, count);
  int32_t* classes = mnist_read_labels(labels_path, count);
  if (!pixels || !classes) exit(1);
  const int64_t image_dims[] = {count, 28, 28};
  *images = rill_tensor_new(RILL_FLOAT32, image_dims, 3, pixels,
                            (size_t)count * 28 * 28 * sizeof(float), status);
  check(status, "rill_tensor_new (images)");
  *labels = rill_tensor_new(RILL_INT32, &count, 1, classes, (size_t)count * sizeof(int32_t),
                            status);
  check(status, "rill_tensor_new (labels)");
  free(pixels);
  free(classes);
}

/* The predicted digit of each row of a [count, 10] probability tensor, via Rill's argmax. */
static void print_digits(RillTensor* probabilities, RillTensor* labels, RillStatus* status) {
  RillAttrs* attrs = rill_attrs_new();
  rill_attrs_set_int(attrs, "axis", 1);
  const RillTensor* inputs[] = {probabilities};
  RillTensor* digits = rill_execute("argmax", inputs, 1, attrs, status);
  check(status, "rill_execute(argmax)");
  int64_t count = rill_tensor_element_count(digits);
  int64_t* predicted = malloc((size_t)count * sizeof(int64_t));
  int32_t* truth = malloc((size_t)count * sizeof(int32_t));
  rill_tensor_copy_data(digits, predicted, (size_t)count * sizeof(int64_t), status);
  check(status, "rill_tensor_copy_data (digits)");
  rill_tensor_copy_data(labels, truth, (size_t)count * sizeof(int32_t), status);
  check(status, "rill_tensor_copy_data (labels)");
  printf("Predicted digits:");
  for (int64_t i = 0; i < count; i++) printf(" %lld", (long long)predicted[i]);
  printf("\nLabels:          ");
  for (int64_t i = 0; i < count; i++) printf(" %d", truth[i]);
  printf("\n");
  free(predicted);
  free(truth);
  rill_tensor_delete(digits);
  rill_attrs_delete(attrs);
}

/* Writes a tensor's bytes to `path`. */
static void write_bytes(RillTensor* tensor, const char* path, RillStatus* status) {
  size_t size = (size_t)rill_tensor_byte_count(tensor);
  void* bytes = malloc(size);
  rill_tensor_copy_data(tensor, bytes, size, status);
  check(status, "rill_tensor_copy_data (predictions)");
  FILE* file = fopen(path, "wb");
  if (!file || fwrite(bytes, 1, size, file) != size) {
    fprintf(stderr, "cannot write %s\n", path);
    exit(1);
  }
  fclose(file);
  free(bytes);
}

/* Prints each epoch's logs; never stops training early. */
static int32_t on_epoch(int32_t epoch, const RillLogs* logs, void* user_data) {
  int* epochs_seen = user_data;
  ++*epochs_seen;
  printf("epoch %d:", epoch + 1);
  for (int32_t i = 0; i < rill_logs_count(logs); i++) {
    printf(" %s %.4f", rill_logs_name(logs, i), rill_logs_value(logs, i));
  }
  printf("\n");
  return 0;
}

static const char* small_model =
    "{\"class_name\": \"Sequential\", \"name\": \"from_c\","
    " \"build_config\": {\"input_shape\": [null, 28, 28], \"input_dtype\": \"float32\"},"
    " \"config\": {\"layers\": ["
    "  {\"class_name\": \"Flatten\", \"name\": \"flatten\", \"config\": {}},"
    "  {\"class_name\": \"Dense\", \"name\": \"hidden\", \"config\": {\"units\": 64,"
    "   \"activation\": \"relu\", \"use_bias\": true,"
    "   \"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": 1}},"
    "   \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
    "   \"kernel_regularizer\": null, \"bias_regularizer\": null}},"
    "  {\"class_name\": \"Dense\", \"name\": \"output\", \"config\": {\"units\": 10,"
    "   \"activation\": \"softmax\", \"use_bias\": true,"
    "   \"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": 2}},"
    "   \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
    "   \"kernel_regularizer\": null, \"bias_regularizer\": null}}"
    " ]}}";

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <model dir> <mnist dir> [predictions.bin]\n", argv[0]);
    return 2;
  }
  printf("Rill %s\n", rill_version());
  RillStatus* status = rill_status_new();

  /* 1. The model KerasMNIST trained and saved, on the first test images. */
  RillModel* saved = rill_model_load(argv[1], status);
  check(status, "rill_model_load");
  RillTensor *test_images, *test_labels;
  load_split(argv[2], "t10k", PREDICTED, &test_images, &test_labels, status);
  RillTensor* probabilities = rill_model_predict(saved, test_images, PREDICTED, status);
  check(status, "rill_model_predict");
  print_digits(probabilities, test_labels, status);
  if (argc > 3) write_bytes(probabilities, argv[3], status);

  /* 2. A small model described in JSON, trained from C. */
  RillTensor *train_images, *train_labels, *val_images, *val_labels;
  load_split(argv[2], "train", TRAIN, &train_images, &train_labels, status);
  load_split(argv[2], "t10k", VALIDATE, &val_images, &val_labels, status);
  RillModel* model = rill_model_from_json(small_model, status);
  check(status, "rill_model_from_json");
  const char* metrics[] = {"accuracy"};
  rill_model_compile(model, "adam", "sparse_categorical_crossentropy", metrics, 1, status);
  check(status, "rill_model_compile");
  int epochs_seen = 0;
  RillLogs* last = rill_model_fit(model, train_images, train_labels, 3, 64, val_images,
                                  val_labels, on_epoch, &epochs_seen, status);
  check(status, "rill_model_fit");
  double accuracy = rill_logs_get(last, "val_accuracy");
  RillLogs* evaluation = rill_model_evaluate(model, val_images, val_labels, 100, status);
  check(status, "rill_model_evaluate");
  printf("validation accuracy after %d epochs: %.4f (evaluate: %.4f)\n", epochs_seen, accuracy,
         rill_logs_get(evaluation, "accuracy"));

  /* 3. Saved and loaded back, it predicts the same. */
  char directory[] = "/tmp/rill-c-model-XXXXXX";
  if (!mkdtemp(directory)) return 1;
  rill_model_save(model, directory, status);
  check(status, "rill_model_save");
  RillModel* reloaded = rill_model_load(directory, status);
  check(status, "rill_model_load (reloaded)");
  RillTensor* before = rill_model_predict(model, val_images, 100, status);
  RillTensor* after = rill_model_predict(reloaded, val_images, 100, status);
  check(status, "rill_model_predict (reloaded)");
  size_t size = (size_t)rill_tensor_byte_count(before);
  float* a = malloc(size);
  float* b = malloc(size);
  rill_tensor_copy_data(before, a, size, status);
  rill_tensor_copy_data(after, b, size, status);
  int same = memcmp(a, b, size) == 0;
  printf("reloaded model predicts the same: %s\n", same ? "yes" : "no");
  free(a);
  free(b);

  int failed = epochs_seen != 3 || !(accuracy >= 0.8) ||
               rill_logs_get(evaluation, "accuracy") != accuracy || !same;
  rill_tensor_delete(before);
  rill_tensor_delete(after);
  rill_model_delete(reloaded);
  rill_logs_delete(evaluation);
  rill_logs_delete(last);
  rill_model_delete(model);
  rill_tensor_delete(val_images);
  rill_tensor_delete(val_labels);
  rill_tensor_delete(train_images);
  rill_tensor_delete(train_labels);
  rill_tensor_delete(probabilities);
  rill_tensor_delete(test_images);
  rill_tensor_delete(test_labels);
  rill_model_delete(saved);
  rill_status_delete(status);
  if (rill_live_handle_count() != 0) {
    fprintf(stderr, "%lld handles were not deleted\n", (long long)rill_live_handle_count());
    failed = 1;
  }
  if (failed) {
    fprintf(stderr, "FAILED: accuracy %.4f below 0.8, or a check above failed\n", accuracy);
  }
  return failed;
}
