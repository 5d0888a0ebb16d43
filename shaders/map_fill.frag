#version 330 core
// Colour from a per-region table (one texel per region), so a new snapshot is one small upload.
// Alpha 0 in the table means "no data": drawn as a light hatch, never as a zero.
flat in uint vRegion;
uniform sampler2D uColours;
uniform int uTableWidth;
uniform vec4 uNoData;                     // hatch colour
uniform int uIdMode;                      // 1: write the region index + 1 instead (the id image)
out vec4 fragColor;
void main() {
  if (uIdMode == 1) {
    uint id = vRegion + 1u;
    fragColor = vec4(float(id & 255u), float((id >> 8) & 255u), float((id >> 16) & 255u), 255.0) / 255.0;
    return;
  }
  ivec2 at = ivec2(int(vRegion) % uTableWidth, int(vRegion) / uTableWidth);
  vec4 c = texelFetch(uColours, at, 0);
  if (c.a == 0.0) {
    float stripe = mod(gl_FragCoord.x + gl_FragCoord.y, 12.0);
    fragColor = stripe < 2.0 ? uNoData : vec4(0.93, 0.93, 0.92, 1.0);
  } else {
    fragColor = vec4(c.rgb, 1.0);
  }
}
