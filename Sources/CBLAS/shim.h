// The declarations of OpenBLAS's CBLAS interface (Debian: libopenblas-dev). Rill loads the
// library itself at first use (see RillCore/Backend/CPU/OpenBLAS.swift), so this module only
// provides types and constants and links nothing.
#include <cblas.h>
