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

/// The cached image is premultiplied (rendered over transparent black): lay it over the frame
/// with (1, 1 - alpha), which gives the pixels the panels would have drawn themselves.
void premultipliedBlend(const ImDrawList*, const ImDrawCmd*) {
  glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
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
  const ImTextureID texture =
      reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(m_target->texture()));
  const float w = static_cast<float>(m_width), hgt = static_cast<float>(m_height);
  frame->AddCallback(premultipliedBlend, nullptr);
  for (const Rect& r : m_rects)  // the texture's rows run bottom-up
    frame->AddImage(texture, ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1),
                    ImVec2(r.x0 / w, 1 - r.y0 / hgt), ImVec2(r.x1 / w, 1 - r.y1 / hgt));
  frame->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
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
