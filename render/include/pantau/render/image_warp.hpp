#pragma once
/// Moving a map without rasterising it: images rendered for earlier views are moved and scaled
/// onto the current view (a pan and a zoom are affine in the projected plane). On Mesa's
/// llvmpipe a scaled blit runs a sampling shader per pixel (20+ ms of CPU at 1080p); here the
/// images are read back once and each frame is a nearest-neighbour gather on the CPU (one load
/// and store a pixel from precomputed row and column tables), uploaded and copied: a few ms.
///
/// Threading: the GL thread only.

#include <array>
#include <cstdint>
#include <vector>

#include "pantau/render/map_layer.hpp"

namespace pantau::render {

/// A rectangle in a framebuffer's pixels, bottom-left origin, [x0, x1) x [y0, y1).
struct PixelRect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool contains(const PixelRect& r) const {
    return x0 <= r.x0 && y0 <= r.y0 && x1 >= r.x1 && y1 >= r.y1;
  }
};

/// Where the whole of an image rendered for `then` lands in the pixels of `now` (it may reach
/// past the edges). Inline (pure arithmetic), so GL-free code and tests can use it.
inline PixelRect placeImage(const ViewTransform& now, const ViewTransform& then) {
  // A km point x is at now-pixel width/2 + (x - centre) / kmPerPixel (y likewise, upward in GL).
  const double s = then.kmPerPixel / now.kmPerPixel;
  const double cx = now.width / 2.0 + (then.centerX - now.centerX) / now.kmPerPixel;
  const double cy = now.height / 2.0 + (then.centerY - now.centerY) / now.kmPerPixel;
  return {cx - then.width / 2.0 * s, cy - then.height / 2.0 * s, cx + then.width / 2.0 * s, cy + then.height / 2.0 * s};
}

class ImageWarp {
 public:
  ImageWarp() = default;
  ~ImageWarp();
  ImageWarp(const ImageWarp&) = delete;
  ImageWarp& operator=(const ImageWarp&) = delete;

  /// Reads back framebuffer `fbo`'s colour image, rendered for `view`, as image `slot` (0 or 1).
  void capture(int slot, unsigned fbo, const ViewTransform& view);
  bool has(int slot) const { return !m_images[slot].px.empty(); }
  const ViewTransform& view(int slot) const { return m_images[slot].view; }
  void forget(int slot) { m_images[slot].px = {}; }
  /// Draws into `dstFbo` as `now` shows it: the finer image (fewer km per pixel) wherever it
  /// reaches, the other where only it does, `seaRgba` elsewhere.
  void draw(const ViewTransform& now, unsigned dstFbo, uint32_t seaRgba);

 private:
  struct Image {
    std::vector<uint32_t> px;  ///< RGBA, bottom row first (as GL reads it)
    ViewTransform view;
  };
  /// For each destination column (or row), the source column (row) it shows, or -1.
  static void sourceIndex(std::vector<int>& out, int n, double at0, double perPixel,
                          int sourceSize);
  struct Covered {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  ///< destination pixels, empty when x1 <= x0
  };
  /// Where the front image (`image`, drawn first) maps one to one onto the frame, or empty.
  Covered coveredRect(int image) const;
  /// Destination pixels [x, end) of a row from the source rows (front, back; null: none there).
  void gatherRow(uint32_t* out, const uint32_t* const rows[2], int x, int end, uint32_t sea) const;
  std::array<Image, 2> m_images;
  std::vector<uint32_t> m_out;
  std::array<std::vector<int>, 2> m_cols, m_rows;
  std::array<std::vector<int>, 2> m_runs;  ///< consecutive source columns from each column
  unsigned m_texture = 0, m_fbo = 0;
  int m_width = 0, m_height = 0;
};

}  // namespace pantau::render
