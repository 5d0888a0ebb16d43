// The warm-up draw (map_warm_up.hpp) changes nothing a later draw sees: the context's state is as
// it was, and a map drawn after it with the same programs has exactly the pixels of one drawn in
// a context that never warmed up.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "pantau/render/colours.hpp"
#include "pantau/render/gl.hpp"
#include "pantau/render/headless_gl.hpp"
#include "pantau/render/map_layer.hpp"
#include "pantau/render/map_warm_up.hpp"
#include "pantau/render/offscreen_target.hpp"

using namespace pantau::render;

namespace {

constexpr int kW = 40, kH = 30;

/// Two regions (a square cut into two triangles each) and their rings, drawn as a still's band.
std::vector<uint32_t> drawSmallMap(const std::shared_ptr<const MapPrograms>& programs) {
  pantau::data::LevelGeometry g;
  g.triangles = {-10, -8, 0,  -8, 0,  8, -10, -8, 0,  8, -10, 8,
                 0,   -8, 10, -8, 10, 8, 0,   -8, 10, 8, 0,   8};
  g.triangleRegion = {0, 0, 1, 1};
  g.segments = {-10, -8, 0, -8, 0,  -8, 0,  8,  0,  8, -10, 8, -10, 8,
                -10, -8, 0, -8, 10, -8, 10, -8, 10, 8, 10,  8, 0,   8};
  g.segmentRegion = {0, 0, 0, 0, 1, 1, 1};
  MapLayer layer(g, 0, 2, programs);
  const uint32_t colours[2] = {packRgba({0.8f, 0.2f, 0.1f}, 255),
                               0};  // the second: no data, hatched
  layer.setColours(colours);
  ViewTransform v;
  v.width = kW, v.height = kH, v.kmPerPixel = 0.6;
  auto band = OffscreenTarget::multisampledOnly(kW, kH);
  OffscreenTarget image(kW, kH, 0);
  band->bind();
  glClearColor(0.1f, 0.3f, 0.6f, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  const DrawRange triangles{0, 4}, segments{0, 7};
  layer.drawFill(v, std::span<const DrawRange>(&triangles, 1));
  layer.drawBorders(v, 1.5f, packRgba({1, 1, 1}, 170), std::span<const DrawRange>(&segments, 1));
  band->resolveRowsInto(image.resolvedFramebuffer(), kH, 0);
  std::vector<uint32_t> px(kW * kH);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, image.resolvedFramebuffer());
  glReadPixels(0, 0, kW, kH, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  return px;
}

}  // namespace

TEST(MapWarmUp, LeavesTheContextsStateAsFound) {
  auto gl = HeadlessGl::create();
  if (!gl) GTEST_SKIP() << gl.error().message;
  OffscreenTarget target(kW, kH, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, target.resolvedFramebuffer());
  glViewport(3, 4, 20, 10);
  glClearColor(0.25f, 0.5f, 0.75f, 1.f);
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE);
  warmUpMapDrawing(MapPrograms::link());
  GLint fbo = 0, viewport[4] = {}, src = 0, dst = 0, program = -1, vao = -1;
  GLfloat clear[4] = {};
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &fbo);
  glGetIntegerv(GL_VIEWPORT, viewport);
  glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
  glGetIntegerv(GL_BLEND_SRC_RGB, &src);
  glGetIntegerv(GL_BLEND_DST_RGB, &dst);
  glGetIntegerv(GL_CURRENT_PROGRAM, &program);
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao);
  EXPECT_EQ(static_cast<unsigned>(fbo), target.resolvedFramebuffer());
  EXPECT_EQ(std::vector<GLint>(viewport, viewport + 4), (std::vector<GLint>{3, 4, 20, 10}));
  EXPECT_EQ(std::vector<GLfloat>(clear, clear + 4),
            (std::vector<GLfloat>{0.25f, 0.5f, 0.75f, 1.f}));
  EXPECT_TRUE(glIsEnabled(GL_BLEND));
  EXPECT_EQ(src, GL_ONE);
  EXPECT_EQ(dst, GL_ONE);
  EXPECT_EQ(program, 0);
  EXPECT_EQ(vao, 0);
  EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

TEST(MapWarmUp, AMapDrawnAfterItHasTheSamePixels) {
  std::vector<uint32_t> cold, warm;
  {
    auto gl = HeadlessGl::create();
    if (!gl) GTEST_SKIP() << gl.error().message;
    cold = drawSmallMap(MapPrograms::link());
  }
  {
    auto gl = HeadlessGl::create();
    ASSERT_TRUE(gl);
    const auto programs = MapPrograms::link();
    warmUpMapDrawing(programs);
    warm = drawSmallMap(programs);
  }
  // The map drew something: the fill's red, the hatch and the sea all show.
  std::vector<uint32_t> distinct = cold;
  std::sort(distinct.begin(), distinct.end());
  EXPECT_GE(std::unique(distinct.begin(), distinct.end()) - distinct.begin(), 3);
  EXPECT_EQ(cold, warm);
}
