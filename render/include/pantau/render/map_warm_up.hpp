#pragma once
/// A map drawn once in miniature, so that the first real draw finds its pipelines compiled.
/// llvmpipe JIT-compiles each program's variant for the state it is drawn in (target format,
/// sample count, blend) at its first draw: about 60 ms of LLVM at a 1080p still's first band,
/// on the drawing thread, with the other core idle. A headless still runs this while its data is
/// still loading on the other thread, where the GL thread would otherwise wait.
///
/// Threading: the GL thread only. It leaves the context's state as it found it (the bindings,
/// viewport, clear colour and blending the map's drawing sets).

#include <memory>

#include "pantau/render/map_programs.hpp"

namespace pantau::render {

/// One triangle and one segment through the same steps as a still's band with `programs`: the
/// fill into a 4x multisampled image, the borders blended over it, the resolve into a
/// single-sampled image, an outline on that, and the rows read back as RGBA.
void warmUpMapDrawing(const std::shared_ptr<const MapPrograms>& programs);

}  // namespace pantau::render
