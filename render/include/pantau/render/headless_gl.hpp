#pragma once
/// An OpenGL 3.3+ core context with no window and no X server: EGL's surfaceless platform
/// (Mesa's llvmpipe here; a GPU driver elsewhere). Made current on the creating thread.

#include <memory>
#include <string>

#include "pantau/data/base/result.hpp"

namespace pantau::render {

class HeadlessGl {
 public:
  static data::Result<std::unique_ptr<HeadlessGl>> create();
  ~HeadlessGl();
  std::string renderer() const;  ///< GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"

 private:
  HeadlessGl() = default;
  void* m_display = nullptr;
  void* m_context = nullptr;
};

}  // namespace pantau::render
