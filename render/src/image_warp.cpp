#include "pantau/render/image_warp.hpp"

#include <cmath>
#include <cstring>

#include "pantau/render/gl.hpp"

namespace pantau::render {

namespace {
constexpr int kCopyRun = 16;  ///< runs shorter than this are gathered pixel by pixel
}  // namespace

ImageWarp::~ImageWarp() {
  glDeleteFramebuffers(1, &m_fbo);
  glDeleteTextures(1, &m_texture);
}

void ImageWarp::capture(int slot, unsigned fbo, const ViewTransform& view) {
  Image& im = m_images[slot];
  im.view = view;
  im.px.resize(static_cast<std::size_t>(view.width) * view.height);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glReadPixels(0, 0, view.width, view.height, GL_RGBA, GL_UNSIGNED_BYTE, im.px.data());
}

void ImageWarp::sourceIndex(std::vector<int>& out, int n, double at0, double perPixel,
                            int sourceSize) {
  out.resize(static_cast<std::size_t>(n));
  for (int d = 0; d < n; ++d) {
    const double s = std::floor((d + 0.5 - at0) * perPixel);
    out[static_cast<std::size_t>(d)] = s >= 0 && s < sourceSize ? static_cast<int>(s) : -1;
  }
}

void ImageWarp::draw(const ViewTransform& now, unsigned dstFbo, uint32_t sea) {
  const int w = now.width, h = now.height;
  if (w != m_width || h != m_height) {
    glDeleteFramebuffers(1, &m_fbo);
    glDeleteTextures(1, &m_texture);
    glGenTextures(1, &m_texture);
    glBindTexture(GL_TEXTURE_2D, m_texture);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glGenFramebuffers(1, &m_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_texture, 0);
    m_width = w, m_height = h;
    m_out.resize(static_cast<std::size_t>(w) * h);
  }
  // Image 0 in front unless image 1 is the finer one.
  int order[2] = {0, 1};
  if (has(1) && (!has(0) || m_images[1].view.kmPerPixel < m_images[0].view.kmPerPixel))
    order[0] = 1, order[1] = 0;
  const uint32_t* rows[2] = {};
  for (int k = 0; k < 2; ++k) {
    const Image& im = m_images[order[k]];
    m_cols[k].assign(static_cast<std::size_t>(w), -1);
    m_rows[k].assign(static_cast<std::size_t>(h), -1);
    if (im.px.empty()) continue;
    const PixelRect at = placeImage(now, im.view);
    const double perPixel =
        now.kmPerPixel / im.view.kmPerPixel;  // source pixels per destination pixel
    sourceIndex(m_cols[k], w, at.x0, perPixel, im.view.width);
    sourceIndex(m_rows[k], h, at.y0, perPixel, im.view.height);
  }
  for (int k = 0; k < 2; ++k) {  // from each column, how many follow on the same source row in order
    m_runs[k].assign(static_cast<std::size_t>(w), 1);
    const std::vector<int>& c = m_cols[k];
    for (int x = w - 2; x >= 0; --x)
      if (c[x] >= 0 && c[x + 1] == c[x] + 1) m_runs[k][x] = m_runs[k][x + 1] + 1;
  }
  for (int y = 0; y < h; ++y) {
    uint32_t* out = m_out.data() + static_cast<std::size_t>(y) * w;
    for (int k = 0; k < 2; ++k) {
      const int sy = m_rows[k][static_cast<std::size_t>(y)];
      rows[k] = sy < 0 ? nullptr
                       : m_images[order[k]].px.data() +
                             static_cast<std::size_t>(sy) * m_images[order[k]].view.width;
    }
    const int* front = m_cols[0].data();
    const int* back = m_cols[1].data();
    const int* frontRun = m_runs[0].data();
    const int* backRun = m_runs[1].data();
    for (int x = 0; x < w;) {  // a run of consecutive source pixels is one copy (all of a pan)
      if (rows[0] && front[x] >= 0) {
        if (frontRun[x] < kCopyRun) {  // a zoom: one pixel at a time
          out[x] = rows[0][front[x]];
          ++x;
          continue;
        }
        std::memcpy(out + x, rows[0] + front[x], static_cast<std::size_t>(frontRun[x]) * 4);
        x += frontRun[x];
      } else if (rows[1] && back[x] >= 0) {
        const int n = rows[0] ? 1 : backRun[x];  // the front may take over at the next column
        if (n < kCopyRun) {
          out[x] = rows[1][back[x]];
          ++x;
          continue;
        }
        std::memcpy(out + x, rows[1] + back[x], static_cast<std::size_t>(n) * 4);
        x += n;
      } else {
        out[x++] = sea;
      }
    }
  }
  glBindTexture(GL_TEXTURE_2D, m_texture);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, m_out.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, dstFbo);
  glBlitFramebuffer(0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, dstFbo);
}

}  // namespace pantau::render
