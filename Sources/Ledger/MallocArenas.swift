#if canImport(Glibc)
    import Glibc
#endif

/// glibc's malloc tuning, through `dlsym` (the Glibc module does not import `<malloc.h>`).
///
/// glibc gives each thread that meets a locked arena a new one (up to 8 per core), and each keeps the pages it
/// touched. adledger's threads are few and short of work to contend on (a sync's workers wait on Meta; a build's
/// decode workers hand batches to one writer), so two arenas serve them: measured on `adledger-bench 200000`, peak
/// RSS of verify fell from 252 to 220 MB and of re-ingest from 181 to 170 MB, with times within run-to-run noise;
/// a sync peaks about 1.5 MiB lower.
package enum MallocArenas {
    /// `M_TRIM_THRESHOLD`, `M_MMAP_THRESHOLD` and `M_ARENA_MAX` of `<malloc.h>`.
    private static let trimThresholdParameter: Int32 = -1
    private static let mmapThresholdParameter: Int32 = -3
    private static let arenaMaxParameter: Int32 = -8

    /// Lets every thread of the process share two arenas. Call before starting threads.
    package static func limit() {
        set(arenaMaxParameter, to: 2)
    }

    /// Serves blocks of up to 32 MiB from the heap and keeps up to 64 MiB of free space at its top, for the rest of
    /// the process: what `adledger ingest` runs with.
    ///
    /// An ingest reads each saved page (several megabytes, one line) into a buffer and canonicalizes it into
    /// another. glibc served blocks that size with fresh `mmap`s, or trimmed them off the heap once freed, so every
    /// file faulted its buffers in anew: 170–280k page faults for 200k rows. With these settings, 22.5k; the
    /// ingest's system time fell from 1.2–1.4 s to 0.7–0.8 s, its peak RSS stayed at 120–125 MB (alternating runs
    /// of `adledger ingest` over the bench's 40 files). A sync is left as it is: there it raised the peak RSS of
    /// `adledger-bench sync` from 39 to 47 MiB.
    package static func keepLargeBlocks() {
        set(mmapThresholdParameter, to: 32 << 20)
        set(trimThresholdParameter, to: 64 << 20)
    }

    private static func set(_ parameter: Int32, to value: Int32) {
        #if canImport(Glibc)
            typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }  // nil is RTLD_DEFAULT: the process's own symbols
            _ = unsafeBitCast(symbol, to: MallOpt.self)(parameter, value)
        #endif
    }

    /// Gives the heap's free pages back to the system (`malloc_trim(0)`), so what a finished phase freed is not
    /// counted in the next one's resident set.
    package static func returnFreePages() {
        #if canImport(Glibc)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
