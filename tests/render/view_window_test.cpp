// ViewTransform::window: the view of a pixel window of a view (a band of a still, a wall's tile)
// puts every point where the whole view puts it, shifted by the window's corner.

#include <gtest/gtest.h>

#include "pantau/render/map_layer.hpp"

namespace {

using pantau::render::ViewTransform;

ViewTransform nationView() {
  return ViewTransform::fitInside(-2600, -1200, 2700, 700, 1920, 1080, 0.03, 0.03, 0.03, 0.03);
}

TEST(ViewWindow, APointLandsOnTheSamePixelShiftedByTheWindowsCorner) {
  const ViewTransform v = nationView();
  const struct { int x0, y0, w, h; } windows[] = {{0, 0, 1920, 270}, {0, 810, 1920, 270}, {640, 360, 640, 360}, {1913, 1071, 7, 9}};
  for (const auto& win : windows) {
    const ViewTransform w = v.window(win.x0, win.y0, win.w, win.h);
    EXPECT_EQ(w.width, win.w);
    EXPECT_EQ(w.height, win.h);
    EXPECT_EQ(w.kmPerPixel, v.kmPerPixel);
    for (double x = -2600; x <= 2700; x += 530)
      for (double y = -1200; y <= 700; y += 190) {
        double px, py, wx, wy;
        v.toPixel(x, y, px, py);
        w.toPixel(x, y, wx, wy);
        EXPECT_NEAR(wx, px - win.x0, 1e-6) << x << "," << y;
        EXPECT_NEAR(wy, py - win.y0, 1e-6) << x << "," << y;
      }
  }
}

TEST(ViewWindow, TheWholeViewIsItself) {
  const ViewTransform v = nationView(), w = v.window(0, 0, v.width, v.height);
  EXPECT_EQ(w.centerX, v.centerX);
  EXPECT_EQ(w.centerY, v.centerY);
  EXPECT_EQ(w.kmPerPixel, v.kmPerPixel);
}

}  // namespace
