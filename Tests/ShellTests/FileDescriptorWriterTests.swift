import Foundation
import Testing

@testable import Shell

@Suite struct FileDescriptorWriterTests {
    /// Small pieces are buffered, a piece larger than the buffer goes out directly: the file still holds
    /// every byte in order.
    @Test func piecesOfEverySizeArriveInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fdw-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let big = [UInt8](repeating: 0x62, count: 200_000)
        do {
            let writer = try FileDescriptorWriter(path: path)
            writer.write("a")
            big.withUnsafeBytes { writer.write(bytes: $0) }
            Array("日本\n".utf8).withUnsafeBytes { writer.write(bytes: $0) }
            writer.write("z")
        }
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == Array("a".utf8) + big + Array("日本\nz".utf8))
    }
}
