#include "pantau/render/map_programs.hpp"

#include "gl_program.hpp"
#include "pantau/render/gl.hpp"
#include "shaders.hpp"

namespace pantau::render {

std::shared_ptr<MapPrograms> MapPrograms::link() {
  return std::shared_ptr<MapPrograms>(
      new MapPrograms(linkProgram(shaders::k_map_fill_vert, shaders::k_map_fill_frag),
                      linkProgram(shaders::k_map_border_vert, shaders::k_map_border_frag),
                      linkProgram(shaders::k_map_composite_vert, shaders::k_map_composite_frag)));
}

MapPrograms::MapPrograms(unsigned f, unsigned b, unsigned c) : fill(f), border(b), composite(c) {}

MapPrograms::~MapPrograms() {
  glDeleteProgram(fill);
  glDeleteProgram(border);
  glDeleteProgram(composite);
}

}  // namespace pantau::render
