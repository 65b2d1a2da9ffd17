import Foundation
import Testing

@testable import MetaGraph

/// `LineReader`: the lines of a file, read in chunks into one buffer, are the same whatever the chunks' size and
/// whether the file's size was reserved up front.
@Suite struct LineReaderTests {
    /// The lines a file holds: split at `\n`, a trailing `\r` dropped, the first line's byte-order mark dropped, and
    /// the bytes after the last `\n` a line when there are any.
    private static func expectedLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        lines = lines.map { $0.last == 0x0D ? Array($0.dropLast()) : $0 }
        if let first = lines.first, first.starts(with: [0xEF, 0xBB, 0xBF]) { lines[0] = Array(first.dropFirst(3)) }
        return lines
    }

    private static let texts: [String] = [
        "",
        "\n",
        "one line, no newline",
        "one line\n",
        "\u{FEFF}{\"a\":1}\r\n\r\n{\"b\":2}\r\n",
        "a\nbb\n\nccc\r\ndddd",
        String(repeating: "0123456789", count: 500) + "\n" + String(repeating: "z", count: 1_234) + "\r\n" + "tail",
    ]

    @Test(arguments: [1, 3, 64, 4_096, 1 << 20], [0, 64 << 20])
    func linesAreTheSameWhateverTheChunks(chunkSize: Int, largestReserve: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "adledger-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, text) in Self.texts.enumerated() {
            let path = directory.appendingPathComponent("\(index).txt").path
            let bytes = Array(text.utf8)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let handle = try #require(FileHandle(forReadingAtPath: path))
            defer { try? handle.close() }
            var reader = LineReader(handle: handle, path: path, chunkSize: chunkSize, largestReserve: largestReserve)
            var lines: [[UInt8]] = []
            var numbers: [Int] = []
            while let (number, line) = try reader.next() {
                numbers.append(number)
                lines.append(line)
            }
            let expected = Self.expectedLines(bytes)
            #expect(lines == expected, "text \(index), chunks of \(chunkSize), reserve up to \(largestReserve)")
            #expect(numbers == Array(1..<expected.count + 1))
        }
    }
}
