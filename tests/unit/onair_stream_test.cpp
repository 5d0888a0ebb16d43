// The stream encoder: frames out through FFmpeg and decoded back with libavformat; a slow
// consumer drops frames instead of stalling the producer.

#include <gtest/gtest.h>

extern "C" {
#include <libavutil/pixdesc.h>
}

#include <random>

#include <filesystem>

#include "stream_encoder.hpp"
#include "test_support.hpp"
#include "video_support.hpp"

using namespace pantau::viewer::onair;
using pantau::test::decodeVideo;

namespace {

StreamEncoder::Picture solid(int w, int h, uint8_t r, uint8_t g, uint8_t b, uint8_t a) {
  auto px = std::make_shared<std::vector<uint8_t>>(std::size_t(w) * h * 4);
  for (std::size_t i = 0; i < px->size(); i += 4)
    (*px)[i] = r, (*px)[i + 1] = g, (*px)[i + 2] = b, (*px)[i + 3] = a;
  return px;
}

}  // namespace

TEST(OnAirStream, TransportStreamDecodesBackFrameForFrame) {
  const std::string path = pantau::test::tempPath("program.ts");
  StreamOptions o;
  o.url = path;
  o.width = 640, o.height = 360, o.fps = 25;
  o.preset = "ultrafast";
  o.queueFrames = 1000;  // this test wants every frame
  auto e = StreamEncoder::open(o);
  ASSERT_TRUE(e) << e.error().message;
  for (int i = 0; i < 50; ++i) EXPECT_TRUE((*e)->push(solid(640, 360, 200, 200, 200, 255), i));
  ASSERT_TRUE((*e)->finish());
  EXPECT_EQ((*e)->dropped(), 0u);
  EXPECT_EQ((*e)->encoded(), 50u);
  const auto d = decodeVideo(path, {0});
  EXPECT_EQ(d.codec, "h264");
  EXPECT_EQ(d.frames, 50);
  EXPECT_EQ(d.width, 640);
  EXPECT_EQ(d.height, 360);
  ASSERT_EQ(d.rgba.size(), 1u);
  const std::size_t centre = (std::size_t(180) * 640 + 320) * 4;
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(d.rgba[0][centre + c], 200, 4);  // the grey came back
  std::filesystem::remove(path);
}

TEST(OnAirStream, ProRes4444CarriesAlphaInAMov) {
  const std::string path = pantau::test::tempPath("key.mov");
  StreamOptions o;
  o.url = path;
  o.width = 320, o.height = 180;
  o.picture = StreamOptions::FillAndKey;
  o.queueFrames = 100;
  auto e = StreamEncoder::open(o);
  ASSERT_TRUE(e) << e.error().message;
  for (int i = 0; i < 5; ++i) (*e)->push(solid(320, 180, 0, 0, 0, 0), i);
  ASSERT_TRUE((*e)->finish());
  EXPECT_EQ((*e)->encoded(), 5u);
  AVFormatContext* fmt = nullptr;
  ASSERT_EQ(avformat_open_input(&fmt, path.c_str(), nullptr, nullptr), 0);
  avformat_find_stream_info(fmt, nullptr);
  EXPECT_EQ(fmt->streams[0]->codecpar->codec_id, AV_CODEC_ID_PRORES);
  const AVPixFmtDescriptor* desc =
      av_pix_fmt_desc_get(static_cast<AVPixelFormat>(fmt->streams[0]->codecpar->format));
  ASSERT_TRUE(desc);
  EXPECT_TRUE(desc->flags & AV_PIX_FMT_FLAG_ALPHA) << desc->name;
  avformat_close_input(&fmt);
  const auto d = decodeVideo(path);
  EXPECT_EQ(d.packets, 5);
  EXPECT_EQ(d.frames, 5);
  std::filesystem::remove(path);
  // Alpha needs a container that carries it.
  o.url = pantau::test::tempPath("key.ts");
  auto bad = StreamEncoder::open(o);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("ProRes 4444 in a .mov"), std::string::npos);
  o.url = "ftp://example/program";
  EXPECT_FALSE(StreamEncoder::open(o));
}

TEST(OnAirStream, AProducerFasterThanTheEncoderDropsAndNeverWaits) {
  const std::string path = pantau::test::tempPath("fast.ts");
  StreamOptions o;
  o.url = path;
  o.width = 1920, o.height = 1080;
  o.preset = "veryslow";  // noise at 1080p: far slower to encode than to push
  o.queueFrames = 2;
  auto e = StreamEncoder::open(o);
  ASSERT_TRUE(e) << e.error().message;
  std::mt19937 noise(7);
  std::vector<StreamEncoder::Picture>
      frames;  // distinct pictures (cycled): each holds a queue place
  for (int i = 0; i < 8; ++i) {
    auto px = std::make_shared<std::vector<uint8_t>>(std::size_t(1920) * 1080 * 4);
    for (auto& b : *px) b = static_cast<uint8_t>(noise());
    frames.push_back(px);
  }
  const auto t0 = std::chrono::steady_clock::now();
  int accepted = 0;
  for (int i = 0; i < 60; ++i)
    accepted += (*e)->push(frames[static_cast<std::size_t>(i) % frames.size()], i);
  const double pushMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE((*e)->finish());
  EXPECT_GT((*e)->dropped(), 0u);
  EXPECT_EQ((*e)->dropped() + static_cast<uint64_t>(accepted), 60u);
  EXPECT_EQ((*e)->encoded(), static_cast<uint64_t>(accepted));
  EXPECT_EQ(decodeVideo(path).frames, accepted);
  // The pushes took less time than encoding what they queued: push() never waited for it.
  EXPECT_GT((*e)->dropped(), 30u) << pushMs << " ms of pushes";
  std::filesystem::remove(path);
}
