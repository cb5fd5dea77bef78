/* Reading MNIST's gzip-compressed IDX files (big-endian header, then unsigned bytes). */
#include "mnist_idx.h"

#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

/* Reads the big-endian header of an IDX file: the magic number and `dims` sizes. */
static int read_header(gzFile file, uint32_t* magic, uint32_t* sizes, int dims) {
  unsigned char bytes[4];
  for (int i = 0; i <= dims; i++) {
    if (gzread(file, bytes, 4) != 4) return -1;
    uint32_t value = ((uint32_t)bytes[0] << 24) | ((uint32_t)bytes[1] << 16) |
                     ((uint32_t)bytes[2] << 8) | bytes[3];
    if (i == 0) *magic = value; else sizes[i - 1] = value;
  }
  return 0;
}

/* The first `count` × `size` bytes after the header of `path`, which must have `magic` and
 * at least `count` items of `size` bytes; NULL on failure. */
static unsigned char* read_items(const char* path, uint32_t magic, int dims, int64_t count,
                                 size_t size) {
  gzFile file = gzopen(path, "rb");
  if (!file) {
    fprintf(stderr, "cannot open %s\n", path);
    return NULL;
  }
  uint32_t found = 0, sizes[3] = {0, 0, 0};
  unsigned char* items = NULL;
  if (read_header(file, &found, sizes, dims) != 0 || found != magic ||
      (int64_t)sizes[0] < count || (dims == 3 && (size_t)sizes[1] * sizes[2] != size)) {
    fprintf(stderr, "%s is not an MNIST file with %lld items\n", path, (long long)count);
  } else if ((items = malloc((size_t)count * size)) != NULL &&
             gzread(file, items, (unsigned)((size_t)count * size)) != (int)((size_t)count * size)) {
    fprintf(stderr, "%s is truncated\n", path);
    free(items);
    items = NULL;
  }
  gzclose(file);
  return items;
}

float* mnist_read_images(const char* path, int64_t count) {
  const size_t pixels = 28 * 28;
  unsigned char* bytes = read_items(path, 0x803, 3, count, pixels);
  if (!bytes) return NULL;
  float* images = malloc((size_t)count * pixels * sizeof(float));
  if (images) {
    for (size_t i = 0; i < (size_t)count * pixels; i++) images[i] = (float)bytes[i] / 255.0f;
  }
  free(bytes);
  return images;
}

int32_t* mnist_read_labels(const char* path, int64_t count) {
  unsigned char* bytes = read_items(path, 0x801, 1, count, 1);
  if (!bytes) return NULL;
  int32_t* labels = malloc((size_t)count * sizeof(int32_t));
  if (labels) {
    for (int64_t i = 0; i < count; i++) labels[i] = bytes[i];
  }
  free(bytes);
  return labels;
}
