#include "pantau/render/png_writer.hpp"

#include <spng.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "pantau/render/gl.hpp"

namespace pantau::render {

PngWriter::PngWriter(const std::string& path, int width, int height) : m_path(path), m_width(width), m_height(height) {
  // libspng at zlib level 2 with the "up" filter: a map's flat regions repeat row to row, so the
  // file is within a few percent of the default's size in a fraction of the time (stb's
  // encoder was 15% of a whole still's CPU).
  // Written beside `path` and renamed over it only when whole (as every writer here,
  // data/base/file_io.hpp): a still that fails half way, or a process killed mid-image, leaves the
  // last good PNG, never a torn one, though the rows now stream in band by band.
  m_tempPath = path + ".tmp." + std::to_string(getpid());
  const int fd = ::open(m_tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  m_file = fd < 0 ? nullptr : fdopen(fd, "wb");
  if (fd >= 0 && !m_file) ::close(fd);
  if (!m_file) {
    m_openError = std::strerror(errno);
    m_cannotOpen = true;
    return;
  }
  m_ctx = spng_ctx_new(SPNG_CTX_ENCODER);
  spng_ihdr ihdr{};
  ihdr.width = static_cast<uint32_t>(width);
  ihdr.height = static_cast<uint32_t>(height);
  ihdr.bit_depth = 8;
  ihdr.color_type = SPNG_COLOR_TYPE_TRUECOLOR_ALPHA;
  m_error = !m_ctx ? SPNG_EMEM : spng_set_png_file(m_ctx, m_file);
  if (!m_error) m_error = spng_set_ihdr(m_ctx, &ihdr);
  if (!m_error) m_error = spng_set_option(m_ctx, SPNG_IMG_COMPRESSION_LEVEL, 2);
  if (!m_error) m_error = spng_set_option(m_ctx, SPNG_FILTER_CHOICE, SPNG_FILTER_CHOICE_UP);
  if (!m_error) m_error = spng_encode_image(m_ctx, nullptr, 0, SPNG_FMT_PNG, SPNG_ENCODE_PROGRESSIVE | SPNG_ENCODE_FINALIZE);
}

PngWriter::~PngWriter() {
  if (m_ctx) spng_ctx_free(m_ctx);
  if (m_file) std::fclose(m_file);
  if (!m_renamed && !m_cannotOpen) ::unlink(m_tempPath.c_str());  // never finished: nothing of it stays
}

void PngWriter::appendRows(const uint8_t* rgba, int rows) {
  const std::size_t row = static_cast<std::size_t>(m_width) * 4;
  for (int k = 0; k < rows && !m_error && m_written < m_height; ++k, ++m_written) {
    m_error = spng_encode_row(m_ctx, rgba + k * row, row);
    if (m_error == SPNG_EOI) m_error = 0;  // the last row: the file is finalised
  }
}

void PngWriter::appendFramebufferRows(unsigned fbo, int firstRow, int rows) {
  if (m_cannotOpen || m_error) return;
  const std::size_t row = static_cast<std::size_t>(m_width) * 4;
  m_buffer.resize(row * static_cast<std::size_t>(rows));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, firstRow, m_width, rows, GL_RGBA, GL_UNSIGNED_BYTE, m_buffer.data());
  appendRowsBottomUp(m_buffer.data(), rows);
}

void PngWriter::appendRowsBottomUp(const uint8_t* rgba, int rows) {
  if (m_cannotOpen || m_error) return;
  const std::size_t row = static_cast<std::size_t>(m_width) * 4;
  for (int k = rows - 1; k >= 0; --k) appendRows(rgba + k * row, 1);  // the top row is GL's last
}

data::Status PngWriter::finish() {
  if (m_cannotOpen) return data::Error{data::ErrorCode::Io, m_path + ": cannot write PNG (" + m_openError + ")"};
  if (!m_error && m_written != m_height) m_error = SPNG_EBUFSIZ;  // rows missing: an incomplete image
  spng_ctx_free(m_ctx);
  m_ctx = nullptr;
  const bool closed = std::fclose(m_file) == 0;
  m_file = nullptr;
  if (m_error || !closed)
    return data::Error{data::ErrorCode::Io, m_path + ": cannot write PNG (" + (m_error ? spng_strerror(m_error) : "write failed") + ")"};
  if (std::rename(m_tempPath.c_str(), m_path.c_str()) != 0)
    return data::Error{data::ErrorCode::Io, m_path + ": cannot write PNG (rename failed)"};
  m_renamed = true;
  return data::Status::success();
}

data::Status writePng(const std::string& path, int width, int height, const std::vector<uint8_t>& rgba) {
  PngWriter png(path, width, height);
  png.appendRows(rgba.data(), height);
  return png.finish();
}

data::Status writeFramebufferPng(const std::string& path, unsigned fbo, int width, int height) {
  // A few rows at a time, from the top: no second copy of the whole image (8 MB at 1080p).
  constexpr int kChunk = 64;
  PngWriter png(path, width, height);
  for (int top = height; top > 0; top -= kChunk) png.appendFramebufferRows(fbo, std::max(0, top - kChunk), std::min(kChunk, top));
  return png.finish();
}

}  // namespace pantau::render
