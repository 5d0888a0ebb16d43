#include "pantau/render/headless_gl.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include "pantau/render/gl.hpp"

namespace pantau::render {

using data::Error;
using data::ErrorCode;

data::Result<std::unique_ptr<HeadlessGl>> HeadlessGl::create() {
  auto getPlatformDisplay = reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
  EGLDisplay display = EGL_NO_DISPLAY;
  if (getPlatformDisplay) display = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  if (display == EGL_NO_DISPLAY) display = eglGetDisplay(EGL_DEFAULT_DISPLAY);
  if (display == EGL_NO_DISPLAY) return Error{ErrorCode::Missing, "EGL: no display (is libegl1 / Mesa installed?)"};
  EGLint major = 0, minor = 0;
  if (!eglInitialize(display, &major, &minor)) return Error{ErrorCode::Missing, "EGL: eglInitialize failed"};
  if (!eglBindAPI(EGL_OPENGL_API)) return Error{ErrorCode::Missing, "EGL: no desktop OpenGL"};
  const EGLint attribs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3, EGL_CONTEXT_OPENGL_PROFILE_MASK,
                            EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
  // EGL_KHR_no_config_context: no config, no surface; we render into framebuffer objects.
  EGLContext ctx = eglCreateContext(display, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attribs);
  if (ctx == EGL_NO_CONTEXT) return Error{ErrorCode::Missing, "EGL: cannot create an OpenGL 3.3 core context"};
  if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
    eglDestroyContext(display, ctx);
    return Error{ErrorCode::Missing, "EGL: cannot make the context current without a surface"};
  }
  auto gl = std::unique_ptr<HeadlessGl>(new HeadlessGl());
  gl->m_display = display;
  gl->m_context = ctx;
  return gl;
}

HeadlessGl::~HeadlessGl() {
  if (m_display) {
    eglMakeCurrent(m_display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (m_context) eglDestroyContext(m_display, m_context);
    eglTerminate(m_display);
  }
}

std::string HeadlessGl::renderer() const {
  const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return r ? r : "";
}

}  // namespace pantau::render
