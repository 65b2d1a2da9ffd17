import Foundation
import JSON
import Normalization
import Testing

/// A JSON row from text; fails the test when the text is not JSON.
func row(_ json: String) throws -> JSONValue {
    try JSONParser.parse(json)
}

/// An exact decimal from a literal written in the test.
func dec(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ExactDecimal {
    try #require(ExactDecimal.parse(text), "test literal \(text) is not a number", sourceLocation: sourceLocation)
}

/// Normalizes a row given as JSON text.
func normalize(_ json: String, accountCurrency: String? = nil) throws -> NormalizedInsight {
    Normalizer.normalize(try row(json), accountCurrency: accountCurrency)
}

/// `Fixtures/graph-samples` in this repository: real Graph responses kept as test fixtures.
func graphSamplesDirectory() -> URL {
    URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()  // NormalizationTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .appendingPathComponent("Fixtures/graph-samples", isDirectory: true)
}
