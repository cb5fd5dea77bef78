// zlib (Debian: zlib1g-dev): deflate and inflate for gzip files and PNG images.
#include <zlib.h>
