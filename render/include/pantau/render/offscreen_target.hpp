#pragma once
/// A framebuffer to render into without a window (headless screenshots, tests, figures), with
/// 4x multisampling resolved on read-back for antialiased edges.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/render/png_writer.hpp"  // writePng, for the callers that read a target back

namespace pantau::render {

class OffscreenTarget {
 public:
  OffscreenTarget(int width, int height, int samples = 4);
  /// A multisampled image with no resolved image of its own: drawn in turn for each band of a
  /// larger image and resolved into that image's rows (resolveRowsInto).
  static std::unique_ptr<OffscreenTarget> multisampledOnly(int width, int height, int samples = 4);
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
  /// Resolves rows [0, rows) of the multisampled image (GL's rows, from the bottom) into rows
  /// [toRow, toRow + rows) of the single-sampled framebuffer `fbo`, at the same columns.
  void resolveRowsInto(unsigned fbo, int rows, int toRow);
  /// Copies the resolved image into framebuffer `fbo` (0 = the window's) and binds that.
  void copyTo(unsigned fbo);
  /// Resolves and reads back as RGBA, top row first.
  std::vector<uint8_t> readRgba();

 private:
  struct NoResolvedImage {};
  OffscreenTarget(int width, int height, int samples, NoResolvedImage);
  void attachMultisampled(int samples);
  int m_width, m_height;
  bool m_ok = false;
  unsigned m_msFbo = 0, m_msColour = 0, m_fbo = 0, m_colour = 0;
};

/// The bound read framebuffer's pixels (its colour buffer, e.g. a window's GL_BACK), top row first.
std::vector<uint8_t> readPixelsTopDown(int width, int height);

}  // namespace pantau::render
