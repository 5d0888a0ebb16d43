#pragma once
/// The map's GL programs (fill, borders, composite), linked once per context and shared by every
/// MapLayer drawn in it. llvmpipe JIT-compiles a program's pipeline variants at its first draw
/// (a third of a 1080p still's first band): layers sharing the programs compile them once, and a
/// warm-up draw (map_warm_up.hpp) can compile them before the map's data is there.
///
/// Threading: the GL thread only. Ownership: shared by the layers; the programs are deleted with
/// the last holder, which must run while the context is current.

#include <memory>

namespace pantau::render {

class MapPrograms {
 public:
  static std::shared_ptr<MapPrograms> link();
  ~MapPrograms();
  MapPrograms(const MapPrograms&) = delete;
  MapPrograms& operator=(const MapPrograms&) = delete;

  bool ok() const { return fill && border && composite; }
  const unsigned fill, border, composite;

 private:
  MapPrograms(unsigned fill, unsigned border, unsigned composite);
};

}  // namespace pantau::render
