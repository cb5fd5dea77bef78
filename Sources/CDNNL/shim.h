// oneDNN's C interface (Debian: libdnnl-dev, oneDNN 2.6), which Rill's CPU backend uses for
// float32 convolutions (see RillCore/Backend/CPU/OneDNN.swift). The 2.x op-descriptor API that
// the glue calls was removed in oneDNN 3, so the glue is kept small and in that one file.
#include <oneapi/dnnl/dnnl.h>
