#pragma once
// The Dear ImGui context and its OpenGL 3 renderer, owned by the app that draws frames (the window
// or headless): the overlay and the window's panels draw inside its frames. The look is the
// broadcast's paper white, and the fonts (Inter, from Debian's fonts-inter) are rasterised at the
// frame's scale, never scaled afterwards.
//
// Threading: the GL thread, with the GL context current; one per process (ImGui's context is
// global).

#include "draw_helpers.hpp"

namespace pantau::viewer {

/// The overlay's scale for a frame: 1 at 1080p, 2 at 4K, never below legibility on small stills.
float overlayScale(int width, int height);

class UiContext {
 public:
  /// The context, its style and fonts at `scale` (1 at 1080p), and the GL3 renderer.
  explicit UiContext(float scale);
  ~UiContext();
  UiContext(const UiContext&) = delete;
  UiContext& operator=(const UiContext&) = delete;

  const Fonts& fonts() const { return m_fonts; }
  /// Starts a frame. `platformFrameStarted`: the window's GLFW backend has set the display size
  /// and time already (headless sets them here).
  void beginFrame(int width, int height, bool platformFrameStarted);
  /// Renders the frame's draw lists into the bound framebuffer.
  void endFrame();
  /// Renders only the frame's pixels (x, y) to (x + width, y + height) into the bound
  /// framebuffer of that window's size: the frame is laid out whole (beginFrame's size), so a
  /// wall's tiles take the same layout decisions and a label crossing a seam is whole on both.
  void endFrame(int x, int y, int width, int height);

 private:
  Fonts m_fonts;
};

}  // namespace pantau::viewer
