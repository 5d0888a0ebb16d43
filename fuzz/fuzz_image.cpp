// libFuzzer target: form photo decoding (JPEG through libjpeg-turbo, PNG through libspng, all
// else refused by magic bytes), with the limits the viewer uses scaled down so that each input
// decodes in milliseconds. A decode must never hand back more pixels than the limit allows.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pantau/data/images/form_images.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::data;
  ImageLimits limits;
  limits.maxPixels = 4'000'000;
  auto img = decodeFormImage(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (img && (static_cast<uint64_t>(img->width) * static_cast<uint64_t>(img->height) > limits.maxPixels ||
              img->rgba.size() != static_cast<std::size_t>(img->width) * static_cast<std::size_t>(img->height) * 4))
    __builtin_trap();
  return 0;
}
