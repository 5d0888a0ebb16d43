#version 330 core
// Filled regions: every vertex carries its region's index into the colour table.
layout(location = 0) in vec2 aPos;        // projected km
layout(location = 1) in uint aRegion;     // index into uColours
uniform vec4 uView;                       // xy: scale (km -> NDC), zw: offset
flat out uint vRegion;
void main() {
  vRegion = aRegion;
  gl_Position = vec4(aPos * uView.xy + uView.zw, 0.0, 1.0);
}
