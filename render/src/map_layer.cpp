#include "pantau/render/map_layer.hpp"

#include <cstdio>
#include <vector>

#include "pantau/render/gl.hpp"
#include "pantau/render/colours.hpp"

namespace pantau::render {

ViewTransform ViewTransform::fitInside(double minX, double minY, double maxX, double maxY, int width, int height, double left,
                                       double top, double right, double bottom) {
  ViewTransform v;
  v.width = width;
  v.height = height;
  const double w = width * (1 - left - right), h = height * (1 - top - bottom);
  v.kmPerPixel = std::max((maxX - minX) / w, (maxY - minY) / h);
  if (v.kmPerPixel <= 0) v.kmPerPixel = 1;
  // The box's centre goes to the free area's centre, which may be off the viewport's centre.
  const double freeCx = width * (left + (1 - left - right) / 2), freeCy = height * (top + (1 - top - bottom) / 2);
  v.centerX = (minX + maxX) / 2 - (freeCx - width / 2.0) * v.kmPerPixel;
  v.centerY = (minY + maxY) / 2 + (freeCy - height / 2.0) * v.kmPerPixel;
  return v;
}

void ViewTransform::toPixel(double x, double y, double& px, double& py) const {
  px = width / 2.0 + (x - centerX) / kmPerPixel;
  py = height / 2.0 - (y - centerY) / kmPerPixel;
}

ViewTransform ViewTransform::window(int x0, int y0, int w, int h) const {
  ViewTransform v = *this;
  v.width = w;
  v.height = h;
  // The window's centre, in pixels from this view's centre; km y grows upward, pixel y downward.
  v.centerX = centerX + (x0 + w / 2.0 - width / 2.0) * kmPerPixel;
  v.centerY = centerY - (y0 + h / 2.0 - height / 2.0) * kmPerPixel;
  return v;
}

namespace {

void setView(unsigned program, const ViewTransform& v) {
  // km -> NDC: x' = (x - cx) / (kmPerPixel * w/2)
  const float sx = static_cast<float>(2.0 / (v.kmPerPixel * v.width)), sy = static_cast<float>(2.0 / (v.kmPerPixel * v.height));
  glUniform4f(glGetUniformLocation(program, "uView"), sx, sy, static_cast<float>(-v.centerX * sx), static_cast<float>(-v.centerY * sy));
}

}  // namespace

MapLayer::MapLayer(const data::LevelGeometry& g, data::RegionId indexBase, std::size_t tableSize,
                   std::shared_ptr<const MapPrograms> programs)
    : m_programs(std::move(programs)), m_tableSize(tableSize) {
  m_fillProgram = m_programs->fill;
  m_borderProgram = m_programs->border;
  m_compositeProgram = m_programs->composite;
  glGenVertexArrays(1, &m_emptyVao);  // the composite triangle comes from gl_VertexID
  // Fill: positions and a per-vertex region index (the triangle's).
  std::vector<uint32_t> index(g.triangleRegion.size() * 3);
  for (std::size_t t = 0; t < g.triangleRegion.size(); ++t) index[t * 3] = index[t * 3 + 1] = index[t * 3 + 2] = g.triangleRegion[t] - indexBase;
  m_vertexCount = static_cast<int>(index.size());
  glGenVertexArrays(1, &m_fillVao);
  glBindVertexArray(m_fillVao);
  glGenBuffers(1, &m_fillVbo);
  glBindBuffer(GL_ARRAY_BUFFER, m_fillVbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(g.triangles.size() * sizeof(float)), g.triangles.data(), GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glGenBuffers(1, &m_regionVbo);
  glBindBuffer(GL_ARRAY_BUFFER, m_regionVbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(index.size() * sizeof(uint32_t)), index.data(), GL_STATIC_DRAW);
  glEnableVertexAttribArray(1);
  glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, 0, nullptr);
  // Borders: one instance per segment (x0 y0 x1 y1), four strip vertices each.
  m_segmentCount = static_cast<int>(g.segmentRegion.size());
  glGenVertexArrays(1, &m_borderVao);
  glBindVertexArray(m_borderVao);
  glGenBuffers(1, &m_borderVbo);
  glBindBuffer(GL_ARRAY_BUFFER, m_borderVbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(g.segments.size() * sizeof(float)), g.segments.data(), GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 16, nullptr);
  glVertexAttribDivisor(0, 1);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 16, reinterpret_cast<void*>(8));
  glVertexAttribDivisor(1, 1);
  glBindVertexArray(0);
  // The colour table: one texel per region of the level.
  glGenTextures(1, &m_table);
  glBindTexture(GL_TEXTURE_2D, m_table);
  const int rows = static_cast<int>((tableSize + m_tableWidth - 1) / m_tableWidth);
  std::vector<uint32_t> zero(static_cast<std::size_t>(m_tableWidth) * std::max(rows, 1), kNoData);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, m_tableWidth, std::max(rows, 1), 0, GL_RGBA, GL_UNSIGNED_BYTE, zero.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  m_ok = m_fillProgram && m_borderProgram;
}

MapLayer::~MapLayer() {
  unsigned buffers[] = {m_fillVbo, m_regionVbo, m_borderVbo};
  glDeleteBuffers(3, buffers);
  unsigned vaos[] = {m_fillVao, m_borderVao, m_emptyVao};
  glDeleteVertexArrays(3, vaos);
  glDeleteTextures(1, &m_table);
}

void MapLayer::setColours(std::span<const uint32_t> rgba) {
  std::vector<uint32_t> padded(rgba.begin(), rgba.end());
  const int rows = static_cast<int>((m_tableSize + m_tableWidth - 1) / m_tableWidth);
  padded.resize(static_cast<std::size_t>(m_tableWidth) * std::max(rows, 1), kNoData);
  glBindTexture(GL_TEXTURE_2D, m_table);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, m_tableWidth, std::max(rows, 1), GL_RGBA, GL_UNSIGNED_BYTE, padded.data());
}

void MapLayer::drawIds(const ViewTransform& view) {
  glUseProgram(m_fillProgram);
  glUniform1i(glGetUniformLocation(m_fillProgram, "uIdMode"), 1);
  setView(m_fillProgram, view);
  glBindVertexArray(m_fillVao);
  glDrawArrays(GL_TRIANGLES, 0, m_vertexCount);
  glUniform1i(glGetUniformLocation(m_fillProgram, "uIdMode"), 0);
}

void MapLayer::composite(unsigned idTexture, unsigned borderTexture, uint32_t sea) {
  glUseProgram(m_compositeProgram);
  const unsigned textures[3] = {idTexture, borderTexture, m_table};
  const char* names[3] = {"uIds", "uBorders", "uColours"};
  for (int i = 0; i < 3; ++i) {
    glActiveTexture(GL_TEXTURE0 + i);
    glBindTexture(GL_TEXTURE_2D, textures[i]);
    glUniform1i(glGetUniformLocation(m_compositeProgram, names[i]), i);
  }
  glActiveTexture(GL_TEXTURE0);
  glUniform1i(glGetUniformLocation(m_compositeProgram, "uTableWidth"), m_tableWidth);
  glUniform4f(glGetUniformLocation(m_compositeProgram, "uNoData"), 0.78f, 0.78f, 0.76f, 1.f);
  const Rgb seaRgb = unpackRgba(sea);
  glUniform4f(glGetUniformLocation(m_compositeProgram, "uSea"), seaRgb.r, seaRgb.g, seaRgb.b, 1.f);
  glDisable(GL_BLEND);
  glBindVertexArray(m_emptyVao);
  glDrawArrays(GL_TRIANGLES, 0, 3);
}

void MapLayer::drawFill(const ViewTransform& view) {
  // Fills are opaque (alpha 1, the hatch too): blending would only read back what they cover,
  // which costs llvmpipe a quarter of a 4x MSAA raster. The borders turn it on again.
  glDisable(GL_BLEND);
  glUseProgram(m_fillProgram);
  glUniform1i(glGetUniformLocation(m_fillProgram, "uIdMode"), 0);
  setView(m_fillProgram, view);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, m_table);
  glUniform1i(glGetUniformLocation(m_fillProgram, "uColours"), 0);
  glUniform1i(glGetUniformLocation(m_fillProgram, "uTableWidth"), m_tableWidth);
  glUniform4f(glGetUniformLocation(m_fillProgram, "uNoData"), 0.78f, 0.78f, 0.76f, 1.f);
  glBindVertexArray(m_fillVao);
  glDrawArrays(GL_TRIANGLES, 0, m_vertexCount);
}

void MapLayer::drawOutline(const ViewTransform& view, uint32_t first, uint32_t count, float widthPx, uint32_t rgba) {
  const DrawRange range{first, count};
  drawBorders(view, widthPx, rgba, std::span<const DrawRange>(&range, 1));
}

void MapLayer::drawBorders(const ViewTransform& view, float widthPx, uint32_t rgba, std::span<const DrawRange> segments) {
  const int all = m_segmentCount;
  glBindBuffer(GL_ARRAY_BUFFER, m_borderVbo);
  for (const DrawRange& r : segments) {
    if (r.count == 0) continue;
    // GL 3.3 has no base instance: point the per-instance attributes at the run's first segment.
    glBindVertexArray(m_borderVao);
    const std::size_t offset = static_cast<std::size_t>(r.first) * 16;
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 16, reinterpret_cast<void*>(offset));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 16, reinterpret_cast<void*>(offset + 8));
    m_segmentCount = static_cast<int>(r.count);
    drawBorders(view, widthPx, rgba);
  }
  m_segmentCount = all;
  glBindVertexArray(m_borderVao);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 16, nullptr);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 16, reinterpret_cast<void*>(8));
}

void MapLayer::drawFill(const ViewTransform& view, std::span<const DrawRange> triangles) {
  std::vector<GLint> firsts;
  std::vector<GLsizei> counts;
  for (const DrawRange& r : triangles)
    if (r.count > 0) firsts.push_back(static_cast<GLint>(r.first * 3)), counts.push_back(static_cast<GLsizei>(r.count * 3));
  if (firsts.empty()) return;
  const int all = m_vertexCount;
  m_vertexCount = 0;  // drawFill's state without its draw
  drawFill(view);
  m_vertexCount = all;
  glMultiDrawArrays(GL_TRIANGLES, firsts.data(), counts.data(), static_cast<GLsizei>(firsts.size()));
}

void MapLayer::drawBorders(const ViewTransform& view, float widthPx, uint32_t rgba) {
  glEnable(GL_BLEND);  // antialiased and translucent, in the caller's blend function
  glUseProgram(m_borderProgram);
  setView(m_borderProgram, view);
  glUniform2f(glGetUniformLocation(m_borderProgram, "uViewport"), static_cast<float>(view.width), static_cast<float>(view.height));
  glUniform1f(glGetUniformLocation(m_borderProgram, "uWidth"), widthPx);
  const Rgb c = unpackRgba(rgba);
  glUniform4f(glGetUniformLocation(m_borderProgram, "uColour"), c.r, c.g, c.b, static_cast<float>(rgba >> 24) / 255.f);
  glBindVertexArray(m_borderVao);
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, m_segmentCount);
}

}  // namespace pantau::render
