// Rill's team of worker threads for its CPU kernels.
//
// A kernel split over threads runs for tens to hundreds of microseconds. Measured on the
// project's 2-core VMs, waking a sleeping thread takes about 50 µs, and
// `DispatchQueue.concurrentPerform` ran two 50 µs halves in 95–115 µs — one after the other.
// The team's threads therefore wait for the next piece of work by spinning for a short while
// (`RILL_WORKERS_SPIN_NS`) before they sleep, as OpenMP runtimes do: back-to-back kernels of a
// training step find them awake.
#ifndef RILL_WORKERS_H
#define RILL_WORKERS_H

/// How long an idle worker spins before it sleeps, in nanoseconds.
#define RILL_WORKERS_SPIN_NS 300000L

/// The most workers one call can use, the calling thread included.
#define RILL_WORKERS_MAX 64

/// One worker's share of a piece of work: `worker` is 0 for the calling thread, 1… for the team.
typedef void (*rill_work_function)(void *context, long worker);

/// Runs `function(context, worker)` for every worker in 0..<count and returns 1 when all have
/// finished: worker 0 on the calling thread, the others on the team's threads (started at first
/// use). Returns 0 and runs nothing when `count` is outside 2...RILL_WORKERS_MAX or the team is
/// busy — another thread's call, or a call from inside a worker — so that the caller runs the
/// work another way.
int rill_workers_run(long count, rill_work_function function, void *context);

#endif
