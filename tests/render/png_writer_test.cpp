// The streaming PNG writer (a still's bands go to it as they are drawn) replaces its file only when
// the image is whole: a still cut short leaves the last good PNG, and no temp file beside it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "pantau/render/png_writer.hpp"

namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

fs::path freshDir(const char* name) {
  const fs::path dir = fs::temp_directory_path() / ("pantau_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST(PngWriter, AnImageCutShortLeavesTheLastGoodFile) {
  const fs::path dir = freshDir("png_cut"), png = dir / "still.png";
  std::ofstream(png) << "the last good picture";
  const std::vector<uint8_t> rows(8 * 4 * 3, 200);
  {
    pantau::render::PngWriter writer(png.string(), 8, 8);
    writer.appendRows(rows.data(), 3);  // 3 of 8 rows, then the still fails
    EXPECT_FALSE(writer.finish());
  }
  EXPECT_EQ(readAll(png), "the last good picture");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1) << "a temp file stayed";
  fs::remove_all(dir);
}

TEST(PngWriter, AWholeImageReplacesTheFile) {
  const fs::path dir = freshDir("png_whole"), png = dir / "still.png";
  std::ofstream(png) << "old";
  const std::vector<uint8_t> rows(8 * 4 * 8, 200);
  pantau::render::PngWriter writer(png.string(), 8, 8);
  writer.appendRows(rows.data(), 8);
  ASSERT_TRUE(writer.finish());
  const std::string bytes = readAll(png);
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

TEST(PngWriter, AFolderThatCannotTakeItSaysWhy) {
  pantau::render::PngWriter writer("/nonexistent-pantau-dir/still.png", 8, 8);
  const auto status = writer.finish();
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("No such file or directory"), std::string::npos) << status.error().message;
}
