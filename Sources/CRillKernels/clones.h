// One definition, compiled for AVX-512, AVX2 + FMA and baseline x86-64; the dynamic loader picks
// the best clone for the running CPU (GNU ifunc), so no compiler flags are needed.
#ifndef RILL_CLONES_H
#define RILL_CLONES_H

#if defined(__x86_64__) && defined(__linux__)
#define RILL_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define RILL_CLONES
#endif

#endif
