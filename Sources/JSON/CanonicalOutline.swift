/// Where the parts of a page stand in the canonical bytes ``RawCanonicalizer/canonicalPage(of:)`` wrote: the top-level
/// object's members, and the elements of its `data` array with each object element's members. A page reader takes
/// a page's rows and their identifying values from it, with no second pass over the bytes.
package struct CanonicalOutline: Sendable, Equatable {
    /// A member of an object: the ranges of its key's bytes (inside the quotes) and of its value's, in the canonical
    /// bytes.
    package struct Member: Sendable, Equatable {
        package let key: Range<Int>
        package let value: Range<Int>
    }

    /// An element of the `data` array: its bytes' range and, when it is an object, the range of its members in
    /// ``elementMembers``.
    package struct Element: Sendable, Equatable {
        package let range: Range<Int>
        package let members: Range<Int>?
    }

    /// The top-level object's members in key order; nil when the value is not an object.
    package internal(set) var members: [Member]?
    /// The elements of the top-level object's `data` member in order; nil when that member is absent or not an array.
    package internal(set) var elements: [Element]?
    /// The members of every object element, one element's after another's, each element's in key order.
    package internal(set) var elementMembers: [Member] = []

    /// Moves everything inside the `data` member's value by `offset` bytes (its object's members were reordered).
    mutating func shiftData(by offset: Int) {
        guard offset != 0, let elements else { return }
        self.elements = elements.map { Element(range: $0.range.shifted(by: offset), members: $0.members) }
        elementMembers = elementMembers.map {
            Member(key: $0.key.shifted(by: offset), value: $0.value.shifted(by: offset))
        }
    }
}

extension Range<Int> {
    fileprivate func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
