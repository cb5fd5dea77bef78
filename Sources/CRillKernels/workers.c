// Rill's team of worker threads (see rill_workers.h).
#include "rill_workers.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define RILL_PAUSE() _mm_pause()
#else
#define RILL_PAUSE() ((void)0)
#endif

// One call at a time owns the team: `busy` is taken with a compare-and-swap.
static atomic_bool busy;
// The current piece of work: its sequence number times 256 plus its worker count, published
// with one store so that a worker reads both at once.
static atomic_long ticket;
// Team workers of the current piece still running.
static atomic_long remaining;
// Written by the owner before `ticket` is published, read by workers after they see it.
static rill_work_function work_function;
static void *work_context;
// Threads started so far (written only by the owner).
static long started;
// Sleeping workers wait on `wake` under `mutex`.
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static long sleepers;

struct worker_start {
  long index;
  long seen;
};

static long now_ns(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000000000L + now.tv_nsec;
}

// Waits until `ticket` differs from `seen`: spins, then sleeps. Returns the new ticket.
static long next_ticket(long seen) {
  long deadline = 0;
  for (unsigned spins = 1;; spins++) {
    long current = atomic_load_explicit(&ticket, memory_order_acquire);
    if (current != seen) return current;
    if (spins % 256 == 0) {
      long now = now_ns();
      if (deadline == 0) {
        deadline = now + RILL_WORKERS_SPIN_NS;
      } else if (now > deadline) {
        pthread_mutex_lock(&mutex);
        sleepers++;
        while ((current = atomic_load_explicit(&ticket, memory_order_acquire)) == seen)
          pthread_cond_wait(&wake, &mutex);
        sleepers--;
        pthread_mutex_unlock(&mutex);
        return current;
      }
    }
    RILL_PAUSE();
  }
}

static void *worker_main(void *argument) {
  struct worker_start start = *(struct worker_start *)argument;
  free(argument);
  long seen = start.seen;
  for (;;) {
    seen = next_ticket(seen);
    if (start.index < seen % 256) {
      work_function(work_context, start.index);
      atomic_fetch_sub_explicit(&remaining, 1, memory_order_release);
    }
  }
  return NULL;
}

// Starts team threads until there are `count`; returns whether it could.
static bool start_workers(long count, long seen) {
  while (started < count) {
    struct worker_start *start = malloc(sizeof *start);
    if (start == NULL) return false;
    *start = (struct worker_start){.index = started + 1, .seen = seen};
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 8 << 20);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    int failed = pthread_create(&thread, &attributes, worker_main, start);
    pthread_attr_destroy(&attributes);
    if (failed) {
      free(start);
      return false;
    }
    started++;
  }
  return true;
}

int rill_workers_run(long count, rill_work_function function, void *context) {
  if (count < 2 || count > RILL_WORKERS_MAX) return 0;
  bool expected = false;
  if (!atomic_compare_exchange_strong_explicit(&busy, &expected, true, memory_order_acquire,
                                               memory_order_relaxed))
    return 0;
  long previous = atomic_load_explicit(&ticket, memory_order_relaxed);
  if (!start_workers(count - 1, previous)) {
    atomic_store_explicit(&busy, false, memory_order_release);
    return 0;
  }
  work_function = function;
  work_context = context;
  atomic_store_explicit(&remaining, count - 1, memory_order_relaxed);
  atomic_store_explicit(&ticket, (previous / 256 + 1) * 256 + count, memory_order_release);
  pthread_mutex_lock(&mutex);
  if (sleepers > 0) pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&mutex);
  function(context, 0);
  for (unsigned spins = 1; atomic_load_explicit(&remaining, memory_order_acquire) > 0; spins++) {
    // A worker the system has descheduled gets the core back sooner if the owner yields.
    if (spins % 4096 == 0) sched_yield();
    RILL_PAUSE();
  }
  atomic_store_explicit(&busy, false, memory_order_release);
  return 1;
}
