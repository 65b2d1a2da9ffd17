import Dispatch
import Synchronization
import Testing

@testable import Ledger

/// `ConcurrentBatch` and `BatchPipeline`: every input mapped exactly once, in tasks, outputs in input order, whether
/// the mapping threads or the consumer (`help`) run the tasks.
@Suite struct ConcurrentBatchTests {
    /// How often each input was mapped, and on which tasks' first inputs.
    final class Calls: Sendable {
        let counts = Mutex([Int: Int]())
        func note(_ inputs: ArraySlice<Int>) { counts.withLock { for input in inputs { $0[input, default: 0] += 1 } } }
        var all: [Int: Int] { counts.withLock { $0 } }
    }

    @Test func theConsumerMapsTheTasksNoThreadHasStarted() {
        let calls = Calls()
        let batch = ConcurrentBatch(Array(0..<10), placeholder: -1, taskSize: 3)
        let transform: @Sendable (ArraySlice<Int>) -> [Int] = { inputs in
            calls.note(inputs)
            return inputs.map { $0 * 2 }
        }
        batch.help(transform)
        #expect((0..<10).map { batch[$0] } == (0..<10).map { $0 * 2 })
        // Every task was claimed: a mapping thread that starts late maps nothing again.
        batch.run(transform, workers: 1)
        #expect(calls.all == Dictionary(uniqueKeysWithValues: (0..<10).map { ($0, 1) }))
    }

    @Test func helpOneMapsOneTaskAtATime() {
        let calls = Calls()
        let batch = ConcurrentBatch(Array(0..<7), placeholder: -1, taskSize: 3)
        let transform: @Sendable (ArraySlice<Int>) -> [Int] = { inputs in
            calls.note(inputs)
            return inputs.map { -$0 }
        }
        #expect(batch.helpOne(transform))
        #expect(calls.all == [0: 1, 1: 1, 2: 1])
        #expect(batch[2] == -2 && batch[3] == -1)
        #expect(batch.helpOne(transform))
        batch.run(transform, workers: 1)
        #expect(!batch.helpOne(transform))
        #expect((0..<7).map { batch[$0] } == (0..<7).map { -$0 })
        #expect(calls.all == Dictionary(uniqueKeysWithValues: (0..<7).map { ($0, 1) }))
    }

    /// While the mapping thread holds the first task of a batch, the consumer, done with that batch's other tasks,
    /// maps the batch after it: the first task waits for a row of the next batch to be mapped, which only the
    /// consumer can do then (the mapping queue takes the next batch after this one). Without mapping ahead the
    /// wait runs out. Every row is still mapped once and consumed in order with its own output.
    @Test func theConsumerMapsTheNextBatchWhileTheLastTaskRunsElsewhere() throws {
        let calls = Calls()
        let firstTaskStarted = DispatchSemaphore(value: 0)
        let nextBatchMapped = DispatchSemaphore(value: 0)
        let waitRanOut = Mutex(false)
        var pipeline = BatchPipeline<Int, Int>(
            batchSize: 4, label: "test", placeholder: -1,
            transform: { inputs in
                calls.note(inputs)
                if inputs.contains(0) {
                    firstTaskStarted.signal()
                    if nextBatchMapped.wait(timeout: .now() + 10) == .timedOut { waitRanOut.withLock { $0 = true } }
                }
                if inputs.contains(4) { nextBatchMapped.signal() }
                return inputs.map { $0 * 3 }
            })
        pipeline.taskSize = 2
        pipeline.consumerMaps = true
        // The next batch is read once the mapping thread holds the first batch's first task.
        let consumed = try Self.consumeAll(0..<12, through: pipeline) { row in
            if row == 4 { _ = firstTaskStarted.wait(timeout: .now() + 10) }
        }
        #expect(!waitRanOut.withLock { $0 })
        #expect(consumed.map(\.0) == Array(0..<12))
        #expect(consumed.allSatisfy { $0.1 == $0.0 * 3 })
        #expect(calls.all == Dictionary(uniqueKeysWithValues: (0..<12).map { ($0, 1) }))
    }

    @Test(arguments: [false, true])
    func aPipelineMapsEachRowOnceAndConsumesInOrder(consumerMaps: Bool) throws {
        let calls = Calls()
        var pipeline = BatchPipeline<Int, Int>(
            batchSize: 50, label: "test", placeholder: -1,
            transform: { inputs in
                calls.note(inputs)
                return inputs.map { $0 + 1_000 }
            })
        pipeline.taskSize = 7
        pipeline.consumerMaps = consumerMaps
        let consumed = try Self.consumeAll(0..<1_003, through: pipeline)
        #expect(consumed.map(\.0) == Array(0..<1_003))
        #expect(consumed.allSatisfy { $0.1 == $0.0 + 1_000 })
        #expect(calls.all == Dictionary(uniqueKeysWithValues: (0..<1_003).map { ($0, 1) }))
    }

    /// With `depth` batches in flight, the first row is consumed once `depth` batches were read (and handed to the
    /// mapping queue), and each later batch is read as one is consumed; a consumer that stops early stops the reading.
    @Test(arguments: [1, 2, 3])
    func aPipelineReadsDepthBatchesAhead(depth: Int) throws {
        var pipeline = BatchPipeline<Int, Int>(
            batchSize: 10, label: "test", placeholder: -1, transform: { inputs in inputs.map { $0 * 2 } })
        pipeline.depth = depth
        pipeline.consumerMaps = true
        var next = 0
        var readWhenConsumed: [Int: Int] = [:]
        try pipeline.run(
            read: { () -> Int? in
                guard next < 100 else { return nil }
                defer { next += 1 }
                return next
            },
            consume: { row, output in
                #expect(output == row * 2)
                readWhenConsumed[row] = next
                return row < 25
            })
        #expect(readWhenConsumed[0] == 10 * depth)
        #expect(readWhenConsumed[10] == 10 * (depth + 1))
        // Stopped at row 25, in the third batch: nothing read past the batches in flight then.
        #expect(readWhenConsumed.count == 26)
        #expect(next == 10 * (depth + 2))
    }

    /// Every row of `rows` run through `pipeline`, with its output, in the order consumed; `reading` is called with
    /// each row before it is read.
    static func consumeAll(
        _ rows: Range<Int>, through pipeline: BatchPipeline<Int, Int>, reading: (Int) -> Void = { _ in }
    ) throws -> [(Int, Int)] {
        var next = rows.lowerBound
        var consumed: [(Int, Int)] = []
        try pipeline.run(
            read: { () -> Int? in
                guard next < rows.upperBound else { return nil }
                reading(next)
                defer { next += 1 }
                return next
            },
            consume: { row, output in
                consumed.append((row, output))
                return true
            })
        return consumed
    }
}
