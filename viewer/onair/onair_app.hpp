#pragma once
// `pantau --on-air RUNDOWN.toml`: the rundown played full screen on a monitor (or headless in real
// time, for rehearsals and stream-only playout), driven by its clock and the control API, out to
// a stream. `pantau --headless --rundown RUNDOWN.toml --out DIR`: every item once as a still.

#include "options.hpp"

namespace pantau::viewer::onair {

/// Runs until --duration or SIGINT/SIGTERM; 0 on a clean stop, 2 for a bad rundown or option,
/// 1 when something fails on the way (the data, GL, the stream).
int runOnAir(const Options& options);
/// Renders every item once; prints `stills N, seconds S (R per second)`.
int runRundownStills(const Options& options);

}  // namespace pantau::viewer::onair
