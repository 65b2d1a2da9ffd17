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

/// Normalizes a row given as JSON text through the byte reader (`Normalizer.normalize(canonical:…)`) over its
/// canonical bytes; fails the test when the reader leaves the row to the tree.
func normalizeBytes(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> NormalizedInsight {
    let bytes = try row(json).canonicalBytes
    let read = bytes.withUnsafeBufferPointer { buffer -> NormalizedInsight? in
        var scanner = CanonicalScanner(buffer, known: true)
        return Normalizer.normalize(canonical: &scanner, accountCurrency: nil, attribution: nil)
    }
    var insight = try #require(read, "the byte reader left \(json) to the tree", sourceLocation: sourceLocation)
    // The tree path's raw arrays are not the byte reader's to fill.
    let tree = try normalize(json)
    insight.rawActions = tree.rawActions
    insight.rawCosts = tree.rawCosts
    insight.rawActionValues = tree.rawActionValues
    return insight
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
