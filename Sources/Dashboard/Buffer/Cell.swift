/// One terminal cell: a single scalar and the role it is painted with.
///
/// A wide character occupies two cells: the leading cell holds the scalar, the next one
/// is a *trailer* (`isWideTrailer`, scalar `" "`) that the backend must skip, because
/// the terminal already advanced over it.
public struct Cell: Hashable, Sendable {
    public var scalar: Unicode.Scalar
    public var role: StyleRole
    public var isWideTrailer: Bool

    public init(_ scalar: Unicode.Scalar = " ", role: StyleRole = .text, isWideTrailer: Bool = false) {
        self.scalar = scalar
        self.role = role
        self.isWideTrailer = isWideTrailer
    }

    public static let blank = Cell()
}

/// A horizontal run of changed cells on one row, as produced by `CellBuffer.diff`.
/// `cells[i]` belongs at column `x + i`. Runs never start on a wide trailer and never
/// end between a wide character and its trailer.
public struct CellRun: Hashable, Sendable {
    public var y: Int
    public var x: Int
    public var cells: [Cell]

    public init(y: Int, x: Int, cells: [Cell]) {
        self.y = y
        self.x = x
        self.cells = cells
    }
}
