#pragma once
// What the window and headless modes both need before the first frame: the data, the tree, the
// boundaries as a MapScene with the requested view and layer, and the interface language. One
// place, so that both modes check the same flags the same way.

#include <array>
#include <filesystem>
#include <memory>

#include "map_scene.hpp"
#include "options.hpp"
#include "pantau/data/contests/dpr_tables.hpp"
#include "ui_text.hpp"

namespace pantau::viewer {

struct SceneSetup {
  std::filesystem::path dataDir;
  std::shared_ptr<const data::RegionTree> tree;
  std::unique_ptr<MapScene> scene;  ///< view and layer set; not uploaded (that needs GL)
  /// Province, regency and district boundaries as resolved from --boundaries (else DATA/geo's):
  /// the map's, and what E exports the view's regions with.
  std::array<data::BoundarySource, 3> boundaries;
  Language language = Language::Indonesian;
  data::Contest contest = data::Contest::Ppwp;  ///< --contest
  /// The DPR's dapil, caleg and parties (--contest pdpr), else null.
  std::shared_ptr<const data::DprTables> dpr;
  bool seatView = false;    ///< --view seats: the hemicycle (the DPR)
  bool dapilMap = false;    ///< --map dapil: the nation and provinces filled by dapil
  std::string dpdProvince;  ///< --contest pdpd: the province whose candidates are read ("35")
  /// --contest pdpd at the nation: every province's race on one map (dpd_nation_feed.hpp).
  bool dpdNation = false;
};

/// Checks --contest, --view, --layer, --palette, --lang and --boundaries, loads the tree and the
/// boundaries. The error names the flag or file at fault.
data::Result<SceneSetup> loadSceneSetup(const Options& options);

}  // namespace pantau::viewer
