#include "pantau/render/map_warm_up.hpp"

#include <array>
#include <cstdint>

#include "pantau/render/colours.hpp"
#include "pantau/render/gl.hpp"
#include "pantau/render/map_layer.hpp"
#include "pantau/render/offscreen_target.hpp"

namespace pantau::render {

namespace {

/// The state warmUpMapDrawing changes, put back when it ends.
class SavedState {
 public:
  SavedState() {
    glGetIntegerv(GL_VIEWPORT, m_viewport.data());
    glGetFloatv(GL_COLOR_CLEAR_VALUE, m_clear.data());
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &m_draw);
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &m_read);
    glGetIntegerv(GL_BLEND_SRC_RGB, &m_blend[0]);
    glGetIntegerv(GL_BLEND_DST_RGB, &m_blend[1]);
    glGetIntegerv(GL_BLEND_SRC_ALPHA, &m_blend[2]);
    glGetIntegerv(GL_BLEND_DST_ALPHA, &m_blend[3]);
    m_blending = glIsEnabled(GL_BLEND);
    glGetIntegerv(GL_PACK_ALIGNMENT, &m_pack);
    glGetIntegerv(GL_CURRENT_PROGRAM, &m_program);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &m_vao);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &m_buffer);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &m_texture);
  }
  ~SavedState() {
    glViewport(m_viewport[0], m_viewport[1], m_viewport[2], m_viewport[3]);
    glClearColor(m_clear[0], m_clear[1], m_clear[2], m_clear[3]);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(m_draw));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(m_read));
    glBlendFuncSeparate(static_cast<GLenum>(m_blend[0]), static_cast<GLenum>(m_blend[1]),
                        static_cast<GLenum>(m_blend[2]), static_cast<GLenum>(m_blend[3]));
    (m_blending ? glEnable : glDisable)(GL_BLEND);
    glPixelStorei(GL_PACK_ALIGNMENT, m_pack);
    glUseProgram(static_cast<GLuint>(m_program));
    glBindVertexArray(static_cast<GLuint>(m_vao));
    glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(m_buffer));
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(m_texture));
  }
  SavedState(const SavedState&) = delete;
  SavedState& operator=(const SavedState&) = delete;

 private:
  std::array<GLint, 4> m_viewport{}, m_blend{};
  std::array<GLfloat, 4> m_clear{};
  GLint m_draw = 0, m_read = 0, m_pack = 4, m_program = 0, m_vao = 0, m_buffer = 0, m_texture = 0;
  GLboolean m_blending = GL_FALSE;
};

}  // namespace

void warmUpMapDrawing(const std::shared_ptr<const MapPrograms>& programs) {
  // Sizes that are not powers of two, as a still's bands are not (1920 x 144 at 1080p): llvmpipe
  // compiles a texture's sampling (the resolve's, the read-back's) for either kind separately.
  constexpr int kWidth = 24, kHeight = 12;
  const SavedState saved;
  data::LevelGeometry g;  // one region: a triangle and one of its edges, in km around the origin
  g.triangles = {-4, -4, 4, -4, 0, 4};
  g.triangleRegion = {0};
  g.segments = {-4, -4, 4, -4};
  g.segmentRegion = {0};
  {
    MapLayer layer(g, 0, 1, programs);
    const uint32_t colour = packRgba({0.5f, 0.5f, 0.5f}, 255);
    layer.setColours(std::span<const uint32_t>(&colour, 1));
    ViewTransform v;
    v.width = kWidth;
    v.height = kHeight;
    const DrawRange all{0, 1};
    // The states of MapScene::forEachBand and drawStill, in their order (each its own variant).
    auto band = OffscreenTarget::multisampledOnly(kWidth, kHeight);
    OffscreenTarget image(kWidth, kHeight, 0);
    band->bind();
    glClearColor(0.8f, 0.85f, 0.9f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    layer.drawFill(v, std::span<const DrawRange>(&all, 1));
    layer.drawBorders(v, 1.f, packRgba({1, 1, 1}, 170), std::span<const DrawRange>(&all, 1));
    band->resolveRowsInto(image.resolvedFramebuffer(), kHeight, 0);
    image.bindResolved();
    layer.drawOutline(v, 0, 1, 3.f, packRgba({0.1f, 0.1f, 0.14f}, 255));
    std::array<uint8_t, kWidth * kHeight * 4> rows{};
    glBindFramebuffer(GL_READ_FRAMEBUFFER, image.resolvedFramebuffer());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, kWidth, kHeight, GL_RGBA, GL_UNSIGNED_BYTE, rows.data());
  }
  glFinish();
}

}  // namespace pantau::render
