// ImageWarp on the real renderer: a pan (the front image uploaded straight, the strips around it
// gathered) and a zoom (every pixel gathered) give exactly the pixels of a plain per-pixel
// nearest lookup into the two images, with the sea where neither reaches.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "pantau/render/gl.hpp"
#include "pantau/render/headless_gl.hpp"
#include "pantau/render/image_warp.hpp"
#include "pantau/render/offscreen_target.hpp"

namespace {

using namespace pantau::render;

constexpr int kW = 64, kH = 48;
constexpr uint32_t kSea = 0xff00ff00u;

/// A target holding `px` (bottom row first).
std::unique_ptr<OffscreenTarget> imageTarget(const std::vector<uint32_t>& px) {
  auto t = std::make_unique<OffscreenTarget>(kW, kH, 0);
  glBindTexture(GL_TEXTURE_2D, t->texture());
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kW, kH, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  return t;
}

/// The source pixel a destination pixel shows: the same nearest rule, one pixel at a time.
int sourceOf(int d, double at0, double perPixel, int size) {
  const double s = std::floor((d + 0.5 - at0) * perPixel);
  return s >= 0 && s < size ? static_cast<int>(s) : -1;
}

uint32_t expected(const ViewTransform& now, const ViewTransform* views, const std::vector<uint32_t>* images, int x, int y) {
  for (int k = 0; k < 2; ++k) {  // image 0 is the finer one here
    const PixelRect at = placeImage(now, views[k]);
    const double perPixel = now.kmPerPixel / views[k].kmPerPixel;
    const int sx = sourceOf(x, at.x0, perPixel, kW), sy = sourceOf(y, at.y0, perPixel, kH);
    if (sx >= 0 && sy >= 0) return images[k][static_cast<std::size_t>(sy) * kW + sx];
  }
  return kSea;
}

void expectWarp(ImageWarp& warp, const ViewTransform& now, const ViewTransform* views, const std::vector<uint32_t>* images) {
  OffscreenTarget out(kW, kH, 0);
  warp.draw(now, out.resolvedFramebuffer(), kSea);
  std::vector<uint32_t> got(kW * kH);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, out.resolvedFramebuffer());
  glReadPixels(0, 0, kW, kH, GL_RGBA, GL_UNSIGNED_BYTE, got.data());
  int wrong = 0;
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) wrong += got[static_cast<std::size_t>(y) * kW + x] != expected(now, views, images, x, y);
  EXPECT_EQ(wrong, 0);
}

TEST(ImageWarp, PanAndZoomShowTheNearestSourcePixels) {
  auto gl = HeadlessGl::create();
  if (!gl) GTEST_SKIP() << gl.error().message;
  std::vector<uint32_t> images[2];
  for (int k = 0; k < 2; ++k)
    for (int y = 0; y < kH; ++y)
      for (int x = 0; x < kW; ++x) images[k].push_back(0xff000000u | static_cast<uint32_t>(k) << 16 | static_cast<uint32_t>(y) << 8 | static_cast<uint32_t>(x));
  ViewTransform views[2];
  views[0].width = views[1].width = kW, views[0].height = views[1].height = kH;
  views[1].kmPerPixel = 3;  // the backdrop: three times wider
  ImageWarp warp;
  for (int k = 0; k < 2; ++k) warp.capture(k, imageTarget(images[k])->resolvedFramebuffer(), views[k]);

  ViewTransform pan = views[0];  // 7 px right and 5 up: the backdrop shows along two edges
  pan.centerX += 7, pan.centerY -= 5;
  expectWarp(warp, pan, views, images);
  pan.centerX -= 20;  // the other way
  expectWarp(warp, pan, views, images);
  ViewTransform zoom = views[0];  // in, then out past the front image's edges
  zoom.kmPerPixel = 0.7;
  expectWarp(warp, zoom, views, images);
  zoom.kmPerPixel = 1.6, zoom.centerX = 3.3;
  expectWarp(warp, zoom, views, images);
}

}  // namespace
