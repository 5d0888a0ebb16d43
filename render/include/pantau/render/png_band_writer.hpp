#pragma once
/// A PNG written from a framebuffer band by band, compressed on a worker thread: the GL thread
/// reads a band's rows and goes on to draw the next band while the last one is encoded (a 1080p
/// still's eight bands are about 4 ms of zlib each, which llvmpipe leaves a core idle for while it
/// bins). At most two bands' rows are held, one read and one being encoded.
///
/// Threading: construct, append and finish on the GL thread; only the worker touches the
/// PngWriter until finish() has joined it.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/render/png_writer.hpp"

namespace pantau::render {

class PngBandWriter {
 public:
  /// As PngWriter: a width x height RGBA image, `path` replaced only by a finish() that succeeds.
  PngBandWriter(const std::string& path, int width, int height);
  /// Stops the worker; an image not finished leaves no file (PngWriter's rule).
  ~PngBandWriter();
  PngBandWriter(const PngBandWriter&) = delete;
  PngBandWriter& operator=(const PngBandWriter&) = delete;

  /// The next `rows` rows of the image from GL rows [firstRow, firstRow + rows) of framebuffer
  /// `fbo` (read now; encoded later). Waits while two bands are already held.
  void appendFramebufferRows(unsigned fbo, int firstRow, int rows);
  /// Waits for the encoding of every band, then ends the file as PngWriter::finish().
  data::Status finish();

 private:
  struct Band {
    std::vector<uint8_t> rgba;  ///< GL's rows, the bottom one first
    int rows = 0;
  };
  static constexpr int kBands = 2;
  void encodeQueued();  ///< the worker: encodes bands as they come until closed
  void close();         ///< tells the worker no band follows and joins it

  PngWriter m_png;
  int m_width;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Band> m_queue;                   ///< read, waiting for the worker
  std::vector<std::vector<uint8_t>> m_spare;  ///< buffers the worker is done with
  int m_buffers = 0;                          ///< allocated, at most kBands
  bool m_closing = false;
  std::thread m_worker;  ///< last: started once the rest is constructed
};

}  // namespace pantau::render
