// A video wall's geometry: canvas size with bezels, each tile's place on it, and the
// flags refused with their names.

#include <gtest/gtest.h>

#include "wall_layout.hpp"

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
