import Synchronization

/// The dictionary an ingest's preparing threads compress `insight.fetched` payloads with, kept up to date by the
/// writer: a ledger's first dictionary is trained while its first source is written (after
/// ``PayloadCompressor/minimumSamples`` payloads), and a better one later, and each preparing task takes the newest.
///
/// Without it the rest of that first source was prepared uncompressed and compressed on the writer, the thread every
/// row waits for: about 2% of its time on the 200k bench (a `perf` profile).
final class CurrentDictionary: Sendable {
    private let value: Mutex<ZstdDictionary?>

    init(_ dictionary: ZstdDictionary?) { value = Mutex(dictionary) }

    /// The newest dictionary (nil: none yet).
    var dictionary: ZstdDictionary? { value.withLock { $0 } }

    /// Makes `dictionary` the one compressed with from now on.
    func update(_ dictionary: ZstdDictionary?) {
        value.withLock { current in
            if current !== dictionary { current = dictionary }
        }
    }
}
