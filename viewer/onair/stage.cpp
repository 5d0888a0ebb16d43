#include "stage.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "air_frame.hpp"
#include "camera_motion.hpp"
#include "pantau/render/gl.hpp"

namespace pantau::viewer::onair {

using namespace pantau::data;

namespace {

unsigned boundFramebuffer() {
  GLint fbo = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &fbo);
  return static_cast<unsigned>(fbo);
}

/// Default lengths, in frames at 25 fps: a half-second mix, a one-second camera move.
int defaultFrames(Transition t) {
  return t == Transition::Mix ? 12 : t == Transition::Fly ? 25 : 0;
}

}  // namespace

Stage::Stage(Show& show, const StageOptions& o) : m_show(show), m_options(o) {
  m_ui =
      std::make_unique<UiContext>(overlayScale(o.width, o.height));  // one unit at 1080p, two at 4K
  m_target = std::make_unique<render::OffscreenTarget>(o.width, o.height, 0);
  m_target->bindResolved();
  m_targetFbo = boundFramebuffer();
  m_previous = std::make_unique<render::OffscreenTarget>(o.width, o.height, 0);
  m_previous->bindResolved();
  m_previousFbo = boundFramebuffer();
}

void Stage::take(const RundownItem& item, bool breaking, int64_t frame) {
  if (m_prerolled) {  // the first take: the map and the view are set up already
    m_prerolled = false;
    if (item.region == m_item.region && item.layer == m_item.layer && item.map == m_item.map &&
        item.seats == m_item.seats) {
      m_item = item;
      m_breaking = breaking;
      m_dirty = true;
      return;
    }
  }
  if (m_rendered && item.transition != Transition::Cut) {
    // The outgoing frame, kept to mix from.
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_targetFbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_previousFbo);
    glBlitFramebuffer(0, 0, m_options.width, m_options.height, 0, 0, m_options.width,
                      m_options.height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  }
  // A fly leaves from the map on air now: its view, before the new item replaces it.
  const bool fromMap = m_rendered && !tiles() && m_show.scene().mode() == MapScene::Mode::Map;
  const data::RegionId from = m_show.scene().view();
  if (m_flying) m_show.scene().settle(), m_flying = false;  // a take cuts a running flight short
  m_item = item;
  m_breaking = breaking;
  m_prepared = {};  // taken, or of no use now: the next item is prepared afresh
  m_transition = m_rendered ? item.transition : Transition::Cut;
  m_transitionFrames =
      item.transitionFrames > 0 ? item.transitionFrames : defaultFrames(m_transition);
  m_transitionStart = frame;
  m_dirty = true;
  m_show.goTo(item.region);  // false when it is the view already: nothing to do
  m_show.setLayer(item.layerChoice);
  m_show.setSeatView(item.seats);
  m_show.setCamera({});
  if (m_transition == Transition::Fly && fromMap) beginFlight(from);
}

void Stage::preroll(const RundownItem& first) {
  take(first, false, 0);
  render(0);
  glFinish();  // the CPU renderer's work done now, not at the first read-back
  m_rendered = false;
  m_dirty = true;
  m_prerolled = true;
}

void Stage::beginFlight(data::RegionId from) {
  // The new view first, then its camera starts where the old view's box filled the frame and
  // eases to the new one. MapScene::beginFlight rasterises the destination in full now (the
  // cut's one slow frame); every frame between gathers from that image and the old view's, and
  // the landing is that image: the last frame is the still, and no frame re-rasterises.
  MapScene& scene = m_show.scene();
  Camera start;
  if (tiles() || scene.mode() != MapScene::Mode::Map || from == scene.view() ||
      !scene.cameraFor(from, m_options.width, m_options.height, start.zoom, start.panX, start.panY))
    return;  // nothing to fly from: the camera comes in from further out instead
  scene.beginFlight(1, 0, 0, m_options.width, m_options.height);
  m_flightFrom = start;
  m_flying = true;
}

Stage::Prepared Stage::preparedKey(const RundownItem& item) const {
  return {item.region, item.layer, m_show.snapshot() ? m_show.snapshot()->version() : 0};
}

void Stage::prepare(const RundownItem& next) {
  if (m_options.tiles || next.map == MapKind::Tiles || preparedFor(next)) return;
  if (!tiles() && next.region == m_item.region && next.layer == m_item.layer)
    return;  // the map on air already
  const unsigned bound = boundFramebuffer();
  if (m_show.prepare(next.region, next.layerChoice, m_options.width, m_options.height))
    m_prepared = preparedKey(next);
  glBindFramebuffer(GL_FRAMEBUFFER, bound);
}

bool Stage::preparedFor(const RundownItem& item) const {
  return m_prepared.region != data::kNoRegion && m_prepared == preparedKey(item);
}

bool Stage::takeLatest(std::shared_ptr<const WhatMoved> moved) {
  m_moved = std::move(moved);
  const bool fresh = m_show.takeLatest(0);
  m_dirty |= fresh;
  return fresh;
}

bool Stage::changedAt(int64_t frame) const {
  return m_dirty || !m_rendered ||
         (m_transition != Transition::Cut && frame - m_transitionStart <= m_transitionFrames);
}

void Stage::render(int64_t frame) {
  const int w = m_options.width, h = m_options.height;
  const float progress = m_transitionFrames > 0
                             ? std::clamp(static_cast<float>(frame - m_transitionStart) /
                                              static_cast<float>(m_transitionFrames),
                                          0.f, 1.f)
                             : 1.f;
  const bool moving = progress < 1.f && m_transition != Transition::Cut;
  m_target->bindResolved();
  // ImGui's last frame may leave its scissor on, and a scissored blit or clear keeps old pixels.
  glDisable(GL_SCISSOR_TEST);
  if (tiles()) {
    clearToPaper();
  } else {
    if (m_flying && moving) {
      m_show.setCamera(
          CameraMotion(MotionKind::Fly, w, h, m_flightFrom, {})
              .at(static_cast<int>(frame - m_transitionStart), m_transitionFrames + 1));
    } else if (m_flying) {  // landed: the destination's image is the still
      m_show.scene().settle();
      m_flying = false;
      m_show.setCamera({});
    } else if (m_transition == Transition::Fly && moving) {
      // From a tile view: the camera comes in from further out to the new view, easing to a stop.
      const double ease = 1 - std::pow(1 - progress, 3.0);
      m_show.setCamera({0.45 + 0.55 * ease, 0, 0});
    } else {
      m_show.setCamera({});
    }
    m_show.drawMap(w, h);
    m_target->bindResolved();
  }
  if (m_options.alpha) keyOutBackground();
  const Snapshot* snapshot = m_show.snapshot();
  if (!snapshot) return;
  ThemeFrame f;
  f.item = &m_item;
  f.snapshot = snapshot;
  f.moved = m_moved.get();
  f.text = m_options.text;
  f.breaking = m_breaking;
  f.simulated = m_options.simulated;
  f.safeArea = m_options.safeArea;
  f.tiles = tiles();
  f.width = w, f.height = h;
  const unsigned previous = m_previous->texture();
  m_ui->beginFrame(w, h, false);
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const Fonts& fonts = m_ui->fonts();
  if (moving && !m_flying)  // the outgoing frame fades out over the incoming map
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(previous)), ImVec2(0, 0),
                 ImVec2(static_cast<float>(w), static_cast<float>(h)), ImVec2(0, 1), ImVec2(1, 0),
                 IM_COL32(255, 255, 255, static_cast<int>(255 * (1 - progress))));
  drawAirGraphics(dl, fonts, m_show, f, m_children);
  m_ui->endFrame();
  m_rendered = true;
  m_dirty = false;
}

void Stage::keyOutBackground() {
  // The map's sea and the paper of the tile views are the only pixels of exactly these colours;
  // a pass over the frame on the CPU (a few ms at 1080p) makes them transparent.
  const int w = m_options.width, h = m_options.height;
  std::vector<uint8_t> px(static_cast<std::size_t>(w) * h * 4);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_targetFbo);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  auto near = [](const uint8_t* p, int r, int g, int b) {
    return std::abs(p[0] - r) <= 1 && std::abs(p[1] - g) <= 1 && std::abs(p[2] - b) <= 1;
  };
  for (std::size_t i = 0; i < px.size(); i += 4) {
    uint8_t* p = px.data() + i;
    if (near(p, 219, 230, 237) || near(p, 246, 246, 244)) p[0] = p[1] = p[2] = p[3] = 0;
  }
  glBindTexture(GL_TEXTURE_2D, m_target->texture());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  m_target->bindResolved();
}

std::vector<uint8_t> Stage::read() {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_targetFbo);
  std::vector<uint8_t> px = render::readPixelsTopDown(m_options.width, m_options.height);
  if (m_options
          .alpha)  // blending over transparency leaves colour premultiplied; PNG wants it straight
    for (std::size_t i = 0; i < px.size(); i += 4)
      if (const int a = px[i + 3]; a > 0 && a < 255)
        for (int c = 0; c < 3; ++c)
          px[i + c] = static_cast<uint8_t>(std::min(255, px[i + c] * 255 / a));
  return px;
}

}  // namespace pantau::viewer::onair
