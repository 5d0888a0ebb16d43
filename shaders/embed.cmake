# Turns the GLSL files into one C++ header of raw string literals, at build time.
file(WRITE ${OUT} "#pragma once\n// Generated from shaders/*.vert|frag by shaders/embed.cmake. Do not edit.\nnamespace pantau::render::shaders {\n")
foreach(f ${SOURCES})
  get_filename_component(name ${f} NAME)
  string(REPLACE "." "_" var ${name})
  file(READ ${f} text)
  file(APPEND ${OUT} "inline constexpr const char* k_${var} = R\"glsl(${text})glsl\";\n")
endforeach()
file(APPEND ${OUT} "}  // namespace pantau::render::shaders\n")
