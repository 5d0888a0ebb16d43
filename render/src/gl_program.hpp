#pragma once
// Compiling and linking the embedded shaders (pantau_render's own; GL thread only).

namespace pantau::render {

/// The linked program, or 0 (the compiler's log goes to stderr: a shader that does not compile
/// is our bug, not the user's).
unsigned linkProgram(const char* vertexSource, const char* fragmentSource);

}  // namespace pantau::render
