#include "camera_motion.hpp"

#include <algorithm>
#include <cmath>

namespace pantau::viewer {

std::optional<MotionKind> parseMotionKind(const std::string& name) {
  if (name == "pan") return MotionKind::Pan;
  if (name == "zoom") return MotionKind::Zoom;
  if (name == "fly") return MotionKind::Fly;
  return std::nullopt;
}

CameraMotion::CameraMotion(MotionKind kind, int width, int height, Camera from, Camera to)
    : m_kind(kind), m_width(width), m_height(height), m_from(from), m_to(to) {}

Camera CameraMotion::at(int frame, int frames) const {
  Camera c = m_from;
  switch (m_kind) {
    case MotionKind::Pan: {
      // Left for half the frames, back for the rest: a hand dragging the map and returning it
      // (the last frame is where the first was).
      const double step = m_width / 120.0;
      const int out = std::min(frame, frames - 1 - frame);
      c.panX -= step * out;
      c.panY -= step * out * 0.25 * m_height / m_width;
      return c;
    }
    case MotionKind::Zoom:
      c.zoom *= std::pow(1.02, frame);
      return c;
    case MotionKind::Fly: {
      if (frames <= 1) return m_to;
      // Ease in and out; the scale moves geometrically (each frame the same zoom factor), and the
      // centre in step with the scale, so the destination grows in place instead of sliding.
      const double t = static_cast<double>(frame) / (frames - 1);
      const double e = t * t * (3 - 2 * t);
      c.zoom = m_from.zoom * std::pow(m_to.zoom / m_from.zoom, e);
      const double k0 = 1 / m_from.zoom, k1 = 1 / m_to.zoom, k = 1 / c.zoom;
      const double s = std::abs(k1 - k0) > 1e-9 ? (k0 - k) / (k0 - k1) : e;
      c.panX = m_from.panX + (m_to.panX - m_from.panX) * s;
      c.panY = m_from.panY + (m_to.panY - m_from.panY) * s;
      return c;
    }
  }
  return c;
}

}  // namespace pantau::viewer
