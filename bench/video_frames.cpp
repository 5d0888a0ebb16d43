// Decodes a video file back (libavformat/libavcodec, the on-air tests' own decoder) and prints
// what a stream benchmark checks: `frames N, WxH, codec C`. Exit 1 when nothing decodes.
// Usage: pantau-bench-video-frames FILE

#include <cstdio>

#include "video_support.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: pantau-bench-video-frames FILE\n");
    return 2;
  }
  const pantau::test::Video v = pantau::test::decodeVideo(argv[1]);
  if (v.frames == 0) {
    std::fprintf(stderr, "pantau-bench-video-frames: %s: no video frame decoded\n", argv[1]);
    return 1;
  }
  std::printf("frames %d, %dx%d, codec %s\n", v.frames, v.width, v.height, v.codec.c_str());
  return 0;
}
