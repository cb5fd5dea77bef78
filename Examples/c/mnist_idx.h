/* Reading MNIST's gzip-compressed IDX files, for the C example and tests. */
#ifndef RILL_EXAMPLE_MNIST_IDX_H
#define RILL_EXAMPLE_MNIST_IDX_H

#include <stddef.h>
#include <stdint.h>

/* Reads the first `count` images of an idx3-ubyte.gz file as floats in [0, 1] (pixel / 255,
 * count × 28 × 28, row-major) into a new malloc'd buffer. Returns NULL (with a message on
 * stderr) when the file cannot be read or holds fewer images. */
float* mnist_read_images(const char* path, int64_t count);

/* Reads the first `count` labels of an idx1-ubyte.gz file as int32 into a new malloc'd
 * buffer, or NULL. */
int32_t* mnist_read_labels(const char* path, int64_t count);

#endif
