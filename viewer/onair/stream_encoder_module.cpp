// pantau-ffmpeg.so's entry: the stream encoder's members in the table pantau calls through
// (stream_encoder_module.hpp). Everything else in the module is local to it (its .map).

#include "stream_encoder_module.hpp"

namespace pantau::viewer::onair {
namespace {

const StreamEncoderModule kModule{
    {kStreamEncoderModuleVersion, sizeof(StreamEncoderModule)},
    &StreamEncoder::open,
    [](StreamEncoder& e, StreamEncoder::Picture rgba, int64_t frameIndex) { return e.push(std::move(rgba), frameIndex); },
    [](StreamEncoder& e) { return e.finish(); },
    [](const StreamEncoder& e) { return e.codecName(); },
};

}  // namespace
}  // namespace pantau::viewer::onair

extern "C" const pantau::data::ModuleHeader* pantau_ffmpeg_module() {
  return &pantau::viewer::onair::kModule.header;
}
