#pragma once
/// PNG files from RGBA pixels or straight from a framebuffer, a band of rows at a time (libspng,
/// progressive): a still streamed band by band never holds the whole image in memory.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"

struct spng_ctx;

namespace pantau::render {

class PngWriter {
 public:
  /// Opens a temp file beside `path` for a width x height RGBA image, renamed to `path` by a
  /// finish() that wrote every row; an error is kept and said by finish().
  PngWriter(const std::string& path, int width, int height);
  ~PngWriter();
  PngWriter(const PngWriter&) = delete;
  PngWriter& operator=(const PngWriter&) = delete;

  /// The next `rows` rows of the image, top row first.
  void appendRows(const uint8_t* rgba, int rows);
  /// The next `rows` rows of the image as GL reads them: the bottom row first.
  void appendRowsBottomUp(const uint8_t* rgba, int rows);
  /// The next `rows` rows of the image from GL rows [firstRow, firstRow + rows) of framebuffer
  /// `fbo`'s colour image (GL's rows count from the bottom: the highest is appended first).
  void appendFramebufferRows(unsigned fbo, int firstRow, int rows);
  /// Ends the file: success when every row was written and the file closed.
  data::Status finish();

 private:
  std::string m_path;
  int m_width, m_height, m_written = 0;
  int m_error = 0;
  bool m_cannotOpen = false;
  std::string m_openError;  ///< why the temp file could not be created
  std::string m_tempPath;  ///< where the rows go until finish() renames it to m_path
  bool m_renamed = false;
  std::FILE* m_file = nullptr;
  spng_ctx* m_ctx = nullptr;
  std::vector<uint8_t> m_buffer;  ///< appendFramebufferRows's rows as read
};

/// Writes RGBA pixels (top row first) as a PNG.
data::Status writePng(const std::string& path, int width, int height, const std::vector<uint8_t>& rgba);
/// Writes framebuffer `fbo`'s colour image (width x height) as a PNG, read a few rows at a time.
data::Status writeFramebufferPng(const std::string& path, unsigned fbo, int width, int height);

}  // namespace pantau::render
