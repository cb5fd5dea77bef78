// The Vulkan runtime of Rill's Vulkan compute backend: one context per physical device, buffers,
// compute pipelines cached per shader, and a command stream that records dispatches and submits
// them in batches (before any host access, and when the stream's arenas fill).
//
// Every function that can fail returns 0 on success and a negative code otherwise, with a message
// in the context's error text (or the `error` buffer given). A context is safe to use from
// several threads: each call takes the context's lock.
#ifndef RILL_VULKAN_H
#define RILL_VULKAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The failures the runtime reports.
enum rv_status {
  RV_OK = 0,
  RV_NO_LOADER = -1,     // libvulkan could not create an instance
  RV_NO_DEVICE = -2,     // no physical device (or none with a compute queue)
  RV_BAD_INDEX = -3,     // a device index out of range
  RV_OUT_OF_MEMORY = -4, // an allocation failed
  RV_FAILED = -5,        // any other Vulkan error
  RV_BAD_SHADER = -6,    // a shader id out of range
};

/// What a physical device is, as Vulkan reports it.
typedef struct rv_device_info {
  char name[256];
  /// VkPhysicalDeviceType: 0 other, 1 integrated GPU, 2 discrete GPU, 3 virtual GPU, 4 CPU.
  uint32_t type;
  uint32_t vendor_id;
  uint32_t device_id;
  uint32_t api_version;
  /// The size of the largest device-local memory heap, in bytes.
  uint64_t device_local_bytes;
  /// Whether the device can run the int64 and float64 shaders.
  uint32_t has_int64;
  uint32_t has_float64;
  uint32_t max_shared_memory;
  uint32_t max_workgroup_invocations;
} rv_device_info;

typedef struct rv_context rv_context;
typedef struct rv_buffer rv_buffer;

/// Lists the physical devices: writes up to `capacity` entries to `infos` and the total to
/// `count`.
int rv_enumerate(rv_device_info *infos, int capacity, int *count, char *error, size_t error_size);

/// Creates a context on the physical device `index` (in `rv_enumerate`'s order).
int rv_context_create(int index, rv_context **context, char *error, size_t error_size);
/// Waits for the pending work and frees everything the context owns.
void rv_context_destroy(rv_context *context);
/// The last failure's message.
const char *rv_context_error(rv_context *context);
/// The device the context runs on.
void rv_context_info(rv_context *context, rv_device_info *info);

/// Allocates a buffer of at least `byte_count` bytes.
int rv_buffer_create(rv_context *context, uint64_t byte_count, rv_buffer **buffer);
/// Frees a buffer once the work recorded so far that uses it has finished.
void rv_buffer_release(rv_context *context, rv_buffer *buffer);
/// The buffer's size in bytes.
uint64_t rv_buffer_size(rv_buffer *buffer);
/// Copies host memory into the buffer (after the recorded work has finished).
int rv_buffer_write(
    rv_context *context, rv_buffer *buffer, uint64_t offset, const void *source,
    uint64_t byte_count);
/// Copies the buffer into host memory (after the recorded work has finished).
int rv_buffer_read(
    rv_context *context, rv_buffer *buffer, uint64_t offset, void *destination,
    uint64_t byte_count);
/// Records a copy between buffers; offsets and the count are multiples of 4.
int rv_buffer_copy(
    rv_context *context, rv_buffer *source, uint64_t source_offset, rv_buffer *destination,
    uint64_t destination_offset, uint64_t byte_count);
/// Records filling the buffer with a repeated 32-bit word; offset and count are multiples of 4.
int rv_buffer_fill(
    rv_context *context, rv_buffer *buffer, uint64_t offset, uint64_t byte_count, uint32_t word);

/// Records one dispatch of the shader `shader` (an `rv_shader_id`): binding 0 holds the
/// `param_bytes` bytes at `params`, bindings 1… the `buffer_count` buffers (at most 9).
int rv_dispatch(
    rv_context *context, uint32_t shader, rv_buffer *const *buffers, uint32_t buffer_count,
    const void *params, uint32_t param_bytes, uint32_t groups_x, uint32_t groups_y,
    uint32_t groups_z);
/// Submits the recorded work and waits for it.
int rv_flush(rv_context *context);
/// The number of batches submitted so far.
uint64_t rv_submission_count(rv_context *context);

#ifdef __cplusplus
}
#endif

#endif
