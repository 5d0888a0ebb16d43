#include "pantau/render/image_warp.hpp"

#include <algorithm>
#include <cmath>

#include "pantau/render/gl.hpp"

namespace pantau::render {

PixelRect placeImage(const ViewTransform& now, const ViewTransform& then) {
  // A km point x is at now-pixel width/2 + (x - centre) / kmPerPixel (y likewise, upward in GL).
  const double s = then.kmPerPixel / now.kmPerPixel;
  const double cx = now.width / 2.0 + (then.centerX - now.centerX) / now.kmPerPixel;
  const double cy = now.height / 2.0 + (then.centerY - now.centerY) / now.kmPerPixel;
  return {cx - then.width / 2.0 * s, cy - then.height / 2.0 * s, cx + then.width / 2.0 * s,
          cy + then.height / 2.0 * s};
}

std::array<PixelRect, 4> uncovered(const ViewTransform& now, const PixelRect& c) {
  const double w = now.width, h = now.height;
  const double x0 = std::clamp(c.x0, 0.0, w), x1 = std::clamp(c.x1, 0.0, w),
               y0 = std::clamp(c.y0, 0.0, h), y1 = std::clamp(c.y1, 0.0, h);
  if (x1 <= x0 || y1 <= y0) return {PixelRect{0, 0, w, h}, {}, {}, {}};
  return {PixelRect{0, 0, w, y0}, PixelRect{0, y1, w, h}, PixelRect{0, y0, x0, y1},
          PixelRect{x1, y0, w, y1}};
}

void blitWarped(unsigned srcFbo, const ViewTransform& then, unsigned dstFbo,
                const ViewTransform& now, const PixelRect& clip, bool smooth) {
  const PixelRect at = placeImage(now, then);
  // Whole destination pixels inside both the image and the clip; the source rectangle is what
  // maps onto them exactly, so a blit at the same scale and a whole-pixel offset stays a copy.
  const int dx0 = static_cast<int>(std::lround(std::max({at.x0, clip.x0, 0.0})));
  const int dy0 = static_cast<int>(std::lround(std::max({at.y0, clip.y0, 0.0})));
  const int dx1 =
      static_cast<int>(std::lround(std::min({at.x1, clip.x1, static_cast<double>(now.width)})));
  const int dy1 =
      static_cast<int>(std::lround(std::min({at.y1, clip.y1, static_cast<double>(now.height)})));
  if (dx1 <= dx0 || dy1 <= dy0) return;
  const double perPixel = now.kmPerPixel / then.kmPerPixel;  // source pixels per destination pixel
  auto src = [&](double d, double origin) {
    return static_cast<int>(std::lround((d - origin) * perPixel));
  };
  glBindFramebuffer(GL_READ_FRAMEBUFFER, srcFbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, dstFbo);
  glBlitFramebuffer(src(dx0, at.x0), src(dy0, at.y0), src(dx1, at.x0), src(dy1, at.y0), dx0, dy0,
                    dx1, dy1, GL_COLOR_BUFFER_BIT, smooth ? GL_LINEAR : GL_NEAREST);
}

}  // namespace pantau::render
