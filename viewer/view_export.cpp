#include "view_export.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "pantau/render/gl.hpp"
#include "pantau/render/offscreen_target.hpp"
#include "view_tables.hpp"

namespace pantau::viewer {

using namespace pantau::data;

std::string exportView(const Snapshot& s, const MapScene& scene, const std::array<BoundarySource, 3>& boundaries, int w, int h,
                       const UiText& t) {
  const RegionTree& tree = s.tree();
  const RegionId view = scene.view();
  std::string stamp = formatTimestamp(s.status(kNation).sourceTs ? s.status(kNation).sourceTs : s.publishedAtMs() / 1000);
  for (char& c : stamp)
    if (c == ' ' || c == ':') c = '-';
  const std::string base = "pantau-" + (view == kNation ? std::string("indonesia") : std::string(tree.code(view))) + "-" + stamp;
  glReadBuffer(GL_BACK);
  std::string done;
  if (render::writeFramebufferPng(base + ".png", 0, w, h)) done += base + ".png";  // the window's framebuffer
  for (const std::string& file : exportViewTables(s, view, boundaries, base).files) done += (done.empty() ? "" : ", ") + file;
  std::fprintf(stderr, "pantau: exported %s\n", done.c_str());
  return std::string(t.exportedTo) + " " + done;
}

}  // namespace pantau::viewer
