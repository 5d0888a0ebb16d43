#pragma once
/// A framebuffer to render into without a window (headless screenshots, tests, figures), with
/// 4x multisampling resolved on read-back for antialiased edges.

#include <cstdint>
#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"

namespace pantau::render {

class OffscreenTarget {
 public:
  OffscreenTarget(int width, int height, int samples = 4);
  ~OffscreenTarget();
  OffscreenTarget(const OffscreenTarget&) = delete;
  OffscreenTarget& operator=(const OffscreenTarget&) = delete;

  bool ok() const { return m_ok; }
  int width() const { return m_width; }
  int height() const { return m_height; }
  void bind();  ///< draw into it (sets the viewport)
  /// Draw straight into the resolved (single-sampled) image, skipping the multisampled one.
  void bindResolved();
  /// The resolved image as a texture (valid after resolve() or drawing after bindResolved()).
  unsigned texture() const { return m_colour; }
  /// The framebuffer of the resolved image (to blit from).
  unsigned resolvedFramebuffer() const { return m_fbo; }
  /// Resolves the multisampled image into the single-sampled one (once per render).
  void resolve();
  /// Copies the resolved image into framebuffer `fbo` (0 = the window's) and binds that.
  void copyTo(unsigned fbo);
  /// Resolves and reads back as RGBA, top row first.
  std::vector<uint8_t> readRgba();

 private:
  int m_width, m_height;
  bool m_ok = false;
  unsigned m_msFbo = 0, m_msColour = 0, m_fbo = 0, m_colour = 0;
};

/// The bound read framebuffer's pixels (its colour buffer, e.g. a window's GL_BACK), top row first.
std::vector<uint8_t> readPixelsTopDown(int width, int height);

/// Writes RGBA pixels (top row first) as a PNG.
data::Status writePng(const std::string& path, int width, int height, const std::vector<uint8_t>& rgba);

}  // namespace pantau::render
