#include "gl_program.hpp"

#include <cstdio>

#include "pantau/render/gl.hpp"

namespace pantau::render {

namespace {

unsigned compile(GLenum type, const char* src) {
  unsigned s = glCreateShader(type);
  glShaderSource(s, 1, &src, nullptr);
  glCompileShader(s);
  int ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048];
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    std::fprintf(stderr, "pantau: shader compile failed: %s\n", log);
  }
  return s;
}

}  // namespace

unsigned linkProgram(const char* vs, const char* fs) {
  unsigned p = glCreateProgram();
  unsigned v = compile(GL_VERTEX_SHADER, vs), f = compile(GL_FRAGMENT_SHADER, fs);
  glAttachShader(p, v);
  glAttachShader(p, f);
  glLinkProgram(p);
  glDeleteShader(v);
  glDeleteShader(f);
  int ok = 0;
  glGetProgramiv(p, GL_LINK_STATUS, &ok);
  return ok ? p : 0;
}

}  // namespace pantau::render
