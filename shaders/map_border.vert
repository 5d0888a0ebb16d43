#version 330 core
// Borders: one quad per segment, widened in screen space so every width draws the same on any GL.
layout(location = 0) in vec2 aA;          // segment start (projected km), per instance
layout(location = 1) in vec2 aB;          // segment end
uniform vec4 uView;
uniform vec2 uViewport;                   // pixels
uniform float uWidth;                     // pixels
void main() {
  vec2 a = aA * uView.xy + uView.zw, b = aB * uView.xy + uView.zw;
  vec2 dir = (b - a) * uViewport;
  float len = length(dir);
  vec2 n = len > 0.0 ? vec2(-dir.y, dir.x) / len : vec2(0.0, 1.0);
  vec2 off = n * uWidth / uViewport;      // half-width each side, in NDC (2 units per viewport)
  int corner = gl_VertexID;               // 0..3 as a triangle strip
  vec2 p = (corner < 2 ? a : b) + ((corner % 2 == 0) ? off : -off);
  gl_Position = vec4(p, 0.0, 1.0);
}
