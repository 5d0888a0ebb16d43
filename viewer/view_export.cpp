#include "view_export.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "pantau/data/export/export.hpp"
#include "pantau/render/gl.hpp"
#include "pantau/render/offscreen_target.hpp"

namespace pantau::viewer {

using namespace pantau::data;

std::string exportView(const Snapshot& s, const MapScene& scene, const std::filesystem::path& dataDir, int w, int h, const UiText& t) {
  const RegionTree& tree = s.tree();
  const RegionId view = scene.view();
  std::string stamp = formatTimestamp(s.status(kNation).sourceTs ? s.status(kNation).sourceTs : s.publishedAtMs() / 1000);
  for (char& c : stamp)
    if (c == ' ' || c == ':') c = '-';
  const std::string base = "pantau-" + (view == kNation ? std::string("indonesia") : std::string(tree.code(view))) + "-" + stamp;
  glReadBuffer(GL_BACK);
  std::string done;
  if (render::writePng(base + ".png", w, h, render::readPixelsTopDown(w, h))) done += base + ".png";
  if (tree.level(view) != Level::Tps) {
    ExportOptions eo;
    eo.level = static_cast<Level>(static_cast<int>(tree.level(view)) + 1);
    eo.under = view;
    ExportStats stats;
    eo.format = ExportFormat::Csv;
    if (exportResults(s, eo, base + ".csv", stats)) done += ", " + base + ".csv";
    if (eo.level <= Level::District) {
      static const char* kFiles[] = {"", "provinces.gpkg", "regencies.gpkg", "districts.gpkg"};
      eo.boundaries = BoundarySource::parse((dataDir / "geo" / kFiles[static_cast<int>(eo.level)]).string());
      eo.format = ExportFormat::Gpkg;
      if (exportResults(s, eo, base + ".gpkg", stats)) done += ", " + base + ".gpkg";
    }
  }
  std::fprintf(stderr, "pantau: exported %s\n", done.c_str());
  return std::string(t.exportedTo) + " " + done;
}

}  // namespace pantau::viewer
