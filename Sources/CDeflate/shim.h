// libdeflate (Debian: libdeflate-dev): whole-buffer gzip decompression, about twice as fast as
// zlib's streaming inflate, for IDX files whose decompressed size their header declares.
#include <libdeflate.h>
