#pragma once
/// One level's regions on the GPU: triangles uploaded once, each carrying its region's index into
/// a colour table; borders as screen-space quads. A new snapshot changes only the table (a few KB).
///
/// Threading: the GL thread only.

#include <cstdint>
#include <memory>
#include <span>

#include "pantau/data/geo/geo.hpp"
#include "pantau/render/map_programs.hpp"

namespace pantau::render {

/// Projected km to normalised device coordinates, for a viewport in pixels.
struct ViewTransform {
  double centerX = 0, centerY = 0;  ///< km at the viewport's centre
  double kmPerPixel = 1;
  int width = 1, height = 1;
  /// Fits a box into the part of the viewport left free by panels: insets are fractions of the
  /// width (left, right) and height (top, bottom).
  static ViewTransform fitInside(double minX, double minY, double maxX, double maxY, int width, int height, double left,
                                 double top, double right, double bottom);
  void toPixel(double x, double y, double& px, double& py) const;  ///< top-left origin
  /// The view of this view's pixel window [x0, x0 + w) x [y0, y0 + h) (top-left origin) as a
  /// view of its own, w x h pixels at the same scale: the projection is linear, so drawing it
  /// gives that window's pixels (a band of a still, a tile of a wall's canvas).
  ViewTransform window(int x0, int y0, int w, int h) const;
};

/// A run of consecutive triangles or border segments, [first, first + count).
struct DrawRange {
  uint32_t first = 0, count = 0;
};

class MapLayer {
 public:
  /// `indexBase`: the RegionId of table entry 0 (the level's first id); `tableSize`: entries;
  /// `programs`: the context's, shared with its other layers (their pipelines compiled once).
  MapLayer(const data::LevelGeometry& geometry, data::RegionId indexBase, std::size_t tableSize,
           std::shared_ptr<const MapPrograms> programs = MapPrograms::link());
  ~MapLayer();
  MapLayer(const MapLayer&) = delete;
  MapLayer& operator=(const MapLayer&) = delete;

  bool ok() const { return m_ok; }
  /// One packed RGBA colour per table entry (kNoData = hatch).
  void setColours(std::span<const uint32_t> rgba);
  /// Opaque: leaves GL_BLEND off. drawBorders turns it on (in the blend function set by the caller).
  void drawFill(const ViewTransform& view);
  /// The fill writing each pixel's region index + 1 (RGB8) instead of its colour: the id image.
  void drawIds(const ViewTransform& view);
  /// Full-screen pass into the bound framebuffer: the id image's regions in this layer's colours,
  /// the sea where there is none, the (premultiplied) border image on top.
  void composite(unsigned idTexture, unsigned borderTexture, uint32_t seaRgba);
  void drawBorders(const ViewTransform& view, float widthPx, uint32_t rgba);
  /// Only these runs of triangles (segments): the shapes a view can see. A region's view draws
  /// a few hundred of a level's thousands of shapes, and on a CPU renderer every vertex sent,
  /// even off screen, costs its shading and clipping.
  void drawFill(const ViewTransform& view, std::span<const DrawRange> triangles);
  void drawBorders(const ViewTransform& view, float widthPx, uint32_t rgba, std::span<const DrawRange> segments);
  /// One region's rings only (hover highlight, selection outline): segments [first, first+count).
  void drawOutline(const ViewTransform& view, uint32_t firstSegment, uint32_t segmentCount, float widthPx, uint32_t rgba);

 private:
  bool m_ok = false;
  std::shared_ptr<const MapPrograms> m_programs;
  unsigned m_fillProgram = 0, m_borderProgram = 0, m_compositeProgram = 0, m_emptyVao = 0;  ///< m_programs'

  unsigned m_fillVao = 0, m_fillVbo = 0, m_regionVbo = 0, m_borderVao = 0, m_borderVbo = 0, m_table = 0;
  int m_tableWidth = 4096;
  std::size_t m_tableSize = 0;
  int m_vertexCount = 0, m_segmentCount = 0;
};

}  // namespace pantau::render
