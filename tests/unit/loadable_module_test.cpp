// Modules loaded on first use (base/loadable_module.hpp): a missing one fails naming its path and
// why; one from another build is refused; pantau-ffmpeg.so, loaded as pantau loads it, encodes
// a stream that decodes back frame for frame.

#include <gtest/gtest.h>

#include <filesystem>

#include "pantau/data/base/loadable_module.hpp"
#include "stream_encoder_module.hpp"
#include "test_support.hpp"
#include "video_support.hpp"

using namespace pantau::viewer::onair;
using pantau::data::loadModuleTable;

TEST(LoadableModule, AMissingModuleNamesItsPathAndWhy) {
  auto m = pantau::data::loadModuleEntry("pantau-no-such-module.so", "entry", {1, 8});
  ASSERT_FALSE(m);
  const std::string& msg = m.error().message;
  EXPECT_NE(msg.find((std::filesystem::path(PANTAU_BIN_DIR) / "pantau-no-such-module.so").string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("cannot open shared object file"), std::string::npos) << msg;  // dlerror()
}

TEST(LoadableModule, AModuleFromAnotherBuildIsRefused) {
  auto m = loadModuleTable<StreamEncoderModule>(kStreamEncoderModuleFile, kStreamEncoderModuleEntry,
                                                kStreamEncoderModuleVersion + 1);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("another build"), std::string::npos) << m.error().message;
  auto noEntry = pantau::data::loadModuleEntry(kStreamEncoderModuleFile, "pantau_no_such_entry", {1, 8});
  ASSERT_FALSE(noEntry);
  EXPECT_NE(noEntry.error().message.find("pantau_no_such_entry"), std::string::npos) << noEntry.error().message;
}

TEST(LoadableModule, TheFfmpegModuleEncodesAStreamThatDecodesBack) {
  auto m = loadModuleTable<StreamEncoderModule>(kStreamEncoderModuleFile, kStreamEncoderModuleEntry,
                                                kStreamEncoderModuleVersion);
  ASSERT_TRUE(m) << m.error().message;
  const StreamEncoderModule& module = **m;
  const std::string path = pantau::test::tempPath("module_program.ts");
  StreamOptions o;
  o.url = path;
  o.width = 320, o.height = 180;
  o.queueFrames = 100;  // every frame wanted
  auto e = module.open(o);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(module.codecName(**e), "libx264 ultrafast");
  auto grey = std::make_shared<std::vector<uint8_t>>(std::size_t(320) * 180 * 4, uint8_t{128});
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(module.push(**e, grey, i));
  ASSERT_TRUE(module.finish(**e));
  e.value().reset();  // its FFmpeg state freed by the deleter the module set
  const auto d = pantau::test::decodeVideo(path);
  EXPECT_EQ(d.codec, "h264");
  EXPECT_EQ(d.frames, 10);
  EXPECT_EQ(d.width, 320);
  std::filesystem::remove(path);
}
