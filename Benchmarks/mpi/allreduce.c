// The reference for Rill's all-reduce figures: plain MPI_Allreduce (sum) of float32 buffers of
// 1 to 64 MB between the processes mpirun starts, timed on rank 0 as the median of 7 runs of
// back-to-back calls after a warm-up. Prints JSON lines in rill-bench's format. With the
// argument `nonblocking` each call is MPI_Iallreduce polled with MPI_Test and sched_yield, the
// way MPIStrategy waits (so that it can give up after a timeout).
//
//   mpicc -O2 -o allreduce Benchmarks/mpi/allreduce.c && mpirun -np 2 ./allreduce [nonblocking]
#include <mpi.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int nonblocking = 0;

static void allreduce(const float *input, float *output, size_t count) {
  if (!nonblocking) {
    MPI_Allreduce(input, output, (int)count, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
    return;
  }
  MPI_Request request;
  MPI_Iallreduce(input, output, (int)count, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD, &request);
  int done = 0;
  for (;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return;
    sched_yield();
  }
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  nonblocking = argc > 1 && strcmp(argv[1], "nonblocking") == 0;
  int rank;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  enum { repetitions = 7 };
  for (int megabytes = 1; megabytes <= 64; megabytes *= 2) {
    size_t count = (size_t)megabytes * 1024 * 1024 / sizeof(float);
    float *input = malloc(count * sizeof(float));
    float *output = malloc(count * sizeof(float));
    for (size_t i = 0; i < count; i++) input[i] = (float)(i % 1000) * 0.001f;
    int calls = megabytes <= 8 ? 8 : 3;
    allreduce(input, output, count);
    double times[repetitions];
    for (int r = 0; r < repetitions; r++) {
      MPI_Barrier(MPI_COMM_WORLD);
      double start = MPI_Wtime();
      for (int c = 0; c < calls; c++) {
        allreduce(input, output, count);
      }
      times[r] = (MPI_Wtime() - start) / calls;
    }
    qsort(times, repetitions, sizeof(double), compare);
    double bytes = (double)count * sizeof(float);
    if (rank == 0) {
      printf("{\"best\":%.4f,\"name\":\"allreduce.f32.%dMB\",\"unit\":\"GB/s\",\"value\":%.4f}\n",
             bytes / times[0] / 1e9, megabytes, bytes / times[repetitions / 2] / 1e9);
      fflush(stdout);
    }
    free(input);
    free(output);
  }
  MPI_Finalize();
  return 0;
}
