#pragma once
// A camera moving over the map, frame by frame: a drag, a zoom, or a flight from one view to
// another. Pure values (no GL), so the headless benchmark, the window and the on-air mode move
// alike and tests check the path itself.

#include <optional>
#include <string>

namespace pantau::viewer {

/// MapScene's camera: zoom over the fitted view (1 = fitted) and pan in pixels of the fitted view.
struct Camera {
  double zoom = 1, panX = 0, panY = 0;
};

enum class MotionKind { Pan, Zoom, Fly };

/// "pan", "zoom" or "fly"; nullopt for anything else.
std::optional<MotionKind> parseMotionKind(const std::string& name);

class CameraMotion {
 public:
  /// Pan: a drag to the left and back at a screen width per two seconds (60 fps), ending where
  /// it began; zoom: in by 2% a frame toward the centre; fly: from `from` to `to`, eased
  /// (MapScene::cameraFor gives `to`).
  CameraMotion(MotionKind kind, int width, int height, Camera from = {}, Camera to = {});
  /// The camera at `frame` of `frames` (0-based; the last frame is the motion's end).
  Camera at(int frame, int frames) const;

 private:
  MotionKind m_kind;
  int m_width, m_height;
  Camera m_from, m_to;
};

}  // namespace pantau::viewer
