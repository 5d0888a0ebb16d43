#pragma once
// The end-to-end suites' simulator: pantau-sim from this build tree, as a child process.

#include "pantau/data/source/sim_child.hpp"

namespace pantau::test {

class SimProcess : public data::SimChild {
 public:
  explicit SimProcess(std::vector<std::string> args) : SimChild(std::move(args), PANTAU_BIN_DIR "/pantau-sim") {}
};

}  // namespace pantau::test
