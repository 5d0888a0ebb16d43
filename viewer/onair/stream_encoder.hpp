#pragma once
// The program out through FFmpeg (`--stream URL`): a file (.ts, .mp4, .mov) or a stream
// (srt://, udp:// as MPEG-TS, rtmp:// as FLV). Fill is H.264 (libx264); with alpha, ProRes 4444
// (prores_ks, in .mov) carries the key in the same file; a key-only output (`--stream-key URL`)
// sends the alpha as a grey H.264 picture for a mixer's key input.
//
// Threading: push() from the render thread never waits for the encoder: frames go through a short
// queue to the encoder's own thread, and a frame that finds the queue full is dropped (counted).
// finish() and the destructor join that thread.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pantau/data/base/result.hpp"

namespace pantau::viewer::onair {

struct StreamOptions {
  std::string url;
  int width = 1920, height = 1080;
  int fps = 25;
  enum Picture { Fill, FillAndKey, Key } picture = Fill;  ///< FillAndKey: ProRes 4444 with alpha
  /// libx264's speed preset. ultrafast: on a 2-core machine shared with builds, 2 min of the
  /// night's rundown at 1080p25 cost 58 s of CPU against veryfast's 76 s, and dropped 184 frames
  /// against 272 (README "Figures (on air)"); at 8 Mb/s for maps and flat panels the picture
  /// loses little.
  std::string preset = "ultrafast";
  int bitrateKbps = 8000;                                 ///< H.264's target (ProRes has its own)
  int queueFrames = 12;  ///< distinct pictures waiting for the encoder before frames are dropped
};

class StreamEncoder {
 public:
  /// Opens the output (the file is created, a stream connected) and starts the encoder thread.
  static data::Result<std::unique_ptr<StreamEncoder>> open(const StreamOptions& options);
  ~StreamEncoder();
  StreamEncoder(const StreamEncoder&) = delete;
  StreamEncoder& operator=(const StreamEncoder&) = delete;

  using Picture = std::shared_ptr<const std::vector<uint8_t>>;
  /// One frame, RGBA top row first (width x height x 4), shown at `frameIndex` / fps. The same
  /// picture again (a render that fell behind) costs no memory and no colour conversion. Returns
  /// false, and counts it dropped, when the encoder is behind.
  bool push(Picture rgba, int64_t frameIndex);
  uint64_t dropped() const { return m_dropped.load(); }
  uint64_t encoded() const { return m_encoded.load(); }
  /// Encodes what is queued, flushes the codec and writes the trailer. The first error, if any.
  data::Status finish();
  const StreamOptions& options() const { return m_options; }
  /// "libx264 ultrafast", "prores_ks 4444": what the README and logs name.
  std::string codecName() const;

 private:
  StreamEncoder() = default;
  struct Av;
  struct Frame {
    Picture rgba;
    int64_t index;
  };
  void run();
  data::Status encode(const Frame* frame);  ///< null: flush

  StreamOptions m_options;
  /// Freed by the function that open() set, so that a binary without FFmpeg (pantau, which loads
  /// this encoder from pantau-ffmpeg.so) can destroy an encoder: only the module knows Av.
  std::unique_ptr<Av, void (*)(Av*)> m_av{nullptr, nullptr};
  std::thread m_thread;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<Frame> m_queue;
  int m_queuedPictures = 0;  ///< distinct pictures in the queue (the memory it holds)
  Picture m_converted;  ///< the picture in the codec's frame now (a repeat skips the conversion)
  bool m_closing = false, m_finished = false;
  std::atomic<uint64_t> m_dropped{0}, m_encoded{0};
  data::Status m_error;
};

}  // namespace pantau::viewer::onair
