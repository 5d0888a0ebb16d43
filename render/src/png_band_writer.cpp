#include "pantau/render/png_band_writer.hpp"

#include "pantau/render/gl.hpp"

namespace pantau::render {

PngBandWriter::PngBandWriter(const std::string& path, int width, int height)
    : m_png(path, width, height), m_width(width), m_worker([this] { encodeQueued(); }) {}

PngBandWriter::~PngBandWriter() {
  close();
}

void PngBandWriter::appendFramebufferRows(unsigned fbo, int firstRow, int rows) {
  Band band;
  band.rows = rows;
  {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_spare.empty() || m_buffers < kBands; });
    if (!m_spare.empty()) {
      band.rgba = std::move(m_spare.back());
      m_spare.pop_back();
    } else {
      ++m_buffers;
    }
  }
  band.rgba.resize(static_cast<std::size_t>(m_width) * 4 * static_cast<std::size_t>(rows));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, firstRow, m_width, rows, GL_RGBA, GL_UNSIGNED_BYTE, band.rgba.data());
  {
    const std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(band));
  }
  m_changed.notify_all();
}

void PngBandWriter::encodeQueued() {
  for (;;) {
    Band band;
    {
      std::unique_lock lock(m_mutex);
      m_changed.wait(lock, [&] { return !m_queue.empty() || m_closing; });
      if (m_queue.empty()) return;  // closing, and every band encoded
      band = std::move(m_queue.front());
      m_queue.pop_front();
    }
    m_png.appendRowsBottomUp(band.rgba.data(), band.rows);
    {
      const std::lock_guard lock(m_mutex);
      m_spare.push_back(std::move(band.rgba));
    }
    m_changed.notify_all();
  }
}

void PngBandWriter::close() {
  if (!m_worker.joinable()) return;
  {
    const std::lock_guard lock(m_mutex);
    m_closing = true;
  }
  m_changed.notify_all();
  m_worker.join();
}

data::Status PngBandWriter::finish() {
  close();
  return m_png.finish();
}

}  // namespace pantau::render
