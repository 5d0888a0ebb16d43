#include "scene_setup.hpp"

#include <cstdio>

#include "pantau/data/base/data_location.hpp"
#include "pantau/data/geo/dapil_boundaries.hpp"
#include "pantau/data/model/tree_scope.hpp"
#include "still_setup.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

/// --map dapil: the 84 dapil dissolved from the regency polygons (geo/dapil_boundaries), their
/// outlines and names on the map.
Status outlineDapil(MapScene& scene, const RegionTree& tree, const DprTables& tables,
                    const BoundarySource& regencies) {
  auto dapil = dissolveDapil(tree, tables, regencies);
  if (!dapil) return Error{dapil.error().code, "--map dapil: " + dapil.error().message};
  for (const std::string& note : dapil->notes)
    std::fprintf(stderr, "pantau: dapil %s\n", note.c_str());
  LevelGeometry outlines;
  outlines.level = Level::Regency;
  std::vector<MapScene::AreaLabel> labels;
  for (const DapilShape& d : dapil->dapil) {
    const RegionId index = static_cast<RegionId>(labels.size());
    MapScene::AreaLabel l{d.name, d.label.x, d.label.y, 1e30, 1e30, -1e30, -1e30};
    for (std::size_t i = 0; i + 1 < d.triangles.size(); i += 2) {
      l.minX = std::min(l.minX, double{d.triangles[i]}),
      l.maxX = std::max(l.maxX, double{d.triangles[i]});
      l.minY = std::min(l.minY, double{d.triangles[i + 1]}),
      l.maxY = std::max(l.maxY, double{d.triangles[i + 1]});
    }
    outlines.triangles.insert(outlines.triangles.end(), d.triangles.begin(), d.triangles.end());
    outlines.triangleRegion.insert(outlines.triangleRegion.end(), d.triangles.size() / 6, index);
    outlines.segments.insert(outlines.segments.end(), d.segments.begin(), d.segments.end());
    outlines.segmentRegion.insert(outlines.segmentRegion.end(), d.segments.size() / 4, index);
    labels.push_back(std::move(l));
  }
  scene.setOutlines(std::move(outlines), std::move(labels));
  return Status::success();
}

/// A still of one view never moves to another, so it loads only what that view draws; the
/// window, the wall and on-air may go anywhere and load everything.
enum class SceneUse { Interactive, Still };

/// A still reads TPS only for a view of a village or a TPS, or for the TPS layers (turnout,
/// integrity) under any view.
TreeScope treeScope(const Options& o, const LayerChoice& layer, SceneUse use) {
  const bool aboveVillages = o.view.size() < codeLength(Level::Village);  // "" is the nation
  return use == SceneUse::Still && aboveVillages && !layer.needsTps() ? TreeScope::AboveTps
                                                                     : TreeScope::Full;
}

Result<SceneSetup> loadSetup(const Options& o, SceneUse use) {
  SceneSetup out;
  auto dir = findDataDir(o.dataDir ? std::optional<std::filesystem::path>(*o.dataDir) : std::nullopt);
  if (!dir) return dir.error();
  out.dataDir = *dir;
  if (!parseLanguage(o.lang, out.language)) return Error{ErrorCode::Type, "--lang: '" + o.lang + "' is not id or en"};
  const auto contest = parseContest(o.contest);
  if (!contest)
    return Error{ErrorCode::Type, "--contest: '" + o.contest + "' is not ppwp, pdpr or pdpd"};
  out.contest = *contest;
  if (out.contest == Contest::Pdpr) {
    auto tables = loadDprTables(*dir);
    if (!tables) return tables.error();
    out.dpr = std::make_shared<const DprTables>(std::move(*tables));
  }
  LayerChoice layer;
  std::string layerError;
  if (!LayerChoice::parse(o.layer, layer, layerError, out.contest))
    return Error{ErrorCode::Type, layerError};
  layer.colourBlindSafe = o.colourBlindSafe;

  auto tree = loadRegionTree(*dir, treeScope(o, layer, use));
  if (!tree) return tree.error();
  out.tree = tree->tree;
  RegionId view = kNation;
  if (o.view == "seats") {
    if (out.contest != Contest::Pdpr)
      return Error{ErrorCode::Type,
                   "--view seats: the seat view is the DPR's (add --contest pdpr)"};
    out.seatView = true;
  } else if (!o.view.empty()) {
    view = out.tree->find(o.view);
    if (view == kNoRegion)
      return Error{ErrorCode::BadCode, "--view: '" + o.view + "' is " +
                                           (isValidCode(o.view) ? "not a KPU region code" : "not a region code ([0-9A-Z], 2/4/6/10/13 chars)")};
  }

  if (out.contest == Contest::Pdpd && view == kNation && !out.seatView) {
    // Every province's race on one map, coloured by the race for its fourth seat.
    out.dpdNation = true;
    if (o.layer == "winner") layer.kind = LayerChoice::Race;  // the default: each province its own leader says little
    if (layer.kind != LayerChoice::Race && layer.kind != LayerChoice::Progress)
      return Error{ErrorCode::Type, "--layer " + o.layer +
                                        ": the DPD at the nation shows race (the fourth seat) or progress; "
                                        "--view a province for its candidates"};
  } else if (out.contest == Contest::Pdpd) {  // a province's own candidates: its view, or one inside it
    if (out.seatView || out.tree->isOverseas(view))
      return Error{ErrorCode::Type,
                   "--contest pdpd: the DPD is elected per province: --view a province (35), a "
                   "region in one, or the nation (every province's race)"};
    RegionId p = view;
    while (out.tree->level(p) > Level::Province) p = out.tree->parent(p);
    out.dpdProvince = std::string(out.tree->code(p));
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
  std::vector<BoundarySource> bounds(resolved->begin(), resolved->end());
  if (use == SceneUse::Still && o.view.size() <= codeLength(Level::Province) && o.fill == "regency")
    bounds.pop_back();  // the nation or a province filled by regencies: no district is drawn
  auto scene = MapScene::load(out.tree, bounds);
  if (!scene) return scene.error();
  if (o.fill != "regency" && o.fill != "district") return Error{ErrorCode::Type, "--fill: '" + o.fill + "' is not regency or district"};
  (*scene)->setDistrictFill(o.fill == "district");
  (*scene)->setPanels(o.overlay);
  if (Status s = (*scene)->setView(view); !s) return s.error();
  (*scene)->setLayer(layer);
  if (o.map == "dapil") {
    if (!out.dpr)
      return Error{ErrorCode::Type, "--map dapil: the dapil are the DPR's (add --contest pdpr)"};
    if (Status s = outlineDapil(**scene, *out.tree, *out.dpr, (*resolved)[1]); !s) return s.error();
    out.dapilMap = true;
  }
  out.scene = std::move(*scene);
  return out;
}

}  // namespace

Result<SceneSetup> loadSceneSetup(const Options& o) { return loadSetup(o, SceneUse::Interactive); }

Result<SceneSetup> loadStillSetup(const Options& o) { return loadSetup(o, SceneUse::Still); }

}  // namespace pantau::viewer
