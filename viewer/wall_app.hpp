#pragma once
#include "options.hpp"

namespace pantau::viewer {
/// A live video wall tile (`--wall COLSxROWS --tile C,R` with `--source relay+http://...`), in a
/// full-screen window on --monitor N or with --headless: lays the wall's whole canvas out, draws
/// its own part, and switches to each relay version at the version's apply_at_ms on the wall clock
/// (the next version is drawn ahead, so the switch is a swap of pictures at the frame); with
/// --wall-log FILE, one JSON line per switch. Runs for --duration S (0: until SIGINT/SIGTERM);
/// headless with --screenshot writes the tile's last picture when it ends.
int runWallTile(const Options& options);
/// True when the options ask for a live tile (a wall following a relay) rather than a still.
bool isLiveWallTile(const Options& options);
}  // namespace pantau::viewer
