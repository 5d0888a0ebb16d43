#pragma once
// Large buffers on transparent huge pages. llvmpipe zero-fills every image it allocates (the 33 MB
// 4x MSAA map image at 1080p, the resolved image, the panels), and on this kind of virtual machine
// each 4 KB page fault costs microseconds: faulting those pages in was a third of a still's first
// frame (perf: 19% of a still's samples in the render target's constructor, memset and faults).
// glibc backs its large blocks with huge pages when the tunable glibc.malloc.hugetlb=1 is set,
// and it reads tunables only when a process starts; the allocations are Mesa's, made with plain
// malloc, so nothing short of the tunable reaches them.
//
// Part of the launcher (launcher.cpp): libc only, so that the start it repeats costs little.

namespace pantau::viewer {

/// Re-executes this binary (same pid, same arguments) with glibc.malloc.hugetlb=1 added to
/// GLIBC_TUNABLES when the kernel gives huge pages on request only (transparent_hugepage =
/// madvise) and the tunable is not set yet. Does nothing when the kernel gives them to every
/// process or to none, when PANTAU_HUGE_PAGES=0, or when the exec fails (then it runs as it is).
void reexecWithHugePageMalloc(char** argv);

}  // namespace pantau::viewer
