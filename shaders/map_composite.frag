#version 330 core
// Recolouring without re-rasterising: each pixel's region (from the id image rendered once per
// view) looks up its colour in the table, and the borders (also rendered once per view, with
// 4x MSAA, premultiplied) go on top. A new snapshot or a transition step costs this pass only.
uniform sampler2D uIds;      // rgb: region index + 1 (0: sea), nearest
uniform sampler2D uBorders;  // premultiplied alpha
uniform sampler2D uColours;  // the per-region table
uniform int uTableWidth;
uniform vec4 uNoData;
uniform vec4 uSea;
out vec4 fragColor;
void main() {
  ivec2 px = ivec2(gl_FragCoord.xy);
  vec4 e = texelFetch(uIds, px, 0);
  int id = int(e.r * 255.0 + 0.5) + (int(e.g * 255.0 + 0.5) << 8) + (int(e.b * 255.0 + 0.5) << 16);
  vec3 base = uSea.rgb;
  if (id > 0) {
    int region = id - 1;
    vec4 c = texelFetch(uColours, ivec2(region % uTableWidth, region / uTableWidth), 0);
    if (c.a == 0.0) {
      float stripe = mod(gl_FragCoord.x + gl_FragCoord.y, 12.0);
      base = stripe < 2.0 ? uNoData.rgb : vec3(0.93, 0.93, 0.92);
    } else {
      base = c.rgb;
    }
  }
  vec4 b = texelFetch(uBorders, px, 0);
  fragColor = vec4(b.rgb + base * (1.0 - b.a), 1.0);
}
