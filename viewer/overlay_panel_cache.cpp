#include "overlay_panel_cache.hpp"

#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "pantau/render/gl.hpp"

namespace pantau::viewer {

namespace {

/// 64-bit words of a buffer mixed into `h` (the tail padded with zeros).
uint64_t mixBytes(uint64_t h, const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < bytes; i += 8) {
    uint64_t w = 0;
    std::memcpy(&w, p + i, std::min<std::size_t>(8, bytes - i));
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  return h;
}

/// One premultiplied pixel over another, as GL blends with (1, 1 - source alpha): two channels
/// at a time in 16-bit lanes, each d * (255 - a) / 255 rounded exactly as GL rounds it.
inline uint32_t over(uint32_t p, uint32_t d) {
  const uint32_t a = p >> 24;
  if (a == 0) return d;
  if (a == 255) return p;
  auto scale = [ia = 255 - a](uint32_t lanes) {  // lanes: 0x00XX00YY
    uint32_t x = lanes * ia + 0x00800080u;
    return ((x + ((x >> 8) & 0x00FF00FFu)) >> 8) & 0x00FF00FFu;
  };
  // Premultiplied, p's channels are at most a: each sum stays within 255.
  return p + (scale(d & 0x00FF00FFu) | scale((d >> 8) & 0x00FF00FFu) << 8);
}

}  // namespace

OverlayPanelCache::OverlayPanelCache() : m_list(ImGui::GetDrawListSharedData()) {}

OverlayPanelCache::~OverlayPanelCache() = default;

ImDrawList* OverlayPanelCache::begin(int width, int height) {
  m_list._ResetForNewFrame();
  m_list.PushTextureID(ImGui::GetIO().Fonts->TexID);
  m_list.PushClipRect(ImVec2(0, 0), ImVec2(static_cast<float>(width), static_cast<float>(height)));
  if (width != m_width || height != m_height) m_valid = false, m_width = width, m_height = height;
  return &m_list;
}

uint64_t OverlayPanelCache::listHash() const {
  uint64_t h =
      mixBytes(0x243F6A8885A308D3ull, m_list.VtxBuffer.Data, m_list.VtxBuffer.size_in_bytes());
  h = mixBytes(h, m_list.IdxBuffer.Data, m_list.IdxBuffer.size_in_bytes());
  for (const ImDrawCmd& c : m_list.CmdBuffer) {
    const uint64_t cmd[3] = {reinterpret_cast<uintptr_t>(c.TextureId), c.ElemCount,
                             (uint64_t{c.IdxOffset} << 32) | c.VtxOffset};
    h = mixBytes(h, &c.ClipRect, sizeof c.ClipRect);
    h = mixBytes(h, cmd, sizeof cmd);
  }
  return h;
}

void OverlayPanelCache::composite(ImDrawList* frame) {
  const uint64_t h = listHash();
  if (!m_valid || h != m_hash) render(), m_hash = h, m_valid = true;
  if (m_rects.empty()) return;
  // After the labels, where the panels were: llvmpipe's textured blending costs ~9 ns a pixel
  // (9 ms of CPU at 4K), the same blend on the CPU about one.
  frame->AddCallback([](const ImDrawList*, const ImDrawCmd* cmd) { static_cast<OverlayPanelCache*>(cmd->UserCallbackData)->blendIntoFrame(); },
                     this);
  frame->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void OverlayPanelCache::blendIntoFrame() {
  // The frame's pixels under each rectangle are read back, the panels laid over them, and the
  // result uploaded into the cache's texture (its image is kept on the CPU) and copied back.
  GLint frame = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &frame);
  glDisable(GL_SCISSOR_TEST);
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glBindTexture(GL_TEXTURE_2D, m_target->texture());
  for (const Rect& r : m_rects) {
    const int x = static_cast<int>(r.x0), w = static_cast<int>(r.x1) - x;
    const int y = m_height - static_cast<int>(r.y1), h = static_cast<int>(r.y1 - r.y0);  // GL rows run up
    m_scratch.resize(static_cast<std::size_t>(w) * h);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(frame));
    glReadPixels(x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, m_scratch.data());
    for (int row = 0; row < h; ++row) {
      const uint32_t* p = m_pixels.data() + static_cast<std::size_t>(y + row) * m_width + x;
      uint32_t* d = m_scratch.data() + static_cast<std::size_t>(row) * w;
      for (int k = 0; k < w; ++k) d[k] = over(p[k], d[k]);
    }
    glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, m_scratch.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_target->resolvedFramebuffer());
    glBlitFramebuffer(x, y, x + w, y + h, x, y, x + w, y + h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(frame));
}

void OverlayPanelCache::render() {
  GLint drawFbo = 0, readFbo = 0;  // the frame's (making a target binds its own)
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &drawFbo);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &readFbo);
  if (!m_target || m_target->width() != m_width || m_target->height() != m_height)
    m_target = std::make_unique<render::OffscreenTarget>(m_width, m_height, 0);
  m_target->bindResolved();
  glClearColor(0, 0, 0, 0);
  glClear(GL_COLOR_BUFFER_BIT);
  // ImGui's GL3 renderer blends colour with (alpha, 1 - alpha) and alpha with (1, 1 - alpha):
  // over transparent black that leaves premultiplied colour and the panels' coverage.
  ImDrawList* lists[] = {&m_list};
  ImDrawData data;
  data.Valid = true;
  data.CmdLists = lists;
  data.CmdListsCount = 1;
  data.TotalVtxCount = m_list.VtxBuffer.Size;
  data.TotalIdxCount = m_list.IdxBuffer.Size;
  data.DisplayPos = ImVec2(0, 0);
  data.DisplaySize = ImVec2(static_cast<float>(m_width), static_cast<float>(m_height));
  data.FramebufferScale = ImVec2(1, 1);
  ImGui_ImplOpenGL3_RenderDrawData(&data);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(drawFbo));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(readFbo));
  findRects();
  m_pixels.resize(static_cast<std::size_t>(m_width) * m_height);  // premultiplied, bottom row first
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_target->resolvedFramebuffer());
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, m_pixels.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(readFbo));
  ++m_renders;
}

void OverlayPanelCache::findRects() {
  // Every triangle's box, joined with any box it touches (text runs into lines, a panel's
  // glyphs into its background), then joined until no two overlap: each pixel is laid over
  // the frame once.
  m_rects.clear();
  constexpr float kNear = 6;  // boxes this close become one (fewer quads, little more area)
  auto touch = [](const Rect& a, const Rect& b) {
    return a.x0 <= b.x1 + kNear && b.x0 <= a.x1 + kNear && a.y0 <= b.y1 + kNear &&
           b.y0 <= a.y1 + kNear;
  };
  const ImDrawVert* v = m_list.VtxBuffer.Data;
  for (const ImDrawCmd& c : m_list.CmdBuffer) {
    for (unsigned i = 0; i + 2 < c.ElemCount; i += 3) {
      const ImDrawIdx* t = m_list.IdxBuffer.Data + c.IdxOffset + i;
      Rect r{1e9f, 1e9f, -1e9f, -1e9f};
      for (int k = 0; k < 3; ++k) {
        const ImVec2 p = v[c.VtxOffset + t[k]].pos;
        r = {std::min(r.x0, p.x), std::min(r.y0, p.y), std::max(r.x1, p.x), std::max(r.y1, p.y)};
      }
      r = {std::max(0.f, std::max(r.x0, c.ClipRect.x)), std::max(0.f, std::max(r.y0, c.ClipRect.y)),
           std::min(static_cast<float>(m_width), std::min(r.x1, c.ClipRect.z)),
           std::min(static_cast<float>(m_height), std::min(r.y1, c.ClipRect.w))};
      if (r.x1 <= r.x0 || r.y1 <= r.y0) continue;
      auto near =
          std::find_if(m_rects.begin(), m_rects.end(), [&](const Rect& o) { return touch(o, r); });
      if (near == m_rects.end())
        m_rects.push_back(r);
      else
        *near = {std::min(near->x0, r.x0), std::min(near->y0, r.y0), std::max(near->x1, r.x1),
                 std::max(near->y1, r.y1)};
    }
  }
  for (bool joined = true; joined;) {
    joined = false;
    for (std::size_t i = 0; i < m_rects.size(); ++i)
      for (std::size_t j = i + 1; j < m_rects.size();) {
        if (!touch(m_rects[i], m_rects[j])) {
          ++j;
          continue;
        }
        Rect& a = m_rects[i];
        const Rect& b = m_rects[j];
        a = {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1),
             std::max(a.y1, b.y1)};
        m_rects[j] = m_rects.back();
        m_rects.pop_back();
        joined = true;
      }
  }
  for (Rect& r : m_rects)  // whole pixels, so each lands on its own texel
    r = {std::floor(r.x0), std::floor(r.y0), std::min(static_cast<float>(m_width), std::ceil(r.x1)),
         std::min(static_cast<float>(m_height), std::ceil(r.y1))};
}

}  // namespace pantau::viewer
