#pragma once
// OpenGL 3.3 core entry points. glvnd's libOpenGL exports the whole core API, so no loader is
// needed: the context (EGL headless, or GLFW's) dispatches to Mesa or the GPU driver.
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
