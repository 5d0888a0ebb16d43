#include "pantau/render/image_warp.hpp"

#include <algorithm>
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

ImageWarp::Covered ImageWarp::coveredRect(int image) const {
  // Where the front image's columns and rows are each consecutive source pixels (a pan).
  Covered c;
  if (m_images[image].px.empty()) return c;
  auto span = [](const std::vector<int>& v, int& a, int& b) {
    const int n = static_cast<int>(v.size());
    a = 0;
    while (a < n && v[static_cast<std::size_t>(a)] < 0) ++a;
    b = a;
    while (b + 1 < n && v[static_cast<std::size_t>(b) + 1] == v[static_cast<std::size_t>(b)] + 1) ++b;
    if (a < n) ++b;
    for (int k = b; k < n; ++k)
      if (v[static_cast<std::size_t>(k)] >= 0) return false;  // not one run: a zoom
    return b > a;
  };
  Covered r;
  if (!span(m_cols[0], r.x0, r.x1) || !span(m_rows[0], r.y0, r.y1)) return c;
  return r;
}

void ImageWarp::gatherRow(uint32_t* out, const uint32_t* const rows[2], int x, int end, uint32_t sea) const {
  const int* front = m_cols[0].data();
  const int* back = m_cols[1].data();
  const int* frontRun = m_runs[0].data();
  const int* backRun = m_runs[1].data();
  while (x < end) {  // a run of consecutive source pixels is one copy
    if (rows[0] && front[x] >= 0) {
      const int n = std::min(frontRun[x], end - x);
      if (n < kCopyRun) {  // a zoom: one pixel at a time
        out[x] = rows[0][front[x]];
        ++x;
        continue;
      }
      std::memcpy(out + x, rows[0] + front[x], static_cast<std::size_t>(n) * 4);
      x += n;
    } else if (rows[1] && back[x] >= 0) {
      const int n = rows[0] ? 1 : std::min(backRun[x], end - x);  // the front may take over next
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
  // A pan shows the front image at its own scale: the rectangle it covers is uploaded straight
  // from it (one copy a pixel instead of a gather and a copy); only the strips around are gathered.
  const Covered front = coveredRect(order[0]);
  for (int y = 0; y < h; ++y) {
    uint32_t* out = m_out.data() + static_cast<std::size_t>(y) * w;
    for (int k = 0; k < 2; ++k) {
      const int sy = m_rows[k][static_cast<std::size_t>(y)];
      rows[k] = sy < 0 ? nullptr
                       : m_images[order[k]].px.data() +
                             static_cast<std::size_t>(sy) * m_images[order[k]].view.width;
    }
    if (y >= front.y0 && y < front.y1) {
      gatherRow(out, rows, 0, front.x0, sea);
      gatherRow(out, rows, front.x1, w, sea);
    } else {
      gatherRow(out, rows, 0, w, sea);
    }
  }
  glBindTexture(GL_TEXTURE_2D, m_texture);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, w);
  auto upload = [&](int x, int y, int cw, int ch, const uint32_t* from) {
    if (cw > 0 && ch > 0) glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, cw, ch, GL_RGBA, GL_UNSIGNED_BYTE, from);
  };
  const std::size_t stride = static_cast<std::size_t>(w);
  if (front.x1 <= front.x0) {
    upload(0, 0, w, h, m_out.data());
  } else {
    upload(0, 0, w, front.y0, m_out.data());
    upload(0, front.y1, w, h - front.y1, m_out.data() + front.y1 * stride);
    upload(0, front.y0, front.x0, front.y1 - front.y0, m_out.data() + front.y0 * stride);
    upload(front.x1, front.y0, w - front.x1, front.y1 - front.y0, m_out.data() + front.y0 * stride + front.x1);
    const Image& im = m_images[order[0]];
    glPixelStorei(GL_UNPACK_ROW_LENGTH, im.view.width);
    upload(front.x0, front.y0, front.x1 - front.x0, front.y1 - front.y0,
           im.px.data() + static_cast<std::size_t>(m_rows[0][front.y0]) * im.view.width + m_cols[0][front.x0]);
  }
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, dstFbo);
  glBlitFramebuffer(0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, dstFbo);
}

}  // namespace pantau::render
