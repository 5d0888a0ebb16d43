#pragma once
/// Moving a map without rasterising it: an image rendered for one view is blitted onto another
/// (moved and scaled: a pan and a zoom are affine in the projected plane). On Mesa's llvmpipe a
/// blit that only moves the image is a memory copy (well under a millisecond at 1080p) and one
/// that scales costs a few milliseconds, where rasterising the map costs 100 ms or more.
///
/// Threading: the GL thread only.

#include <array>

#include "pantau/render/map_layer.hpp"

namespace pantau::render {

/// A rectangle in a framebuffer's pixels, bottom-left origin, [x0, x1) x [y0, y1).
struct PixelRect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

/// Where the whole of an image rendered for `then` lands in the pixels of `now` (it may reach
/// past the edges).
PixelRect placeImage(const ViewTransform& now, const ViewTransform& then);

/// The parts of `now`'s frame outside `covered`: up to four strips (below, above, left, right).
std::array<PixelRect, 4> uncovered(const ViewTransform& now, const PixelRect& covered);

/// Blits the framebuffer `srcFbo` (its colour image, rendered for `then`) into `dstFbo` as `now`
/// shows it, only inside `clip` (pixels of `now`). Nearest sampling (a motion frame, not a
/// still), or bilinear with `smooth` (dearer: for a coarse image blown up at the edges).
void blitWarped(unsigned srcFbo, const ViewTransform& then, unsigned dstFbo,
                const ViewTransform& now, const PixelRect& clip, bool smooth = false);

}  // namespace pantau::render
