import CNcursesw
import Dashboard
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import TerminalBackend

@Suite struct KeyDecoderTests {
    @Test func functionKeysMapToNamedKeys() {
        #expect(KeyDecoder.functionKey(KEY_UP) == .up)
        #expect(KeyDecoder.functionKey(KEY_DOWN) == .down)
        #expect(KeyDecoder.functionKey(KEY_NPAGE) == .pageDown)
        #expect(KeyDecoder.functionKey(KEY_PPAGE) == .pageUp)
        #expect(KeyDecoder.functionKey(KEY_BTAB) == .backTab)
        #expect(KeyDecoder.functionKey(KEY_RESIZE) == .resize)
        #expect(KeyDecoder.functionKey(KEY_F0 + 1) == .f1)
        #expect(KeyDecoder.functionKey(KEY_F0 + 12) == .function(12))
        #expect(KeyDecoder.functionKey(KEY_MOUSE) == nil)
    }

    @Test func controlCharactersBecomeNamedKeys() {
        #expect(KeyDecoder.character(9) == .tab)
        #expect(KeyDecoder.character(13) == .enter)
        #expect(KeyDecoder.character(27) == .escape)
        #expect(KeyDecoder.character(127) == .backspace)
        #expect(KeyDecoder.character(4) == .ctrlD)
        #expect(KeyDecoder.character(21) == .ctrlU)
        #expect(KeyDecoder.character(3) == .ctrlC)
    }

    @Test func printableAndWideCharactersPassThrough() {
        #expect(KeyDecoder.character(UInt32(UInt8(ascii: "j"))) == .char("j"))
        #expect(KeyDecoder.character(0xE9) == .char("é"))
        #expect(KeyDecoder.character(0x65E5) == .char("日"))
        #expect(KeyDecoder.character(0xD800) == nil, "a lone surrogate is not a key")
    }
}

@Suite struct CursesTerminalTests {
    /// Under `swift test` standard output is a pipe: the backend must refuse rather than
    /// write escape sequences into it.
    @Test(.enabled(if: isatty(1) == 0, "stdout is a terminal in this run"))
    func refusesWhenStandardOutputIsNotATerminal() throws {
        #expect(throws: TerminalError.self) { _ = try CursesTerminal(options: TerminalOptions()) }
    }
}
