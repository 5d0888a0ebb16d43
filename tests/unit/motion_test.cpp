// The moving map's arithmetic: the camera paths of --motion and where an image rendered for one
// view lands in another (the blits of a motion frame), as values.

#include <gtest/gtest.h>

#include "camera_motion.hpp"
#include "pantau/render/image_warp.hpp"

using namespace pantau;
using viewer::Camera;
using viewer::CameraMotion;
using viewer::MotionKind;

TEST(CameraMotion, PanGoesOutAndEndsWhereItBegan) {
  CameraMotion pan(MotionKind::Pan, 1920, 1080);
  EXPECT_DOUBLE_EQ(pan.at(0, 60).panX, 0);
  EXPECT_LT(pan.at(30, 60).panX, -200);  // half a screen's width per second at 60 fps
  EXPECT_DOUBLE_EQ(pan.at(59, 60).panX, 0);
  EXPECT_DOUBLE_EQ(pan.at(59, 60).panY, 0);
  EXPECT_DOUBLE_EQ(pan.at(30, 60).zoom, 1);
}

TEST(CameraMotion, ZoomGrowsTwoPercentAFrame) {
  CameraMotion zoom(MotionKind::Zoom, 1920, 1080);
  EXPECT_DOUBLE_EQ(zoom.at(0, 60).zoom, 1);
  EXPECT_NEAR(zoom.at(59, 60).zoom, 3.21, 0.01);
  EXPECT_DOUBLE_EQ(zoom.at(59, 60).panX, 0);
}

TEST(CameraMotion, FlightStartsAndEndsExactlyAndZoomsMonotonically) {
  const Camera to{6.5, -120, 80};
  CameraMotion fly(MotionKind::Fly, 1920, 1080, {}, to);
  const Camera a = fly.at(0, 40), b = fly.at(39, 40);
  EXPECT_DOUBLE_EQ(a.zoom, 1);
  EXPECT_DOUBLE_EQ(a.panX, 0);
  EXPECT_NEAR(b.zoom, to.zoom, 1e-9);
  EXPECT_NEAR(b.panX, to.panX, 1e-9);
  EXPECT_NEAR(b.panY, to.panY, 1e-9);
  for (int f = 1; f < 40; ++f) EXPECT_GE(fly.at(f, 40).zoom, fly.at(f - 1, 40).zoom);
}

TEST(CameraMotion, NamesParse) {
  EXPECT_EQ(viewer::parseMotionKind("pan"), MotionKind::Pan);
  EXPECT_EQ(viewer::parseMotionKind("fly"), MotionKind::Fly);
  EXPECT_FALSE(viewer::parseMotionKind("spin"));
}

namespace {
render::ViewTransform view(double cx, double cy, double kmPerPixel, int w = 200, int h = 100) {
  render::ViewTransform v;
  v.centerX = cx, v.centerY = cy, v.kmPerPixel = kmPerPixel, v.width = w, v.height = h;
  return v;
}
}  // namespace

TEST(ImageWarp, SameViewLandsOnItself) {
  const auto r = render::placeImage(view(10, 20, 2), view(10, 20, 2));
  EXPECT_DOUBLE_EQ(r.x0, 0);
  EXPECT_DOUBLE_EQ(r.y0, 0);
  EXPECT_DOUBLE_EQ(r.x1, 200);
  EXPECT_DOUBLE_EQ(r.y1, 100);
}

TEST(ImageWarp, PanMovesByWholePixelsAndZoomScalesAboutTheCentre) {
  // The camera moved 20 km east at 2 km a pixel: the old image sits 10 px to the left.
  const auto pan = render::placeImage(view(30, 20, 2), view(10, 20, 2));
  EXPECT_DOUBLE_EQ(pan.x0, -10);
  EXPECT_DOUBLE_EQ(pan.x1, 190);
  // Zoomed in 2x about the same centre: the old image is twice as large, centred.
  const auto zoom = render::placeImage(view(10, 20, 1), view(10, 20, 2));
  EXPECT_DOUBLE_EQ(zoom.x0, -100);
  EXPECT_DOUBLE_EQ(zoom.x1, 300);
  EXPECT_DOUBLE_EQ(zoom.y0, -50);
  EXPECT_DOUBLE_EQ(zoom.y1, 150);
}

TEST(ImageWarp, ContainsIsInclusive) {
  const render::PixelRect screen{0, 0, 200, 100};
  EXPECT_TRUE(
      render::placeImage(view(10, 20, 1), view(10, 20, 2)).contains(screen));  // zoomed in: covers
  EXPECT_FALSE(render::placeImage(view(10, 20, 4), view(10, 20, 2))
                   .contains(screen));  // zoomed out: edges show
  EXPECT_FALSE(render::placeImage(view(30, 20, 2), view(10, 20, 2))
                   .contains(screen));  // panned: an edge shows
}
