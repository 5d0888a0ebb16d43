// PngBandWriter on the real renderer: a framebuffer written band by band, with more bands than the
// writer holds at once (so the GL thread waits for the worker and reuses its buffers), decodes
// to exactly the framebuffer's pixels, in the same bytes as the one-thread writer's file.

#include <gtest/gtest.h>
#include <stb/stb_image.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "pantau/render/gl.hpp"
#include "pantau/render/headless_gl.hpp"
#include "pantau/render/offscreen_target.hpp"
#include "pantau/render/png_band_writer.hpp"

namespace fs = std::filesystem;
using namespace pantau::render;

namespace {

constexpr int kW = 37, kH = 50, kBandRows = 7;  // 8 bands, the last one short

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST(PngBandWriter, BandsDecodeToTheFramebufferInTheOneThreadWritersBytes) {
  auto gl = HeadlessGl::create();
  if (!gl) GTEST_SKIP() << gl.error().message;
  std::vector<uint32_t> px;  // GL's rows, the bottom one first; every pixel its own colour
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x)
      px.push_back(0xff000000u | static_cast<uint32_t>(y * 5) << 8 | static_cast<uint32_t>(x * 7));
  OffscreenTarget image(kW, kH, 0);
  glBindTexture(GL_TEXTURE_2D, image.texture());
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kW, kH, GL_RGBA, GL_UNSIGNED_BYTE, px.data());

  const fs::path dir =
      fs::temp_directory_path() / ("pantau_" + std::to_string(getpid()) + "_png_bands");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path banded = dir / "banded.png", whole = dir / "whole.png";
  {
    PngBandWriter writer(banded.string(), kW, kH);
    for (int top = kH; top > 0; top -= kBandRows)  // the top band first, as a still's
      writer.appendFramebufferRows(image.resolvedFramebuffer(), std::max(0, top - kBandRows),
                                   std::min(kBandRows, top));
    ASSERT_TRUE(writer.finish());
  }
  ASSERT_TRUE(writeFramebufferPng(whole.string(), image.resolvedFramebuffer(), kW, kH));
  EXPECT_EQ(readAll(banded), readAll(whole));

  int w = 0, h = 0, n = 0;
  unsigned char* decoded = stbi_load(banded.c_str(), &w, &h, &n, 4);
  ASSERT_NE(decoded, nullptr);
  ASSERT_EQ(w, kW);
  ASSERT_EQ(h, kH);
  int wrong = 0;
  for (int y = 0; y < kH; ++y)  // the file's top row is GL's last
    for (int x = 0; x < kW; ++x)
      wrong += std::memcmp(decoded + (static_cast<std::size_t>(y) * kW + x) * 4,
                           &px[static_cast<std::size_t>(kH - 1 - y) * kW + x], 4) != 0;
  stbi_image_free(decoded);
  EXPECT_EQ(wrong, 0);
  fs::remove_all(dir);
}

TEST(PngBandWriter, AnImageCutShortLeavesNoFile) {
  auto gl = HeadlessGl::create();
  if (!gl) GTEST_SKIP() << gl.error().message;
  OffscreenTarget image(kW, kH, 0);
  const fs::path dir =
      fs::temp_directory_path() / ("pantau_" + std::to_string(getpid()) + "_png_bands_cut");
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    PngBandWriter writer((dir / "still.png").string(), kW, kH);
    writer.appendFramebufferRows(image.resolvedFramebuffer(), kH - kBandRows,
                                 kBandRows);  // one band, then the still fails
    EXPECT_FALSE(writer.finish());
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 0)
      << "a file stayed";
  fs::remove_all(dir);
}

TEST(PngBandWriter, AFolderThatCannotTakeItSaysWhy) {
  auto gl = HeadlessGl::create();
  if (!gl) GTEST_SKIP() << gl.error().message;
  OffscreenTarget image(kW, kH, 0);
  PngBandWriter writer("/nonexistent-pantau-dir/still.png", kW, kH);
  for (int top = kH; top > 0; top -= kBandRows)
    writer.appendFramebufferRows(image.resolvedFramebuffer(), std::max(0, top - kBandRows),
                                 std::min(kBandRows, top));
  const auto status = writer.finish();
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("No such file or directory"), std::string::npos)
      << status.error().message;
}
