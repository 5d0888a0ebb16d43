#pragma once
// pantau-ffmpeg.so: the stream encoder (stream_encoder.cpp, FFmpeg) as a module that pantau loads
// on the first --stream (base/loadable_module.hpp). This is the table both sides agree on: the
// module fills it with StreamEncoder's own members (stream_encoder_module.cpp); pantau's
// StreamEncoder members forward to it (stream_encoder_client.cpp). The unit tests link the
// encoder itself.

#include "pantau/data/base/loadable_module.hpp"
#include "stream_encoder.hpp"

namespace pantau::viewer::onair {

struct StreamEncoderModule {
  data::ModuleHeader header;
  data::Result<std::unique_ptr<StreamEncoder>> (*open)(const StreamOptions& options);
  bool (*push)(StreamEncoder& encoder, StreamEncoder::Picture rgba, int64_t frameIndex);
  data::Status (*finish)(StreamEncoder& encoder);
  std::string (*codecName)(const StreamEncoder& encoder);
};

inline constexpr const char* kStreamEncoderModuleFile = "pantau-ffmpeg.so";
inline constexpr const char* kStreamEncoderModuleEntry = "pantau_ffmpeg_module";
/// Bumped when an entry above changes.
inline constexpr uint32_t kStreamEncoderModuleVersion = 1;

}  // namespace pantau::viewer::onair
