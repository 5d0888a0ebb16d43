#pragma once
// PNGs compared as the golden tests do: a pixel differs when any channel is off by more than
// kChannelTolerance; two renders match when at most kMaxDifferingShare of the pixels differ (text
// antialiasing and MSAA resolve may shift a few).

#include <stb/stb_image.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace pantau::test {

constexpr int kChannelTolerance = 24;
constexpr double kMaxDifferingShare = 0.005;

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> px;  ///< RGB
};

inline Image loadPng(const std::string& path) {
  Image im;
  int n = 0;
  unsigned char* p = stbi_load(path.c_str(), &im.w, &im.h, &n, 3);
  if (p) im.px.assign(p, p + static_cast<std::size_t>(im.w) * im.h * 3);
  stbi_image_free(p);
  return im;
}

/// Whether pixel `i` (an index into px) differs beyond the tolerance.
inline bool pixelDiffers(const Image& a, const Image& b, std::size_t i) {
  for (int c = 0; c < 3; ++c)
    if (std::abs(int(a.px[i + c]) - int(b.px[i + c])) > kChannelTolerance) return true;
  return false;
}

}  // namespace pantau::test
