#pragma once
// What both on-air modes read before anything goes on air: the rundown (checked, with its
// regions and layers resolved against the tree), the scene, the language, the map choice.

#include <memory>
#include <variant>

#include "options.hpp"
#include "rundown.hpp"
#include "scene_setup.hpp"

namespace pantau::viewer::onair {

struct AirSetup {
  Rundown rundown;
  SceneSetup scene;
  bool tiles = false;  ///< --map tiles
};

/// Exit code 2 with the message for a bad rundown or option, 1 when the data cannot be loaded.
struct AirSetupError {
  int exitCode;
  std::string message;
};

std::variant<AirSetup, AirSetupError> loadAirSetup(const Options& options,
                                                   const std::string& rundownPath);

/// GET /rundown's body: the expanded items.
std::string rundownJson(const std::vector<RundownItem>& items);

}  // namespace pantau::viewer::onair
