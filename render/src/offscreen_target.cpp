#include "pantau/render/offscreen_target.hpp"

#include <memory>

#include "pantau/render/gl.hpp"

namespace pantau::render {

OffscreenTarget::OffscreenTarget(int width, int height, int samples) : m_width(width), m_height(height) {
  // The resolved image is a texture, so later passes can read it (the map's compositor).
  glGenFramebuffers(1, &m_fbo);
  glGenTextures(1, &m_colour);
  glBindTexture(GL_TEXTURE_2D, m_colour);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_colour, 0);
  m_ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  if (samples == 0) {  // single-sampled: drawn in place, with no second image to resolve from
    m_msFbo = m_fbo;   // (8 MB and a copy saved at 1080p: a still's frame, the id image)
    return;
  }
  attachMultisampled(samples);
}

OffscreenTarget::OffscreenTarget(int width, int height, int samples, NoResolvedImage) : m_width(width), m_height(height) {
  m_ok = true;
  attachMultisampled(samples);
}

std::unique_ptr<OffscreenTarget> OffscreenTarget::multisampledOnly(int width, int height, int samples) {
  return std::unique_ptr<OffscreenTarget>(new OffscreenTarget(width, height, samples, NoResolvedImage{}));
}

void OffscreenTarget::attachMultisampled(int samples) {
  glGenFramebuffers(1, &m_msFbo);
  glGenRenderbuffers(1, &m_msColour);
  glBindRenderbuffer(GL_RENDERBUFFER, m_msColour);
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, m_width, m_height);
  glBindFramebuffer(GL_FRAMEBUFFER, m_msFbo);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, m_msColour);
  m_ok = m_ok && glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
}

OffscreenTarget::~OffscreenTarget() {
  if (m_msFbo != m_fbo) {  // multisampled
    glDeleteFramebuffers(1, &m_msFbo);
    glDeleteRenderbuffers(1, &m_msColour);
  }
  if (m_fbo) glDeleteFramebuffers(1, &m_fbo);
  if (m_colour) glDeleteTextures(1, &m_colour);
}

void OffscreenTarget::bind() {
  glBindFramebuffer(GL_FRAMEBUFFER, m_msFbo);
  glViewport(0, 0, m_width, m_height);
}

void OffscreenTarget::bindResolved() {
  glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
  glViewport(0, 0, m_width, m_height);
}

void OffscreenTarget::resolve() {
  if (m_msFbo == m_fbo || !m_fbo) return;  // single-sampled: bind() drew into the image itself
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_msFbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_fbo);
  glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

void OffscreenTarget::resolveRowsInto(unsigned fbo, int rows, int toRow) {
  // A multisampled blit needs equal rectangles, not equal positions.
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_msFbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
  glBlitFramebuffer(0, 0, m_width, rows, 0, toRow, m_width, toRow + rows, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

void OffscreenTarget::copyTo(unsigned fbo) {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
  glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo);
}

std::vector<uint8_t> OffscreenTarget::readRgba() {
  resolve();
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
  return readPixelsTopDown(m_width, m_height);
}

std::vector<uint8_t> readPixelsTopDown(int width, int height) {
  std::vector<uint8_t> px(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  // GL's rows start at the bottom; images start at the top.
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<uint8_t> tmp(row);
  for (int y = 0; y < height / 2; ++y) {
    uint8_t* a = px.data() + y * row;
    uint8_t* b = px.data() + (height - 1 - y) * row;
    std::copy(a, a + row, tmp.begin());
    std::copy(b, b + row, a);
    std::copy(tmp.begin(), tmp.end(), b);
  }
  return px;
}

}  // namespace pantau::render
