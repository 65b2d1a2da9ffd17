import Matching
import Testing

/// Creative ids are canonical `8-4-4-4-12` hex UUIDs (any case, stored lower case); nothing else is one.
@Suite struct CreativeIDTests {
    @Test(arguments: [
        ("d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6", "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6"),
        ("D4E5F6A7-1B2C-4D3E-8F90-A1B2C3D4E5F6", "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6"),
        ("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000"),
    ])
    func aUUIDIsKeptInLowerCase(text: String, id: String) throws {
        #expect(try CreativeID.validated(text) == id)
    }

    @Test(arguments: [
        "", "not-a-uuid", "7", "d4e5f6a7", "d4e5f6a71b2c4d3e8f90a1b2c3d4e5f6", "{d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6}",
        "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f", "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6a",
        "g4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6",
        "d4e5f6a7_1b2c_4d3e_8f90_a1b2c3d4e5f6", "d4e5f6a71-b2c-4d3e-8f90-a1b2c3d4e5f6",
        " d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6",
        "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f６",
    ])
    func anythingElseIsRefusedNamingTheText(text: String) {
        #expect(throws: MatchingError.invalidCreativeID(text)) { try CreativeID.validated(text) }
    }
}
