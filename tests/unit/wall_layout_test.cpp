// A video wall's geometry: canvas size with bezels, each tile's place on it, the crop, and the
// flags refused with their names.

#include <gtest/gtest.h>

#include "wall_layout.hpp"

using pantau::viewer::cropTile;
using pantau::viewer::parseWallLayout;

TEST(WallLayout, CanvasAndTilesWithBezels) {
  auto w = parseWallLayout("3x2", "2,1", 10, 1920, 1080);
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->canvasWidth(), 3 * 1920 + 2 * 10);
  EXPECT_EQ(w->canvasHeight(), 2 * 1080 + 10);
  EXPECT_EQ(w->tileX(), 2 * (1920 + 10));
  EXPECT_EQ(w->tileY(), 1080 + 10);
  auto one = parseWallLayout("1x1", "0,0", 0, 640, 360);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->canvasWidth(), 640);
  EXPECT_EQ(one->tileX(), 0);
}

TEST(WallLayout, CropTakesTheTilesPixels) {
  auto w = parseWallLayout("2x2", "1,1", 1, 2, 2);  // a 5x5 canvas; tile (1,1) is x 3..4, y 3..4
  ASSERT_TRUE(w);
  std::vector<uint8_t> canvas(5 * 5 * 4);
  for (std::size_t i = 0; i < canvas.size(); i += 4)
    canvas[i] = static_cast<uint8_t>(i / 4);  // red = pixel index
  const auto tile = cropTile(*w, canvas);
  ASSERT_EQ(tile.size(), 2u * 2 * 4);
  EXPECT_EQ(tile[0], 3 * 5 + 3);
  EXPECT_EQ(tile[4], 3 * 5 + 4);
  EXPECT_EQ(tile[8], 4 * 5 + 3);
  EXPECT_EQ(tile[12], 4 * 5 + 4);
}

TEST(WallLayout, BadFlagsAreNamed) {
  const std::tuple<const char*, const char*, int, const char*> bad[] = {
      {"2x", "0,0", 0, "--wall"},    {"0x2", "0,0", 0, "--wall"},
      {"2x2x", "0,0", 0, "--wall"},  {"2x2", "2,0", 0, "--tile"},
      {"2x2", "0,-1", 0, "--tile"},  {"2x2", "a,b", 0, "--tile"},
      {"2x2", "0,0", -3, "--bezel"}, {"64x64", "0,0", 0, "over 16384"},
  };
  for (const auto& [wall, tile, bezel, why] : bad) {
    auto w = parseWallLayout(wall, tile, bezel, 1920, 1080);
    ASSERT_FALSE(w) << wall << " " << tile;
    EXPECT_NE(w.error().message.find(why), std::string::npos) << w.error().message;
  }
}
