// A video wall from headless tiles: four tiles of a 2x2 wall, each drawn by its own `pantau
// --headless --wall 2x2 --tile C,R` run, stitch to the same picture as one headless render of the
// whole canvas (seams included: bezel strips are what no tile shows), so a label crossing a seam
// is whole on both sides. The embedded night at one moment: every run shows the same version.

#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include "headless_shot.hpp"

namespace {

struct Image {
  int w = 0, h = 0;
  std::vector<uint8_t> rgba;
};

Image load(const std::string& path) {
  Image im;
  int n = 0;
  uint8_t* p = stbi_load(path.c_str(), &im.w, &im.h, &n, 4);
  if (!p) return im;
  im.rgba.assign(p, p + static_cast<std::size_t>(im.w) * static_cast<std::size_t>(im.h) * 4);
  stbi_image_free(p);
  return im;
}

}  // namespace

TEST(Wall, FourTilesStitchToTheWholeCanvas) {
  constexpr int kTileW = 480, kTileH = 270, kBezel = 12;
  const std::string common = "--at \"2024-02-14 20:00\" --wall 2x2 --bezel " +
                             std::to_string(kBezel) + " --size " + std::to_string(kTileW) + "x" +
                             std::to_string(kTileH);
  // The whole canvas as one screen: 2 x 480 + 12 by 2 x 270 + 12.
  const int canvasW = 2 * kTileW + kBezel, canvasH = 2 * kTileH + kBezel;
  auto whole = pantau::test::shootHeadless(
      "--at \"2024-02-14 20:00\" --size " + std::to_string(canvasW) + "x" + std::to_string(canvasH),
      "wall_whole");
  ASSERT_EQ(whole.status, 0) << whole.err;
  const Image canvas = load(pantau::test::tempPath("wall_whole.png"));
  ASSERT_EQ(canvas.w, canvasW);

  std::size_t differing = 0, compared = 0;
  for (int row = 0; row < 2; ++row)
    for (int col = 0; col < 2; ++col) {
      const std::string name = "wall_tile_" + std::to_string(col) + "_" + std::to_string(row);
      auto tile = pantau::test::shootHeadless(
          common + " --tile " + std::to_string(col) + "," + std::to_string(row), name);
      ASSERT_EQ(tile.status, 0) << tile.err;
      const Image t = load(pantau::test::tempPath(name + ".png"));
      ASSERT_EQ(t.w, kTileW);
      ASSERT_EQ(t.h, kTileH);
      const int x0 = col * (kTileW + kBezel), y0 = row * (kTileH + kBezel);
      for (int y = 0; y < kTileH; ++y)
        for (int x = 0; x < kTileW; ++x) {
          const uint8_t* a = &t.rgba[(static_cast<std::size_t>(y) * kTileW + x) * 4];
          const uint8_t* b =
              &canvas.rgba[(static_cast<std::size_t>(y0 + y) * canvasW + x0 + x) * 4];
          ++compared;
          // The golden tolerance: a channel within 8 (llvmpipe's antialiasing may differ by a
          // step).
          for (int c = 0; c < 3; ++c)
            if (std::abs(static_cast<int>(a[c]) - static_cast<int>(b[c])) > 8) {
              ++differing;
              break;
            }
        }
    }
  EXPECT_EQ(compared, 4u * kTileW * kTileH);
  EXPECT_LE(differing, compared / 1000) << differing << " of " << compared << " pixels differ";
}

TEST(Wall, BadWallFlagsAreRefused) {
  for (const char* bad : {"--wall 2x --tile 0,0", "--wall 2x2 --tile 2,0", "--wall 0x2 --tile 0,0",
                          "--wall 2x2 --tile a,b", "--wall 64x64 --tile 0,0"}) {
    auto shot =
        pantau::test::shootHeadless(std::string("--at \"2024-02-14 20:00\" ") + bad, "wall_bad");
    EXPECT_EQ(shot.status, 1) << bad;
    EXPECT_TRUE(shot.err.find("--wall") != std::string::npos ||
                shot.err.find("--tile") != std::string::npos)
        << shot.err;
  }
}
