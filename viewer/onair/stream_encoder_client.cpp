// pantau's StreamEncoder: the members it calls, forwarded to pantau-ffmpeg.so, loaded on the
// first open() (stream_encoder_module.hpp). An encoder exists only once the module is loaded, so
// every member but open() finds it there. The module made the encoder and its FFmpeg state; the
// state is freed through the deleter the module set (m_av), the rest is plain members.

#include <cassert>

#include "stream_encoder_module.hpp"

namespace pantau::viewer::onair {
namespace {

const data::Result<const StreamEncoderModule*>& streamModule() {
  static const auto loaded = data::loadModuleTable<StreamEncoderModule>(
      kStreamEncoderModuleFile, kStreamEncoderModuleEntry, kStreamEncoderModuleVersion);
  return loaded;
}

const StreamEncoderModule& loadedModule() {
  assert(streamModule());  // an encoder exists: open() loaded it
  return **streamModule();
}

}  // namespace

data::Result<std::unique_ptr<StreamEncoder>> StreamEncoder::open(const StreamOptions& options) {
  const auto& module = streamModule();
  if (!module) return data::Error{module.error().code, "--stream " + options.url + ": " + module.error().message};
  return (*module)->open(options);
}

bool StreamEncoder::push(Picture rgba, int64_t frameIndex) { return loadedModule().push(*this, std::move(rgba), frameIndex); }

data::Status StreamEncoder::finish() { return loadedModule().finish(*this); }

std::string StreamEncoder::codecName() const { return loadedModule().codecName(*this); }

StreamEncoder::~StreamEncoder() { (void)finish(); }  // as the module's: flush, join the thread

}  // namespace pantau::viewer::onair
