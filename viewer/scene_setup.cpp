#include "scene_setup.hpp"

#include <cstdio>

#include "pantau/data/base/data_location.hpp"

namespace pantau::viewer {

using namespace pantau::data;

Result<SceneSetup> loadSceneSetup(const Options& o) {
  SceneSetup out;
  auto dir = findDataDir(o.dataDir ? std::optional<std::filesystem::path>(*o.dataDir) : std::nullopt);
  if (!dir) return dir.error();
  out.dataDir = *dir;
  if (!parseLanguage(o.lang, out.language)) return Error{ErrorCode::Type, "--lang: '" + o.lang + "' is not id or en"};
  LayerChoice layer;
  std::string layerError;
  if (!LayerChoice::parse(o.layer, layer, layerError)) return Error{ErrorCode::Type, layerError};
  layer.colourBlindSafe = o.colourBlindSafe;

  auto tree = loadRegionTree(*dir);
  if (!tree) return tree.error();
  out.tree = tree->tree;
  RegionId view = kNation;
  if (!o.view.empty()) {
    view = out.tree->find(o.view);
    if (view == kNoRegion)
      return Error{ErrorCode::BadCode, "--view: '" + o.view + "' is " +
                                           (isValidCode(o.view) ? "not a KPU region code" : "not a region code ([0-9A-Z], 2/4/6/10/13 chars)")};
  }

  std::vector<BoundarySource> given;
  for (const auto& b : o.boundaries) {
    given.push_back(BoundarySource::parse(b.spec));
    given.back().codeField = b.codeField, given.back().nameField = b.nameField;
  }
  std::vector<std::string> report;
  auto resolved = resolveBoundaries(*out.tree, given, *dir, report);
  if (!resolved) return resolved.error();
  for (const std::string& line : report) std::fprintf(stderr, "pantau: boundaries %s\n", line.c_str());
  out.boundaries = *resolved;
  const std::vector<BoundarySource> bounds(resolved->begin(), resolved->end());
  auto scene = MapScene::load(out.tree, bounds);
  if (!scene) return scene.error();
  if (o.fill != "regency" && o.fill != "district") return Error{ErrorCode::Type, "--fill: '" + o.fill + "' is not regency or district"};
  (*scene)->setDistrictFill(o.fill == "district");
  (*scene)->setPanels(o.overlay);
  if (Status s = (*scene)->setView(view); !s) return s.error();
  (*scene)->setLayer(layer);
  out.scene = std::move(*scene);
  return out;
}

}  // namespace pantau::viewer
