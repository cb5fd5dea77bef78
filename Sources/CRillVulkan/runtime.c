// The Vulkan runtime behind rill_vulkan.h.
#include "rill_vulkan.h"
#include "rill_vulkan_shaders.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vulkan/vulkan.h>

#define RV_BINDINGS 10 // params + 9 buffers
#define RV_SETS_PER_BATCH 1024  // descriptor sets (dispatches) per batch
#define RV_PARAM_ARENA (1 << 20) // bytes of dispatch parameters per batch

struct rv_buffer {
  VkBuffer buffer;
  VkDeviceMemory memory;
  uint64_t size;
  void *mapped; // non-null when the memory is host-visible
};

struct rv_context {
  pthread_mutex_t lock;
  VkInstance instance;
  VkPhysicalDevice physical;
  VkDevice device;
  VkQueue queue;
  uint32_t queue_family;
  rv_device_info info;
  VkPhysicalDeviceMemoryProperties memory;
  uint32_t param_alignment;

  VkDescriptorSetLayout set_layout;
  VkPipelineLayout pipeline_layout;
  VkPipeline pipelines[RV_SHADER_COUNT];
  VkDescriptorPool pool;
  VkCommandPool command_pool;
  VkCommandBuffer commands;
  VkFence fence;

  rv_buffer *params; // host-visible arena of dispatch parameters
  uint64_t params_used;
  rv_buffer *staging; // for devices whose buffers are not host-visible
  int recording;
  uint32_t sets_used;
  uint64_t submissions;

  rv_buffer **deferred; // buffers released while recorded work may use them
  size_t deferred_count, deferred_capacity;
  char error[512];
};

static void set_error(char *error, size_t size, const char *format, ...) {
  if (!error || size == 0) return;
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(error, size, format, arguments);
  va_end(arguments);
}

static int fail(rv_context *c, int status, const char *what, VkResult result) {
  set_error(c->error, sizeof c->error, "%s failed (VkResult %d)", what, (int)result);
  return status;
}

static int create_instance(VkInstance *instance, char *error, size_t error_size) {
  VkApplicationInfo app = {.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
                           .pApplicationName = "Rill",
                           .pEngineName = "Rill",
                           .apiVersion = VK_API_VERSION_1_1};
  VkInstanceCreateInfo create = {.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
                                 .pApplicationInfo = &app};
  VkResult result = vkCreateInstance(&create, NULL, instance);
  if (result != VK_SUCCESS) {
    set_error(error, error_size, "vkCreateInstance failed (VkResult %d): is a Vulkan driver installed?",
              (int)result);
    return RV_NO_LOADER;
  }
  return RV_OK;
}

static int compute_queue_family(VkPhysicalDevice physical, uint32_t *family) {
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, NULL);
  VkQueueFamilyProperties properties[32];
  if (count > 32) count = 32;
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, properties);
  for (uint32_t i = 0; i < count; i++) {
    if (properties[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
      *family = i;
      return 1;
    }
  }
  return 0;
}

static void describe(VkPhysicalDevice physical, rv_device_info *info) {
  VkPhysicalDeviceProperties properties;
  vkGetPhysicalDeviceProperties(physical, &properties);
  VkPhysicalDeviceFeatures features;
  vkGetPhysicalDeviceFeatures(physical, &features);
  VkPhysicalDeviceMemoryProperties memory;
  vkGetPhysicalDeviceMemoryProperties(physical, &memory);
  memset(info, 0, sizeof *info);
  snprintf(info->name, sizeof info->name, "%s", properties.deviceName);
  info->type = (uint32_t)properties.deviceType;
  info->vendor_id = properties.vendorID;
  info->device_id = properties.deviceID;
  info->api_version = properties.apiVersion;
  for (uint32_t i = 0; i < memory.memoryHeapCount; i++) {
    if ((memory.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) &&
        memory.memoryHeaps[i].size > info->device_local_bytes) {
      info->device_local_bytes = memory.memoryHeaps[i].size;
    }
  }
  info->has_int64 = features.shaderInt64;
  info->has_float64 = features.shaderFloat64;
  info->max_shared_memory = properties.limits.maxComputeSharedMemorySize;
  info->max_workgroup_invocations = properties.limits.maxComputeWorkGroupInvocations;
}

/// The physical devices that have a compute queue, in Vulkan's order.
static int list_devices(VkInstance instance, VkPhysicalDevice *devices, uint32_t capacity,
                        uint32_t *count) {
  uint32_t all = 0;
  if (vkEnumeratePhysicalDevices(instance, &all, NULL) != VK_SUCCESS) return RV_FAILED;
  VkPhysicalDevice found[64];
  if (all > 64) all = 64;
  if (vkEnumeratePhysicalDevices(instance, &all, found) < 0) return RV_FAILED;
  uint32_t kept = 0;
  for (uint32_t i = 0; i < all; i++) {
    uint32_t family;
    if (!compute_queue_family(found[i], &family)) continue;
    if (kept < capacity) devices[kept] = found[i];
    kept++;
  }
  *count = kept;
  return RV_OK;
}

int rv_enumerate(rv_device_info *infos, int capacity, int *count, char *error, size_t error_size) {
  VkInstance instance;
  int status = create_instance(&instance, error, error_size);
  if (status != RV_OK) return status;
  VkPhysicalDevice devices[64];
  uint32_t found = 0;
  status = list_devices(instance, devices, 64, &found);
  if (status == RV_OK) {
    *count = (int)found;
    for (uint32_t i = 0; i < found && (int)i < capacity; i++) describe(devices[i], &infos[i]);
  } else {
    set_error(error, error_size, "vkEnumeratePhysicalDevices failed");
  }
  vkDestroyInstance(instance, NULL);
  return status;
}

static int memory_type(rv_context *c, uint32_t allowed, VkMemoryPropertyFlags wanted) {
  for (uint32_t i = 0; i < c->memory.memoryTypeCount; i++) {
    if ((allowed & (1u << i)) && (c->memory.memoryTypes[i].propertyFlags & wanted) == wanted) {
      return (int)i;
    }
  }
  return -1;
}

/// A buffer in device-local memory, host-visible where the device has such memory (integrated
/// and CPU devices, resizable BAR); `host` asks for host-visible memory whatever its speed.
static int create_buffer(rv_context *c, uint64_t size, int host, rv_buffer **out) {
  if (size < 16) size = 16;
  size = (size + 15) & ~(uint64_t)15;
  rv_buffer *b = calloc(1, sizeof *b);
  if (!b) return RV_OUT_OF_MEMORY;
  b->size = size;
  VkBufferCreateInfo create = {.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
                               .size = size,
                               .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
                                        VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                                        VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                               .sharingMode = VK_SHARING_MODE_EXCLUSIVE};
  VkResult result = vkCreateBuffer(c->device, &create, NULL, &b->buffer);
  if (result != VK_SUCCESS) {
    free(b);
    return fail(c, RV_OUT_OF_MEMORY, "vkCreateBuffer", result);
  }
  VkMemoryRequirements requirements;
  vkGetBufferMemoryRequirements(c->device, b->buffer, &requirements);
  const VkMemoryPropertyFlags visible =
      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  int type = -1;
  if (host) {
    type = memory_type(c, requirements.memoryTypeBits, visible);
  } else {
    type = memory_type(c, requirements.memoryTypeBits,
                       visible | VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (type < 0) {
      type = memory_type(c, requirements.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    }
  }
  if (type < 0) type = memory_type(c, requirements.memoryTypeBits, 0);
  VkMemoryAllocateInfo allocate = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
                                   .allocationSize = requirements.size,
                                   .memoryTypeIndex = (uint32_t)type};
  result = vkAllocateMemory(c->device, &allocate, NULL, &b->memory);
  if (result != VK_SUCCESS) {
    vkDestroyBuffer(c->device, b->buffer, NULL);
    free(b);
    return fail(c, RV_OUT_OF_MEMORY, "vkAllocateMemory", result);
  }
  vkBindBufferMemory(c->device, b->buffer, b->memory, 0);
  if ((c->memory.memoryTypes[type].propertyFlags & visible) == visible) {
    result = vkMapMemory(c->device, b->memory, 0, VK_WHOLE_SIZE, 0, &b->mapped);
    if (result != VK_SUCCESS) b->mapped = NULL;
  }
  *out = b;
  return RV_OK;
}

static void destroy_buffer(rv_context *c, rv_buffer *b) {
  if (!b) return;
  if (b->mapped) vkUnmapMemory(c->device, b->memory);
  vkDestroyBuffer(c->device, b->buffer, NULL);
  vkFreeMemory(c->device, b->memory, NULL);
  free(b);
}

static int create_layouts(rv_context *c) {
  VkDescriptorSetLayoutBinding bindings[RV_BINDINGS];
  for (uint32_t i = 0; i < RV_BINDINGS; i++) {
    bindings[i] = (VkDescriptorSetLayoutBinding){.binding = i,
                                                 .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                                 .descriptorCount = 1,
                                                 .stageFlags = VK_SHADER_STAGE_COMPUTE_BIT};
  }
  VkDescriptorSetLayoutCreateInfo set = {.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
                                         .bindingCount = RV_BINDINGS,
                                         .pBindings = bindings};
  VkResult result = vkCreateDescriptorSetLayout(c->device, &set, NULL, &c->set_layout);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkCreateDescriptorSetLayout", result);
  VkPipelineLayoutCreateInfo layout = {.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
                                       .setLayoutCount = 1,
                                       .pSetLayouts = &c->set_layout};
  result = vkCreatePipelineLayout(c->device, &layout, NULL, &c->pipeline_layout);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkCreatePipelineLayout", result);
  VkDescriptorPoolSize size = {.type = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                               .descriptorCount = RV_SETS_PER_BATCH * RV_BINDINGS};
  VkDescriptorPoolCreateInfo pool = {.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
                                     .maxSets = RV_SETS_PER_BATCH,
                                     .poolSizeCount = 1,
                                     .pPoolSizes = &size};
  result = vkCreateDescriptorPool(c->device, &pool, NULL, &c->pool);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkCreateDescriptorPool", result);
  return RV_OK;
}

static int create_commands(rv_context *c) {
  VkCommandPoolCreateInfo pool = {.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
                                  .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
                                  .queueFamilyIndex = c->queue_family};
  VkResult result = vkCreateCommandPool(c->device, &pool, NULL, &c->command_pool);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkCreateCommandPool", result);
  VkCommandBufferAllocateInfo allocate = {.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
                                          .commandPool = c->command_pool,
                                          .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
                                          .commandBufferCount = 1};
  result = vkAllocateCommandBuffers(c->device, &allocate, &c->commands);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkAllocateCommandBuffers", result);
  VkFenceCreateInfo fence = {.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  result = vkCreateFence(c->device, &fence, NULL, &c->fence);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkCreateFence", result);
  return RV_OK;
}

static int create_device(rv_context *c) {
  float priority = 1;
  VkDeviceQueueCreateInfo queue = {.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
                                   .queueFamilyIndex = c->queue_family,
                                   .queueCount = 1,
                                   .pQueuePriorities = &priority};
  VkPhysicalDeviceFeatures supported;
  vkGetPhysicalDeviceFeatures(c->physical, &supported);
  VkPhysicalDeviceFeatures features = {.shaderInt64 = supported.shaderInt64,
                                       .shaderFloat64 = supported.shaderFloat64};
  // 8-bit storage (bool and uint8 buffers) and 8-bit arithmetic, core in Vulkan 1.2.
  VkPhysicalDevice8BitStorageFeatures storage8 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES,
      .storageBuffer8BitAccess = VK_TRUE};
  VkPhysicalDeviceShaderFloat16Int8Features int8 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES,
      .pNext = &storage8,
      .shaderInt8 = VK_TRUE};
  const char *extensions[] = {"VK_KHR_8bit_storage", "VK_KHR_shader_float16_int8",
                              "VK_KHR_storage_buffer_storage_class"};
  VkDeviceCreateInfo create = {.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
                               .pNext = &int8,
                               .queueCreateInfoCount = 1,
                               .pQueueCreateInfos = &queue,
                               .enabledExtensionCount = 3,
                               .ppEnabledExtensionNames = extensions,
                               .pEnabledFeatures = &features};
  VkResult result = vkCreateDevice(c->physical, &create, NULL, &c->device);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkCreateDevice", result);
  vkGetDeviceQueue(c->device, c->queue_family, 0, &c->queue);
  return RV_OK;
}

int rv_context_create(int index, rv_context **out, char *error, size_t error_size) {
  rv_context *c = calloc(1, sizeof *c);
  if (!c) return RV_OUT_OF_MEMORY;
  pthread_mutex_init(&c->lock, NULL);
  int status = create_instance(&c->instance, error, error_size);
  if (status != RV_OK) {
    free(c);
    return status;
  }
  VkPhysicalDevice devices[64];
  uint32_t count = 0;
  status = list_devices(c->instance, devices, 64, &count);
  if (status == RV_OK && count == 0) status = RV_NO_DEVICE;
  if (status == RV_OK && (index < 0 || (uint32_t)index >= count)) status = RV_BAD_INDEX;
  if (status != RV_OK) {
    set_error(error, error_size,
              status == RV_BAD_INDEX ? "no Vulkan device %d (%u found)"
                                     : "no Vulkan device with a compute queue (%d, %u found)",
              index, count);
    vkDestroyInstance(c->instance, NULL);
    free(c);
    return status;
  }
  c->physical = devices[index];
  compute_queue_family(c->physical, &c->queue_family);
  describe(c->physical, &c->info);
  vkGetPhysicalDeviceMemoryProperties(c->physical, &c->memory);
  VkPhysicalDeviceProperties properties;
  vkGetPhysicalDeviceProperties(c->physical, &properties);
  c->param_alignment = (uint32_t)properties.limits.minStorageBufferOffsetAlignment;
  if (c->param_alignment < 16) c->param_alignment = 16;
  if ((status = create_device(c)) != RV_OK || (status = create_layouts(c)) != RV_OK ||
      (status = create_commands(c)) != RV_OK ||
      (status = create_buffer(c, RV_PARAM_ARENA, 1, &c->params)) != RV_OK) {
    set_error(error, error_size, "%s", c->error);
    rv_context_destroy(c);
    return status;
  }
  *out = c;
  return RV_OK;
}

static int submit_and_wait(rv_context *c);

void rv_context_destroy(rv_context *c) {
  if (!c) return;
  if (c->device) {
    pthread_mutex_lock(&c->lock);
    if (c->recording) submit_and_wait(c);
    pthread_mutex_unlock(&c->lock);
    vkDeviceWaitIdle(c->device);
    destroy_buffer(c, c->params);
    destroy_buffer(c, c->staging);
    for (int i = 0; i < RV_SHADER_COUNT; i++) {
      if (c->pipelines[i]) vkDestroyPipeline(c->device, c->pipelines[i], NULL);
    }
    if (c->fence) vkDestroyFence(c->device, c->fence, NULL);
    if (c->command_pool) vkDestroyCommandPool(c->device, c->command_pool, NULL);
    if (c->pool) vkDestroyDescriptorPool(c->device, c->pool, NULL);
    if (c->pipeline_layout) vkDestroyPipelineLayout(c->device, c->pipeline_layout, NULL);
    if (c->set_layout) vkDestroyDescriptorSetLayout(c->device, c->set_layout, NULL);
    vkDestroyDevice(c->device, NULL);
  }
  vkDestroyInstance(c->instance, NULL);
  free(c->deferred);
  pthread_mutex_destroy(&c->lock);
  free(c);
}

const char *rv_context_error(rv_context *c) { return c->error; }

void rv_context_info(rv_context *c, rv_device_info *info) { *info = c->info; }

uint64_t rv_submission_count(rv_context *c) { return c->submissions; }

static int begin_recording(rv_context *c) {
  if (c->recording) return RV_OK;
  VkCommandBufferBeginInfo begin = {.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
                                    .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT};
  VkResult result = vkBeginCommandBuffer(c->commands, &begin);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkBeginCommandBuffer", result);
  c->recording = 1;
  return RV_OK;
}

/// Orders every recorded command before the next (shaders and transfers alike).
static void barrier(rv_context *c) {
  VkMemoryBarrier memory = {.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
                            .srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
                            .dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT |
                                             VK_ACCESS_TRANSFER_READ_BIT |
                                             VK_ACCESS_TRANSFER_WRITE_BIT};
  VkPipelineStageFlags stages = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
  vkCmdPipelineBarrier(c->commands, stages, stages, 0, 1, &memory, 0, NULL, 0, NULL);
}

static int submit_and_wait(rv_context *c) {
  if (!c->recording) return RV_OK;
  c->recording = 0;
  VkResult result = vkEndCommandBuffer(c->commands);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkEndCommandBuffer", result);
  VkSubmitInfo submit = {.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
                         .commandBufferCount = 1,
                         .pCommandBuffers = &c->commands};
  result = vkQueueSubmit(c->queue, 1, &submit, c->fence);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkQueueSubmit", result);
  result = vkWaitForFences(c->device, 1, &c->fence, VK_TRUE, UINT64_MAX);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkWaitForFences", result);
  vkResetFences(c->device, 1, &c->fence);
  vkResetCommandBuffer(c->commands, 0);
  vkResetDescriptorPool(c->device, c->pool, 0);
  c->sets_used = 0;
  c->params_used = 0;
  c->submissions++;
  for (size_t i = 0; i < c->deferred_count; i++) destroy_buffer(c, c->deferred[i]);
  c->deferred_count = 0;
  return RV_OK;
}

int rv_flush(rv_context *c) {
  pthread_mutex_lock(&c->lock);
  int status = submit_and_wait(c);
  pthread_mutex_unlock(&c->lock);
  return status;
}

int rv_buffer_create(rv_context *c, uint64_t byte_count, rv_buffer **buffer) {
  pthread_mutex_lock(&c->lock);
  int status = create_buffer(c, byte_count, 0, buffer);
  pthread_mutex_unlock(&c->lock);
  return status;
}

uint64_t rv_buffer_size(rv_buffer *buffer) { return buffer->size; }

void rv_buffer_release(rv_context *c, rv_buffer *b) {
  if (!b) return;
  pthread_mutex_lock(&c->lock);
  if (!c->recording) {
    destroy_buffer(c, b);
  } else {
    if (c->deferred_count == c->deferred_capacity) {
      size_t capacity = c->deferred_capacity ? c->deferred_capacity * 2 : 64;
      rv_buffer **grown = realloc(c->deferred, capacity * sizeof *grown);
      if (!grown) {
        // Out of host memory: wait for the work instead of deferring.
        submit_and_wait(c);
        destroy_buffer(c, b);
        pthread_mutex_unlock(&c->lock);
        return;
      }
      c->deferred = grown;
      c->deferred_capacity = capacity;
    }
    c->deferred[c->deferred_count++] = b;
  }
  pthread_mutex_unlock(&c->lock);
}

/// A host-visible staging buffer of at least `size` bytes.
static int staging(rv_context *c, uint64_t size) {
  if (c->staging && c->staging->size >= size) return RV_OK;
  destroy_buffer(c, c->staging);
  c->staging = NULL;
  return create_buffer(c, size, 1, &c->staging);
}

static void record_copy(rv_context *c, rv_buffer *from, uint64_t from_offset, rv_buffer *to,
                        uint64_t to_offset, uint64_t size) {
  VkBufferCopy region = {.srcOffset = from_offset, .dstOffset = to_offset, .size = size};
  vkCmdCopyBuffer(c->commands, from->buffer, to->buffer, 1, &region);
  barrier(c);
}

int rv_buffer_write(rv_context *c, rv_buffer *b, uint64_t offset, const void *source,
                    uint64_t byte_count) {
  if (byte_count == 0) return RV_OK;
  pthread_mutex_lock(&c->lock);
  int status = submit_and_wait(c);
  if (status == RV_OK && b->mapped) {
    memcpy((char *)b->mapped + offset, source, byte_count);
  } else if (status == RV_OK && (status = staging(c, byte_count)) == RV_OK) {
    memcpy(c->staging->mapped, source, byte_count);
    if ((status = begin_recording(c)) == RV_OK) {
      record_copy(c, c->staging, 0, b, offset, byte_count);
      status = submit_and_wait(c);
    }
  }
  pthread_mutex_unlock(&c->lock);
  return status;
}

int rv_buffer_read(rv_context *c, rv_buffer *b, uint64_t offset, void *destination,
                   uint64_t byte_count) {
  if (byte_count == 0) return RV_OK;
  pthread_mutex_lock(&c->lock);
  int status = submit_and_wait(c);
  if (status == RV_OK && b->mapped) {
    memcpy(destination, (char *)b->mapped + offset, byte_count);
  } else if (status == RV_OK && (status = staging(c, byte_count)) == RV_OK &&
             (status = begin_recording(c)) == RV_OK) {
    record_copy(c, b, offset, c->staging, 0, byte_count);
    if ((status = submit_and_wait(c)) == RV_OK) {
      memcpy(destination, c->staging->mapped, byte_count);
    }
  }
  pthread_mutex_unlock(&c->lock);
  return status;
}

int rv_buffer_copy(rv_context *c, rv_buffer *from, uint64_t from_offset, rv_buffer *to,
                   uint64_t to_offset, uint64_t byte_count) {
  if (byte_count == 0) return RV_OK;
  pthread_mutex_lock(&c->lock);
  int status = begin_recording(c);
  if (status == RV_OK) record_copy(c, from, from_offset, to, to_offset, byte_count);
  pthread_mutex_unlock(&c->lock);
  return status;
}

int rv_buffer_fill(rv_context *c, rv_buffer *b, uint64_t offset, uint64_t byte_count,
                   uint32_t word) {
  if (byte_count == 0) return RV_OK;
  pthread_mutex_lock(&c->lock);
  int status = begin_recording(c);
  if (status == RV_OK) {
    vkCmdFillBuffer(c->commands, b->buffer, offset, byte_count, word);
    barrier(c);
  }
  pthread_mutex_unlock(&c->lock);
  return status;
}

static int pipeline(rv_context *c, uint32_t shader, VkPipeline *out) {
  if (c->pipelines[shader]) {
    *out = c->pipelines[shader];
    return RV_OK;
  }
  VkShaderModuleCreateInfo module_info = {.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
                                          .codeSize = rv_shader_words[shader] * 4,
                                          .pCode = rv_shader_code[shader]};
  VkShaderModule module;
  VkResult result = vkCreateShaderModule(c->device, &module_info, NULL, &module);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, rv_shader_names[shader], result);
  VkComputePipelineCreateInfo create = {
      .sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
      .stage = {.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
                .stage = VK_SHADER_STAGE_COMPUTE_BIT,
                .module = module,
                .pName = "main"},
      .layout = c->pipeline_layout};
  result = vkCreateComputePipelines(c->device, VK_NULL_HANDLE, 1, &create, NULL, out);
  vkDestroyShaderModule(c->device, module, NULL);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, rv_shader_names[shader], result);
  c->pipelines[shader] = *out;
  return RV_OK;
}

static int dispatch(rv_context *c, uint32_t shader, rv_buffer *const *buffers, uint32_t count,
                    const void *params, uint32_t param_bytes, uint32_t gx, uint32_t gy,
                    uint32_t gz) {
  if (shader >= RV_SHADER_COUNT) {
    set_error(c->error, sizeof c->error, "shader %u does not exist", shader);
    return RV_BAD_SHADER;
  }
  if (count > RV_BINDINGS - 1 || param_bytes > RV_PARAM_ARENA) {
    set_error(c->error, sizeof c->error, "%s: too many buffers or parameters",
              rv_shader_names[shader]);
    return RV_FAILED;
  }
  VkPipeline compute;
  int status = pipeline(c, shader, &compute);
  if (status != RV_OK) return status;
  uint64_t aligned = (param_bytes + c->param_alignment - 1) / c->param_alignment * c->param_alignment;
  if (aligned == 0) aligned = c->param_alignment;
  if (c->sets_used == RV_SETS_PER_BATCH || c->params_used + aligned > RV_PARAM_ARENA) {
    if ((status = submit_and_wait(c)) != RV_OK) return status;
  }
  if ((status = begin_recording(c)) != RV_OK) return status;
  uint64_t param_offset = c->params_used;
  memcpy((char *)c->params->mapped + param_offset, params, param_bytes);
  c->params_used += aligned;

  VkDescriptorSetAllocateInfo allocate = {.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
                                          .descriptorPool = c->pool,
                                          .descriptorSetCount = 1,
                                          .pSetLayouts = &c->set_layout};
  VkDescriptorSet set;
  VkResult result = vkAllocateDescriptorSets(c->device, &allocate, &set);
  if (result != VK_SUCCESS) return fail(c, RV_FAILED, "vkAllocateDescriptorSets", result);
  c->sets_used++;
  VkDescriptorBufferInfo infos[RV_BINDINGS];
  VkWriteDescriptorSet writes[RV_BINDINGS];
  infos[0] = (VkDescriptorBufferInfo){c->params->buffer, param_offset, aligned};
  for (uint32_t i = 1; i < RV_BINDINGS; i++) {
    // Unused bindings point at the parameters, so that every binding is valid.
    infos[i] = i <= count ? (VkDescriptorBufferInfo){buffers[i - 1]->buffer, 0, VK_WHOLE_SIZE}
                          : infos[0];
  }
  for (uint32_t i = 0; i < RV_BINDINGS; i++) {
    writes[i] = (VkWriteDescriptorSet){.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
                                       .dstSet = set,
                                       .dstBinding = i,
                                       .descriptorCount = 1,
                                       .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                       .pBufferInfo = &infos[i]};
  }
  vkUpdateDescriptorSets(c->device, RV_BINDINGS, writes, 0, NULL);
  vkCmdBindPipeline(c->commands, VK_PIPELINE_BIND_POINT_COMPUTE, compute);
  vkCmdBindDescriptorSets(c->commands, VK_PIPELINE_BIND_POINT_COMPUTE, c->pipeline_layout, 0, 1,
                          &set, 0, NULL);
  vkCmdDispatch(c->commands, gx, gy, gz);
  barrier(c);
  return RV_OK;
}

int rv_dispatch(rv_context *c, uint32_t shader, rv_buffer *const *buffers, uint32_t count,
                const void *params, uint32_t param_bytes, uint32_t gx, uint32_t gy, uint32_t gz) {
  pthread_mutex_lock(&c->lock);
  int status = dispatch(c, shader, buffers, count, params, param_bytes, gx, gy, gz);
  pthread_mutex_unlock(&c->lock);
  return status;
}
