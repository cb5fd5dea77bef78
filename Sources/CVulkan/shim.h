// The Vulkan API (Debian libvulkan-dev), for the Vulkan compute backend.
#include <vulkan/vulkan.h>
