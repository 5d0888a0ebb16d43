#pragma once
// A still's scene: loadSceneSetup's, with the region tree loaded without its TPS when the still's
// view and layer read none (data/model/tree_scope.hpp): a regency still then never reads the
// 822k TPS. A still never moves to another view; the window, the wall and on-air do, so they
// load the full tree through loadSceneSetup.

#include "scene_setup.hpp"

namespace pantau::viewer {

data::Result<SceneSetup> loadStillSetup(const Options& options);

}  // namespace pantau::viewer
