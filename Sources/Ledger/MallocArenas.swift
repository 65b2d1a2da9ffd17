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
    /// `M_ARENA_MAX` of `<malloc.h>`.
    private static let arenaMaxParameter: Int32 = -8

    /// Lets every thread of the process share two arenas. Call before starting threads.
    package static func limit() {
        #if canImport(Glibc)
            typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }  // nil is RTLD_DEFAULT: the process's own symbols
            _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMaxParameter, 2)
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
